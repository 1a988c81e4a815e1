/** PGV bytes rules, on the decoded bytes: pgv-bytes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  MinLen: 'bytes v = 1 [(validate.rules).bytes.min_len = 3];',
  MaxLen: 'bytes v = 1 [(validate.rules).bytes.max_len = 2];',
  Len: 'bytes v = 1 [(validate.rules).bytes.len = 4];',
  Prefix: 'bytes v = 1 [(validate.rules).bytes.prefix = "ab"];',
  Pattern: 'bytes v = 1 [(validate.rules).bytes.pattern = "^[a-z]+$"];',
  Ipv4: 'bytes v = 1 [(validate.rules).bytes.ipv4 = true];',
  Ip: 'bytes v = 1 [(validate.rules).bytes.ip = true];',
});
const bad = ['pgv-bytes@v'];
const b64 = (s: string | number[]) => Buffer.from(s as string).toString('base64');

test('lengths count decoded bytes', () => {
  assert.deepEqual(verdict(schema, 'MinLen', b64('abc')), []);
  assert.deepEqual(verdict(schema, 'MinLen', b64('ab')), bad);
  assert.deepEqual(verdict(schema, 'MaxLen', b64('abc')), bad);
  assert.deepEqual(verdict(schema, 'Len', b64('abcd')), []);
  assert.deepEqual(verdict(schema, 'Len', b64('abc')), bad);
});

test('content and pattern rules', () => {
  assert.deepEqual(verdict(schema, 'Prefix', b64('abc')), []);
  assert.deepEqual(verdict(schema, 'Prefix', b64('xbc')), bad);
  assert.deepEqual(verdict(schema, 'Pattern', b64('abc')), []);
  assert.deepEqual(verdict(schema, 'Pattern', b64('ABC')), bad);
});

test('ip rules check the length of a packed address', () => {
  assert.deepEqual(verdict(schema, 'Ipv4', b64([10, 0, 0, 1])), []);
  assert.deepEqual(verdict(schema, 'Ipv4', b64([10, 0, 0])), bad);
  assert.deepEqual(verdict(schema, 'Ip', b64(new Array<number>(16).fill(0))), []);
  assert.deepEqual(verdict(schema, 'Ip', b64([1, 2])), bad);
});
