import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, routesOf } from '../helpers.js';
import { missingRouteAction } from '../../../src/validate/rules/missing-route-action.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(missingRouteAction);

// routesOf: the routes of service `catalog` (versions v1 and v2), its `routes:` key on line 7.

test('routes with to or split, complete matchers and faults are fine', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { prefix: /api }, headers: { x-env: { present: true } }, query: { q: { exact: shoe } } }
        to: v2
        fault: { delay: { duration: 1s, percent: 10 } }
      - split: { v1: 90, v2: 10 }
        fault: { abort: { grpcStatus: 14, percent: 1 } }
    `),
    [],
  );
});

test('a route without to or split is reported at the route', () => {
  assert.deepEqual(
    routesOf(`
      - to: v1
        match: { path: { prefix: /api } }
      - name: legacy
    `),
    ['missing-route-action@3:3'],
  );
});

test('a flow route without an action', () => {
  assert.deepEqual(routesOf(`- { name: legacy, timeout: 1s }`), ['missing-route-action@1:3']);
});

test('a match-only route is also no catch-all', () => {
  assert.deepEqual(routesOf(`- match: { path: { prefix: /api } }`), ['no-catch-all-route@mesh.yaml:7:5', 'missing-route-action@1:3']);
});

test('an empty path match is reported at its key', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: {} }
        to: v1
      - to: v2
    `),
    ['missing-route-action@1:12'],
  );
});

test('a header or query matcher without a kind is reported at its name; invert alone is no kind', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-env: { invert: true } } }
        to: v1
      - match: { query: { q: {} } }
        to: v1
      - to: v2
    `),
    ['missing-route-action@1:23', 'missing-route-action@3:21'],
  );
});

test('an empty route fault, and an abort without status, are reported at their keys', () => {
  assert.deepEqual(
    routesOf(`
      - match: { path: { prefix: /slow } }
        to: v1
        fault: {}
      - to: v2
        fault: { abort: { percent: 5 } }
    `),
    ['missing-route-action@3:3', 'missing-route-action@5:12'],
  );
});

test('the same for a service fault', () => {
  const service = (fault: string) => `
    apiVersion: meshc/v1
    services:
      catalog:
        protocol: http
        port: 8080
        versions: { v1: { endpoints: [10.0.0.1] } }
        fault: ${fault}
  `;
  assert.deepEqual(check(service('{ delay: { duration: 2s, percent: 1 } }')), []);
  assert.deepEqual(check(service('{}')), ['missing-route-action@mesh.yaml:7:5']);
  assert.deepEqual(check(service('{ abort: { percent: 5 } }')), ['missing-route-action@mesh.yaml:7:14']);
});
