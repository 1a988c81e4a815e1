import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, cluster, listener, TYPE, URL, type Config } from '../helpers.js';

const CORS = { name: 'envoy.filters.http.cors', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors' } };
const AT = 'filter_chains[0].filters[0].typed_config.http_filters';

function withFilters(order: (router: unknown) => unknown[]): Config {
  const l = listener();
  const hcm = l['filter_chains'][0]['filters'][0]['typed_config'];
  hcm['http_filters'] = order(hcm['http_filters'][0]);
  return l;
}

test('router last is fine', () => {
  assert.deepEqual(
    check(
      TYPE.listener,
      withFilters((router) => [CORS, router]),
    ),
    [],
  );
});

test('router before another filter', () => {
  assert.deepEqual(
    check(
      TYPE.listener,
      withFilters((router) => [router, CORS]),
    ),
    [`http-filter-order@${AT}[0]`, `http-filter-order@${AT}[1]`],
  );
});

test('a chain ending in a non-terminal filter', () => {
  assert.deepEqual(
    check(
      TYPE.listener,
      withFilters(() => [CORS]),
    ),
    [`http-filter-order@${AT}[0]`],
  );
});

test('a chain ending in a type outside the API is not judged', () => {
  const unknown = { name: 'x', typed_config: { '@type': 'type.googleapis.com/example.Filter' } };
  assert.deepEqual(
    check(
      TYPE.listener,
      withFilters(() => [unknown]),
      { allowUnknownTypes: true },
    ),
    [`envoy-unchecked-type@${AT}[0].typed_config.@type`],
  );
});

test('upstream HTTP filters end with the upstream codec', () => {
  const c = cluster();
  const codec = { name: 'envoy.filters.http.upstream_codec', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec' } };
  const options = (filters: unknown[]) => ({
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      explicit_http_config: { http_protocol_options: {} },
      http_filters: filters,
    },
  });
  c['typed_extension_protocol_options'] = options([CORS, codec]);
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['typed_extension_protocol_options'] = options([codec, CORS]);
  const at = 'typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].http_filters';
  assert.deepEqual(check(TYPE.cluster, c), [`http-filter-order@${at}[0]`, `http-filter-order@${at}[1]`]);
  assert.ok(URL.router);
});
