import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, catalogMesh } from '../helpers.js';
import { outlierDetectionWithoutDetector } from '../../../src/validate/rules/outlier-detection-without-detector.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(outlierDetectionWithoutDetector);

/** `catalog` after `defaults: <defaults>`: its fields from line 8 at column 5 (see catalogMesh). */
const mesh = (defaults: string, ...fields: string[]) => catalogMesh(defaults, ...fields);

test('a block with timing only ejects nothing: warned at its key', () => {
  assert.deepEqual(check(mesh('{}', 'outlierDetection: { interval: 5s }')), ['outlier-detection-without-detector@mesh.yaml:8:5']);
});

test('a detector inherited from defaults counts', () => {
  assert.deepEqual(check(mesh('{ outlierDetection: { consecutive5xx: 3 } }', 'outlierDetection: { interval: 5s }')), []);
  assert.deepEqual(check(mesh('{}', 'outlierDetection: { consecutiveGatewayErrors: 1 }')), []);
});

test('success rate, failure percentage and consecutive local-origin failures are detectors; splitting local origin alone is not', () => {
  for (const detector of ['successRate: {}', 'failurePercentage: { threshold: 50 }', 'consecutiveLocalOriginFailures: 3']) {
    assert.deepEqual(check(mesh('{}', `outlierDetection: { ${detector} }`)), [], detector);
  }
  assert.deepEqual(check(mesh('{}', 'outlierDetection: { splitLocalOrigin: true, maxEjectionTime: 1m }')), ['outlier-detection-without-detector@mesh.yaml:8:5']);
});
