import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../helpers/diagnose.js';
import { at } from '../helpers.js';

/** A mesh block (lines 2-6), the rate-limit service on line 5 and tracing on line 6; one service with a global limit. */
const mesh = (rateLimitService: string, tracing: string) =>
  [
    'apiVersion: meshc/v1',
    'mesh:',
    '  name: m',
    '  trustDomain: m.example',
    `  rateLimitService: ${rateLimitService}`,
    `  observability: { tracing: ${tracing} }`,
    'services:',
    '  catalog: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, rateLimit: { global: { requests: 1, per: second } } }',
  ].join('\n');
const check = (text: string) => compileText({ 'mesh.yaml': text }).diagnostics.map(at);

test('plaintext across the network is warned at the address', () => {
  assert.deepEqual(check(mesh('{ address: "ratelimit.internal:8081" }', '{ provider: zipkin, collector: "10.1.1.1:9411" }')), [
    'plaintext-mesh-service@mesh.yaml:5:32',
    'plaintext-mesh-service@mesh.yaml:6:60',
  ]);
});

test('mtlsIdentity, or loopback, is not', () => {
  assert.deepEqual(check(mesh('{ address: "ratelimit.internal:8081", mtlsIdentity: ratelimit }', '{ provider: zipkin, collector: "127.0.0.1:9411" }')), []);
  assert.deepEqual(check(mesh('{ address: "localhost:8081" }', '{ provider: zipkin, collector: "zipkin.internal:9411", mtlsIdentity: zipkin }')), []);
});
