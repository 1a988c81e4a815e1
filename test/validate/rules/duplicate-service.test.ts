import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, MESH_HEADER } from '../../helpers/diagnose.js';
import { checkRelated } from '../helpers.js';

/** A document defining one service (its workload at 10.0.0.<port - 7000>); the service key is on line 3, column 3. */
const team = (service: string, port: number) => `
  apiVersion: meshc/v1
  services:
    ${service}:
      protocol: http
      port: ${port}
      versions: { v1: { endpoints: [10.0.0.${port - 7000}] } }
`;

test('services with different names in several files are fine', () => {
  assert.deepEqual(diagnose({ 'mesh.yaml': MESH_HEADER, 'team-a.yaml': team('cart', 7070), 'team-b.yaml': team('orders', 7071) }), []);
});

test('a service defined in two files is reported at the second key, related to the first', () => {
  assert.deepEqual(checkRelated({ 'mesh.yaml': MESH_HEADER, 'team-a.yaml': team('cart', 7070), 'team-b.yaml': team('cart', 7071) }), [
    'duplicate-service@team-b.yaml:3:3 ~ team-a.yaml:3:3',
  ]);
});

test('a service defined in two documents of one file', () => {
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions: { v1: { endpoints: [10.0.0.1] } }
      ---
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions: { v1: { endpoints: [10.0.0.2] } }
    `),
    ['duplicate-service@mesh.yaml:10:3 ~ mesh.yaml:3:3'],
  );
});

test('every later definition is reported, each related to the first', () => {
  assert.deepEqual(
    checkRelated({
      'mesh.yaml': MESH_HEADER,
      'a.yaml': team('cart', 7070),
      'b.yaml': team('cart', 7071),
      'c.yaml': team('cart', 7072),
    }),
    ['duplicate-service@b.yaml:3:3 ~ a.yaml:3:3', 'duplicate-service@c.yaml:3:3 ~ a.yaml:3:3'],
  );
});

test('the first definition is the one given first, whatever the file names', () => {
  assert.deepEqual(checkRelated({ 'mesh.yaml': MESH_HEADER, 'z.yaml': team('cart', 7070), 'a.yaml': team('cart', 7071) }), ['duplicate-service@a.yaml:3:3 ~ z.yaml:3:3']);
});

test('the same service twice in one mapping is a duplicate-key, not a duplicate-service', () => {
  assert.deepEqual(
    diagnose(`
      apiVersion: meshc/v1
      mesh: { name: shop, trustDomain: shop.example, mtls: off }
      services:
        cart:
          protocol: http
          port: 7070
          versions: { v1: { endpoints: [10.0.0.1] } }
        cart:
          protocol: http
          port: 7071
          versions: { v1: { endpoints: [10.0.0.2] } }
    `),
    ['duplicate-key@mesh.yaml:8:3'],
  );
});

test('a version named like a service in another file is not a duplicate', () => {
  assert.deepEqual(
    diagnose({
      'mesh.yaml': MESH_HEADER,
      'a.yaml': team('cart', 7070),
      'b.yaml': `
        apiVersion: meshc/v1
        services:
          orders:
            protocol: http
            port: 7071
            versions: { cart: { endpoints: [10.0.0.2] } }
      `,
    }),
    [],
  );
});
