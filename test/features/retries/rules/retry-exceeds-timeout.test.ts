import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogMesh } from '../../../validate/helpers.js';
import { ruleChecker } from '../../../helpers/rule.js';
import { retryExceedsTimeout } from '../../../../src/features/retries/rules/retry-exceeds-timeout.js';

/** Only this rule, in process: what it reports and nothing else. */
const check1 = ruleChecker(retryExceedsTimeout);

/** `catalog` after `defaults: <defaults>`: its fields from line 8 at column 5 (see catalogMesh). */
const mesh = (defaults: string, ...fields: string[]) => catalogMesh(defaults, ...fields);

test('tries that fit the timeout exactly are fine', () => {
  assert.deepEqual(check1(mesh('{}', 'timeout: 1s', 'retries: { attempts: 1, perTryTimeout: 500ms }')), []);
});

test('tries that exceed the timeout set next to them: reported at retries', () => {
  assert.deepEqual(check1(mesh('{}', 'timeout: 1s', 'retries: { attempts: 2, perTryTimeout: 500ms }')), ['retry-exceeds-timeout@mesh.yaml:9:5']);
});

test('timeout 0s (no timeout) and attempts 0 (no retries) are never reported', () => {
  assert.deepEqual(check1(mesh('{}', 'timeout: 0s', 'retries: { attempts: 10, perTryTimeout: 1h }')), []);
  assert.deepEqual(check1(mesh('{}', 'timeout: 1s', 'retries: { attempts: 0, perTryTimeout: 1h }')), []);
});

test('without a timeout the built-in 15s applies', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2, perTryTimeout: 5s }')), []);
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2, perTryTimeout: 6s }')), ['retry-exceeds-timeout@mesh.yaml:8:5']);
});

test('without attempts the built-in 2 applies', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { perTryTimeout: 6s }')), ['retry-exceeds-timeout@mesh.yaml:8:5']);
});

test('retries from defaults, timeout on the service: reported at the service timeout', () => {
  assert.deepEqual(check1(mesh('{ retries: { attempts: 3, perTryTimeout: 1s } }', 'timeout: 2s')), ['retry-exceeds-timeout@mesh.yaml:8:5']);
});

test('timeout from defaults, retries on the service: reported at the service retries', () => {
  assert.deepEqual(check1(mesh('{ timeout: 2s }', 'retries: { attempts: 3, perTryTimeout: 1s }')), ['retry-exceeds-timeout@mesh.yaml:8:5']);
});

test('retries merge field by field: attempts from defaults count', () => {
  assert.deepEqual(check1(mesh('{ retries: { attempts: 4 } }', 'timeout: 3s', 'retries: { perTryTimeout: 1s }')), ['retry-exceeds-timeout@mesh.yaml:9:5']);
});

test('a route timeout shorter than the service one: reported at the route timeout, only for that route', () => {
  assert.deepEqual(
    check1(
      mesh(
        '{}',
        'timeout: 10s',
        'retries: { attempts: 2, perTryTimeout: 500ms }',
        'routes:',
        '  - match: { path: { prefix: /search } }',
        '    to: v1',
        '    timeout: 1s',
        '  - to: v1',
      ),
    ),
    ['retry-exceeds-timeout@mesh.yaml:13:9'],
  );
});

test('route retries under a service timeout: reported at the route retries', () => {
  assert.deepEqual(check1(mesh('{}', 'timeout: 2s', 'routes:', '  - to: v1', '    retries: { perTryTimeout: 1s }')), ['retry-exceeds-timeout@mesh.yaml:11:9']);
});

test('retries from defaults, timeout on a route: reported at the route timeout', () => {
  assert.deepEqual(check1(mesh('{ retries: { attempts: 3, perTryTimeout: 1s } }', 'routes:', '  - to: v1', '    timeout: 2s')), ['retry-exceeds-timeout@mesh.yaml:10:9']);
});

test('a service problem inherited by several routes is reported once', () => {
  assert.deepEqual(
    check1(mesh('{}', 'timeout: 1s', 'retries: { attempts: 2, perTryTimeout: 500ms }', 'routes:', '  - { match: { path: { prefix: /a } }, to: v1 }', '  - to: v1')),
    ['retry-exceeds-timeout@mesh.yaml:9:5'],
  );
});

test('a problem written entirely in defaults is reported at defaults.retries', () => {
  assert.deepEqual(check1(mesh('{ timeout: 1s, retries: { attempts: 2, perTryTimeout: 1s } }')), ['retry-exceeds-timeout@mesh.yaml:2:26']);
});

test('tcp services are not checked', () => {
  assert.deepEqual(
    check1(`
      apiVersion: meshc/v1
      defaults: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 1s } }
      services:
        db: { protocol: tcp, port: 5432, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    [],
  );
});

test('a problem in defaults is reported once however many services inherit it', () => {
  assert.deepEqual(
    check1(`
        apiVersion: meshc/v1
        defaults: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 1s } }
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
          orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.2] } } }
      `),
    ['retry-exceeds-timeout@mesh.yaml:2:26'],
  );
});
