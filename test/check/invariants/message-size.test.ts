import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, cluster, TYPE, URL } from '../helpers.js';

/** A CDS response of `count` clusters carrying `padding` bytes of metadata each. */
function response(count: number, padding: number): unknown {
  const resources = Array.from({ length: count }, (_, i) => {
    const c = cluster();
    c['name'] = `c${i}`;
    c['load_assignment']['cluster_name'] = `c${i}`;
    c['metadata'] = { filter_metadata: { pad: { text: 'x'.repeat(padding) } } };
    return { '@type': URL.cluster, ...c };
  });
  return { type_url: URL.cluster, resources };
}

test('a response of 1 MiB or more warns', () => {
  assert.deepEqual(check(TYPE.discovery, response(64, 20_000)), ['message-large@']);
});

test('a response of 4 MiB or more is an error', () => {
  assert.deepEqual(check(TYPE.discovery, response(256, 20_000)), ['message-too-large@']);
});

test('small responses and bootstraps are not reported', () => {
  assert.deepEqual(check(TYPE.discovery, response(10, 100)), []);
});
