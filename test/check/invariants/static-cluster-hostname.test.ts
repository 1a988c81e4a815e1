/**
 * Envoy resolves a STATIC cluster's endpoints with the IP resolver and refuses one that is not
 * an IP literal: source/extensions/clusters/static/static_cluster.cc (resolveProtoAddress),
 * source/common/network/resolver_impl.cc and source/common/network/utility.cc
 * (parseInternetAddress: "malformed IP address").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, cluster, TYPE, type Config } from '../helpers.js';

const AT = 'load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address';

function withAddress(address: string, type?: string): Config {
  const c = cluster();
  if (type === undefined) delete c['type'];
  else c['type'] = type;
  c['load_assignment']['endpoints'][0]['lb_endpoints'][0]['endpoint']['address']['socket_address']['address'] = address;
  return c;
}

test('a hostname in a STATIC cluster is refused', () => {
  assert.deepEqual(check(TYPE.cluster, withAddress('backend.internal', 'STATIC')), [`static-cluster-hostname@${AT}`]);
});

test('an unset type is STATIC', () => {
  assert.deepEqual(check(TYPE.cluster, withAddress('localhost')), [`static-cluster-hostname@${AT}`]);
});

test('every endpoint is checked, in every locality', () => {
  const c = withAddress('10.0.0.1');
  c['load_assignment']['endpoints'].push({
    lb_endpoints: [
      { endpoint: { address: { socket_address: { address: '10.0.0.2', port_value: 80 } } } },
      { endpoint: { address: { socket_address: { address: 'b.example', port_value: 80 } } } },
    ],
  });
  assert.deepEqual(check(TYPE.cluster, c), ['static-cluster-hostname@load_assignment.endpoints[1].lb_endpoints[1].endpoint.address.socket_address.address']);
});

test('IPv4 and IPv6 literals are fine, and so are names in DNS clusters', () => {
  assert.deepEqual(check(TYPE.cluster, withAddress('10.0.0.1', 'STATIC')), []);
  assert.deepEqual(check(TYPE.cluster, withAddress('::1')), []);
  assert.deepEqual(check(TYPE.cluster, withAddress('backend.internal', 'STRICT_DNS')), []);
  assert.deepEqual(check(TYPE.cluster, withAddress('backend.internal', 'LOGICAL_DNS')), []);
});

test('a pipe address is not an IP address to parse', () => {
  const c = cluster();
  c['load_assignment']['endpoints'][0]['lb_endpoints'][0]['endpoint']['address'] = { pipe: { path: '/run/backend.sock' } };
  assert.deepEqual(check(TYPE.cluster, c), []);
});
