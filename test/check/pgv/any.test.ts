/** PGV Any rules: required (pgv-required), in and not_in (pgv-any). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const ITEM = 'type.googleapis.com/meshc.test.Item';
const OTHER = 'type.googleapis.com/meshc.test.Other';
const schema = ruleSchema({
  Other: 'string x = 1;',
  Required: 'google.protobuf.Any v = 1 [(validate.rules).any.required = true];',
  In: `google.protobuf.Any v = 1 [(validate.rules).any = {in: ["${ITEM}"]}];`,
  NotIn: `google.protobuf.Any v = 1 [(validate.rules).any = {not_in: ["${ITEM}"]}];`,
});

test('required', () => {
  assert.deepEqual(verdict(schema, 'Required'), ['pgv-required@v']);
  assert.deepEqual(verdict(schema, 'Required', { '@type': ITEM, name: 'a' }), []);
});

test('in and not_in compare type URLs', () => {
  assert.deepEqual(verdict(schema, 'In', { '@type': ITEM, name: 'a' }), []);
  assert.deepEqual(verdict(schema, 'In', { '@type': OTHER }), ['pgv-any@v']);
  assert.deepEqual(verdict(schema, 'NotIn', { '@type': ITEM, name: 'a' }), ['pgv-any@v']);
  assert.deepEqual(verdict(schema, 'NotIn', { '@type': OTHER }), []);
});

test('rules inside the payload apply too', () => {
  assert.deepEqual(verdict(schema, 'In', { '@type': ITEM }), ['pgv-string-length@v.name']);
});
