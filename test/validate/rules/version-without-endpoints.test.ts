import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers.js';

/** A service `cart` whose versions are `versions` (written from line 6). */
const cart = (versions: string) => `
  apiVersion: meshc/v1
  services:
    cart:
      protocol: http
      port: 7070
      ${versions}
`;

test('endpoints or dns are enough', () => {
  assert.deepEqual(check(cart('versions: { v1: { endpoints: [10.0.0.1] } }')), []);
  assert.deepEqual(check(cart('versions: { v1: { dns: cart.internal } }')), []);
});

test('a version with neither is reported at its key', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions:
            v1: {}
    `),
    ['version-without-endpoints@mesh.yaml:7:7'],
  );
});

test('labels alone do not count', () => {
  assert.deepEqual(check(cart('versions: { v1: { labels: { track: stable } } }')), ['version-without-endpoints@mesh.yaml:6:17']);
});

test('an empty endpoint list is reported at the endpoints key', () => {
  assert.deepEqual(check(cart('versions: { v1: { endpoints: [] } }')), ['version-without-endpoints@mesh.yaml:6:23']);
});

test('each bad version of a service is reported', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions:
            v1: { endpoints: [10.0.0.1] }
            v2: {}
            v3: { endpoints: [] }
          routes: [{ to: v1 }]
    `),
    ['version-without-endpoints@mesh.yaml:8:7', 'version-without-endpoints@mesh.yaml:9:13'],
  );
});

test('an empty endpoint list next to dns is a conflict, not a missing target', () => {
  assert.deepEqual(check(cart('versions: { v1: { endpoints: [], dns: cart.internal } }')), ['conflicting-fields@mesh.yaml:6:38']);
});
