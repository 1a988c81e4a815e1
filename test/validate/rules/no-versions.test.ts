import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, compileWithBase } from '../helpers.js';

test('a service with a version is fine', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    [],
  );
});

test('an empty versions map is reported at its key', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          versions: {}
    `),
    ['no-versions@mesh.yaml:6:5'],
  );
});

test('a route into a service without versions is also an unknown version, and the hint says there are none', () => {
  const yaml = `
    apiVersion: meshc/v1
    services:
      cart:
        protocol: http
        port: 7070
        versions: {}
        routes: [{ to: v1 }]
  `;
  assert.deepEqual(check(yaml), ['no-versions@mesh.yaml:6:5', 'unknown-version@mesh.yaml:7:20']);
  assert.match(compileWithBase(yaml).diagnostics[1]?.hint ?? '', /\(none\)/);
});
