import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessage } from '../../../src/check/index.js';
import { schemaHas } from './support.js';
import { bootstrap, check, checkAll, cluster, TYPE, URL, type Config } from '../helpers.js';
import { CLUSTER_REFERENCES } from '../../../src/check/invariants/unknown-cluster.js';

const ROUTE = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route';

function withRoute(route: Record<string, unknown>): Config {
  const b = bootstrap();
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config']['route_config']['virtual_hosts'][0]['routes'][0]['route'] = route;
  return b;
}

test('a route to a cluster that does not exist, with a suggestion', () => {
  const problems = checkMessage(TYPE.bootstrap, withRoute({ cluster: 'backnd' }));
  assert.deepEqual(problems.map((p) => `${p.name}@${p.path}`), [`unknown-cluster@${ROUTE}.cluster`]);
  assert.match(problems[0]?.message ?? '', /did you mean "backend"/);
});

test('weighted clusters and mirror policies', () => {
  const route = {
    weighted_clusters: { clusters: [{ name: 'backend', weight: 90 }, { name: 'canary', weight: 10 }] },
    request_mirror_policies: [{ cluster: 'shadow' }],
  };
  assert.deepEqual(check(TYPE.bootstrap, withRoute(route)), [
    `unknown-cluster@${ROUTE}.request_mirror_policies[0].cluster`,
    `unknown-cluster@${ROUTE}.weighted_clusters.clusters[1].name`,
  ]);
});

test('tcp_proxy', () => {
  const b = bootstrap();
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'] = [
    { name: 'tcp', typed_config: { '@type': URL.tcpProxy, stat_prefix: 'tcp', cluster: 'nowhere' } },
  ];
  assert.deepEqual(check(TYPE.bootstrap, b), ['unknown-cluster@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.cluster']);
});

test('not checked when clusters may come from CDS', () => {
  const b = withRoute({ cluster: 'from-cds' });
  b['dynamic_resources'] = { cds_config: { path_config_source: { path: '/etc/envoy/cds.yaml' } } };
  assert.deepEqual(check(TYPE.bootstrap, b), []);
});

test('checked against CDS resources given together', () => {
  const b = withRoute({ cluster: 'from-cds' });
  b['dynamic_resources'] = { cds_config: { path_config_source: { path: '/etc/envoy/cds.yaml' } } };
  const cds = cluster();
  cds['name'] = 'from-cds';
  cds['load_assignment']['cluster_name'] = 'from-cds';
  const resources: Config[] = [{ '@type': URL.cluster, ...cds }];
  const response = { resources };
  assert.deepEqual(checkAll([{ typeName: TYPE.bootstrap, value: b }, { typeName: TYPE.discovery, value: response }]), []);
  resources[0]!['name'] = 'renamed';
  resources[0]!['load_assignment']['cluster_name'] = 'renamed';
  assert.deepEqual(checkAll([{ typeName: TYPE.bootstrap, value: b }, { typeName: TYPE.discovery, value: response }]), [`unknown-cluster@${ROUTE}.cluster`]);
});

test('a route table with validate_clusters: false is left alone', () => {
  const b = withRoute({ cluster: 'later' });
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config']['route_config']['validate_clusters'] = false;
  assert.deepEqual(check(TYPE.bootstrap, b), []);
});

test('every reference in the table names a real field', () => {
  for (const [type, field] of CLUSTER_REFERENCES) assert.ok(schemaHas(type, field), `${type}.${field}`);
});
