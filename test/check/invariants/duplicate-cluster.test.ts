import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, check, checkAll, cluster, TYPE, URL } from '../helpers.js';

test('two static clusters with one name', () => {
  const b = bootstrap();
  b['static_resources']['clusters'].push(structuredClone(b['static_resources']['clusters'][0]));
  assert.deepEqual(check(TYPE.bootstrap, b), ['duplicate-cluster@static_resources.clusters[1].name']);
});

test('within one CDS response', () => {
  const response = {
    resources: [
      { '@type': URL.cluster, ...cluster() },
      { '@type': URL.cluster, ...cluster() },
    ],
  };
  assert.deepEqual(check(TYPE.discovery, response), ['duplicate-cluster@resources[1].name']);
});

test('distinct names are fine', () => {
  const other = cluster();
  other['name'] = 'other';
  other['load_assignment']['cluster_name'] = 'other';
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.cluster, value: cluster() },
      { typeName: TYPE.cluster, value: other },
    ]),
    [],
  );
});
