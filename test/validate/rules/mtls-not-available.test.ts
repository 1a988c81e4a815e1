import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../helpers/diagnose.js';

/** A mesh whose `mesh` block is given as `mesh` (lines 2-…); the service follows it. */
const withMesh = (mesh: string) => `
  apiVersion: meshc/v1
  ${mesh}
  services:
    cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
`;

test('mtls: off compiles', () => {
  assert.deepEqual(diagnose(withMesh('mesh: { name: shop, trustDomain: shop.example, mtls: off }')), []);
});

test('mtls: strict is reported at its value', () => {
  assert.deepEqual(
    diagnose(withMesh('mesh: { name: shop, trustDomain: shop.example, mtls: strict }')),
    ['mtls-not-available@mesh.yaml:2:54'],
  );
});

test('mtls: permissive is reported at its value', () => {
  assert.deepEqual(
    diagnose(`
      apiVersion: meshc/v1
      mesh:
        name: shop
        trustDomain: shop.example
        mtls: permissive
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    ['mtls-not-available@mesh.yaml:5:9'],
  );
});

test('an omitted mtls defaults to strict and is reported at the mesh key', () => {
  assert.deepEqual(
    diagnose(withMesh('mesh: { name: shop, trustDomain: shop.example }')),
    ['mtls-not-available@mesh.yaml:2:1'],
  );
});

test('the mesh block is found in a later document', () => {
  assert.deepEqual(
    diagnose(`
      apiVersion: meshc/v1
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
      ---
      apiVersion: meshc/v1
      mesh:
        name: shop
        trustDomain: shop.example
    `),
    ['mtls-not-available@mesh.yaml:6:1'],
  );
});

test('without any mesh block only missing-mesh is reported', () => {
  assert.deepEqual(
    diagnose(`
      apiVersion: meshc/v1
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    ['missing-mesh@mesh.yaml:1:1'],
  );
});
