/** PGV string lengths, in characters and in UTF-8 bytes: pgv-string-length. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  MinLen: 'string v = 1 [(validate.rules).string.min_len = 2];',
  MaxLen: 'string v = 1 [(validate.rules).string.max_len = 3];',
  Len: 'string v = 1 [(validate.rules).string.len = 2];',
  MinBytes: 'string v = 1 [(validate.rules).string.min_bytes = 2];',
  MaxBytes: 'string v = 1 [(validate.rules).string.max_bytes = 3];',
  LenBytes: 'string v = 1 [(validate.rules).string.len_bytes = 2];',
  IgnoreEmpty: 'string v = 1 [(validate.rules).string = {min_len: 3, ignore_empty: true}];',
});
const bad = ['pgv-string-length@v'];

test('min_len / max_len / len count characters, not bytes', () => {
  assert.deepEqual(verdict(schema, 'MinLen', 'ab'), []);
  assert.deepEqual(verdict(schema, 'MinLen', 'é'), bad);
  assert.deepEqual(verdict(schema, 'MaxLen', 'ééé'), []);
  assert.deepEqual(verdict(schema, 'MaxLen', 'abcd'), bad);
  assert.deepEqual(verdict(schema, 'Len', '😀😀'), []);
  assert.deepEqual(verdict(schema, 'Len', 'abc'), bad);
});

test('min_bytes / max_bytes / len_bytes count UTF-8 bytes', () => {
  assert.deepEqual(verdict(schema, 'MinBytes', 'é'), []);
  assert.deepEqual(verdict(schema, 'MinBytes', 'a'), bad);
  assert.deepEqual(verdict(schema, 'MaxBytes', 'éé'), bad);
  assert.deepEqual(verdict(schema, 'LenBytes', 'é'), []);
  assert.deepEqual(verdict(schema, 'LenBytes', 'abc'), bad);
});

test('an unset string is empty: min_len makes it required', () => {
  assert.deepEqual(verdict(schema, 'MinLen'), bad);
  assert.deepEqual(verdict(schema, 'MaxLen'), []);
});

test('ignore_empty (newer than the vendored validate.proto) skips empty strings', () => {
  assert.deepEqual(verdict(schema, 'IgnoreEmpty'), []);
  assert.deepEqual(verdict(schema, 'IgnoreEmpty', ''), []);
  assert.deepEqual(verdict(schema, 'IgnoreEmpty', 'ab'), bad);
});
