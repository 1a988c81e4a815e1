import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose as diagnoseAll } from '../../helpers/diagnose.js';

/** The services here are reached in plaintext, which plaintext-mesh-service warns about; these cases are about other things. */
const diagnose = (text: Parameters<typeof diagnoseAll>[0]): string[] => diagnoseAll(text).filter((d) => !d.startsWith('plaintext-mesh-service@'));

/** A mesh block whose extra `fields` follow from line 5, at column 3. */
const mesh = (...fields: string[]) =>
  [
    'apiVersion: meshc/v1',
    'mesh:',
    '  name: bank',
    '  trustDomain: bank.example',
    ...fields.map((f) => `  ${f}`),
    'services:',
    '  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, rateLimit: { global: { requests: 5, per: second } } }',
  ].join('\n');

test('port 0 of the rate-limit service or the tracing collector is a positioned error, not a crash', () => {
  assert.deepEqual(diagnose(mesh('rateLimitService: { address: "ratelimit.internal:0" }')), ['invalid-address@mesh.yaml:5:32']);
  assert.deepEqual(diagnose(mesh('rateLimitService: { address: "ratelimit.internal:8081" }', 'observability: { tracing: { provider: zipkin, collector: "10.0.0.7:0" } }')), [
    'invalid-address@mesh.yaml:6:60',
  ]);
});

test('ports past 65535 and hosts that are not names are refused', () => {
  assert.deepEqual(diagnose(mesh('rateLimitService: { address: "ratelimit.internal:99999" }')), ['invalid-address@mesh.yaml:5:32']);
  assert.deepEqual(diagnose(mesh('rateLimitService: { address: "rate_limit!:8081" }')), ['invalid-address@mesh.yaml:5:32']);
  assert.deepEqual(diagnose(mesh('rateLimitService: { address: "ratelimit.internal:8081" }')), []);
});
