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
