/**
 * End-user JWT, end to end on the inbound listener (test/security/helpers.ts `admit`): which
 * paths need a token, from which providers, health checks exempt, and claims then judged by RBAC.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR } from '../helpers/golden.js';
import { admit, compileMesh, spiffe, type InboundRequest, type Outcome } from './helpers.js';

const golden = (name: string) => compileMesh({ 'mesh.yaml': readFileSync(join(GOLDEN_DIR, name, 'input', 'mesh.yaml'), 'utf8') });
const GATEWAY = spiffe('bank.example', 'gateway');

const TOKENS = {
  customer: { iss: 'https://login.bank.example/', aud: 'portal', sub: 'c-1' },
  'customer (aud other)': { iss: 'https://login.bank.example/', aud: 'web', sub: 'c-1' },
  'partner (aud portal)': { iss: 'https://partners.example/', aud: 'portal' },
  'partner (aud other)': { iss: 'https://partners.example/', aud: 'other' },
  staff: { iss: 'staff-idp', email: 'ann@bank.example' },
  'staff admin': { iss: 'staff-idp', role: 'admin' },
  'unknown issuer': { iss: 'https://evil.example/' },
} as const;
type Token = keyof typeof TOKENS | 'none';

type Case = readonly [path: string, token: Token, outcome: Outcome];

function run(portal: ReturnType<typeof golden>, principal: string | undefined, cases: readonly Case[]): void {
  for (const [path, token, outcome] of cases) {
    test(`${path} with ${token === 'none' ? 'no token' : `a ${token} token`} → ${outcome}`, () => {
      const r: InboundRequest = {
        ...(principal !== undefined ? { principal } : {}),
        path,
        ...(token !== 'none' ? { jwt: TOKENS[token] } : {}),
      };
      assert.equal(admit(portal.bootstrap('portal'), r), outcome);
    });
  }
}

describe('golden/jwt-requires-any-of: requires [customers, partners] on /api, staff on /admin', () => {
  run(golden('jwt-requires-any-of'), GATEWAY, [
    ['/api/orders', 'none', 'unauthenticated'],
    ['/api/orders', 'customer', 'allowed'],
    ['/api/orders', 'partner (aud portal)', 'allowed'],
    ['/api/orders', 'partner (aud other)', 'unauthenticated'],
    ['/api/orders', 'staff', 'unauthenticated'],
    ['/api/orders', 'unknown issuer', 'unauthenticated'],
    ['/admin/users', 'staff', 'allowed'],
    ['/admin/users', 'customer', 'unauthenticated'],
    ['/admin/users', 'none', 'unauthenticated'],
    ['/public/terms', 'none', 'allowed'],
    ['/api', 'none', 'forbidden'],
    ['/other', 'customer', 'forbidden'],
  ]);
});

describe('golden/jwt-requires-any-of: a caller authz does not admit is refused even with a good token', () => {
  run(golden('jwt-requires-any-of'), spiffe('bank.example', 'teller'), [
    ['/admin/users', 'staff', 'forbidden'],
    ['/public/terms', 'none', 'forbidden'],
  ]);
});

describe('golden/jwt-providers: health checks need no token; claims decide on /admin', () => {
  run(golden('jwt-providers'), GATEWAY, [
    ['/ready', 'none', 'allowed'],
    ['/api/accounts', 'none', 'unauthenticated'],
    ['/api/accounts', 'customer', 'allowed'],
    ['/api/accounts', 'customer (aud other)', 'unauthenticated'],
    ['/api/accounts', 'staff', 'allowed'],
    ['/admin/x', 'staff', 'forbidden'],
    ['/admin/x', 'staff admin', 'allowed'],
    ['/admin/x', 'customer', 'unauthenticated'],
  ]);
  run(golden('jwt-providers'), spiffe('bank.example', 'teller'), [['/ready', 'none', 'allowed']]);
});

describe('without jwt.rules every path needs a token from any provider, health checks aside', () => {
  const portal = compileMesh(`
    apiVersion: meshc/v1
    mesh: { name: bank, trustDomain: bank.example }
    services:
      portal:
        protocol: grpc
        port: 8443
        versions: { v1: { endpoints: [10.40.7.10] } }
        healthCheck: {}
        jwt:
          providers:
            customers: { issuer: "https://login.bank.example/", jwks: '{"keys":[]}' }
            staff: { issuer: staff-idp, jwks: '{"keys":[]}' }
  `);
  run(portal, GATEWAY, [
    ['/bank.Portal/Get', 'none', 'unauthenticated'],
    ['/bank.Portal/Get', 'customer', 'allowed'],
    ['/bank.Portal/Get', 'staff', 'allowed'],
    ['/', 'unknown issuer', 'unauthenticated'],
    ['/grpc.health.v1.Health/Check', 'none', 'allowed'],
  ]);
});

test(
  'an http health check with a query string needs no token either',
  { todo: 'bug: the JWT rule for the health path is `path: /ready?full=1`, which never matches (route matching ignores the query), so health checks fall under the token requirement' },
  () => {
    const portal = compileMesh(`
      apiVersion: meshc/v1
      mesh: { name: bank, trustDomain: bank.example }
      services:
        portal:
          protocol: http
          port: 8443
          versions: { v1: { endpoints: [10.40.7.10] } }
          healthCheck: { path: "/ready?full=1" }
          jwt: { providers: { staff: { issuer: staff-idp, jwks: '{"keys":[]}' } } }
    `);
    assert.equal(admit(portal.bootstrap('portal'), { principal: GATEWAY, path: '/ready?full=1' }), 'allowed');
  },
);
