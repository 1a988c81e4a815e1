/**
 * source/common/listener_manager/listener_impl.cc (validateFilterChains: "no filter chains
 * specified", also for connection-oriented UDP) and source/common/network/resolver_impl.cc
 * (resolveProtoAddress refuses an empty address).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, listener, TYPE } from '../helpers.js';

test('a listener without an address is refused; an internal listener needs none', () => {
  const l = listener();
  delete l['address'];
  assert.deepEqual(check(TYPE.listener, l), ['listener-without-address@']);
  assert.deepEqual(check(TYPE.listener, { ...l, internal_listener: {} }), []);
});

test('a TCP listener without filter chains is refused; a default filter chain is enough', () => {
  const l = listener();
  const chain = l['filter_chains'][0];
  delete l['filter_chains'];
  assert.deepEqual(check(TYPE.listener, l), ['listener-without-filter-chains@']);
  assert.deepEqual(check(TYPE.listener, { ...l, default_filter_chain: chain }), []);
});

test('a UDP listener may have no chains (udp_proxy is a listener filter); a QUIC one may not', () => {
  const udp = { name: 'dns', address: { socket_address: { protocol: 'UDP', address: '0.0.0.0', port_value: 53 } } };
  assert.deepEqual(check(TYPE.listener, udp), []);
  assert.deepEqual(check(TYPE.listener, { ...udp, udp_listener_config: { quic_options: {} } }), ['listener-without-filter-chains@']);
});

test('filter_chains of the wrong type is a type error, not also a missing chain', () => {
  const l = listener();
  l['filter_chains'] = 42;
  assert.deepEqual(check(TYPE.listener, l), ['envoy-wrong-type@filter_chains']);
});
