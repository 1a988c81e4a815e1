import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, routesOf } from '../helpers.js';
import { noCatchAllRoute } from '../../../src/validate/rules/no-catch-all-route.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(noCatchAllRoute);

// routesOf: the routes of service `catalog`, its `routes:` key at mesh.yaml:7:5.

test('no routes at all is fine', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        catalog: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    [],
  );
});

test('a route without match, or with only a root prefix, anywhere in the list is a catch-all', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - to: v1
    `),
    [],
  );
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - match: { path: { prefix: / } }
        to: v1
    `),
    [],
  );
});

test('when every route has a match, the routes key is reported', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - match: { path: { prefix: /api } }
        to: v1
    `),
    ['no-catch-all-route@mesh.yaml:7:5'],
  );
});

test('a root prefix with another condition is not a catch-all', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { prefix: / }, method: [GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS] }
        to: v1
    `),
    ['no-catch-all-route@mesh.yaml:7:5'],
  );
  assert.deepEqual(
    routesOf(`
      - match: { path: { regex: ".*" } }
        to: v1
    `),
    ['no-catch-all-route@mesh.yaml:7:5'],
  );
});

test('tcp services are not checked (their routes cannot match anyway)', () => {
  assert.deepEqual(
    routesOf(
      `
      - match: { headers: { x-tenant: eu } }
        to: v1
      `,
      'tcp',
    ),
    ['http-feature-on-tcp@1:3'],
  );
});
