import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, compileWithBase } from '../helpers.js';

/** `vault` (mTLS on) whose authz rules follow on line 8 and on, one flow map per line at column 9. */
const vault = (rules: string[], form: 'list' | 'object' = 'list') => `
  apiVersion: meshc/v1
  services:
    teller: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
    backoffice: { protocol: http, port: 8081, versions: { v1: { endpoints: [10.0.0.2] } } }
    vault:
      protocol: http
      port: 8200
      mtls: strict
      versions: { v1: { endpoints: [10.0.0.3] } }
      authz:${form === 'object' ? ' { mode: dry-run, allow: [' + rules.join(', ') + '] }' : '\n' + rules.map((r) => `        - ${r}`).join('\n')}
`;

test('callers that exist, and *, are fine', () => {
  assert.deepEqual(check(vault(['{ from: [teller, backoffice] }', '{ from: ["*"] }', '{ from: [vault] }'])), []);
});

test('a misspelt caller is reported at its name, with the closest service as hint', () => {
  const yaml = vault(['{ from: [teller, backofice] }']);
  assert.deepEqual(check(yaml), ['unknown-service@mesh.yaml:11:26']);
  assert.match(compileWithBase(yaml).diagnostics[0]?.hint ?? '', /"backoffice"/);
});

test('without a close name, the hint suggests *', () => {
  const yaml = vault(['{ from: [auditor] }']);
  assert.deepEqual(check(yaml), ['unknown-service@mesh.yaml:11:18']);
  assert.match(compileWithBase(yaml).diagnostics[0]?.hint ?? '', /`\*`/);
});

test('every unknown caller of every rule is reported, in the object form too', () => {
  assert.deepEqual(check(vault(['{ from: [auditor, teller, payroll] }', '{ from: [tellr] }'])), [
    'unknown-service@mesh.yaml:11:18',
    'unknown-service@mesh.yaml:11:35',
    'unknown-service@mesh.yaml:12:18',
  ]);
  assert.deepEqual(check(vault(['{ from: [auditor] }'], 'object')), ['unknown-service@mesh.yaml:10:46']);
});

test('an unknown caller is reported even with * next to it', () => {
  assert.deepEqual(check(vault(['{ from: ["*", auditor] }'])), ['unknown-service@mesh.yaml:11:23']);
});

test('a caller defined only as a version name is unknown', () => {
  assert.deepEqual(check(vault(['{ from: [v1] }'])), ['unknown-service@mesh.yaml:11:18']);
});

test('a misspelt caller is one mistake, reported once (not also as the real caller being denied)', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        backoffice: { protocol: http, port: 8081, versions: { v1: { endpoints: [10.0.0.2] } }, calls: [vault] }
        vault: { protocol: http, port: 8200, mtls: strict, versions: { v1: { endpoints: [10.0.0.3] } }, authz: [{ from: [backofice] }] }
    `),
    ['unknown-service@mesh.yaml:4:116'],
  );
});

test('the typo silences caller-denied-by-authz for that callee only', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        backoffice: { protocol: http, port: 8081, versions: { v1: { endpoints: [10.0.0.2] } }, calls: [vault, ledger] }
        vault: { protocol: http, port: 8200, mtls: strict, versions: { v1: { endpoints: [10.0.0.3] } }, authz: [{ from: [backofice] }] }
        ledger: { protocol: http, port: 8300, mtls: strict, versions: { v1: { endpoints: [10.0.0.4] } }, authz: [{ from: [vault] }] }
    `),
    ['caller-denied-by-authz@mesh.yaml:3:105', 'unknown-service@mesh.yaml:4:116'],
  );
});
