/**
 * Envoy's LOGICAL_DNS factory refuses a load assignment that is not one locality with one
 * lb_endpoint ("must have a single locality_lb_endpoint and a single lb_endpoint", or "must have
 * a single host" without a load_assignment), and an endpoint with a custom resolver ("must NOT
 * have a custom resolver name set"): source/extensions/clusters/logical_dns/logical_dns_cluster.cc
 * (LogicalDnsClusterFactory::createClusterImpl).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, cluster, TYPE, type Config } from '../helpers.js';

function endpoint(address: string): Config {
  return { endpoint: { address: { socket_address: { address, port_value: 80 } } } };
}

function logicalDns(...localities: Config[][]): Config {
  const c = cluster();
  c['type'] = 'LOGICAL_DNS';
  c['load_assignment']['endpoints'] = localities.map((lbEndpoints) => ({ lb_endpoints: lbEndpoints }));
  return c;
}

test('one locality with one endpoint is fine', () => {
  assert.deepEqual(check(TYPE.cluster, logicalDns([endpoint('backend.internal')])), []);
});

test('two endpoints in one locality are refused', () => {
  const c = logicalDns([endpoint('a.internal'), endpoint('b.internal')]);
  assert.deepEqual(check(TYPE.cluster, c), ['logical-dns-endpoints@load_assignment.endpoints[0].lb_endpoints']);
});

test('two localities are refused even with one endpoint in total', () => {
  assert.deepEqual(check(TYPE.cluster, logicalDns([endpoint('a.internal')], [])), ['logical-dns-endpoints@load_assignment.endpoints']);
  assert.deepEqual(check(TYPE.cluster, logicalDns([endpoint('a.internal')], [endpoint('b.internal')])), ['logical-dns-endpoints@load_assignment.endpoints']);
});

test('no endpoint at all is refused', () => {
  const none = logicalDns();
  delete none['load_assignment']['endpoints'];
  assert.deepEqual(check(TYPE.cluster, none), ['logical-dns-endpoints@load_assignment']);
  const emptyLocality = logicalDns([]);
  delete emptyLocality['load_assignment']['endpoints'][0]['lb_endpoints'];
  assert.deepEqual(check(TYPE.cluster, emptyLocality), ['logical-dns-endpoints@load_assignment.endpoints[0]']);
  const noAssignment = logicalDns();
  delete noAssignment['load_assignment'];
  assert.deepEqual(check(TYPE.cluster, noAssignment), ['logical-dns-endpoints@type']);
});

test('a custom resolver on the endpoint is refused', () => {
  const c = logicalDns([endpoint('backend.internal')]);
  c['load_assignment']['endpoints'][0]['lb_endpoints'][0]['endpoint']['address']['socket_address']['resolver_name'] = 'envoy.resolvers.custom';
  assert.deepEqual(check(TYPE.cluster, c), ['logical-dns-resolver@load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.resolver_name']);
});

test('other cluster types may have several endpoints', () => {
  const c = logicalDns([endpoint('a.internal'), endpoint('b.internal')], [endpoint('c.internal')]);
  c['type'] = 'STRICT_DNS';
  assert.deepEqual(check(TYPE.cluster, c), []);
});
