/**
 * A google.protobuf.Duration written as an object. Envoy loads YAML/JSON with protobuf's
 * JsonStringToMessage, which turns on allow_legacy_syntax (src/google/protobuf/json/json.cc); in
 * that mode ParseMessage (src/google/protobuf/json/internal/parser.cc) reads an object for a
 * Duration as the plain message with `seconds` and `nanos`. Envoy then refuses durations out of
 * range (source/common/protobuf/utility.cc, validateDuration / validateDurationFields).
 * Canonical proto3 JSON is the string, so strict mode still asks for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, cluster, TYPE } from './helpers.js';

function withTimeout(timeout: unknown, strict = false): string[] {
  const c = cluster();
  c['connect_timeout'] = timeout;
  return check(TYPE.cluster, c, { strict });
}

test('seconds, nanos, or both are accepted by default, and are non-canonical in strict mode', () => {
  for (const timeout of [{ seconds: 300 }, { nanos: 500000000 }, { seconds: 1, nanos: 5 }, { seconds: '2' }]) {
    assert.deepEqual(withTimeout(timeout), [], JSON.stringify(timeout));
    assert.deepEqual(withTimeout(timeout, true), ['envoy-non-canonical@connect_timeout'], JSON.stringify(timeout));
  }
});

test('the object means the same as the string: PGV rules see its value', () => {
  // connect_timeout must be > 0s.
  assert.deepEqual(withTimeout({ seconds: 0 }), ['pgv-duration@connect_timeout']);
  assert.deepEqual(withTimeout({}), ['pgv-duration@connect_timeout']);
  assert.deepEqual(withTimeout({ seconds: -1 }), ['pgv-duration@connect_timeout']);
  assert.deepEqual(withTimeout({ nanos: 1 }), []);
});

test('out-of-range seconds and nanos are refused in both modes', () => {
  for (const strict of [false, true]) {
    for (const bad of [{ seconds: 315576000001 }, { seconds: '-315576000001' }, { nanos: 1000000000 }, { seconds: 1, nanos: -1 }, { seconds: -1, nanos: 1 }]) {
      assert.deepEqual(withTimeout(bad, strict), ['envoy-invalid-duration@connect_timeout'], JSON.stringify(bad));
    }
    assert.deepEqual(withTimeout({ seconds: 315576000000, nanos: 999999999 }, strict), strict ? ['envoy-non-canonical@connect_timeout'] : []);
  }
});

test('fields must be integers of their type, and there are no others', () => {
  assert.deepEqual(withTimeout({ seconds: 1.5 }), ['envoy-invalid-number@connect_timeout.seconds']);
  assert.deepEqual(withTimeout({ nanos: 4294967296 }), ['envoy-invalid-number@connect_timeout.nanos']);
  assert.deepEqual(withTimeout({ seconds: '1s' }), ['envoy-wrong-type@connect_timeout.seconds']);
  assert.deepEqual(withTimeout({ seconds: 1, millis: 5 }), ['envoy-unknown-field@connect_timeout.millis']);
});

test('strings are read as before', () => {
  assert.deepEqual(withTimeout('300s'), []);
  assert.deepEqual(withTimeout('300s', true), []);
  assert.deepEqual(withTimeout('5m'), ['envoy-invalid-duration@connect_timeout']);
  assert.deepEqual(withTimeout(300), ['envoy-invalid-duration@connect_timeout']);
});
