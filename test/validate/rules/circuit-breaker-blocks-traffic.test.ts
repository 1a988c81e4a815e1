import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, catalogMesh } from '../helpers.js';
import { circuitBreakerBlocksTraffic } from '../../../src/validate/rules/circuit-breaker-blocks-traffic.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(circuitBreakerBlocksTraffic);

test('a limit of 0 is warned at the field, on the service or inherited from defaults', () => {
  assert.deepEqual(check(catalogMesh(undefined, 'circuitBreaker: { maxConnections: 0, maxRequests: 0 }')), [
    'circuit-breaker-blocks-traffic@mesh.yaml:7:39',
    'circuit-breaker-blocks-traffic@mesh.yaml:7:55',
  ]);
  assert.deepEqual(check(catalogMesh('{ circuitBreaker: { maxPendingRequests: 0 } }')), ['circuit-breaker-blocks-traffic@mesh.yaml:2:51']);
});

test('an override lifts it; maxRetries 0 (no retries) is a choice', () => {
  assert.deepEqual(check(catalogMesh('{ circuitBreaker: { maxPendingRequests: 0 } }', 'circuitBreaker: { maxPendingRequests: 5 }')), []);
  assert.deepEqual(check(catalogMesh(undefined, 'circuitBreaker: { maxRetries: 0 }')), []);
});

test('a version\u2019s own limits are judged too, reported at the version', () => {
  const text = catalogMesh(undefined).replace(
    'versions: { v1: { endpoints: [10.0.0.1] } }',
    'versions: { v1: { endpoints: [10.0.0.1] }, v2: { endpoints: [10.0.0.2], circuitBreaker: { maxRequests: 0 } } }',
  );
  assert.deepEqual(check(text), ['circuit-breaker-blocks-traffic@mesh.yaml:6:108']);
});
