/**
 * Strict mode demands canonical proto3 JSON; lenient mode (the default) accepts whatever
 * Envoy's parser accepts. Each leniency: accepted by default, MC4013 in strict mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, check, cluster, listener, TYPE } from './helpers.js';

const strict = { strict: true };

function both(typeName: string, value: unknown): { lenient: string[]; strict: string[] } {
  return { lenient: check(typeName, value), strict: check(typeName, value, strict) };
}

test('meshc-style canonical output passes in both modes', () => {
  assert.deepEqual(both(TYPE.bootstrap, bootstrap()), { lenient: [], strict: [] });
});

test('enum names: any case in lenient mode, exact in strict mode', () => {
  const c = cluster();
  c['lb_policy'] = 'Least_Request';
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@lb_policy'] });
});

test('enum numbers are not canonical', () => {
  const c = cluster();
  c['lb_policy'] = 1;
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@lb_policy'] });
});

test('a single object where a list is expected', () => {
  const b = bootstrap();
  b['static_resources']['clusters'] = b['static_resources']['clusters'][0];
  assert.deepEqual(both(TYPE.bootstrap, b), { lenient: [], strict: ['envoy-non-canonical@static_resources.clusters'] });
});

test('64-bit integers as numbers', () => {
  const b = bootstrap();
  b['overload_manager'] = {
    resource_monitors: [
      {
        name: 'envoy.resource_monitors.downstream_connections',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig',
          max_active_downstream_connections: 1000,
        },
      },
    ],
  };
  assert.deepEqual(both(TYPE.bootstrap, b), {
    lenient: [],
    strict: ['envoy-non-canonical@overload_manager.resource_monitors[0].typed_config.max_active_downstream_connections'],
  });
});

test('32-bit integers as strings', () => {
  const l = listener();
  l['address']['socket_address']['port_value'] = '8080';
  assert.deepEqual(both(TYPE.listener, l), { lenient: [], strict: ['envoy-non-canonical@address.socket_address.port_value'] });
});

test('Durations: "0.250s" is canonical, "0.25s" is not; "250ms" is wrong in both modes', () => {
  const c = cluster();
  c['connect_timeout'] = '0.250s';
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: [] });
  c['connect_timeout'] = '0.25s';
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@connect_timeout'] });
  c['connect_timeout'] = '1.000s';
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@connect_timeout'] });
  c['connect_timeout'] = '250ms';
  assert.deepEqual(both(TYPE.cluster, c), {
    lenient: ['envoy-invalid-duration@connect_timeout'],
    strict: ['envoy-invalid-duration@connect_timeout'],
  });
});

test('lowerCamel field names are accepted by Envoy, not canonical for meshc', () => {
  const c = cluster();
  c['connectTimeout'] = c['connect_timeout'];
  delete c['connect_timeout'];
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@connectTimeout'] });
});

test('null for an unset field', () => {
  const c = cluster();
  c['lb_policy'] = null;
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@lb_policy'] });
});

test('type URLs without the type.googleapis.com prefix', () => {
  const l = listener();
  l['filter_chains'][0]['filters'][0]['typed_config']['@type'] = 'example.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
  assert.deepEqual(both(TYPE.listener, l), { lenient: [], strict: ['envoy-non-canonical@filter_chains[0].filters[0].typed_config.@type'] });
});

test('floats as strings, bytes in URL-safe base64', () => {
  const c = cluster();
  c['preconnect_policy'] = { per_upstream_preconnect_ratio: '1.5' };
  assert.deepEqual(both(TYPE.cluster, c), { lenient: [], strict: ['envoy-non-canonical@preconnect_policy.per_upstream_preconnect_ratio'] });
  const secret = { name: 's', generic_secret: { secret: { inline_bytes: '-_8' } } };
  assert.deepEqual(both(TYPE.secret, secret), { lenient: [], strict: ['envoy-non-canonical@generic_secret.secret.inline_bytes'] });
});

test('errors that are errors stay errors in both modes, with the same code', () => {
  const c = cluster();
  c['lb_policy'] = 'ROUND_ROBBIN';
  assert.deepEqual(both(TYPE.cluster, c), { lenient: ['envoy-invalid-enum@lb_policy'], strict: ['envoy-invalid-enum@lb_policy'] });
});
