/**
 * Policies contribute fragments of one Envoy resource (policies/policy.ts); merging them is
 * explicit: a policy may replace what the builder's base holds, but two policies writing the
 * same field is a meshc bug, never a silent last-wins.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cluster } from '../../src/envoy/types.js';
import { applyFields, mergeFields, type PolicyModule } from '../../src/policies/index.js';

test('fragments of different fields merge in order, over the base, which a policy may replace', () => {
  assert.deepEqual(
    mergeFields({ name: 'c', connect_timeout: '1s' }, [
      ['a', { connect_timeout: '2s' }],
      ['b', undefined],
      ['c', { lb_policy: 'ROUND_ROBIN' }],
    ]),
    { name: 'c', connect_timeout: '2s', lb_policy: 'ROUND_ROBIN' },
  );
});

test('two policies writing one field are refused, naming both and the field', () => {
  assert.throws(
    () =>
      mergeFields({}, [
        ['retries', { timeout: '1s' }],
        ['timeouts', { timeout: '2s' }],
      ]),
    {
      message: 'policies retries and timeouts both write timeout',
    },
  );
  const twice: PolicyModule[] = [
    { id: 'one', order: 1, outboundCluster: () => ({ per_connection_buffer_limit_bytes: 1 }) },
    { id: 'two', order: 2, outboundCluster: () => ({ per_connection_buffer_limit_bytes: 2 }) },
  ];
  const base: Cluster = { name: 'c', type: 'STATIC', connect_timeout: '1s' };
  assert.throws(() => applyFields(twice, base, (p) => p.outboundCluster, undefined as never), /policies one and two both write per_connection_buffer_limit_bytes/);
});
