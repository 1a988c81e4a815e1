import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../helpers/diagnose.js';
import { check, checkRelated, compileWithBase } from '../helpers.js';

/**
 * `vault` with whatever `mtls` line is given on line 5 and `authz` on line 6. Compiled next to
 * the base mesh block (mesh.mtls: off) with `check`, or next to a mesh block of one's own.
 */
const vault = (mtls: string, authz = 'authz: [{ from: [teller] }]') => `
  apiVersion: meshc/v1
  services:
    vault:
      protocol: http
      ${mtls}
      ${authz}
      port: 8200
      versions: { v1: { endpoints: [10.0.0.1] } }
    teller: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.2] } }, mtls: strict }
`;

/** The same services next to a mesh block (in base.yaml) ending with `meshMtls`. */
const inMesh = (meshMtls: string, services: string) =>
  diagnose({ 'base.yaml': `apiVersion: meshc/v1\nmesh: { name: bank, trustDomain: bank.example${meshMtls} }\n`, 'mesh.yaml': services });

test('authz with mTLS on, from the mesh or from the service, is fine', () => {
  assert.deepEqual(inMesh('', vault('')), [], 'strict by default');
  assert.deepEqual(inMesh(', mtls: strict', vault('')), []);
  assert.deepEqual(inMesh(', mtls: permissive', vault('')), []);
  assert.deepEqual(check(vault('mtls: strict')), [], 'the service turns it on in a mesh with mTLS off');
  assert.deepEqual(check(vault('mtls: permissive')), []);
});

test('with mTLS off mesh-wide, authz is reported at its key', () => {
  assert.deepEqual(check(vault('')), ['authz-requires-mtls@mesh.yaml:6:5']);
  assert.match(compileWithBase(vault('')).diagnostics[0]?.hint ?? '', /mesh\.mtls/);
});

test('the object form (even dry-run) is reported the same way', () => {
  assert.deepEqual(check(vault('', 'authz: { mode: dry-run, allow: [{ from: [teller] }] }')), ['authz-requires-mtls@mesh.yaml:6:5']);
  assert.deepEqual(check(vault('', 'authz: { allow: [] }')), ['authz-requires-mtls@mesh.yaml:6:5']);
});

test('when the service itself turns mTLS off, the diagnostic is related to its `off`', () => {
  assert.deepEqual(checkRelated(vault('mtls: off')), ['authz-requires-mtls@mesh.yaml:6:5 ~ mesh.yaml:5:11']);
  assert.deepEqual(inMesh(', mtls: strict', vault('mtls: off')), ['authz-requires-mtls@mesh.yaml:6:5']);
  assert.match(compileWithBase(vault('mtls: off')).diagnostics[0]?.hint ?? '', /mtls: off/);
});

test('mTLS off without authz is fine', () => {
  assert.deepEqual(check(vault('', '')), []);
  assert.deepEqual(inMesh('', vault('mtls: off', '')), []);
});

test('every service with authz and mTLS off is reported once', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        vault: { protocol: http, port: 8200, versions: { v1: { endpoints: [10.0.0.1] } }, authz: [{ from: ["*"] }] }
        ledger: { protocol: tcp, port: 8300, versions: { v1: { endpoints: [10.0.0.3] } }, authz: [{ from: ["*"] }] }
        teller: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.2] } }, mtls: strict, authz: [{ from: ["*"] }] }
    `),
    ['authz-requires-mtls@mesh.yaml:3:85', 'authz-requires-mtls@mesh.yaml:4:85'],
  );
});

test('an authz that decides nothing ({ deny: [] }) needs no identities: it is how a service opts out of the default', () => {
  assert.deepEqual(check(vault('', 'authz: { deny: [] }')), []);
});

test('a service with mTLS off that inherits the default authz is reported at the service, related to the default', () => {
  const text = `
  apiVersion: meshc/v1
  defaults: { authz: { allow: [] } }
  services:
    teller: { protocol: http, port: 8080, mtls: off, versions: { v1: { endpoints: [10.0.0.1] } } }
`;
  // At teller's key (line 4), related to defaults.authz and to teller's own mtls: off.
  assert.deepEqual(checkRelated(text), ['authz-requires-mtls@mesh.yaml:4:3 ~ mesh.yaml:2:13 ~ mesh.yaml:4:47']);
});
