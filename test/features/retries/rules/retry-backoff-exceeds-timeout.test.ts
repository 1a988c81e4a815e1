import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogMesh } from '../../../validate/helpers.js';
import { ruleChecker } from '../../../helpers/rule.js';
import { retryBackoffExceedsTimeout } from '../../../../src/features/retries/rules/retry-backoff-exceeds-timeout.js';

/** Only this rule, in process: what it reports and nothing else. */
const check1 = ruleChecker(retryBackoffExceedsTimeout);

/** `catalog` without defaults: its fields from line 7 at column 5 (see catalogMesh). */
const mesh = (...fields: string[]) => catalogMesh(undefined, ...fields);

test('a back-off base as long as the timeout is warned about at base', () => {
  assert.deepEqual(check1(mesh('timeout: 1s', 'retries: { attempts: 1, perTryTimeout: 500ms, backoff: { base: 1s } }')), ['retry-backoff-exceeds-timeout@mesh.yaml:8:68']);
});

test('a base below the timeout, no timeout (0s) or no retries are fine', () => {
  assert.deepEqual(check1(mesh('timeout: 1s', 'retries: { attempts: 1, perTryTimeout: 500ms, backoff: { base: 999ms } }')), []);
  assert.deepEqual(check1(mesh('timeout: 0s', 'retries: { attempts: 1, perTryTimeout: 500ms, backoff: { base: 1h } }')), []);
  assert.deepEqual(check1(mesh('timeout: 1s', 'retries: { attempts: 0, backoff: { base: 1h } }')), []);
});

test('the built-in 15s timeout applies when none is written', () => {
  assert.deepEqual(check1(mesh('retries: { attempts: 1, perTryTimeout: 5s, backoff: { base: 15s } }')), ['retry-backoff-exceeds-timeout@mesh.yaml:7:65']);
});
