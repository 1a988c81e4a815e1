import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, catalogMesh } from '../helpers.js';
import { jwtWithoutAudience } from '../../../src/validate/rules/jwt-without-audience.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(jwtWithoutAudience);

/** `catalog` without defaults: its fields from line 7 at column 5 (see catalogMesh). */
const mesh = (...fields: string[]) => catalogMesh(undefined, ...fields);

test('a provider without audiences is warned at its name', () => {
  assert.deepEqual(check(mesh('jwt:', '  providers:', `    idp: { issuer: i, jwks: '{"keys":[]}' }`)), ['jwt-without-audience@mesh.yaml:9:9']);
});

test('with audiences it is not', () => {
  assert.deepEqual(check(mesh('jwt:', '  providers:', `    idp: { issuer: i, audiences: [catalog], jwks: '{"keys":[]}' }`)), []);
});
