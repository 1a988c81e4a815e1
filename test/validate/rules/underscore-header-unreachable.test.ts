import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../helpers/diagnose.js';

/**
 * `hardening` on line 3, then service `catalog` whose `fields` follow from line 10 at column 5.
 */
const mesh = (hardening: string, ...fields: string[]) =>
  [
    'apiVersion: meshc/v1',
    'mesh:',
    `  sidecar: { hardening: ${hardening} }`,
    '  name: test',
    '  trustDomain: test.example',
    'services:',
    '  catalog:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] }, v2: { endpoints: [10.0.0.2] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');

const check = (yaml: string) => compileText(yaml).diagnostics.map((d) => `${d.name}@${d.location?.line}:${d.location?.column}`);

const HEADER_ROUTE = ['routes:', '  - { match: { headers: { x_canary: "1" } }, to: v2 }', '  - { to: v1 }'];

test('under reject (the default) a route on an underscore header is refused at the header', () => {
  assert.deepEqual(check(mesh('{}', ...HEADER_ROUTE)), ['underscore-header-unreachable@12:31']);
});

test('under drop the caller routes on it, so it is fine; under allow everything is', () => {
  assert.deepEqual(check(mesh('{ headersWithUnderscores: drop }', ...HEADER_ROUTE)), []);
  assert.deepEqual(check(mesh('{ headersWithUnderscores: allow }', ...HEADER_ROUTE)), []);
});

test('under drop, conditions the callee evaluates are refused: authz headers, rate-limit keys, inbound routes', () => {
  const authz = ['authz:', '  - { from: ["*"], headers: { x_role: admin } }'];
  assert.deepEqual(check(mesh('{ headersWithUnderscores: drop }', ...authz, 'routes: [{ to: v1 }]')), ['underscore-header-unreachable@12:35']);
  const limited = ['routes:', '  - { match: { headers: { x_tier: gold } }, to: v2, rateLimit: { local: { requests: 5, per: 1s } } }', '  - { to: v1 }'];
  assert.deepEqual(check(mesh('{ headersWithUnderscores: drop }', ...limited)), ['underscore-header-unreachable@12:31']);
});

test('dashes are always fine, and hashOn headers are checked too', () => {
  assert.deepEqual(check(mesh('{}', 'routes:', '  - { match: { headers: { x-canary: "1" } }, to: v2 }', '  - { to: v1 }')), []);
  assert.deepEqual(check(mesh('{}', 'loadBalancer: { policy: ring-hash, hashOn: { header: x_user } }', 'routes: [{ to: v1 }]')), ['underscore-header-unreachable@11:50']);
});
