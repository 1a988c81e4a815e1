import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers.js';

/** `defaults: <defaults>` on line 2, then service `catalog` whose `fields` follow from line 7 at column 5. */
const mesh = (defaults: string, ...fields: string[]) =>
  [
    'apiVersion: meshc/v1',
    `defaults: ${defaults}`,
    'services:',
    '  catalog:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');

const RETRIES = 'retries: { attempts: 2, perTryTimeout: 1s, backoff: ';

test('max below base is refused at max (Envoy refuses the route at load)', () => {
  assert.deepEqual(check(mesh('{}', `${RETRIES}{ base: 2s, max: 1s } }`)), ['invalid-retry-backoff@mesh.yaml:8:74']);
});

test('max equal to base, and max left to its default, are fine', () => {
  assert.deepEqual(check(mesh('{}', `${RETRIES}{ base: 1s, max: 1s } }`)), []);
  assert.deepEqual(check(mesh('{}', `${RETRIES}{ base: 1s } }`)), []);
});

test('backoff is inherited as a whole: a route that sets its own replaces the default one', () => {
  const defaults = `{ ${RETRIES}{ base: 100ms, max: 50ms } } }`;
  assert.deepEqual(check(mesh(defaults)), ['invalid-retry-backoff@mesh.yaml:2:85']);
  const routes = ['routes:', `  - { to: v1, ${RETRIES}{ base: 100ms, max: 1s } } }`];
  assert.deepEqual(check(mesh(defaults, ...routes)), []);
});
