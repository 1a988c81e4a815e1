import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE, URL } from '../helpers.js';

test('a resource of another type than the response type_url', () => {
  const response = {
    type_url: URL.route,
    resources: [
      { '@type': URL.route, name: 'r' },
      { '@type': URL.endpoint, cluster_name: 'c' },
    ],
  };
  assert.deepEqual(check(TYPE.discovery, response), ['resource-type-mismatch@resources[1].@type']);
});

test('without type_url nothing is compared', () => {
  const response = {
    resources: [
      { '@type': URL.route, name: 'r' },
      { '@type': URL.endpoint, cluster_name: 'c' },
    ],
  };
  assert.deepEqual(check(TYPE.discovery, response), []);
});
