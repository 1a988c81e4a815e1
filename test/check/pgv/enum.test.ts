/** PGV enum rules: defined_only, const, in, not_in: pgv-enum. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Defined: 'Color v = 1 [(validate.rules).enum.defined_only = true];',
  Const: 'Color v = 1 [(validate.rules).enum.const = 2];',
  In: 'Color v = 1 [(validate.rules).enum = {in: [1, 2]}];',
  NotIn: 'Color v = 1 [(validate.rules).enum = {not_in: [0]}];',
});
const bad = ['pgv-enum@v'];

test('defined_only refuses numbers that name no value', () => {
  assert.deepEqual(verdict(schema, 'Defined', 'BLUE'), []);
  assert.deepEqual(verdict(schema, 'Defined', 3), []);
  assert.deepEqual(verdict(schema, 'Defined', 42), bad);
});

test('const, in and not_in, also on the unset value 0', () => {
  assert.deepEqual(verdict(schema, 'Const', 'GREEN'), []);
  assert.deepEqual(verdict(schema, 'Const', 'RED'), bad);
  assert.deepEqual(verdict(schema, 'In', 'RED'), []);
  assert.deepEqual(verdict(schema, 'In', 'BLUE'), bad);
  assert.deepEqual(verdict(schema, 'NotIn', 'RED'), []);
  assert.deepEqual(verdict(schema, 'NotIn'), bad);
});
