import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, checkRelated, routesOf } from '../helpers.js';
import { conflictingFields } from '../../../src/validate/rules/conflicting-fields.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(conflictingFields);

// routesOf: the routes of service `catalog` (versions v1 and v2); a last `- to: v1` keeps
// no-catch-all-route quiet where the routes under test all have a match.

test('each alternative alone is fine', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { exact: /health } }
        to: v1
      - match: { path: { regex: "^/v[0-9]+/items$" }, headers: { x-env: { exact: prod, invert: true } } }
        to: v2
      - match: { headers: { x-debug: { present: false, invert: true } }, query: { q: { suffix: shoe } } }
        split: { v1: 50, v2: 50 }
        fault: { abort: { grpcStatus: 14, percent: 1 } }
      - match: { path: { prefix: /api } }
        to: v1
        fault: { abort: { httpStatus: 503, percent: 1 } }
      - to: v1
    `),
    [],
  );
});

test('to and split: reported at split, related to to', () => {
  assert.deepEqual(
    routesOf(`
      - to: v1
        split: { v1: 50, v2: 50 }
    `),
    ['conflicting-fields@2:3'],
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
            - to: v1
              split: { v1: 50, v2: 50 }
    `),
    ['conflicting-fields@mesh.yaml:9:9 ~ mesh.yaml:8:9'],
  );
});

test('endpoints and dns on a version: reported at dns, related to endpoints', () => {
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions:
            v1:
              endpoints: [10.0.0.1]
              dns: cart.internal
    `),
    ['conflicting-fields@mesh.yaml:9:9 ~ mesh.yaml:8:9'],
  );
});

test('the report goes to the later alternative in the language order, not in the file', () => {
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions:
            v1:
              dns: cart.internal
              endpoints: [10.0.0.1]
    `),
    ['conflicting-fields@mesh.yaml:8:9 ~ mesh.yaml:9:9'],
  );
});

test('two path kinds: reported at the second', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { exact: /a, prefix: /a } }
        to: v1
      - to: v1
    `),
    ['conflicting-fields@1:31'],
  );
});

test('three path kinds are reported once', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { regex: "^/a", prefix: /a, exact: /a } }
        to: v1
      - to: v1
    `),
    ['conflicting-fields@1:34'],
  );
});

test('a header matcher with two kinds; present counts as a kind, invert does not', () => {
  assert.deepEqual(
    routesOf(`
      - match:
          headers:
            x-env: { exact: prod, present: true }
            x-user: { prefix: adm, invert: true }
        to: v1
      - to: v1
    `),
    ['conflicting-fields@3:29'],
  );
});

test('a query matcher with two kinds', () => {
  assert.deepEqual(
    routesOf(`
      - match:
          query:
            q: { prefix: shoe, regex: "^shoe" }
        to: v1
      - to: v1
    `),
    ['conflicting-fields@3:26'],
  );
});

test('an exact header value written as a plain string is never a conflict', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-env: prod }, query: { q: shoe } }
        to: v1
      - to: v1
    `),
    [],
  );
});

test('an abort with httpStatus and grpcStatus, on a route and on a service', () => {
  assert.deepEqual(
    routesOf(`
      - to: v1
        fault: { abort: { httpStatus: 503, grpcStatus: 14, percent: 5 } }
    `),
    ['conflicting-fields@2:38'],
  );
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: grpc
          port: 7070
          versions: { v1: { endpoints: [10.0.0.1] } }
          fault:
            abort:
              httpStatus: 503
              grpcStatus: 14
              percent: 5
    `),
    ['conflicting-fields@mesh.yaml:10:9'],
  );
});
