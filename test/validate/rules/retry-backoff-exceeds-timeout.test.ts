import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers.js';

/** Service `catalog` whose `fields` follow from line 6 at column 5. */
const mesh = (...fields: string[]) =>
  [
    'apiVersion: meshc/v1',
    'services:',
    '  catalog:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');

test('a back-off base as long as the timeout is warned about at base', () => {
  assert.deepEqual(check(mesh('timeout: 1s', 'retries: { attempts: 1, perTryTimeout: 500ms, backoff: { base: 1s } }')), [
    'retry-backoff-exceeds-timeout@mesh.yaml:8:68',
  ]);
});

test('a base below the timeout, no timeout (0s) or no retries are fine', () => {
  assert.deepEqual(check(mesh('timeout: 1s', 'retries: { attempts: 1, perTryTimeout: 500ms, backoff: { base: 999ms } }')), []);
  assert.deepEqual(check(mesh('timeout: 0s', 'retries: { attempts: 1, perTryTimeout: 500ms, backoff: { base: 1h } }')), []);
  assert.deepEqual(check(mesh('timeout: 1s', 'retries: { attempts: 0, backoff: { base: 1h } }')), []);
});

test('the built-in 15s timeout applies when none is written', () => {
  assert.deepEqual(check(mesh('retries: { attempts: 1, perTryTimeout: 5s, backoff: { base: 15s } }')), [
    'retry-backoff-exceeds-timeout@mesh.yaml:7:65',
  ]);
});
