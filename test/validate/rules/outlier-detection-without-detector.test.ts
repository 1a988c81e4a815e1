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

test('a block with timing only ejects nothing: warned at its key', () => {
  assert.deepEqual(check(mesh('{}', 'outlierDetection: { interval: 5s }')), ['outlier-detection-without-detector@mesh.yaml:8:5']);
});

test('a detector inherited from defaults counts', () => {
  assert.deepEqual(check(mesh('{ outlierDetection: { consecutive5xx: 3 } }', 'outlierDetection: { interval: 5s }')), []);
  assert.deepEqual(check(mesh('{}', 'outlierDetection: { consecutiveGatewayErrors: 1 }')), []);
});
