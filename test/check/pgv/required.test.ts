/** PGV required: message fields (message.required) and oneofs ((validate.required)): pgv-required. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Message: 'Item v = 1 [(validate.rules).message.required = true];',
  Oneof: 'oneof choice { option (validate.required) = true; string a = 1; Item b = 2; }',
  OneofMemberRules: 'oneof choice { string a = 1 [(validate.rules).string.min_len = 3]; Item b = 2 [(validate.rules).message.required = true]; }',
  Wrapper: 'google.protobuf.UInt32Value v = 1 [(validate.rules).message.required = true];',
});

test('a required message must be present; an empty one counts', () => {
  assert.deepEqual(verdict(schema, 'Message'), ['pgv-required@v']);
  assert.deepEqual(verdict(schema, 'Message', { name: 'x' }), []);
  assert.deepEqual(verdict(schema, 'Message', {}), ['pgv-string-length@v.name']);
});

test('a required oneof needs one member; a member set to its default counts', () => {
  assert.deepEqual(verdict(schema, 'Oneof'), ['pgv-required@']);
  assert.deepEqual(verdict(schema, 'Oneof', undefined), ['pgv-required@']);
  assert.deepEqual(checkOneof({ a: '' }), []);
  assert.deepEqual(checkOneof({ b: { name: 'x' } }), []);
  assert.deepEqual(checkOneof({ a: null }), ['pgv-required@']);
});

test('rules of oneof members apply only to the member that is set', () => {
  assert.deepEqual(checkMembers({}), []);
  assert.deepEqual(checkMembers({ a: 'ab' }), ['pgv-string-length@a']);
  assert.deepEqual(checkMembers({ b: { name: 'x' } }), []);
});

test('a required wrapper', () => {
  assert.deepEqual(verdict(schema, 'Wrapper'), ['pgv-required@v']);
  assert.deepEqual(verdict(schema, 'Wrapper', 0), []);
});

import { checkIn } from '../helpers.js';
function checkOneof(value: object): string[] {
  return checkIn(schema, 'meshc.test.Oneof', value);
}
function checkMembers(value: object): string[] {
  return checkIn(schema, 'meshc.test.OneofMemberRules', value);
}
