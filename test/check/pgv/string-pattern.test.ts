/** PGV `pattern` runs on RE2, not on JavaScript regular expressions: pgv-string-pattern. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Path: 'string v = 1 [(validate.rules).string.pattern = "^[^?#]+[^?#/]$"];',
  // (?i) is RE2 syntax that JavaScript regexes do not have.
  CaseInsensitive: 'string v = 1 [(validate.rules).string.pattern = "(?i)^abc$"];',
  Broken: 'string v = 1 [(validate.rules).string.pattern = "a(b"];',
  Partial: 'string v = 1 [(validate.rules).string.pattern = "[0-9]"];',
});
const bad = ['pgv-string-pattern@v'];

test('the value must contain a match', () => {
  assert.deepEqual(verdict(schema, 'Path', '/api/v1'), []);
  assert.deepEqual(verdict(schema, 'Path', '/api/'), bad);
  assert.deepEqual(verdict(schema, 'Partial', 'v1'), []);
  assert.deepEqual(verdict(schema, 'Partial', 'v'), bad);
});

test('RE2 syntax', () => {
  assert.deepEqual(verdict(schema, 'CaseInsensitive', 'ABC'), []);
  assert.deepEqual(verdict(schema, 'CaseInsensitive', 'abd'), bad);
});

test('a pattern RE2 cannot compile is reported rather than thrown', () => {
  assert.deepEqual(verdict(schema, 'Broken', 'x'), bad);
});
