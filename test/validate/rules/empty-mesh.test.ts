import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, MESH_HEADER } from '../../helpers/diagnose.js';

test('one service is enough, in any file', () => {
  assert.deepEqual(
    diagnose({
      'mesh.yaml': MESH_HEADER,
      'cart.yaml': `
        apiVersion: meshc/v1
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
      `,
    }),
    [],
  );
});

test('a mesh without a services block is reported at the mesh key', () => {
  assert.deepEqual(diagnose(MESH_HEADER), ['empty-mesh@mesh.yaml:2:1']);
});

test('an empty services block is the same mistake', () => {
  assert.deepEqual(
    diagnose(`
      apiVersion: meshc/v1
      mesh: { name: shop, trustDomain: shop.example, mtls: off }
      services: {}
    `),
    ['empty-mesh@mesh.yaml:2:1'],
  );
});

test('the mesh key is found in whichever file carries it', () => {
  assert.deepEqual(
    diagnose({
      'defaults.yaml': `
        apiVersion: meshc/v1
        defaults: { timeout: 5s }
      `,
      'mesh.yaml': `
        # The shop mesh
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
      `,
    }),
    ['empty-mesh@mesh.yaml:3:1'],
  );
});
