import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check as checkAll, compileWithBase } from '../helpers.js';

/** Providers here have no audiences, which jwt-without-audience warns about; these cases are about other things. */
const check = (text: Parameters<typeof checkAll>[0]): string[] => checkAll(text).filter((d) => !d.startsWith('jwt-without-audience@'));

const URI = 'jwksUri: "https://login.bank.example/jwks.json"';
const INLINE = `jwks: '{"keys":[]}'`;

/**
 * `portal` with `jwt` on line 7: its providers from line 9 (one per line, name at column 9),
 * then its rules (one per line, at column 9: `- ` then the rule).
 */
const portal = (providers: readonly string[], rules: readonly string[] = []) => `
  apiVersion: meshc/v1
  services:
    portal:
      protocol: http
      port: 8443
      versions: { v1: { endpoints: [10.0.0.1] } }
      jwt:
        providers:
${providers.map((p) => `          ${p}`).join('\n')}
${rules.length > 0 ? `        rules:\n${rules.map((r) => `          - ${r}`).join('\n')}` : ''}
`;

const CUSTOMERS = `customers: { issuer: "https://login.bank.example/", ${URI}, caFile: /etc/ssl/bank.pem }`;
const STAFF = `staff: { issuer: staff-idp, ${INLINE} }`;

test('providers with one source of keys, and rules naming them, are fine', () => {
  assert.deepEqual(check(portal([CUSTOMERS, STAFF], ['{ paths: [/api/*] }', '{ paths: [/admin/*], requires: staff }', '{ paths: [/both], requires: [customers, staff] }'])), []);
});

test('no providers at all is reported at the providers key', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        portal:
          protocol: http
          port: 8443
          versions: { v1: { endpoints: [10.0.0.1] } }
          jwt: { providers: {} }
    `),
    ['invalid-jwt@mesh.yaml:7:12'],
  );
});

test('a provider with no keys, or with both jwksUri and jwks, is reported at its name', () => {
  assert.deepEqual(check(portal(['idp: { issuer: idp }'])), ['invalid-jwt@mesh.yaml:9:9']);
  assert.deepEqual(check(portal([`idp: { issuer: idp, ${URI}, ${INLINE} }`])), ['invalid-jwt@mesh.yaml:9:9']);
  assert.match(compileWithBase(portal(['idp: { issuer: idp }'])).diagnostics.filter((d) => d.name === 'invalid-jwt')[0]?.message ?? '', /no signing keys/);
  assert.match(compileWithBase(portal([`idp: { issuer: idp, ${URI}, ${INLINE} }`])).diagnostics.filter((d) => d.name === 'invalid-jwt')[0]?.message ?? '', /both/);
});

test('caFile is reported at its key unless the keys are fetched from a jwksUri', () => {
  assert.deepEqual(check(portal([`idp: { issuer: idp, ${INLINE}, caFile: /etc/ssl/x.pem }`])), ['invalid-jwt@mesh.yaml:9:50']);
  assert.deepEqual(check(portal(['idp: { issuer: idp, caFile: /etc/ssl/x.pem }'])), ['invalid-jwt@mesh.yaml:9:9', 'invalid-jwt@mesh.yaml:9:29']);
  assert.deepEqual(check(portal([`idp: { issuer: idp, ${URI}, caFile: /etc/ssl/x.pem }`])), []);
});

test('every provider is checked', () => {
  assert.deepEqual(check(portal([STAFF, 'a: { issuer: a }', CUSTOMERS, 'b: { issuer: b }'])), ['invalid-jwt@mesh.yaml:10:9', 'invalid-jwt@mesh.yaml:12:9']);
});

test('a rule requiring an unknown provider is reported at the name, with the closest provider as hint', () => {
  const yaml = portal([CUSTOMERS, STAFF], ['{ paths: [/admin/*], requires: staf }']);
  assert.deepEqual(check(yaml), ['invalid-jwt@mesh.yaml:12:42']);
  assert.match(compileWithBase(yaml).diagnostics.filter((d) => d.name === 'invalid-jwt')[0]?.hint ?? '', /"staff"/);
});

test('in a list, each unknown provider is reported at its own entry', () => {
  assert.deepEqual(check(portal([CUSTOMERS, STAFF], ['{ paths: [/x], requires: [customers, partners, staff, vendors] }'])), [
    'invalid-jwt@mesh.yaml:12:48',
    'invalid-jwt@mesh.yaml:12:65',
  ]);
});

test('without a close name, the hint lists the defined providers', () => {
  const yaml = portal([CUSTOMERS, STAFF], ['{ paths: [/x], requires: partners }']);
  assert.deepEqual(check(yaml), ['invalid-jwt@mesh.yaml:12:36']);
  assert.match(compileWithBase(yaml).diagnostics.filter((d) => d.name === 'invalid-jwt')[0]?.hint ?? '', /customers, staff/);
});

test('rules are checked one by one', () => {
  assert.deepEqual(check(portal([STAFF], ['{ paths: [/a], requires: staff }', '{ paths: [/b], requires: root }', '{ paths: [/c], requires: [root] }'])), [
    'invalid-jwt@mesh.yaml:12:36',
    'invalid-jwt@mesh.yaml:13:37',
  ]);
});

test('a claim forwarded into a header the sidecar relies on is reported at that claim', () => {
  // Line 9 holds the provider; the claims map starts at column 82 after the keys.
  const forward = (claims: string) => `staff: { issuer: staff-idp, ${INLINE}, forwardClaims: { ${claims} } }`;
  assert.deepEqual(check(portal([forward('sub: x-user-id, email: x-user-email')])), []);
  for (const header of ['authorization', 'Authorization', 'x-forwarded-client-cert', 'host', 'x-envoy-original-path', 'traceparent']) {
    const diagnostics = check(portal([forward(`sub: ${header}`)]));
    assert.equal(diagnostics.length, 1, header);
    assert.match(diagnostics[0] ?? '', /^invalid-jwt@mesh\.yaml:9:\d+$/, header);
  }
  assert.match(
    compileWithBase(portal([forward('sub: authorization')])).diagnostics.filter((d) => d.name === 'invalid-jwt')[0]?.message ?? '',
    /claim "sub" cannot be forwarded as authorization/,
  );
});

test('a jwksUri over plain http is refused at the uri: whoever is on the path could sign any token', () => {
  assert.deepEqual(check(portal(['c: { issuer: x, jwksUri: "http://login.bank.example/jwks.json" }'])), ['invalid-jwt@mesh.yaml:9:34']);
  assert.deepEqual(check(portal(['c: { issuer: x, jwksUri: "https://login.bank.example:0/jwks.json" }'])), ['invalid-jwt@mesh.yaml:9:34']);
  assert.deepEqual(check(portal(['c: { issuer: x, jwksUri: "https://login.bank.example:99999/jwks.json" }'])), ['invalid-jwt@mesh.yaml:9:34']);
});

test('inline jwks must be a JWKS of public keys: private members are refused', () => {
  const jwks = (key: string) => `c: { issuer: x, jwks: '{"keys":[${key}]}' }`;
  assert.deepEqual(check(portal([jwks('{"kty":"RSA","n":"AQAB","e":"AQAB"}')])), []);
  assert.deepEqual(check(portal([jwks('{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQ"}')])), ['invalid-jwt@mesh.yaml:9:31']);
  assert.deepEqual(check(portal([jwks('{"kty":"oct","k":"c2VjcmV0"}')])), ['invalid-jwt@mesh.yaml:9:31']);
  assert.deepEqual(check(portal([`c: { issuer: x, jwks: 'not json' }`])), ['invalid-jwt@mesh.yaml:9:31']);
});
