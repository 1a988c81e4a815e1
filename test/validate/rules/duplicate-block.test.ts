import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../helpers/diagnose.js';
import { checkRelated } from '../helpers.js';

const MESH = `
  apiVersion: meshc/v1
  mesh: { name: shop, trustDomain: shop.example, mtls: off }
`;
const DEFAULTS = `
  apiVersion: meshc/v1
  defaults: { timeout: 5s }
`;
const SERVICES = `
  apiVersion: meshc/v1
  services:
    cart:
      protocol: http
      port: 7070
      versions: { v1: { endpoints: [10.0.0.1] } }
`;

test('mesh and defaults in different files are fine', () => {
  assert.deepEqual(diagnose({ 'mesh.yaml': MESH, 'defaults.yaml': DEFAULTS, 'services.yaml': SERVICES }), []);
});

test('a second mesh block is reported at its key, related to the first', () => {
  assert.deepEqual(checkRelated({ 'a.yaml': MESH, 'b.yaml': MESH, 'services.yaml': SERVICES }), ['duplicate-block@b.yaml:2:1 ~ a.yaml:2:1']);
});

test('a second defaults block is reported at its key, related to the first', () => {
  assert.deepEqual(checkRelated({ 'mesh.yaml': MESH, 'a.yaml': DEFAULTS, 'b.yaml': DEFAULTS, 'services.yaml': SERVICES }), ['duplicate-block@b.yaml:2:1 ~ a.yaml:2:1']);
});

test('a second document of the same file repeating both blocks gets one report per block', () => {
  assert.deepEqual(
    checkRelated({
      'mesh.yaml': `
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
        defaults: { timeout: 5s }
        ---
        apiVersion: meshc/v1
        defaults: { timeout: 2s }
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
      `,
      'services.yaml': SERVICES,
    }),
    ['duplicate-block@mesh.yaml:6:1 ~ mesh.yaml:3:1', 'duplicate-block@mesh.yaml:7:1 ~ mesh.yaml:2:1'],
  );
});

test('a third mesh block is related to the first, not the second', () => {
  assert.deepEqual(checkRelated({ 'a.yaml': MESH, 'b.yaml': MESH, 'c.yaml': MESH, 'services.yaml': SERVICES }), [
    'duplicate-block@b.yaml:2:1 ~ a.yaml:2:1',
    'duplicate-block@c.yaml:2:1 ~ a.yaml:2:1',
  ]);
});

test('only the first mesh block is checked for mtls: a duplicate without mtls gets duplicate-block only', () => {
  assert.deepEqual(
    diagnose({
      'a.yaml': MESH,
      'b.yaml': `
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example }
      `,
      'services.yaml': SERVICES,
    }),
    ['duplicate-block@b.yaml:2:1'],
  );
});
