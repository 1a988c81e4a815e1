import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleChecker } from '../../../helpers/rule.js';
import { catalogMesh } from '../../../validate/helpers.js';
import { headerChangedTwice } from '../../../../src/features/headers/rules/header-changed-twice.js';

/** Only this rule, in process. `catalog`'s fields start on line 7 at column 5 (catalogMesh). */
const check = ruleChecker(headerChangedTwice);

test('one level changing one header in two ways is refused at the second change', () => {
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { request: { set: { x-a: "1" }, remove: [x-a] } }')), ['header-changed-twice@mesh.yaml:7:55']);
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { request: { add: { x-a: "1" }, set: { x-a: "2" } } }')), ['header-changed-twice@mesh.yaml:7:53']);
});

test('names are compared in lower case, as Envoy keeps them', () => {
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { response: { set: { X-Tenant: a, x-tenant: b } } }')), ['header-changed-twice@mesh.yaml:7:48']);
});

test('request and response, and different levels, are separate: a closer level replaces a general one', () => {
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { request: { set: { x-a: "1" } }, response: { remove: [x-a] } }')), []);
  const layered = catalogMesh(
    '{ headers: { response: { remove: [server] } } }',
    'headers: { response: { set: { server: catalog } } }',
    'routes:',
    '  - { to: v1, headers: { response: { remove: [server] } } }',
  );
  assert.deepEqual(check(layered), []);
});
