import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, catalogMesh } from '../helpers.js';
import { zoneWithoutEffect } from '../../../src/validate/rules/zone-without-effect.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(zoneWithoutEffect);

test('a zone on an endpoint is refused at its key: no sidecar knows its own zone', () => {
  const mesh = catalogMesh(undefined).replace('{ v1: { endpoints: [10.0.0.1] } }', '{ v1: { endpoints: [10.0.0.1, { address: 10.0.0.2, zone: eu-1a }] } }');
  assert.deepEqual(check(mesh), ['zone-without-effect@mesh.yaml:6:66']);
});

test('endpoints without a zone, as strings or objects, are fine', () => {
  const mesh = catalogMesh(undefined).replace('{ v1: { endpoints: [10.0.0.1] } }', '{ v1: { endpoints: [10.0.0.1, { address: 10.0.0.2, weight: 2 }] } }');
  assert.deepEqual(check(mesh), []);
});
