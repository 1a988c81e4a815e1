/** PGV list rules (min_items, max_items, unique, items): pgv-repeated, items under their own codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  MinItems: 'repeated string v = 1 [(validate.rules).repeated.min_items = 1];',
  MaxItems: 'repeated string v = 1 [(validate.rules).repeated.max_items = 2];',
  Unique: 'repeated double v = 1 [(validate.rules).repeated.unique = true];',
  Items: 'repeated uint32 v = 1 [(validate.rules).repeated.items.uint32 = {gte: 1, lte: 65535}];',
  ItemStrings: 'repeated string v = 1 [(validate.rules).repeated.items.string.min_len = 1];',
  Messages: 'repeated Item v = 1;',
  SkipItems: 'repeated Item v = 1 [(validate.rules).repeated.items.message.skip = true];',
  IgnoreEmpty: 'repeated string v = 1 [(validate.rules).repeated = {min_items: 2, ignore_empty: true}];',
});

test('min_items and max_items (an unset list is empty)', () => {
  assert.deepEqual(verdict(schema, 'MinItems'), ['pgv-repeated@v']);
  assert.deepEqual(verdict(schema, 'MinItems', ['a']), []);
  assert.deepEqual(verdict(schema, 'MaxItems', ['a', 'b', 'c']), ['pgv-repeated@v']);
});

test('unique', () => {
  assert.deepEqual(verdict(schema, 'Unique', [1, 2]), []);
  assert.deepEqual(verdict(schema, 'Unique', [1, 2, 1]), ['pgv-repeated@v']);
});

test('item rules are reported at the item', () => {
  assert.deepEqual(verdict(schema, 'Items', [80, 0, 70000]), ['pgv-number@v[1]', 'pgv-number@v[2]']);
  assert.deepEqual(verdict(schema, 'ItemStrings', ['a', '']), ['pgv-string-length@v[1]']);
});

test('items that are messages validate themselves, unless skipped', () => {
  assert.deepEqual(verdict(schema, 'Messages', [{ name: 'a' }, {}]), ['pgv-string-length@v[1].name']);
  assert.deepEqual(verdict(schema, 'SkipItems', [{ name: 'a' }, {}]), []);
});

test('ignore_empty', () => {
  assert.deepEqual(verdict(schema, 'IgnoreEmpty'), []);
  assert.deepEqual(verdict(schema, 'IgnoreEmpty', ['a']), ['pgv-repeated@v']);
});
