import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRelated, compileWithBase, routesOf } from '../helpers.js';

// routesOf: the routes of service `catalog` (versions v1 and v2); every case ends in a catch-all
// unless the catch-all is the point.

test('specific routes before general ones are fine', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { exact: /api/v2/health } }
        to: v1
      - match: { path: { prefix: /api/v2 } }
        to: v2
      - match: { path: { prefix: /api }, headers: { x-canary: "1" } }
        to: v2
      - match: { path: { prefix: /api } }
        to: v1
      - to: v1
    `),
    [],
  );
});

test('anything after a route without match is shadowed', () => {
  assert.deepEqual(
    routesOf(`
      - to: v1
      - match: { path: { prefix: /api } }
        to: v2
    `),
    ['shadowed-route@2:3'],
  );
});

test('an empty match and a root prefix are catch-alls too', () => {
  assert.deepEqual(
    routesOf(`
      - match: {}
        to: v1
      - match: { headers: { x-canary: "1" } }
        to: v2
    `),
    ['shadowed-route@3:3'],
  );
  assert.deepEqual(
    routesOf(`
      - match: { path: { prefix: / } }
        to: v1
      - match: { method: POST }
        to: v2
    `),
    ['shadowed-route@3:3'],
  );
});

test('a second catch-all is shadowed by the first', () => {
  assert.deepEqual(routesOf(`- to: v1\n- to: v2`), ['shadowed-route@2:3']);
});

test('a longer prefix, or an exact path under a prefix, is shadowed by the shorter prefix', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { prefix: /api } }
        to: v1
      - match: { path: { prefix: /api/v2 } }
        to: v2
      - match: { path: { exact: /api/health } }
        to: v2
      - to: v1
    `),
    ['shadowed-route@3:3', 'shadowed-route@5:3'],
  );
});

test('the same exact path, and the same regex text, are shadowed', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { exact: /login } }
        to: v1
      - match: { path: { exact: /login }, method: POST }
        to: v2
      - match: { path: { regex: "^/items/[0-9]+$" } }
        to: v1
      - match: { path: { regex: "^/items/[0-9]+$" } }
        to: v2
      - to: v1
    `),
    ['shadowed-route@3:3', 'shadowed-route@7:3'],
  );
});

test('a regex is never interpreted: neither as shadowing nor as shadowed', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { regex: "^/.*" } }
        to: v1
      - match: { path: { prefix: /api } }
        to: v2
      - match: { path: { prefix: /a } }
        to: v1
      - match: { path: { regex: "^/api/.*" } }
        to: v2
      - to: v1
    `),
    [],
  );
});

test('an exact path does not shadow a prefix, nor a different exact path', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { exact: /api } }
        to: v1
      - match: { path: { exact: /api/ } }
        to: v2
      - match: { path: { prefix: /api } }
        to: v2
      - to: v1
    `),
    [],
  );
});

test('the same header condition, written as a string or as exact, shadows; extra conditions do not help', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - match: { headers: { x-canary: { exact: "1" } } }
        to: v1
      - match: { headers: { x-canary: "1", x-user: admin }, query: { debug: "1" } }
        to: v1
      - to: v1
    `),
    ['shadowed-route@3:3', 'shadowed-route@5:3'],
  );
});

test('a different header value or kind, or a missing header, is not shadowed', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - match: { headers: { x-canary: "2" } }
        to: v1
      - match: { headers: { x-canary: { prefix: "1" } } }
        to: v1
      - match: { headers: { x-canary: { exact: "1", invert: true } } }
        to: v1
      - match: { path: { prefix: /api } }
        to: v1
      - to: v1
    `),
    [],
  );
});

test('the same query condition shadows', () => {
  assert.deepEqual(
    routesOf(`
      - match: { query: { preview: "true" } }
        to: v2
      - match: { query: { preview: "true" }, path: { prefix: /items } }
        to: v1
      - to: v1
    `),
    ['shadowed-route@3:3'],
  );
});

test('a method set shadows its subsets, not its supersets', () => {
  assert.deepEqual(
    routesOf(`
      - match: { method: [GET, HEAD] }
        to: v2
      - match: { method: GET, path: { prefix: /static } }
        to: v1
      - match: { method: [HEAD, GET] }
        to: v1
      - match: { method: [GET, POST] }
        to: v1
      - match: { headers: { x-a: "1" } }
        to: v1
      - to: v1
    `),
    ['shadowed-route@3:3', 'shadowed-route@5:3'],
  );
});

test('a narrower earlier route shadows nothing', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { prefix: /api/v2 }, headers: { x-canary: "1" }, method: GET }
        to: v2
      - match: { path: { prefix: /api/v2 }, headers: { x-canary: "1" } }
        to: v2
      - match: { path: { prefix: /api/v2 } }
        to: v1
      - to: v1
    `),
    [],
  );
});

test('the related location is the first route that covers it', () => {
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        catalog:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] }, v2: { endpoints: [10.0.0.2] } }
          routes:
            - { match: { path: { prefix: /api } }, to: v2 }
            - to: v1
            - { match: { path: { prefix: /api/v2 } }, to: v1 }
    `),
    ['shadowed-route@mesh.yaml:10:9 ~ mesh.yaml:8:9'],
  );
});

test('a warning only: the mesh still compiles', () => {
  const result = compileWithBase(`
    apiVersion: meshc/v1
    services:
      catalog:
        protocol: http
        port: 8080
        versions: { v1: { endpoints: [10.0.0.1] }, v2: { endpoints: [10.0.0.2] } }
        routes: [{ to: v1 }, { to: v2 }]
  `);
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.severity} ${d.name}`),
    ['warning shadowed-route'],
  );
  assert.ok(result.files.length > 0);
});
