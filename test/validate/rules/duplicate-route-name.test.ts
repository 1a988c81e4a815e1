import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, checkRelated, routesOf } from '../helpers.js';
import { duplicateRouteName } from '../../../src/validate/rules/duplicate-route-name.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(duplicateRouteName);

// routesOf: the routes of service `catalog` (versions v1 and v2).

test('distinct names, and unnamed routes, are fine', () => {
  assert.deepEqual(
    routesOf(`
      - name: canary
        match: { headers: { x-canary: "1" } }
        to: v2
      - match: { path: { prefix: /v1 } }
        to: v1
      - name: default
        to: v1
    `),
    [],
  );
});

test('two services may use the same route name', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } }, routes: [{ name: default, to: v1 }] }
        orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.2] } }, routes: [{ name: default, to: v1 }] }
    `),
    [],
  );
});

test('a name used twice: reported at the second name, related to the first', () => {
  assert.deepEqual(
    routesOf(`
      - name: canary
        match: { headers: { x-canary: "1" } }
        to: v2
      - name: canary
        to: v1
    `),
    ['duplicate-route-name@4:9'],
  );
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        catalog:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] }, v2: { endpoints: [10.0.0.2] } }
          routes:
            - { name: canary, match: { headers: { x-canary: "1" } }, to: v2 }
            - { name: canary, to: v1 }
    `),
    ['duplicate-route-name@mesh.yaml:9:17 ~ mesh.yaml:8:17'],
  );
});

test('every repetition is reported', () => {
  assert.deepEqual(
    routesOf(`
      - { name: api, match: { path: { prefix: /api } }, to: v2 }
      - { name: api, match: { path: { prefix: /v2 } }, to: v2 }
      - { name: api, to: v1 }
    `),
    ['duplicate-route-name@2:11', 'duplicate-route-name@3:11'],
  );
});

// Regression: an unnamed route is called route-<index> in stats and rate-limit descriptors, so an
// explicit name equal to that default gave two routes one name (two descriptors with one key).
test('a name equal to the default name of an unnamed route is a duplicate too', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - name: route-0
        to: v1
    `),
    ['duplicate-route-name@3:9'],
  );
  assert.deepEqual(
    routesOf(`
      - name: route-1
        match: { headers: { x-canary: "1" } }
        to: v2
      - to: v1
    `),
    // At the explicit name, the one that can change, whichever comes first.
    ['duplicate-route-name@1:9'],
  );
});
