import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAll, listener, TYPE, URL, type Config } from '../helpers.js';

function rdsListener(name: string): Config {
  const l = listener();
  const hcm = l['filter_chains'][0]['filters'][0]['typed_config'];
  delete hcm['route_config'];
  hcm['rds'] = { route_config_name: name, config_source: { path_config_source: { path: '/etc/envoy/rds.yaml' } } };
  return l;
}
const routes = { resources: [{ '@type': URL.route, name: 'local', virtual_hosts: [] }] };

test('an RDS name that the route configurations checked together do not provide', () => {
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.listener, value: rdsListener('locl') },
      { typeName: TYPE.discovery, value: routes },
    ]),
    ['unknown-route-config@filter_chains[0].filters[0].typed_config.rds.route_config_name'],
  );
});

test('a provided name is fine', () => {
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.listener, value: rdsListener('local') },
      { typeName: TYPE.discovery, value: routes },
    ]),
    [],
  );
});

test('without any RDS resources, names cannot be checked', () => {
  assert.deepEqual(checkAll([{ typeName: TYPE.listener, value: rdsListener('anything') }]), []);
});
