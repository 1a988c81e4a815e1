import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkAll, cluster, TYPE, URL, type Config } from '../helpers.js';

function edsCluster(edsConfig: unknown): Config {
  const c = cluster();
  delete c['load_assignment'];
  c['type'] = 'EDS';
  c['eds_cluster_config'] = edsConfig === undefined ? {} : { eds_config: edsConfig, service_name: 'backend-eds' };
  return c;
}
const PATH_SOURCE = { path_config_source: { path: '/etc/envoy/eds.yaml' } };

test('an EDS cluster without an eds_config', () => {
  assert.deepEqual(check(TYPE.cluster, edsCluster(undefined)), ['unknown-endpoints@eds_cluster_config']);
});

test('an EDS service name that the endpoint assignments checked together do not provide', () => {
  const assignment = { '@type': URL.endpoint, cluster_name: 'other' };
  const endpoints = { resources: [assignment] };
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.cluster, value: edsCluster(PATH_SOURCE) },
      { typeName: TYPE.discovery, value: endpoints },
    ]),
    ['unknown-endpoints@eds_cluster_config'],
  );
  assignment.cluster_name = 'backend-eds';
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.cluster, value: edsCluster(PATH_SOURCE) },
      { typeName: TYPE.discovery, value: endpoints },
    ]),
    [],
  );
});

test('without any EDS resources, only the eds_config is required', () => {
  assert.deepEqual(check(TYPE.cluster, edsCluster(PATH_SOURCE)), []);
});
