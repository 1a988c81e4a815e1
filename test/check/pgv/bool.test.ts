/** PGV bool.const: pgv-bool. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({ True: 'bool v = 1 [(validate.rules).bool.const = true];' });

test('the value must be the constant; unset counts as false', () => {
  assert.deepEqual(verdict(schema, 'True', true), []);
  assert.deepEqual(verdict(schema, 'True', false), ['pgv-bool@v']);
  assert.deepEqual(verdict(schema, 'True'), ['pgv-bool@v']);
});
