import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWithBase, routesOf } from '../helpers.js';

// routesOf: the routes of service `catalog` (versions v1 and v2); a last `- to: v1` is the catch-all.

test('RE2 patterns in path, header and query matchers are fine', () => {
  assert.deepEqual(
    routesOf(`
      - match:
          path: { regex: "^/api/v[0-9]+/items/\\\\d+$" }
          headers: { user-agent: { regex: "(?i).*bot.*" } }
          query: { id: { regex: "[a-f0-9]{8}" } }
        to: v2
      - to: v1
    `),
    [],
  );
});

test('look-around in a path regex is reported at the pattern', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { regex: "^/api(?!/internal)" } }
        to: v2
      - to: v1
    `),
    ['invalid-regex@1:27'],
  );
});

test('a back-reference in a header regex, an unclosed class in a query regex', () => {
  assert.deepEqual(
    routesOf(`
      - match:
          headers:
            x-id: { regex: "(a)\\\\1" }
          query:
            tag: { regex: "[abc" }
        to: v2
      - to: v1
    `),
    ['invalid-regex@3:22', 'invalid-regex@5:21'],
  );
});

test('regex characters in exact, prefix or suffix matchers are text, not patterns', () => {
  assert.deepEqual(
    routesOf(`
      - match:
          path: { prefix: "/a(b" }
          headers: { x-id: { suffix: "[" }, x-q: "(?=" }
          query: { q: { exact: "\\\\1" } }
        to: v2
      - to: v1
    `),
    [],
  );
});

test('the message carries RE2\u2019s reason and the hint explains RE2', () => {
  const yaml = `
    apiVersion: meshc/v1
    services:
      catalog:
        protocol: http
        port: 8080
        versions: { v1: { endpoints: [10.0.0.1] } }
        routes:
          - { match: { path: { regex: "(?<=/)api" } }, to: v1 }
          - to: v1
  `;
  const [d] = compileWithBase(yaml).diagnostics;
  assert.equal(d?.name, 'invalid-regex');
  assert.match(d?.hint ?? '', /RE2/);
});

test('a regex whose RE2 program is over Envoy\u2019s 100 instructions is refused at the pattern', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { regex: "^/x{120}$" } }
        to: v2
      - to: v1
    `),
    ['invalid-regex@1:27'],
  );
  const [d] = compileWithBase(`
apiVersion: meshc/v1
services:
  catalog:
    protocol: http
    port: 8080
    versions: { v1: { endpoints: [10.0.0.1] } }
    routes: [{ match: { path: { regex: "^/x{120}$" } }, to: v1 }, { to: v1 }]
`).diagnostics;
  assert.match(d?.message ?? '', /its RE2 program has at least 1\d\d instructions, over the 100 Envoy allows/);
});
