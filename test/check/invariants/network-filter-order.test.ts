import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, listener, TYPE, URL, type Config } from '../helpers.js';

const TCP_PROXY = { name: 'tcp', typed_config: { '@type': URL.tcpProxy, stat_prefix: 'tcp', cluster: 'backend' } };
const RBAC = { name: 'rbac', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC', stat_prefix: 'rbac' } };

function withFilters(filters: unknown[]): Config {
  const l = listener();
  l['filter_chains'][0]['filters'] = filters;
  return l;
}

test('a terminal filter last is fine', () => {
  assert.deepEqual(check(TYPE.listener, withFilters([RBAC, TCP_PROXY])), []);
});

test('a terminal filter before another one', () => {
  const hcm = listener()['filter_chains'][0]['filters'][0];
  assert.deepEqual(check(TYPE.listener, withFilters([TCP_PROXY, hcm])), ['network-filter-order@filter_chains[0].filters[0]']);
});

test('a chain ending in a non-terminal filter', () => {
  assert.deepEqual(check(TYPE.listener, withFilters([RBAC])), ['network-filter-order@filter_chains[0].filters[0]']);
});

test('the default filter chain too', () => {
  const l = listener();
  l['default_filter_chain'] = { filters: [TCP_PROXY, RBAC] };
  assert.deepEqual(check(TYPE.listener, l), ['network-filter-order@default_filter_chain.filters[0]', 'network-filter-order@default_filter_chain.filters[1]']);
});
