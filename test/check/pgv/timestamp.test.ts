/** PGV Timestamp rules: ranges, lt_now, gt_now, within (pgv-timestamp); required (pgv-required). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  After2000: 'google.protobuf.Timestamp v = 1 [(validate.rules).timestamp.gt = {seconds: 946684800}];',
  Past: 'google.protobuf.Timestamp v = 1 [(validate.rules).timestamp.lt_now = true];',
  Future: 'google.protobuf.Timestamp v = 1 [(validate.rules).timestamp.gt_now = true];',
  Within: 'google.protobuf.Timestamp v = 1 [(validate.rules).timestamp.within = {seconds: 3600}];',
  Required: 'google.protobuf.Timestamp v = 1 [(validate.rules).timestamp.required = true];',
});
const bad = ['pgv-timestamp@v'];
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

test('absolute bounds', () => {
  assert.deepEqual(verdict(schema, 'After2000', '2024-01-01T00:00:00Z'), []);
  assert.deepEqual(verdict(schema, 'After2000', '1999-12-31T23:59:59Z'), bad);
});

test('relative to now', () => {
  assert.deepEqual(verdict(schema, 'Past', iso(-60_000)), []);
  assert.deepEqual(verdict(schema, 'Past', iso(3_600_000)), bad);
  assert.deepEqual(verdict(schema, 'Future', iso(3_600_000)), []);
  assert.deepEqual(verdict(schema, 'Future', iso(-60_000)), bad);
  assert.deepEqual(verdict(schema, 'Within', iso(-60_000)), []);
  assert.deepEqual(verdict(schema, 'Within', iso(-7_200_000)), bad);
});

test('required', () => {
  assert.deepEqual(verdict(schema, 'Required'), ['pgv-required@v']);
});
