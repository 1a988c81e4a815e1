import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../../src/compile.js';
import { at } from '../helpers.js';

const check = (text: string): string[] => compile([{ name: 'mesh.yaml', text }]).diagnostics.map(at);

const mesh = (mtls: string, protocol: string, serviceFields: string[]) =>
  [
    'apiVersion: meshc/v1',
    `mesh: { name: shop, trustDomain: shop.example, mtls: ${mtls} }`,
    'services:',
    '  catalog:',
    `    protocol: ${protocol}`,
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    ...serviceFields.map((f) => `    ${f}`),
  ].join('\n');

const LIMITED_ROUTE = ['routes:', '  - { name: bulk, match: { path: { prefix: /bulk } }, to: v1, rateLimit: { local: { requests: 5, per: 1s } } }', '  - to: v1'];

test('an HTTP local limit under mtls: permissive is warned at its `local` key, service-wide and per route', () => {
  assert.deepEqual(check(mesh('permissive', 'http', ['rateLimit: { local: { requests: 100, per: 1s } }', ...LIMITED_ROUTE])), [
    'permissive-local-rate-limit@mesh.yaml:8:18',
    'permissive-local-rate-limit@mesh.yaml:10:80',
  ]);
  const [warning] = compile([{ name: 'mesh.yaml', text: mesh('permissive', 'http', ['rateLimit: { local: { requests: 100, per: 1s } }']) }]).diagnostics;
  assert.match(warning?.message ?? '', /up to 200 requests per 1s get in, not 100/);
});

test('strict mTLS, a service that says strict, and a TCP service (whose bucket is shared) are not warned', () => {
  const local = 'rateLimit: { local: { requests: 100, per: 1s } }';
  assert.deepEqual(check(mesh('strict', 'http', [local])), []);
  assert.deepEqual(check(mesh('permissive', 'http', ['mtls: strict', local])), []);
  assert.deepEqual(check(mesh('permissive', 'tcp', [local])), []);
});
