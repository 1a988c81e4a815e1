import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessage } from '../../../src/check/index.js';
import { check, cluster, TYPE } from '../helpers.js';

test('an inline load assignment named after another cluster warns', () => {
  const c = cluster();
  c['load_assignment']['cluster_name'] = 'frontend';
  assert.deepEqual(check(TYPE.cluster, c), ['load-assignment-name-mismatch@load_assignment.cluster_name']);
  assert.equal(checkMessage(TYPE.cluster, c)[0]?.severity, 'warning');
});

test('matching names are fine', () => {
  assert.deepEqual(check(TYPE.cluster, cluster()), []);
});
