/** PGV numeric rules (int32/64, uint32/64, sint, fixed, float, double; wrappers): pgv-number. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Gt: 'int32 v = 1 [(validate.rules).int32 = {gt: 0}];',
  Range: 'uint32 v = 1 [(validate.rules).uint32 = {gte: 10, lte: 20}];',
  Lt64: 'int64 v = 1 [(validate.rules).int64 = {lt: 100}];',
  In64: 'uint64 v = 1 [(validate.rules).uint64 = {in: [1, 2, 3]}];',
  NotIn: 'sint32 v = 1 [(validate.rules).sint32 = {not_in: [7]}];',
  Outside: 'double v = 1 [(validate.rules).double = {gt: 10, lt: 5}];',
  Const: 'float v = 1 [(validate.rules).float = {const: 1.5}];',
  Fixed: 'fixed32 v = 1 [(validate.rules).fixed32 = {lte: 5}];',
  Wrapped: 'google.protobuf.UInt32Value v = 1 [(validate.rules).uint32 = {gte: 1}];',
  IgnoreEmpty: 'int32 v = 1 [(validate.rules).int32 = {gte: 5, ignore_empty: true}];',
  Optional: 'optional int32 v = 1 [(validate.rules).int32 = {gt: 0}];',
});

const bad = ['pgv-number@v'];

test('gt / gte / lt / lte', () => {
  assert.deepEqual(verdict(schema, 'Gt', 1), []);
  assert.deepEqual(verdict(schema, 'Gt', 0), bad);
  assert.deepEqual(verdict(schema, 'Range', 10), []);
  assert.deepEqual(verdict(schema, 'Range', 20), []);
  assert.deepEqual(verdict(schema, 'Range', 9), bad);
  assert.deepEqual(verdict(schema, 'Range', 21), bad);
  assert.deepEqual(verdict(schema, 'Fixed', 6), bad);
});

test('64-bit values compare exactly, as strings or numbers', () => {
  assert.deepEqual(verdict(schema, 'Lt64', '99'), []);
  assert.deepEqual(verdict(schema, 'Lt64', '100'), bad);
  assert.deepEqual(verdict(schema, 'Lt64', '-9223372036854775808'), []);
  assert.deepEqual(verdict(schema, 'In64', '2'), []);
  assert.deepEqual(verdict(schema, 'In64', 4), bad);
});

test('in / not_in / const', () => {
  assert.deepEqual(verdict(schema, 'NotIn', 6), []);
  assert.deepEqual(verdict(schema, 'NotIn', 7), bad);
  assert.deepEqual(verdict(schema, 'Const', 1.5), []);
  assert.deepEqual(verdict(schema, 'Const', 2), bad);
});

test('a lower bound above the upper bound means "outside the range"', () => {
  assert.deepEqual(verdict(schema, 'Outside', 4), []);
  assert.deepEqual(verdict(schema, 'Outside', 11), []);
  assert.deepEqual(verdict(schema, 'Outside', 7), bad);
});

test('an unset scalar is checked as 0, unless it has explicit presence', () => {
  assert.deepEqual(verdict(schema, 'Gt'), bad);
  assert.deepEqual(verdict(schema, 'Optional'), []);
  assert.deepEqual(verdict(schema, 'Optional', 0), bad);
});

test('wrappers are checked only when set', () => {
  assert.deepEqual(verdict(schema, 'Wrapped'), []);
  assert.deepEqual(verdict(schema, 'Wrapped', 1), []);
  assert.deepEqual(verdict(schema, 'Wrapped', 0), bad);
});

test('ignore_empty skips the rules for 0', () => {
  assert.deepEqual(verdict(schema, 'IgnoreEmpty'), []);
  assert.deepEqual(verdict(schema, 'IgnoreEmpty', 3), bad);
});
