/** The structural walk: proto3 JSON as Envoy's loader reads it (lenient mode, the default). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessage } from '../../src/check/index.js';
import { checkEnvoyFile } from '../../src/check/file.js';
import { bootstrap, check, cluster, listener, TYPE, URL } from './helpers.js';

test('the minimal bootstrap is valid', () => {
  assert.deepEqual(check(TYPE.bootstrap, bootstrap()), []);
});

test('unknown fields are errors, with a suggestion', () => {
  const c = cluster();
  c['conect_timeout'] = c['connect_timeout'];
  delete c['connect_timeout'];
  const problems = checkMessage(TYPE.cluster, c);
  assert.deepEqual(
    problems.map((p) => `${p.name}@${p.path}`),
    ['envoy-unknown-field@conect_timeout'],
  );
  assert.match(problems[0]?.message ?? '', /did you mean "connect_timeout"/);
});

test('JSON types must match the field', () => {
  const c = cluster();
  c['name'] = 42;
  c['load_assignment']['endpoints'] = { lb_endpoints: 'x' };
  assert.deepEqual(check(TYPE.cluster, c), ['envoy-wrong-type@load_assignment.endpoints.lb_endpoints', 'envoy-wrong-type@name']);
});

test('integers: range, fractions, numeric strings', () => {
  const l = listener();
  l['address']['socket_address']['port_value'] = 4294967296;
  assert.deepEqual(check(TYPE.listener, l), ['envoy-invalid-number@address.socket_address.port_value']);
  l['address']['socket_address']['port_value'] = 80.5;
  assert.deepEqual(check(TYPE.listener, l), ['envoy-invalid-number@address.socket_address.port_value']);
  l['address']['socket_address']['port_value'] = '8080';
  assert.deepEqual(check(TYPE.listener, l), []);
  l['address']['socket_address']['port_value'] = 'http';
  assert.deepEqual(check(TYPE.listener, l), ['envoy-wrong-type@address.socket_address.port_value']);
});

test('64-bit integers: strings or numbers, within range', () => {
  const config = { '@type': 'x', max_active_downstream_connections: '9223372036854775807' };
  const monitor = (value: unknown) => ({
    overload_manager: {
      resource_monitors: [
        {
          name: 'envoy.resource_monitors.downstream_connections',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig',
            max_active_downstream_connections: value,
          },
        },
      ],
    },
  });
  assert.ok(config);
  assert.deepEqual(check(TYPE.bootstrap, monitor('9223372036854775807')), []);
  assert.deepEqual(check(TYPE.bootstrap, monitor(1000)), []);
  assert.deepEqual(check(TYPE.bootstrap, monitor('9223372036854775808')), [
    'envoy-invalid-number@overload_manager.resource_monitors[0].typed_config.max_active_downstream_connections',
  ]);
});

test('enum names are matched case-insensitively, numbers accepted, unknown names refused', () => {
  const c = cluster();
  c['lb_policy'] = 'least_request';
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['lb_policy'] = 'least-request';
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['lb_policy'] = 1;
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['lb_policy'] = 'ROUND_ROBBIN';
  const [problem] = checkMessage(TYPE.cluster, c);
  assert.equal(problem?.name, 'envoy-invalid-enum');
  assert.match(problem?.message ?? '', /Cluster\.LbPolicy from JSON: "ROUND_ROBBIN".*did you mean "ROUND_ROBIN"/);
});

test('durations: seconds with an s suffix only', () => {
  for (const ok of ['1s', '0.25s', '0.250s', '-1.5s', '315576000000s', '0.000000001s']) {
    const c = cluster();
    c['connect_timeout'] = ok;
    const expected = ok.startsWith('-') ? ['pgv-duration@connect_timeout'] : [];
    assert.deepEqual(check(TYPE.cluster, c), expected, ok);
  }
  for (const bad of ['250ms', '1m', '1', 1, '1.0000000001s', '315576000001s', 's', '.5s']) {
    const c = cluster();
    c['connect_timeout'] = bad;
    assert.deepEqual(check(TYPE.cluster, c), ['envoy-invalid-duration@connect_timeout'], String(bad));
  }
});

test('wrappers are written as their bare value', () => {
  const c = cluster();
  c['per_connection_buffer_limit_bytes'] = 32768;
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['per_connection_buffer_limit_bytes'] = { value: 32768 };
  assert.deepEqual(check(TYPE.cluster, c), ['envoy-wrong-type@per_connection_buffer_limit_bytes']);
});

test('Struct and Value take any JSON', () => {
  const c = cluster();
  c['metadata'] = { filter_metadata: { 'envoy.lb': { canary: true, weight: 1.5, tags: ['a', null], nested: { x: 'y' } } } };
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['metadata'] = { filter_metadata: { 'envoy.lb': 'not an object' } };
  assert.deepEqual(check(TYPE.cluster, c), ['envoy-wrong-type@metadata.filter_metadata["envoy.lb"]']);
});

test('bytes are base64', () => {
  const secret = (bytes: string) => ({
    name: 's',
    tls_certificate: { certificate_chain: { inline_bytes: bytes }, private_key: { inline_string: 'k' } },
  });
  assert.deepEqual(check(TYPE.secret, secret('aGVsbG8=')), []);
  assert.deepEqual(check(TYPE.secret, secret('aGVsbG8')), []);
  assert.deepEqual(check(TYPE.secret, secret('***')), ['envoy-invalid-bytes@tls_certificate.certificate_chain.inline_bytes']);
});

test('timestamps are RFC 3339', () => {
  const state = (t: unknown) => ({ last_update_attempt: t });
  const type = 'envoy.admin.v3.UpdateFailureState';
  assert.deepEqual(check(type, state('2024-01-31T12:00:00Z')), []);
  assert.deepEqual(check(type, state('2024-01-31T12:00:00.5+01:00')), []);
  assert.deepEqual(check(type, state('2024-02-30T12:00:00Z')), ['envoy-invalid-timestamp@last_update_attempt']);
  assert.deepEqual(check(type, state('yesterday')), ['envoy-invalid-timestamp@last_update_attempt']);
});

test('two members of one oneof conflict', () => {
  const l = listener();
  l['address']['socket_address']['named_port'] = 'http';
  assert.deepEqual(check(TYPE.listener, l), ['envoy-oneof-conflict@address.socket_address.named_port']);
});

test('null leaves a field unset', () => {
  const c = cluster();
  c['lb_policy'] = null;
  assert.deepEqual(check(TYPE.cluster, c), []);
});

test('Any payloads are checked by their @type, recursively', () => {
  const b = bootstrap();
  const hcm = b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config'];
  hcm['stat_prefx'] = 'x';
  hcm['http_filters'][0]['typed_config']['@type'] = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Routr';
  const at = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config';
  assert.deepEqual(check(TYPE.bootstrap, b), [`envoy-unknown-field@${at}.stat_prefx`, `envoy-unknown-type@${at}.http_filters[0].typed_config.@type`]);
});

test('an Any without @type, or with a malformed one, is refused', () => {
  const l = listener();
  const filter = l['filter_chains'][0]['filters'][0];
  delete filter['typed_config']['@type'];
  assert.deepEqual(check(TYPE.listener, l), ['envoy-invalid-any@filter_chains[0].filters[0].typed_config']);
  filter['typed_config'] = { '@type': 'envoy.extensions.filters.http.router.v3.Router' };
  assert.deepEqual(check(TYPE.listener, l), ['envoy-invalid-any@filter_chains[0].filters[0].typed_config.@type']);
});

test('well-known types inside an Any sit under "value"', () => {
  const c = cluster();
  c['metadata'] = { typed_filter_metadata: { x: { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: 'v' } } };
  assert.deepEqual(check(TYPE.cluster, c), []);
  c['metadata'] = { typed_filter_metadata: { x: { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '5m' } } };
  assert.deepEqual(check(TYPE.cluster, c), ['envoy-invalid-duration@metadata.typed_filter_metadata.x.value']);
});

test('TypedStruct values are checked as the message type_url names', () => {
  for (const typedStruct of ['xds.type.v3.TypedStruct', 'udpa.type.v1.TypedStruct']) {
    const l = listener();
    l['filter_chains'][0]['filters'][0]['typed_config']['http_filters'][0]['typed_config'] = {
      '@type': `type.googleapis.com/${typedStruct}`,
      type_url: URL.router,
      value: { suppress_envoy_header: true },
    };
    assert.deepEqual(check(TYPE.listener, l), ['envoy-unknown-field@filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.value.suppress_envoy_header']);
  }
});

test('TypedStruct of a type outside the Envoy API is left unchecked, with a warning', () => {
  const l = listener();
  l['filter_chains'][0]['filters'][0]['typed_config']['http_filters'].unshift({
    name: 'istio.stats',
    typed_config: { '@type': 'type.googleapis.com/udpa.type.v1.TypedStruct', type_url: 'type.googleapis.com/stats.PluginConfig', value: { a: 1 } },
  });
  assert.deepEqual(check(TYPE.listener, l), ['envoy-unchecked-type@filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.type_url']);
});

test('--allow-unknown-types turns unknown Any types into warnings', () => {
  const l = listener();
  l['filter_chains'][0]['filters'][0]['typed_config']['http_filters'].unshift({
    name: 'golang',
    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.golang.v3alpha.Config', library_id: 'x' },
  });
  const at = 'filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.@type';
  assert.deepEqual(check(TYPE.listener, l), [`envoy-unknown-type@${at}`]);
  assert.deepEqual(check(TYPE.listener, l, { allowUnknownTypes: true }), [`envoy-unchecked-type@${at}`]);
});

test('v2 API types are not accepted', () => {
  const b = bootstrap();
  b['overload_manager'] = {
    resource_monitors: [{ name: 'heap', typed_config: { '@type': 'type.googleapis.com/envoy.config.resource_monitor.fixed_heap.v2alpha.FixedHeapConfig' } }],
  };
  const problems = checkMessage(TYPE.bootstrap, b);
  assert.deepEqual(
    problems.map((p) => p.name),
    ['envoy-unknown-type'],
  );
  assert.match(problems[0]?.message ?? '', /v2 API type/);
});

test('deprecated fields warn; those disallowed by default are errors', () => {
  const c = cluster();
  c['max_requests_per_connection'] = 100;
  assert.deepEqual(check(TYPE.cluster, c), ['envoy-deprecated@max_requests_per_connection']);
  const tracing = {
    http: {
      name: 'envoy.tracers.dynamic_ot',
      typed_config: { '@type': 'type.googleapis.com/envoy.config.trace.v3.DynamicOtConfig', library: '/lib.so', config: {} },
    },
  };
  assert.deepEqual(check('envoy.config.trace.v3.Tracing', tracing), [
    'envoy-disallowed-deprecated@http.typed_config.config',
    'envoy-disallowed-deprecated@http.typed_config.library',
  ]);
});

test('a deprecated field set to its default value does not count as set', () => {
  const c = cluster();
  c['max_requests_per_connection'] = null;
  assert.deepEqual(check(TYPE.cluster, c), []);
});

test('deprecated enum values', () => {
  const source = (apiType: string) => ({ api_config_source: { api_type: apiType, transport_api_version: 'V3', grpc_services: [{ envoy_grpc: { cluster_name: 'xds' } }] } });
  assert.deepEqual(check('envoy.config.core.v3.ConfigSource', source('GRPC')), []);
  assert.deepEqual(check('envoy.config.core.v3.ConfigSource', source('DEPRECATED_AND_UNAVAILABLE_DO_NOT_USE')), ['envoy-disallowed-deprecated@api_config_source.api_type']);
  assert.deepEqual(check('envoy.config.core.v3.ConfigSource', { ...source('GRPC'), resource_api_version: 'V2' }), ['envoy-deprecated@resource_api_version']);
});

test('nesting deeper than protobuf allows', () => {
  let permission: Record<string, unknown> = { any: true };
  for (let i = 0; i < 60; i++) permission = { and_rules: { rules: [permission] } };
  const problems = checkMessage('envoy.config.rbac.v3.Permission', permission);
  // Each level is two objects and a list: the 101st JSON level is the 34th and_rules object.
  assert.deepEqual(
    problems.map((p) => `${p.name} ${p.path}`),
    [`envoy-too-deep ${'and_rules.rules[0].'.repeat(33)}and_rules`],
  );
});

test('map keys must fit the key type', () => {
  const rbac = { rules: { policies: { allow: { permissions: [{ any: true }], principals: [{ any: true }] } } } };
  assert.deepEqual(check('envoy.extensions.filters.http.rbac.v3.RBAC', rbac), []);
});

test('problems carry the offending value and the resource index', () => {
  const c = cluster();
  c['connect_timeout'] = '250ms';
  const [problem] = checkMessage(TYPE.cluster, c);
  assert.equal(problem?.value, '250ms');
  assert.equal(problem?.resource, 0);
  assert.deepEqual(problem?.segments, ['connect_timeout']);
  assert.equal(problem?.code, 'MC4005');
  assert.equal(problem?.severity, 'error');
});

test('a field given under both of its names', () => {
  const c = cluster();
  c['connectTimeout'] = '2s';
  assert.deepEqual(check(TYPE.cluster, c), ['envoy-duplicate-field@connectTimeout']);
});

test('a file with bare-CR line breaks is read line by line, as YAML 1.2 says (§5.4)', () => {
  const text = ['admin:', '  address:', '    socket_address: { address: 127.0.0.1, port_value: 9901, bogus: 1 }', ''].join('\r');
  const found = checkEnvoyFile('envoy.yaml', text).map((d) => `${d.code}@${d.location?.line}:${d.location?.column}`);
  assert.deepEqual(found, ['MC4001@3:68']); // at the value of the unknown `bogus`
});

test('the same YAML error on many lines is shown three times, the third counting the rest', () => {
  const text = `admin:\n${Array.from({ length: 20 }, (_, i) => `\tk${i}: 1`).join('\n')}\n`;
  const found = checkEnvoyFile('envoy.yaml', text).map((d) => `${d.code}@${d.location?.line} ${d.message}`);
  assert.deepEqual(found, [
    'MC1001@2 Tabs are not allowed as indentation',
    'MC1001@3 Tabs are not allowed as indentation',
    'MC1001@4 Tabs are not allowed as indentation (and 17 more like this in the file)',
  ]);
});

/** A bootstrap whose node metadata nests `depth` objects in all (the root and `node` included). */
function nestedBootstrap(depth: number, asList: boolean): Record<string, unknown> {
  let inner: unknown = 1;
  for (let i = 0; i < depth - 3; i++) inner = asList ? [inner] : { a: inner };
  return { node: { id: 'x', cluster: 'y', metadata: { k: inner } } };
}

test("100 levels of nesting are what protobuf's JSON parser allows; the 101st is refused at its path", () => {
  // protobuf src/google/protobuf/json/internal/lexer.h: ParseOptions::kDefaultDepth = 100.
  assert.deepEqual(
    checkMessage(TYPE.bootstrap, nestedBootstrap(100, false)).map((p) => p.name),
    [],
  );
  const deep = checkMessage(TYPE.bootstrap, nestedBootstrap(101, true));
  assert.deepEqual(
    deep.map((p) => `${p.code} ${p.path}`),
    [`MC4016 node.metadata.k${'[0]'.repeat(97)}`],
  );
});

test('3,000-deep Struct, list and Any values are refused, not a stack overflow', () => {
  let any: Record<string, unknown> = { '@type': 'type.googleapis.com/google.protobuf.Struct', value: {} };
  for (let i = 0; i < 3000; i++) any = { '@type': 'type.googleapis.com/google.protobuf.Any', value: any };
  const bootstraps = [nestedBootstrap(3000, false), nestedBootstrap(3000, true), { node: { id: 'x', cluster: 'y' }, typed_dns_resolver_config: { name: 'x', typed_config: any } }];
  for (const b of bootstraps)
    assert.deepEqual(
      checkEnvoyFile('envoy.json', JSON.stringify(b)).map((d) => d.code),
      ['MC4016'],
    );
});

test('YAML with flow collections nested past 500 levels is refused before the parser sees it', () => {
  // The yaml lexer aborts the process (out of memory compiling a RegExp) at about 1,500 levels.
  const text = `node: { id: x, cluster: y, metadata: { k: ${'['.repeat(3000)}1${']'.repeat(3000)} } }\n`;
  assert.deepEqual(
    checkEnvoyFile('envoy.yaml', text).map((d) => `${d.code}@${d.location?.line}:${d.location?.column}`),
    [`MC1001@1:${42 + 499}`],
  );
});
