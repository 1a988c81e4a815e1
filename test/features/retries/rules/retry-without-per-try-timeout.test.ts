import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWithBase, catalogMesh } from '../../../validate/helpers.js';
import { ruleChecker } from '../../../helpers/rule.js';
import { retryWithoutPerTryTimeout } from '../../../../src/features/retries/rules/retry-without-per-try-timeout.js';

/** Only this rule, in process: what it reports and nothing else. */
const check1 = ruleChecker(retryWithoutPerTryTimeout);

/** `catalog` after `defaults: <defaults>`: its fields from line 8 at column 5 (see catalogMesh). */
const mesh = (defaults: string, ...fields: string[]) => catalogMesh(defaults, ...fields);

test('retries with a per-try timeout, or turned off, are fine', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2, perTryTimeout: 1s }')), []);
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 0 }')), []);
});

test('service retries without perTryTimeout are reported at the retries key', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2 }')), ['retry-without-per-try-timeout@mesh.yaml:8:5']);
});

test('retries without attempts retry twice, so they count', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { on: [5xx, reset] }')), ['retry-without-per-try-timeout@mesh.yaml:8:5']);
});

test('a perTryTimeout inherited from defaults is enough', () => {
  assert.deepEqual(check1(mesh('{ retries: { perTryTimeout: 1s } }', 'retries: { attempts: 3 }')), []);
});

test('retries in defaults are reported once, at defaults, however many services inherit them', () => {
  const yaml = `
    apiVersion: meshc/v1
    defaults: { retries: { attempts: 2 } }
    services:
      cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
      orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.2] } }, routes: [{ to: v1 }] }
  `;
  assert.deepEqual(check1(yaml), ['retry-without-per-try-timeout@mesh.yaml:2:13']);
  assert.match(compileWithBase(yaml).diagnostics[0]?.message ?? '', /defaults/);
});

test('route retries without perTryTimeout are reported at the route retries', () => {
  assert.deepEqual(check1(mesh('{}', 'routes:', '  - to: v1', '    retries: { attempts: 3 }')), ['retry-without-per-try-timeout@mesh.yaml:10:9']);
});

test('a route turning retries off is fine; other routes still inherit the service retries', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2 }', 'routes:', '  - { to: v1, retries: { attempts: 0 } }')), []);
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2 }', 'routes:', '  - { match: { path: { prefix: /pay } }, to: v1, retries: { attempts: 0 } }', '  - to: v1')), [
    'retry-without-per-try-timeout@mesh.yaml:8:5',
  ]);
});

test('a route giving perTryTimeout fixes the service retries for that route', () => {
  assert.deepEqual(check1(mesh('{}', 'retries: { attempts: 2 }', 'routes:', '  - { to: v1, retries: { perTryTimeout: 1s } }')), []);
});

test('tcp services are not checked', () => {
  assert.deepEqual(
    check1(`
      apiVersion: meshc/v1
      defaults: { retries: { attempts: 2 } }
      services:
        db: { protocol: tcp, port: 5432, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    [],
  );
});
