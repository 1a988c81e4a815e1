/** PGV message-level switches: `message.skip` on a field and `(validate.disabled)` on a message. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Checked: 'Item v = 1;',
  Skipped: 'Item v = 1 [(validate.rules).message.skip = true];',
  Disabled: 'option (validate.disabled) = true; string v = 1 [(validate.rules).string.min_len = 5]; Item item = 2;',
  HoldsDisabled: 'Disabled v = 1;',
});

test('nested messages validate themselves', () => {
  assert.deepEqual(verdict(schema, 'Checked', {}), ['pgv-string-length@v.name']);
});

test('skip turns validation off below the field, not structure checks', () => {
  assert.deepEqual(verdict(schema, 'Skipped', {}), []);
  assert.deepEqual(verdict(schema, 'Skipped', { nam: 'x' }), ['envoy-unknown-field@v.nam']);
});

test('a disabled message has no rules, nor have the messages below it', () => {
  assert.deepEqual(verdict(schema, 'Disabled', 'ab'), []);
  assert.deepEqual(verdict(schema, 'HoldsDisabled', { v: 'ab', item: {} }), []);
});
