import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, compileWithBase } from '../helpers.js';
import { missingDefaultRoute } from '../../../src/validate/rules/missing-default-route.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(missingDefaultRoute);

/** Service `catalog` with versions `versions` (line 6) and routes `routes` (line 7). */
const catalog = (versions: string, routes = '', protocol = 'http') => `
  apiVersion: meshc/v1
  services:
    catalog:
      protocol: ${protocol}
      port: 8080
      versions: ${versions}
      ${routes}
`;
const TWO = '{ stable: { endpoints: [10.0.0.1] }, canary: { endpoints: [10.0.0.2] } }';

test('one version needs no routes', () => {
  assert.deepEqual(check(catalog('{ stable: { endpoints: [10.0.0.1] } }')), []);
});

test('several versions with a route are fine', () => {
  assert.deepEqual(check(catalog(TWO, 'routes: [{ to: stable }]')), []);
});

test('several versions and no routes: reported at the versions key, the hint naming them', () => {
  assert.deepEqual(check(catalog(TWO)), ['missing-default-route@mesh.yaml:6:5']);
  const hint = compileWithBase(catalog(TWO)).diagnostics[0]?.hint ?? '';
  assert.match(hint, /stable/);
  assert.match(hint, /canary/);
});

test('an empty routes list is no routes', () => {
  assert.deepEqual(check(catalog(TWO, 'routes: []')), ['missing-default-route@mesh.yaml:6:5']);
});

test('tcp services too', () => {
  assert.deepEqual(check(catalog(TWO, '', 'tcp')), ['missing-default-route@mesh.yaml:6:5']);
});
