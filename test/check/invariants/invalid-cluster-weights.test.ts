import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE } from '../helpers.js';

const routes = (weighted: Record<string, unknown>) => ({
  name: 'r',
  virtual_hosts: [{ name: 'v', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { weighted_clusters: weighted } }] }],
});
const AT = 'virtual_hosts[0].routes[0].route.weighted_clusters';

test('weights that add up to 0', () => {
  assert.deepEqual(check(TYPE.route, routes({ clusters: [{ name: 'a', weight: 0 }, { name: 'b' }] })), [`invalid-cluster-weights@${AT}.clusters`]);
});

test('weights that differ from total_weight', () => {
  assert.deepEqual(
    check(
      TYPE.route,
      routes({
        clusters: [
          { name: 'a', weight: 30 },
          { name: 'b', weight: 30 },
        ],
        total_weight: 100,
      }),
    ),
    ['envoy-deprecated@virtual_hosts[0].routes[0].route.weighted_clusters.total_weight', `invalid-cluster-weights@${AT}.total_weight`],
  );
});

test('any positive sum is fine', () => {
  assert.deepEqual(
    check(
      TYPE.route,
      routes({
        clusters: [
          { name: 'a', weight: 1 },
          { name: 'b', weight: 0 },
        ],
      }),
    ),
    [],
  );
});
