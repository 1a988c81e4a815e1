import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, catalogMesh } from '../helpers.js';
import { durationOutOfRange } from '../../../src/validate/rules/duration-out-of-range.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(durationOutOfRange);

/** `catalog` without defaults: its fields from line 7 at column 5 (see catalogMesh). */
const mesh = (...fields: string[]) => catalogMesh(undefined, ...fields);

test('sub-millisecond durations are refused: Envoy would read 0.5ms as 0s ("off")', () => {
  assert.deepEqual(check(mesh('timeout: 0.5ms')), ['duration-out-of-range@mesh.yaml:7:14']);
  assert.deepEqual(check(mesh('timeout: 1.5ms')), ['duration-out-of-range@mesh.yaml:7:14']);
  assert.deepEqual(check(mesh('timeout: 0.0005s')), ['duration-out-of-range@mesh.yaml:7:14']);
  assert.deepEqual(check(mesh('timeout: 1.5s')), []);
  assert.deepEqual(check(mesh('timeout: 0.001s')), []);
});

test("durations past protobuf's largest are refused at their position, not a crash", () => {
  assert.deepEqual(check(mesh('timeout: 99999999999999h')), ['duration-out-of-range@mesh.yaml:7:14']);
  assert.deepEqual(check(mesh('timeout: 315576000001s')), ['duration-out-of-range@mesh.yaml:7:14']);
  assert.deepEqual(check(mesh('timeout: 315576000000s')), []);
});

test('zero is refused where Envoy needs a positive duration, and allowed where 0 means off', () => {
  assert.deepEqual(check(mesh('connectTimeout: 0s')), ['duration-out-of-range@mesh.yaml:7:21']);
  assert.deepEqual(check(mesh('outlierDetection: { consecutive5xx: 3, interval: 0s }')), ['duration-out-of-range@mesh.yaml:7:54']);
  assert.deepEqual(check(mesh('healthCheck: { timeout: 0ms }')), ['duration-out-of-range@mesh.yaml:7:29']);
  assert.deepEqual(check(mesh('retries: { attempts: 2, perTryTimeout: 1s, backoff: { base: 0s } }')), ['duration-out-of-range@mesh.yaml:7:65']);
  assert.deepEqual(check(mesh('timeout: 0s', 'idleTimeout: 0s')), []);
});

test('a fault delay and a route-level local rate limit are bounded inside routes', () => {
  const route = (r: string) => mesh('routes:', `  - { name: r, match: { path: { prefix: / } }, to: v1, ${r} }`);
  assert.deepEqual(check(route('fault: { delay: { duration: 0s, percent: 5 } }')), ['duration-out-of-range@mesh.yaml:8:88']);
  // Envoy refuses a token bucket refilled more often than every 50ms.
  assert.deepEqual(check(route('rateLimit: { local: { requests: 1, per: 10ms } }')), ['duration-out-of-range@mesh.yaml:8:100']);
  assert.deepEqual(check(route('rateLimit: { local: { requests: 1, per: 50ms } }')), []);
  assert.deepEqual(check(mesh('rateLimit: { local: { requests: 1, per: 0s } }')), ['duration-out-of-range@mesh.yaml:7:45']);
});

test('durations in defaults and in the mesh block are found too', () => {
  const yaml = [
    'apiVersion: meshc/v1',
    'defaults: { connectTimeout: 0s }',
    'services:',
    '  catalog:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
  ].join('\n');
  assert.deepEqual(check(yaml), ['duration-out-of-range@mesh.yaml:2:29']);
});
