import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../helpers/diagnose.js';
import { at } from '../helpers.js';

/** A mesh block whose control plane is on line 5. */
const mesh = (controlPlane: string) =>
  [
    'apiVersion: meshc/v1',
    'mesh:',
    '  name: m',
    '  trustDomain: m.example',
    `  controlPlane: ${controlPlane}`,
    'services:',
    '  catalog: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }',
  ].join('\n');
const check = (text: string) => compileText({ 'mesh.yaml': text }).diagnostics.map(at);

test('a plaintext control plane across the network is refused at tls', () => {
  assert.deepEqual(check(mesh('{ address: "meshc.internal:18000", tls: off }')), ['plaintext-control-plane@mesh.yaml:5:57']);
});

test('mutual TLS (the default), or plaintext on loopback, is accepted', () => {
  assert.deepEqual(check(mesh('{ address: "meshc.internal:18000" }')), []);
  assert.deepEqual(check(mesh('{ address: "127.0.0.1:18000", tls: off }')), []);
  assert.deepEqual(check(mesh('{ address: "localhost:18000", tls: off, api: delta }')), []);
});
