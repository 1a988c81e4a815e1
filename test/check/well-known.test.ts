/** Well-known types no Envoy config field uses, on a test schema: FieldMask, ListValue, Empty. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIn, testSchema } from './helpers.js';

const schema = testSchema(`
syntax = "proto3";
package meshc.test;
import "google/protobuf/field_mask.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/empty.proto";
message Holder {
  google.protobuf.FieldMask mask = 1;
  google.protobuf.ListValue list = 2;
  google.protobuf.Empty empty = 3;
  google.protobuf.Value value = 4;
}
`);
const check = (value: unknown, strict = false) => checkIn(schema, 'meshc.test.Holder', value, { strict });

test('FieldMask: one string of comma-separated lowerCamel paths', () => {
  assert.deepEqual(check({ mask: 'fooBar,baz.quxQuux' }), []);
  assert.deepEqual(check({ mask: '' }), []);
  assert.deepEqual(check({ mask: ['fooBar'] }), ['envoy-wrong-type@mask']);
  assert.deepEqual(check({ mask: 'foo bar' }), ['envoy-invalid-field-mask@mask']);
  assert.deepEqual(check({ mask: 'foo_bar' }), []);
  assert.deepEqual(check({ mask: 'foo_bar' }, true), ['envoy-non-canonical@mask']);
});

test('ListValue takes a list, Empty an empty object, Value anything (null included)', () => {
  assert.deepEqual(check({ list: [1, 'a', null, { b: [true] }], empty: {}, value: null }), []);
  assert.deepEqual(check({ list: { a: 1 } }), ['envoy-wrong-type@list']);
  assert.deepEqual(check({ empty: { a: 1 } }), ['envoy-unknown-field@empty.a']);
});
