import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkRelated, routesOf } from '../helpers.js';

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
