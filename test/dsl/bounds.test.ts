/** Numbers and sizes past what Envoy accepts are positioned language errors, never exit 70. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, diagnose as diagnoseAll } from '../helpers/diagnose.js';

/** The services here are reached in plaintext, which plaintext-mesh-service warns about; these cases are about other things. */
const diagnose = (text: Parameters<typeof diagnoseAll>[0]): string[] => diagnoseAll(text).filter((d) => !d.startsWith('plaintext-mesh-service@'));

const service = (...fields: string[]) =>
  [
    'apiVersion: meshc/v1',
    'mesh: { name: m, trustDomain: m.example, mtls: off, rateLimitService: { address: "rl.internal:8081" } }',
    'services:',
    '  a:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');

test('2^32 tokens do not fit Envoy token buckets (uint32)', () => {
  assert.deepEqual(diagnose(service('rateLimit: { local: { requests: 4294967296, per: 1s } }')), ['out-of-range@mesh.yaml:8:37']);
  assert.deepEqual(diagnose(service('rateLimit: { local: { requests: 4294967295, per: 1s } }')), []);
});

test('a query parameter name over 1024 bytes (Envoy QueryParameterMatcher.name) is refused', () => {
  const key = 'k'.repeat(1100);
  assert.deepEqual(diagnose(service('routes:', `  - { match: { query: { ${key}: x } }, to: v1 }`, '  - { to: v1 }')).length, 1);
});

test('more than 8 keys in a global limit`s `by` are refused (descriptors double with each)', () => {
  const by = Array.from({ length: 20 }, (_, i) => `{ header: x-k${i} }`).join(', ');
  assert.deepEqual(diagnose(service(`rateLimit: { global: { requests: 5, per: second, by: [${by}] } }`)), ['out-of-range@mesh.yaml:8:54']);
});

test('1e400, .inf and .nan are out of range where they are written, not "a number, got number Infinity"', () => {
  for (const raw of ['1e400', '-.inf', '.nan']) {
    const text = service(`circuitBreaker: { maxConnections: ${raw} }`);
    assert.deepEqual(diagnose(text), ['out-of-range@mesh.yaml:8:39'], raw);
    const [d] = compileText(text).diagnostics;
    assert.match(d?.message ?? '', raw === '.nan' ? /is not a number \(NaN\)$/ : /is (negatively )?too large to be a number/, raw);
  }
});
