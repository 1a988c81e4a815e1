import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogMesh } from '../../../validate/helpers.js';
import { ruleChecker } from '../../../helpers/rule.js';
import { invalidRetryBackoff } from '../../../../src/features/retries/rules/invalid-retry-backoff.js';

/** Only this rule, in process: what it reports and nothing else. */
const check1 = ruleChecker(invalidRetryBackoff);

/** `catalog` after `defaults: <defaults>`: its fields from line 8 at column 5 (see catalogMesh). */
const mesh = (defaults: string, ...fields: string[]) => catalogMesh(defaults, ...fields);

const RETRIES = 'retries: { attempts: 2, perTryTimeout: 1s, backoff: ';

test('max below base is refused at max (Envoy refuses the route at load)', () => {
  assert.deepEqual(check1(mesh('{}', `${RETRIES}{ base: 2s, max: 1s } }`)), ['invalid-retry-backoff@mesh.yaml:8:74']);
});

test('max equal to base, and max left to its default, are fine', () => {
  assert.deepEqual(check1(mesh('{}', `${RETRIES}{ base: 1s, max: 1s } }`)), []);
  assert.deepEqual(check1(mesh('{}', `${RETRIES}{ base: 1s } }`)), []);
});

test('backoff is inherited as a whole: a route that sets its own replaces the default one', () => {
  const defaults = `{ ${RETRIES}{ base: 100ms, max: 50ms } } }`;
  assert.deepEqual(check1(mesh(defaults)), ['invalid-retry-backoff@mesh.yaml:2:85']);
  const routes = ['routes:', `  - { to: v1, ${RETRIES}{ base: 100ms, max: 1s } } }`];
  assert.deepEqual(check1(mesh(defaults, ...routes)), []);
});
