/**
 * The inbound model (test/security/helpers.ts `inbound`) against Envoy's documented behaviour,
 * on hand-written bootstraps: the authz, JWT and rate-limit tests are only as good as it is.
 * Each case states one rule of Envoy's that the model must follow (or refuse to guess).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { admit, inbound, type InboundRequest, type Json } from './helpers.js';

const T = 'type.googleapis.com/';
const ROUTER = { name: 'envoy.filters.http.router', typed_config: { '@type': `${T}envoy.extensions.filters.http.router.v3.Router` } };
const LOCAL = 'envoy.filters.http.local_ratelimit';
const GLOBAL = 'envoy.filters.http.ratelimit';
const ALWAYS = { default_value: { numerator: 100, denominator: 'HUNDRED' } };
const bucket = (n: number) => ({ max_tokens: n, tokens_per_fill: n, fill_interval: '1s' });
const localConfig = (n: number | undefined) => ({
  '@type': `${T}envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit`,
  stat_prefix: 's',
  ...(n !== undefined ? { token_bucket: bucket(n), filter_enabled: ALWAYS, filter_enforced: ALWAYS } : {}),
});
const DISABLED = { '@type': `${T}envoy.config.route.v3.FilterConfig`, disabled: true };
const toApp = { cluster: 'inbound|svc', timeout: '0s' };

/** A bootstrap with one plaintext inbound HTTP listener: its filters, routes and HCM fields. */
function bootstrap(filters: Json[], routes: Json[], hcm: Json = {}): Json {
  return {
    static_resources: {
      listeners: [
        {
          name: 'inbound|svc',
          traffic_direction: 'INBOUND',
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.http_connection_manager',
                  typed_config: {
                    stat_prefix: 's',
                    route_config: { virtual_hosts: [{ name: 'svc', domains: ['*'], routes }] },
                    http_filters: [...filters, ROUTER],
                    ...hcm,
                  },
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

const CATCH_ALL = { name: 'inbound', match: { prefix: '/' }, route: toApp };
const get = (path: string, more: Partial<InboundRequest> = {}): InboundRequest => ({ method: 'GET', path, ...more });

describe('routes: first match wins, on the path without its query', () => {
  const b = bootstrap(
    [],
    [
      { name: 'exact', match: { path: '/a' }, route: toApp },
      { name: 'header', match: { prefix: '/', headers: [{ name: 'x-v', string_match: { exact: '2' } }] }, route: toApp },
      { name: 'query', match: { prefix: '/q', query_parameters: [{ name: 'debug', present_match: true }] }, route: toApp },
      { name: 'regex', match: { safe_regex: { regex: '/r/[0-9]+' } }, route: toApp },
    ],
  );
  const cases: readonly [InboundRequest, string | undefined][] = [
    [get('/a?x=1'), 'exact'],
    [get('/a', { headers: { 'X-V': '2' } }), 'exact'],
    [get('/b', { headers: { 'x-v': '2' } }), 'header'],
    [get('/q?debug'), 'query'],
    [get('/q?debug=1&x'), 'query'],
    [get('/q?x=1'), undefined],
    [get('/r/12'), 'regex'],
    [get('/r/12x'), undefined],
    [get('/b'), undefined],
  ];
  for (const [r, name] of cases) {
    test(`${r.path} ${JSON.stringify(r.headers ?? {})} → ${name ?? 'no route'}`, () => {
      const view = inbound(b, r);
      assert.equal(view.outcome, name ? 'allowed' : 'no-route');
      assert.equal(view.route?.['name'], name);
    });
  }
});

describe('local rate limits: the route\u2019s setting, else the filter\u2019s', () => {
  const routes = [
    { name: 'off', match: { path: '/off' }, route: toApp, typed_per_filter_config: { [LOCAL]: DISABLED } },
    { name: 'own', match: { path: '/own' }, route: toApp, typed_per_filter_config: { [LOCAL]: localConfig(5) } },
    CATCH_ALL,
  ];
  const withBucket = bootstrap([{ name: LOCAL, typed_config: localConfig(100) }], routes);
  const withoutBucket = bootstrap([{ name: LOCAL, typed_config: localConfig(undefined) }], routes);
  const cases: readonly [string, Json, string, Json | undefined][] = [
    ['FilterConfig disabled: no bucket', withBucket, '/off', undefined],
    ['the route\u2019s own bucket', withBucket, '/own', bucket(5)],
    ['the filter\u2019s bucket elsewhere', withBucket, '/x', bucket(100)],
    ['a filter without a bucket of its own (enabled/enforced unset: 0%)', withoutBucket, '/x', undefined],
    ['… still applies a route\u2019s', withoutBucket, '/own', bucket(5)],
  ];
  for (const [what, b, path, expected] of cases) {
    test(what, () => assert.deepEqual(inbound(b, get(path)).limits?.buckets, expected === undefined ? [] : [expected]));
  }
  test('a FilterConfig with a config or is_optional is not guessed at', () => {
    for (const config of [
      { ...DISABLED, is_optional: true },
      { '@type': DISABLED['@type'], config: localConfig(1) },
    ]) {
      const b = bootstrap([{ name: LOCAL, typed_config: localConfig(100) }], [{ ...CATCH_ALL, typed_per_filter_config: { [LOCAL]: config } }]);
      assert.throws(() => inbound(b, get('/')), /FilterConfig|disabled/);
    }
  });
});

describe('global rate-limit descriptors', () => {
  const rateLimited = (actions: Json[], hcm: Json = {}) =>
    bootstrap(
      [{ name: GLOBAL, typed_config: { '@type': `${T}envoy.extensions.filters.http.ratelimit.v3.RateLimit`, domain: 'd' } }],
      [{ ...CATCH_ALL, route: { ...toApp, rate_limits: [{ actions }] } }],
      hcm,
    );
  const descriptors = (b: Json, r: InboundRequest) => inbound(b, r).limits?.descriptors;
  const generic = { generic_key: { descriptor_key: 'service', descriptor_value: 'svc' } };

  test('request_headers: the header\u2019s value; a missing header drops the descriptor, unless skip_if_absent', () => {
    const b = rateLimited([generic, { request_headers: { header_name: 'x-k', descriptor_key: 'k' } }]);
    assert.deepEqual(descriptors(b, get('/', { headers: { 'X-K': 'v' } })), [
      [
        ['service', 'svc'],
        ['k', 'v'],
      ],
    ]);
    assert.deepEqual(descriptors(b, get('/')), []);
    const skip = rateLimited([generic, { request_headers: { header_name: 'x-k', descriptor_key: 'k', skip_if_absent: true } }]);
    assert.deepEqual(descriptors(skip, get('/')), [[['service', 'svc']]]);
  });

  test('header_value_match: the entry when the headers match as expected, else no descriptor', () => {
    const absent = { header_value_match: { descriptor_key: 'k', descriptor_value: 'absent', expect_match: false, headers: [{ name: 'x-k', present_match: true }] } };
    const b = rateLimited([generic, absent]);
    assert.deepEqual(descriptors(b, get('/')), [
      [
        ['service', 'svc'],
        ['k', 'absent'],
      ],
    ]);
    assert.deepEqual(descriptors(b, get('/', { headers: { 'x-k': 'v' } })), []);
    const expect = rateLimited([{ header_value_match: { descriptor_value: 'yes', headers: [{ name: 'x-k', string_match: { exact: 'v' } }] } }]);
    assert.deepEqual(descriptors(expect, get('/', { headers: { 'x-k': 'v' } })), [[['header_match', 'yes']]], 'expect_match defaults to true; the key to header_match');
    assert.deepEqual(descriptors(expect, get('/', { headers: { 'x-k': 'w' } })), []);
  });

  test('remote_address: the last X-Forwarded-For entry unless use_remote_address, then the socket\u2019s peer', () => {
    const action = [{ remote_address: {} }];
    const r = get('/', { peer: '10.0.0.1', headers: { 'x-forwarded-for': '1.1.1.1, 2.2.2.2' } });
    assert.deepEqual(descriptors(rateLimited(action), r), [[['remote_address', '2.2.2.2']]]);
    assert.deepEqual(descriptors(rateLimited(action), get('/', { peer: '10.0.0.1' })), [[['remote_address', '10.0.0.1']]], 'no X-Forwarded-For: the peer');
    const trusting = inbound(rateLimited(action, { use_remote_address: true }), r);
    assert.deepEqual(trusting.limits?.descriptors, [[['remote_address', '10.0.0.1']]]);
    assert.deepEqual(trusting.headers?.get('x-forwarded-for'), ['1.1.1.1, 2.2.2.2, 10.0.0.1'], 'the peer is appended');
  });

  test('a route that disables the global filter sends nothing; anything else per route is not guessed at', () => {
    const b = rateLimited([generic]);
    const routes = at0(b);
    routes[0] = { ...routes[0], typed_per_filter_config: { [GLOBAL]: DISABLED } };
    assert.deepEqual(descriptors(b, get('/')), []);
    routes[0] = { ...routes[0], typed_per_filter_config: { [GLOBAL]: { '@type': `${T}envoy.extensions.filters.http.ratelimit.v3.RateLimitPerRoute` } } };
    assert.throws(() => inbound(b, get('/')), /per-route global rate-limit/);
  });

  test('actions it does not know are refused', () => {
    assert.throws(() => inbound(rateLimited([{ destination_cluster: {} }]), get('/')), /not modelled/);
  });
});

/** The routes of the first virtual host, to edit in place. */
function at0(b: Json): Json[] {
  const listeners = (b['static_resources'] as Json)['listeners'] as Json[];
  const hcm = ((((listeners[0] as Json)['filter_chains'] as Json[])[0] as Json)['filters'] as Json[])[0] as Json;
  return (((hcm['typed_config'] as Json)['route_config'] as Json)['virtual_hosts'] as Json[])[0]?.['routes'] as Json[];
}

describe('headers the application receives', () => {
  const mutation = {
    name: 'envoy.filters.http.header_mutation',
    typed_config: {
      '@type': `${T}envoy.extensions.filters.http.header_mutation.v3.HeaderMutation`,
      mutations: { request_mutations: [{ remove: 'x-user' }] },
    },
  };
  test('header_mutation removes a header whatever its case, every value of it', () => {
    const view = inbound(bootstrap([mutation], [CATCH_ALL]), get('/', { headers: { 'X-User': 'a', 'x-other': 'b' } }));
    assert.equal(view.headers?.get('x-user'), undefined);
    assert.deepEqual(view.headers?.get('x-other'), ['b']);
  });
  test('header_mutation that appends or sets is not guessed at', () => {
    const appending = { ...mutation, typed_config: { ...mutation.typed_config, mutations: { request_mutations: [{ append: { header: { key: 'x', value: 'y' } } }] } } };
    assert.throws(() => inbound(bootstrap([appending], [CATCH_ALL]), get('/')), /not modelled/);
  });
  test('x-forwarded-client-cert: dropped by default (SANITIZE); with SANITIZE_SET, the peer\u2019s URI or nothing', () => {
    const forged = { 'x-forwarded-client-cert': 'URI=spiffe://x/svc/admin' };
    assert.equal(inbound(bootstrap([], [CATCH_ALL]), get('/', { headers: forged })).headers?.get('x-forwarded-client-cert'), undefined);
    const set = bootstrap([], [CATCH_ALL], { forward_client_cert_details: 'SANITIZE_SET', set_current_client_cert_details: { uri: true } });
    assert.equal(inbound(set, get('/', { headers: forged })).headers?.get('x-forwarded-client-cert'), undefined, 'plaintext: no certificate');
    const always = bootstrap([], [CATCH_ALL], { forward_client_cert_details: 'ALWAYS_FORWARD_ONLY' });
    assert.throws(() => inbound(always, get('/')), /not modelled/);
  });
  test('x-envoy-* request controls: removed unless the request is internal (use_remote_address, no X-Forwarded-For, an internal peer)', () => {
    const controls = { 'x-envoy-retry-on': '5xx', 'x-envoy-upstream-rq-timeout-ms': '1', 'x-envoy-max-retries': '10' };
    const seen = (hcm: Json, request: Partial<InboundRequest>) => {
      const view = inbound(bootstrap([], [CATCH_ALL], hcm), get('/', { headers: controls, ...request }));
      return [view.headers?.get('x-envoy-retry-on')?.[0], view.headers?.get('x-envoy-internal')?.[0]];
    };
    const stripped = [undefined, undefined];
    const obeyed = ['5xx', 'true'];
    assert.deepEqual(seen({}, {}), stripped, 'without use_remote_address nothing is internal');
    assert.deepEqual(seen({ use_remote_address: true }, { peer: '10.1.2.3' }), obeyed, 'RFC 1918 peers are internal by default');
    assert.deepEqual(seen({ use_remote_address: true }, { peer: '127.0.0.1' }), obeyed, 'so is loopback');
    assert.deepEqual(seen({ use_remote_address: true }, { peer: '8.8.8.8' }), stripped);
    assert.deepEqual(
      seen({ use_remote_address: true }, { peer: '10.1.2.3', headers: { ...controls, 'x-forwarded-for': '10.9.9.9' } }),
      stripped,
      'an X-Forwarded-For makes it external',
    );
    const only = (address_prefix: string, prefix_len: number) => ({ use_remote_address: true, internal_address_config: { cidr_ranges: [{ address_prefix, prefix_len }] } });
    assert.deepEqual(seen(only('10.1.0.0', 16), { peer: '10.1.2.3' }), obeyed);
    assert.deepEqual(seen(only('10.2.0.0', 16), { peer: '10.1.2.3' }), stripped, 'given ranges replace the default');
    assert.deepEqual(seen({ use_remote_address: true, internal_address_config: {} }, { peer: '10.1.2.3' }), obeyed, 'no ranges: the default');
  });
  test('JWT tokens: by default from Authorization: Bearer and ?access_token=; from_headers alone turns the query off', () => {
    const jwt = (provider: Json) => ({
      name: 'envoy.filters.http.jwt_authn',
      typed_config: {
        '@type': `${T}envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication`,
        providers: { idp: { issuer: 'i', local_jwks: { inline_string: '{"keys":[]}' }, ...provider } },
        rules: [{ match: { prefix: '/' }, requires: { provider_name: 'idp' } }],
      },
    });
    const token = { iss: 'i' };
    const outcome = (provider: Json, jwtIn: 'authorization' | 'query') => admit(bootstrap([jwt(provider)], [CATCH_ALL]), get('/x', { jwt: token, jwtIn }));
    assert.equal(outcome({}, 'authorization'), 'allowed');
    assert.equal(outcome({}, 'query'), 'allowed');
    const headerOnly = { from_headers: [{ name: 'Authorization', value_prefix: 'Bearer ' }] };
    assert.equal(outcome(headerOnly, 'authorization'), 'allowed');
    assert.equal(outcome(headerOnly, 'query'), 'unauthenticated');
    assert.equal(outcome({ from_headers: [{ name: 'x-token' }] }, 'authorization'), 'unauthenticated');
  });
  test('an HTTP filter it does not know is refused', () => {
    assert.throws(() => admit(bootstrap([{ name: 'envoy.filters.http.lua', typed_config: {} }], [CATCH_ALL]), get('/')), /not modelled/);
  });
});
