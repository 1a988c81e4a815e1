import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleChecker } from '../../../helpers/rule.js';
import { catalogMesh } from '../../../validate/helpers.js';
import { forbiddenHeaderChange } from '../../../../src/features/headers/rules/forbidden-header-change.js';

/** Only this rule, in process. `catalog`'s fields start on line 7 at column 5 (catalogMesh). */
const check = ruleChecker(forbiddenHeaderChange);

test('setting host or a pseudo-header is refused at its key, removing one at the list item', () => {
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { request: { set: { Host: a.example, x-ok: "1" } } }')), ['forbidden-header-change@mesh.yaml:7:34']);
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { request: { remove: [x-ok, ":path"] } }')), ['forbidden-header-change@mesh.yaml:7:42']);
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { response: { add: { ":status": "200" } } }')), ['forbidden-header-change@mesh.yaml:7:35']);
});

test('in defaults and on a route too; ordinary headers are fine', () => {
  assert.deepEqual(check(catalogMesh('{ headers: { request: { set: { ":authority": x } } } }')), ['forbidden-header-change@mesh.yaml:2:42']);
  const route = ['routes:', '  - { to: v1, headers: { request: { remove: [HOST] } } }'];
  assert.deepEqual(check(catalogMesh(undefined, ...route)), ['forbidden-header-change@mesh.yaml:8:50']);
  assert.deepEqual(check(catalogMesh(undefined, 'headers: { request: { set: { x-host: a, hostname: b } }, response: { remove: [server] } }')), []);
});
