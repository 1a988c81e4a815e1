/**
 * End-user JWT, end to end on the inbound listener (test/security/helpers.ts `admit`): which
 * paths need a token, from which providers, health checks exempt, claims then judged by RBAC,
 * and the claim headers the application receives coming from the verified token only.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR } from '../helpers/golden.js';
import { compileText } from '../helpers/diagnose.js';
import { admit, compileMesh, inbound, spiffe, type InboundRequest, type Outcome } from './helpers.js';

const golden = (name: string) => compileMesh({ 'mesh.yaml': readFileSync(join(GOLDEN_DIR, name, 'input', 'mesh.yaml'), 'utf8') });
const GATEWAY = spiffe('bank.example', 'gateway');

const TOKENS = {
  customer: { iss: 'https://login.bank.example/', aud: 'portal', sub: 'c-1' },
  'customer (aud other)': { iss: 'https://login.bank.example/', aud: 'web', sub: 'c-1' },
  'partner (aud portal)': { iss: 'https://partners.example/', aud: 'portal' },
  'partner (aud other)': { iss: 'https://partners.example/', aud: 'other' },
  'partner admin': { iss: 'https://partners.example/', aud: 'portal', role: 'admin' },
  staff: { iss: 'staff-idp', email: 'ann@bank.example' },
  'staff admin': { iss: 'staff-idp', role: 'admin' },
  'staff with roles [dev, admin]': { iss: 'staff-idp', role: ['dev', 'admin'] },
  'staff with roles [dev]': { iss: 'staff-idp', role: ['dev'] },
  'staff with roles [[admin]]': { iss: 'staff-idp', role: [['admin']] },
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
    // `/api/*` covers /api itself: it needs a token too.
    ['/api', 'none', 'unauthenticated'],
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
    // A list-valued claim matches when one of its values does (Envoy's ListMatcher one_of).
    ['/admin/x', 'staff with roles [dev, admin]', 'allowed'],
    ['/admin/x', 'staff with roles [dev]', 'forbidden'],
    ['/admin/x', 'staff with roles [[admin]]', 'forbidden'],
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

describe('claims are read from the token of the provider the rule names, never from another issuer\u2019s', () => {
  // Both issuers' tokens are accepted on /admin; a partner can put any role it likes in its own
  // tokens, so its role must not meet a rule about staff roles.
  const portal = compileMesh(`
    apiVersion: meshc/v1
    mesh: { name: bank, trustDomain: bank.example }
    services:
      gateway: { protocol: http, port: 8090, versions: { v1: { endpoints: [10.40.0.20] } }, calls: [portal] }
      portal:
        protocol: http
        port: 8443
        versions: { v1: { endpoints: [10.40.7.10] } }
        jwt:
          providers:
            partners: { issuer: "https://partners.example/", audiences: [portal], jwks: '{"keys":[]}' }
            staff: { issuer: staff-idp, jwks: '{"keys":[]}' }
        authz:
          - { from: [gateway], paths: [/admin/*], claims: { role: admin }, claimsFrom: staff }
  `);
  run(portal, GATEWAY, [
    ['/admin/x', 'staff admin', 'allowed'],
    ['/admin/x', 'partner admin', 'forbidden'],
    ['/admin/x', 'staff', 'forbidden'],
    ['/admin/x', 'none', 'unauthenticated'],
  ]);
});

describe('tokens are read from the Authorization header only, never from the query string', () => {
  // Envoy's default also reads ?access_token=, which lands in access logs, proxies' logs and
  // browser history; every provider says where it reads tokens instead.
  const portal = golden('jwt-providers');
  test('a token in ?access_token= is not a token', () => {
    const request = { principal: GATEWAY, path: '/api/accounts', jwt: TOKENS.customer };
    assert.equal(admit(portal.bootstrap('portal'), request), 'allowed');
    assert.equal(admit(portal.bootstrap('portal'), { ...request, jwtIn: 'query' }), 'unauthenticated');
  });
});

describe('an http health check with a query string needs no token either', () => {
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
  run(portal, GATEWAY, [
    ['/ready?full=1', 'none', 'allowed'],
    ['/ready', 'none', 'allowed'],
    ['/ready/x', 'none', 'unauthenticated'],
    ['/ready/x', 'staff', 'allowed'],
  ]);
});

// ── What the application receives ───────────────────────────────────────────────────────────

describe('golden/jwt-providers: claim headers reach the application from the verified token only', () => {
  const portal = golden('jwt-providers').bootstrap('portal');
  const FORGED = { 'x-customer-id': 'c-999', 'X-Staff-Email': 'boss@bank.example', 'x-forwarded-client-cert': 'URI=spiffe://bank.example/svc/admin' };
  const cases: readonly [path: string, token: Token, expected: Readonly<Record<string, string[] | undefined>>][] = [
    ['/api/accounts', 'customer', { 'x-customer-id': ['c-1'], 'x-staff-email': undefined }],
    ['/api/accounts', 'staff', { 'x-customer-id': undefined, 'x-staff-email': ['ann@bank.example'] }],
    ['/admin/x', 'staff admin', { 'x-customer-id': undefined, 'x-staff-email': undefined }],
    ['/ready', 'none', { 'x-customer-id': undefined, 'x-staff-email': undefined }],
    // A token on a path that needs none is not verified: its claims are not forwarded.
    ['/ready', 'customer', { 'x-customer-id': undefined, 'x-staff-email': undefined }],
  ];
  for (const [path, token, expected] of cases) {
    test(`${path} with ${token === 'none' ? 'no token' : `a ${token} token`} and forged claim headers`, () => {
      const view = inbound(portal, { principal: GATEWAY, path, headers: FORGED, ...(token !== 'none' ? { jwt: TOKENS[token] } : {}) });
      assert.equal(view.outcome, 'allowed');
      for (const [header, values] of Object.entries(expected)) assert.deepEqual(view.headers?.get(header), values, header);
      assert.deepEqual(view.headers?.get('x-forwarded-client-cert'), [`URI=${GATEWAY}`], 'the caller the application learns of is the one that connected');
      assert.equal(view.headers?.has('authorization'), token !== 'none' && path === '/ready', 'a verified token is not forwarded; one nobody checked is');
    });
  }
});

describe('an authz rule on a forwarded claim header cannot be met by writing the header', () => {
  const portal = compileMesh(`
    apiVersion: meshc/v1
    mesh: { name: bank, trustDomain: bank.example }
    services:
      gateway: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.40.0.20] } }, calls: [portal] }
      portal:
        protocol: http
        port: 8443
        versions: { v1: { endpoints: [10.40.7.10] } }
        jwt:
          providers: { customers: { issuer: "https://login.bank.example/", jwks: '{"keys":[]}', forwardClaims: { sub: x-customer-id } } }
          rules: [{ paths: [/accounts/*] }]
        authz:
          - { name: c-1-only, from: [gateway], headers: { x-customer-id: c-1 } }
  `).bootstrap('portal');
  const cases: readonly [path: string, sub: string | undefined, forged: string | undefined, outcome: Outcome][] = [
    ['/accounts/1', 'c-1', undefined, 'allowed'],
    ['/accounts/1', 'c-2', 'c-1', 'forbidden'],
    ['/accounts/1', undefined, 'c-1', 'unauthenticated'],
    ['/public/1', undefined, 'c-1', 'forbidden'],
    ['/public/1', 'c-1', 'c-1', 'forbidden'],
  ];
  for (const [path, sub, forged, outcome] of cases) {
    test(`${path}, token sub ${String(sub)}, x-customer-id written ${String(forged)} → ${outcome}`, () => {
      const r: InboundRequest = {
        principal: GATEWAY,
        path,
        ...(sub ? { jwt: { iss: 'https://login.bank.example/', sub } } : {}),
        ...(forged ? { headers: { 'x-customer-id': forged } } : {}),
      };
      assert.equal(admit(portal, r), outcome);
    });
  }
});

test('a claim forwarded into a header the sidecar itself reads or sets is refused, or does not break authentication', () => {
  const mesh = (header: string) => `
      apiVersion: meshc/v1
      mesh: { name: bank, trustDomain: bank.example }
      services:
        portal:
          protocol: http
          port: 8443
          versions: { v1: { endpoints: [10.40.7.10] } }
          jwt: { providers: { staff: { issuer: staff-idp, jwks: '{"keys":[]}', forwardClaims: { sub: "${header}" } } } }
    `;
  for (const header of ['authorization', 'Authorization', 'x-forwarded-client-cert', ':path', 'host']) {
    const result = compileText(mesh(header));
    if (result.diagnostics.some((d) => d.severity === 'error')) continue;
    const portal = compileMesh(mesh(header)).bootstrap('portal');
    const view = inbound(portal, { principal: GATEWAY, path: '/x', jwt: { iss: 'staff-idp', sub: 'ann' } });
    assert.equal(view.outcome, 'allowed', `${header}: a good token still authenticates`);
    assert.deepEqual(view.headers?.get('x-forwarded-client-cert'), [`URI=${GATEWAY}`], `${header}: the certificate details stay the sidecar's`);
  }
});

describe('ignoreCase on a JWT rule: /ADMIN/users needs the token /admin/users needs', () => {
  const text = readFileSync(join(GOLDEN_DIR, 'jwt-requires-any-of', 'input', 'mesh.yaml'), 'utf8')
    .replace('        - paths: [/admin/*]\n', '        - paths: [/admin/*]\n          ignoreCase: true\n')
    .replace('paths: [/api/*, /admin/*, /public/*]', 'paths: [/api/*, /admin/*, /public/*]\n        ignoreCase: true');
  const portal = compileMesh({ 'mesh.yaml': text });
  test('the edit took', () => assert.match(text, /paths: \[\/admin\/\*\]\n {10}ignoreCase: true/));
  run(portal, GATEWAY, [
    ['/ADMIN/users', 'none', 'unauthenticated'],
    ['/Admin', 'customer', 'unauthenticated'],
    ['/ADMIN/users', 'staff', 'allowed'],
    // The /api rule keeps its case: /API is another path, needing no token, as Envoy matches it.
    ['/API/orders', 'none', 'allowed'],
  ]);
});
