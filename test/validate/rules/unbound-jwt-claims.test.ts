import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule } from '../helpers.js';
import { unboundJwtClaims } from '../../../src/validate/rules/unbound-jwt-claims.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(unboundJwtClaims);

/** `catalog` with JWT providers `providers` and one authz rule `rule` (line 10, from column 9). */
const mesh = (providers: string, rule: string) =>
  [
    'apiVersion: meshc/v1',
    'services:',
    '  catalog:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    '    mtls: strict',
    `    jwt: { providers: { ${providers} } }`,
    '    authz:',
    `      - ${rule}`,
  ].join('\n');
const STAFF = `staff: { issuer: s, audiences: [catalog], jwks: '{"keys":[]}' }`;
const PARTNERS = `partners: { issuer: p, audiences: [catalog], jwks: '{"keys":[]}' }`;

test('claims on a service with two providers must say whose token they are read from: at `claims`', () => {
  assert.deepEqual(check(mesh(`${STAFF}, ${PARTNERS}`, '{ claims: { role: admin } }')), ['unbound-jwt-claims@mesh.yaml:10:11']);
});

test('claimsFrom names a provider of the service', () => {
  assert.deepEqual(check(mesh(`${STAFF}, ${PARTNERS}`, '{ claims: { role: admin }, claimsFrom: staf }')), ['unbound-jwt-claims@mesh.yaml:10:48']);
  assert.deepEqual(check(mesh(`${STAFF}, ${PARTNERS}`, '{ claims: { role: admin }, claimsFrom: staff }')), []);
});

test('one provider: its token, implied', () => {
  assert.deepEqual(check(mesh(STAFF, '{ claims: { role: admin } }')), []);
  assert.deepEqual(check(mesh(STAFF, '{ claims: { role: admin }, claimsFrom: staff }')), []);
});

test('a rule without claims needs no claimsFrom', () => {
  assert.deepEqual(check(mesh(`${STAFF}, ${PARTNERS}`, '{ paths: [/x] }')), []);
});
