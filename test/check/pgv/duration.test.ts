/** PGV Duration rules: required (pgv-required), ranges and sets (pgv-duration). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Positive: 'google.protobuf.Duration v = 1 [(validate.rules).duration.gt = {}];',
  Window: 'google.protobuf.Duration v = 1 [(validate.rules).duration = {gte: {nanos: 1000000}, lt: {seconds: 300}}];',
  Required: 'google.protobuf.Duration v = 1 [(validate.rules).duration.required = true];',
  In: 'google.protobuf.Duration v = 1 [(validate.rules).duration = {in: [{seconds: 1}, {seconds: 5}]}];',
  Const: 'google.protobuf.Duration v = 1 [(validate.rules).duration.const = {seconds: 1, nanos: 500000000}];',
});
const bad = ['pgv-duration@v'];

test('gt {} means strictly positive; an unset Duration is not checked', () => {
  assert.deepEqual(verdict(schema, 'Positive', '0.001s'), []);
  assert.deepEqual(verdict(schema, 'Positive', '0s'), bad);
  assert.deepEqual(verdict(schema, 'Positive', '-1s'), bad);
  assert.deepEqual(verdict(schema, 'Positive'), []);
});

test('ranges compare to the nanosecond', () => {
  assert.deepEqual(verdict(schema, 'Window', '0.001s'), []);
  assert.deepEqual(verdict(schema, 'Window', '0.000999999s'), bad);
  assert.deepEqual(verdict(schema, 'Window', '299.999999999s'), []);
  assert.deepEqual(verdict(schema, 'Window', '300s'), bad);
});

test('required, in, const', () => {
  assert.deepEqual(verdict(schema, 'Required'), ['pgv-required@v']);
  assert.deepEqual(verdict(schema, 'In', '5s'), []);
  assert.deepEqual(verdict(schema, 'In', '2s'), bad);
  assert.deepEqual(verdict(schema, 'Const', '1.5s'), []);
  assert.deepEqual(verdict(schema, 'Const', '1.6s'), bad);
});
