import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, listener, TYPE, type Config } from '../helpers.js';

function withChains(...matches: (Record<string, unknown> | undefined)[]): Config {
  const l = listener();
  const chain = l['filter_chains'][0];
  l['filter_chains'] = matches.map((m) => ({ ...structuredClone(chain), ...(m ? { filter_chain_match: m } : {}) }));
  return l;
}

test('two chains without a match', () => {
  assert.deepEqual(check(TYPE.listener, withChains(undefined, undefined)), ['duplicate-filter-chain-match@filter_chains[1]']);
});

test('identical matches', () => {
  const m = { server_names: ['a.example.com'], transport_protocol: 'tls' };
  assert.deepEqual(check(TYPE.listener, withChains(m, { ...m })), ['duplicate-filter-chain-match@filter_chains[1].filter_chain_match']);
});

test('lists that share one value overlap', () => {
  const a = { server_names: ['a.example.com', 'b.example.com'] };
  const b = { server_names: ['B.example.com'] };
  assert.deepEqual(check(TYPE.listener, withChains(a, b)), ['duplicate-filter-chain-match@filter_chains[1].filter_chain_match']);
});

test('matches that differ are fine', () => {
  assert.deepEqual(check(TYPE.listener, withChains({ server_names: ['a.example.com'] }, { server_names: ['b.example.com'] })), []);
  assert.deepEqual(check(TYPE.listener, withChains({ transport_protocol: 'tls' }, undefined)), []);
  assert.deepEqual(check(TYPE.listener, withChains({ destination_port: 443 }, { destination_port: 80 })), []);
});

test('listeners choosing chains with filter_chain_matcher are not compared', () => {
  const l = withChains(undefined, undefined);
  l['filter_chains'].forEach((c: Record<string, unknown>, i: number) => {
    c['name'] = `c${i}`;
  });
  l['filter_chain_matcher'] = { on_no_match: { action: { name: 'c0', typed_config: { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: 'c0' } } } };
  assert.deepEqual(check(TYPE.listener, l), []);
});
