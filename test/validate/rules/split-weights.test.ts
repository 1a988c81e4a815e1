import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routesOf } from '../helpers.js';

// routesOf: the routes of service `catalog` (versions v1 and v2).

test('weights adding up to 100, with up to two decimals, are fine', () => {
  for (const split of ['{ v1: 90, v2: 10 }', '{ v1: 33.33, v2: 66.67 }', '{ v1: 0.01, v2: 99.99 }', '{ v1: 0.1, v2: 99.9 }', '{ v1: 100, v2: 0 }', '{ v1: 100 }']) {
    assert.deepEqual(routesOf(`- split: ${split}`), [], split);
  }
});

test('a negative weight is reported at the weight, and the sum is then not checked', () => {
  assert.deepEqual(routesOf(`- split: { v1: 110, v2: -10 }`), ['split-weights@1:25']);
});

test('more than two decimals: every such weight is reported', () => {
  assert.deepEqual(routesOf(`- split: { v1: 33.333, v2: 66.667 }`), ['split-weights@1:16', 'split-weights@1:28']);
});

test('a sum other than 100 is reported at the split key', () => {
  assert.deepEqual(routesOf(`- split: { v1: 90, v2: 20 }`), ['split-weights@1:3']);
  assert.deepEqual(routesOf(`- split: { v1: 50 }`), ['split-weights@1:3']);
  assert.deepEqual(routesOf(`- split: { v1: 0, v2: 0 }`), ['split-weights@1:3']);
  assert.deepEqual(routesOf(`- split: { v1: 99.99, v2: 0.02 }`), ['split-weights@1:3']);
});

test('each route is checked on its own', () => {
  assert.deepEqual(
    routesOf(`
      - match: { headers: { x-beta: "1" } }
        split:
          v1: 50
          v2: 60
      - split:
          v1: -5
          v2: 105
    `),
    ['split-weights@2:3', 'split-weights@6:9'],
  );
});

test('an empty split sends traffic nowhere', () => {
  assert.deepEqual(routesOf(`- split: {}`), ['split-weights@1:3']);
});
