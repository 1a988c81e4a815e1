import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, compileWithBase, routesOf } from '../helpers.js';
import { unknownVersion } from '../../../src/validate/rules/unknown-version.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(unknownVersion);

// routesOf: the routes of service `catalog`, which has versions v1 and v2.

test('to, split keys and mirror.to naming existing versions are fine', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-canary: "1" } }
        to: v2
      - split: { v1: 90, v2: 10 }
        mirror: { to: v2, percent: 5 }
    `),
    [],
  );
});

test('an unknown `to` is reported at its value, with the closest version as hint', () => {
  assert.deepEqual(routesOf(`- to: v3`), ['unknown-version@1:7']);
});

test('an unknown split key is reported at the key', () => {
  assert.deepEqual(routesOf(`- split: { v1: 50, v3: 50 }`), ['unknown-version@1:20']);
});

test('an unknown route mirror is reported at mirror.to', () => {
  assert.deepEqual(
    routesOf(`
      - to: v1
        mirror: { to: canary }
    `),
    ['unknown-version@2:17'],
  );
});

test('an unknown service-level mirror is reported at mirror.to', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        catalog:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] } }
          mirror:
            to: shadow
    `),
    ['unknown-version@mesh.yaml:8:11'],
  );
});

test('the hint suggests a close version, or lists them all', () => {
  const hints = (yaml: string) => compileWithBase(yaml).diagnostics.map((d) => d.hint ?? '');
  const service = (to: string) => `
    apiVersion: meshc/v1
    services:
      catalog:
        protocol: http
        port: 8080
        versions: { stable: { endpoints: [10.0.0.1] }, canary: { endpoints: [10.0.0.2] } }
        routes: [{ to: ${to} }]
  `;
  const [close] = hints(service('canaty'));
  assert.match(close ?? '', /"canary"/);
  const [far] = hints(service('v9'));
  assert.match(far ?? '', /stable/);
  assert.match(far ?? '', /canary/);
});

test('a version of another service does not count', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        catalog:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] } }
          routes: [{ to: beta }]
        cart:
          protocol: http
          port: 7070
          versions: { beta: { endpoints: [10.0.0.2] } }
    `),
    ['unknown-version@mesh.yaml:7:20'],
  );
});

test('every wrong reference of one route is reported', () => {
  assert.deepEqual(
    routesOf(`
      - split: { v0: 50, v3: 50 }
        mirror: { to: v4 }
    `),
    ['unknown-version@1:12', 'unknown-version@1:20', 'unknown-version@2:17'],
  );
});
