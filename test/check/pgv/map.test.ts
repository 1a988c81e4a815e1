/** PGV map rules (min_pairs, max_pairs, keys, values): pgv-map, keys and values under their own codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  MinPairs: 'map<string, string> v = 1 [(validate.rules).map.min_pairs = 1];',
  MaxPairs: 'map<string, string> v = 1 [(validate.rules).map.max_pairs = 1];',
  Keys: 'map<string, string> v = 1 [(validate.rules).map.keys.string.min_len = 2];',
  Values: 'map<string, uint32> v = 1 [(validate.rules).map.values.uint32.gt = 0];',
  IntKeys: 'map<int32, string> v = 1 [(validate.rules).map.keys.int32.gte = 0];',
});

test('min_pairs and max_pairs', () => {
  assert.deepEqual(verdict(schema, 'MinPairs'), ['pgv-map@v']);
  assert.deepEqual(verdict(schema, 'MinPairs', { a: 'b' }), []);
  assert.deepEqual(verdict(schema, 'MaxPairs', { a: 'b', c: 'd' }), ['pgv-map@v']);
});

test('key and value rules are reported at the entry', () => {
  assert.deepEqual(verdict(schema, 'Keys', { ab: 'x', c: 'y' }), ['pgv-string-length@v.c']);
  assert.deepEqual(verdict(schema, 'Values', { a: 1, b: 0 }), ['pgv-number@v.b']);
  assert.deepEqual(verdict(schema, 'IntKeys', { '1': 'x', '-1': 'y' }), ['pgv-number@v["-1"]']);
});

test('map keys must parse as the key type', () => {
  assert.deepEqual(verdict(schema, 'IntKeys', { one: 'x' }), ['envoy-wrong-type@v.one']);
});
