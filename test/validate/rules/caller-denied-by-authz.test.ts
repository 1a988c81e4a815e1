import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkRelated } from '../helpers.js';

/**
 * teller (calls on line 7, `vault` at column 13) and backoffice (line 8, `vault` at column 98)
 * both call `vault`, whose `authz` is on line 14 (key at column 5).
 */
const mesh = (authz: string, tellerCalls = '[vault]') => `
  apiVersion: meshc/v1
  services:
    teller:
      protocol: http
      port: 8080
      versions: { v1: { endpoints: [10.0.0.1] } }
      calls: ${tellerCalls}
    backoffice: { protocol: http, port: 8081, versions: { v1: { endpoints: [10.0.0.2] } }, calls: [vault] }
    vault:
      protocol: http
      port: 8200
      mtls: strict
      versions: { v1: { endpoints: [10.0.0.3] } }
      authz: ${authz}
`;

const TELLER = 'caller-denied-by-authz@mesh.yaml:7:13';
const BACKOFFICE = 'caller-denied-by-authz@mesh.yaml:8:98';
const AUTHZ = 'mesh.yaml:14:5';

test('callers some rule admits are fine', () => {
  for (const authz of [
    '[{ from: [teller, backoffice] }]',
    '[{ from: [teller] }, { from: [backoffice], paths: [/reports/*] }]',
    '[{ from: ["*"] }]',
    '[{ from: [teller] }, { from: ["*"] }]',
    '[{ from: ["*"] }, { from: [teller] }]',
    '[{ paths: [/public/*] }]',
    '{ mode: enforce, allow: [{ from: [teller, backoffice] }] }',
  ]) {
    assert.deepEqual(check(mesh(authz)), [], authz);
  }
});

test('a caller no rule names is warned about at its call, related to the callee\u2019s authz', () => {
  assert.deepEqual(checkRelated(mesh('[{ from: [teller] }]')), [`${BACKOFFICE} ~ ${AUTHZ}`]);
  assert.deepEqual(checkRelated(mesh('[{ from: [backoffice], methods: [GET] }]')), [`${TELLER} ~ ${AUTHZ}`]);
});

test('every denied caller is reported', () => {
  assert.deepEqual(check(mesh('[]')), [TELLER, BACKOFFICE]);
  assert.deepEqual(check(mesh('[{ from: [vault] }]')), [TELLER, BACKOFFICE]);
});

test('an empty from list admits no one', () => {
  assert.deepEqual(check(mesh('[{ from: [] }]')), [TELLER, BACKOFFICE, 'authz-rule-matches-nothing@mesh.yaml:14:15']);
});

test('the object form in enforce mode is checked; dry-run denies nothing, so nothing is reported', () => {
  assert.deepEqual(check(mesh('{ mode: enforce, allow: [{ from: [teller] }] }')), [BACKOFFICE]);
  assert.deepEqual(check(mesh('{ allow: [{ from: [teller] }] }')), [BACKOFFICE]);
  assert.deepEqual(check(mesh('{ mode: dry-run, allow: [{ from: [teller] }] }')), []);
  assert.deepEqual(check(mesh('{ mode: dry-run, allow: [] }')), []);
});

test('a call in the object notation is reported at its entry', () => {
  assert.deepEqual(check(mesh('[{ from: [backoffice] }]', '[{ service: vault, localPort: 18200 }]')), ['caller-denied-by-authz@mesh.yaml:7:13']);
});

test('calls to services without authz are never reported', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        teller: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [vault] }
        vault: { protocol: http, port: 8200, versions: { v1: { endpoints: [10.0.0.3] } } }
    `),
    [],
  );
});

test('a deny rule that asks only who calls refuses that caller every time; without allow rules the rest get through', () => {
  assert.deepEqual(check(mesh('{ deny: [{ from: [teller] }] }')), [TELLER]);
  assert.deepEqual(checkRelated(mesh('{ deny: [{ from: [teller] }] }')), [`${TELLER} ~ mesh.yaml:14:21`]);
  assert.deepEqual(check(mesh('{ allow: [{ from: [teller, backoffice] }], deny: [{ from: ["*"] }] }')), [TELLER, BACKOFFICE]);
});

test('a deny rule with any other condition refuses only some requests, so no caller is reported', () => {
  for (const authz of ['{ deny: [{ from: [teller], paths: [/admin/*] }] }', '{ deny: [{ methods: [DELETE] }] }', '{ mode: dry-run, deny: [{ from: [teller] }] }']) {
    assert.deepEqual(check(mesh(authz)), [], authz);
  }
});
