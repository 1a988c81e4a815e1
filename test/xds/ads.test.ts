/**
 * compile --mode ads: the bootstrap points at meshc serve through `ads_config` and takes every
 * listener, route table, cluster and endpoint assignment from that one stream (ConfigSource
 * `ads`, envoy/config/core/v3/config_source.proto); the served resources are checked with the
 * bootstrap as one configuration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compile, type CompileResult } from '../../src/compile.js';
import { checkResources } from '../../src/check/check.js';
import { servedResponse } from '../../src/xds/ads.js';
import { exampleDirs } from '../helpers/corpus.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { at } from '../validate/helpers.js';

const MESH = (controlPlane: string) => `apiVersion: meshc/v1
mesh: { name: store, trustDomain: store.example${controlPlane} }
services:
  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.20.0.1] } }, calls: [catalog, search] }
  catalog:
    protocol: http
    port: 9090
    versions: { v1: { endpoints: [10.20.1.1] }, v2: { endpoints: [10.20.1.2] } }
    routes: [{ split: { v1: 90, v2: 10 } }]
  search: { protocol: http, port: 7070, versions: { v1: { dns: search.internal } } }
`;

function ads(controlPlane = ', controlPlane: { address: "meshc-serve.store.internal:18000" }'): CompileResult {
  const result = compile([{ name: 'mesh.yaml', text: MESH(controlPlane) }], { mode: 'ads' });
  assert.deepEqual(result.diagnostics.map(at), []);
  return result;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read deep into Envoy JSON
type Json = Record<string, any>;
const bootstrapOf = (r: CompileResult, service: string): Json => parse(r.files.find((f) => f.path === `${service}/bootstrap.yaml`)?.content ?? 'null') as Json;

test('--mode ads without mesh.controlPlane is refused at the mesh block', () => {
  const result = compile([{ name: 'mesh.yaml', text: MESH('') }], { mode: 'ads' });
  assert.deepEqual(result.diagnostics.map(at), ['missing-control-plane@mesh.yaml:2:1']);
  assert.deepEqual(result.files, []);
});

test('the bootstrap holds only the control-plane cluster and takes LDS and CDS over ADS', () => {
  const bootstrap = bootstrapOf(ads(), 'web');
  assert.deepEqual(bootstrap['static_resources'].listeners ?? [], []);
  assert.deepEqual(
    bootstrap['static_resources'].clusters.map((c: Json) => c['name']),
    ['meshc-xds'],
  );
  assert.deepEqual(bootstrap['dynamic_resources'], {
    ads_config: {
      api_type: 'GRPC',
      transport_api_version: 'V3',
      set_node_on_first_message_only: true,
      grpc_services: [{ envoy_grpc: { cluster_name: 'meshc-xds' } }],
    },
    lds_config: { ads: {}, resource_api_version: 'V3' },
    cds_config: { ads: {}, resource_api_version: 'V3' },
  });
  // meshc serve tells nodes apart by node.cluster: the service whose configuration they get.
  assert.equal(bootstrap['node'].cluster, 'web');
});

test('the control plane is reached over mutual TLS with the sidecar\u2019s own identity, and only the server\u2019s SPIFFE ID is accepted', () => {
  const cluster = bootstrapOf(ads(), 'web')['static_resources'].clusters[0] as Json;
  const tls = cluster['transport_socket'].typed_config;
  assert.equal(tls['@type'], 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext');
  assert.deepEqual(
    tls.common_tls_context.tls_certificate_sds_secret_configs.map((s: Json) => s['name']),
    ['meshc-identity'],
  );
  assert.deepEqual(tls.common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names, [
    { san_type: 'URI', matcher: { exact: 'spiffe://store.example/svc/meshc-serve' } },
  ]);
  assert.deepEqual(tls.common_tls_context.alpn_protocols, ['h2']);
  assert.equal(cluster['type'], 'STRICT_DNS');
  const named = bootstrapOf(ads(', controlPlane: { address: "10.9.0.1:18000", identity: xds, api: delta }'), 'web');
  const other = named['static_resources'].clusters[0] as Json;
  assert.equal(other['type'], 'STATIC');
  assert.equal(
    other['transport_socket'].typed_config.common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names[0].matcher.exact,
    'spiffe://store.example/svc/xds',
  );
  assert.equal(named['dynamic_resources'].ads_config.api_type, 'DELTA_GRPC');
  const plain = bootstrapOf(ads(', controlPlane: { address: "127.0.0.1:18000", tls: off }'), 'web');
  assert.equal((plain['static_resources'].clusters[0] as Json)['transport_socket'], undefined);
});

test('served resources come in make-before-break order: clusters, endpoints, listeners, route tables', () => {
  const served = ads().served?.get('web');
  assert.ok(served);
  assert.deepEqual(
    served.resources.map((r) => `${r.type} ${r.name}`),
    [
      'cluster inbound|web',
      'cluster outbound|catalog|v1',
      'cluster outbound|catalog|v2',
      'cluster outbound|search|v1',
      'cluster meshc-admin',
      'clusterLoadAssignment inbound|web',
      'clusterLoadAssignment outbound|catalog|v1',
      'clusterLoadAssignment outbound|catalog|v2',
      'clusterLoadAssignment meshc-admin',
      'listener inbound|web',
      'listener outbound|catalog',
      'listener outbound|search',
      'listener metrics',
      'routeConfiguration inbound|web',
      'routeConfiguration outbound|catalog',
      'routeConfiguration outbound|search',
      'routeConfiguration metrics',
    ],
  );
  const catalog = served.resources.find((r) => r.name === 'outbound|catalog|v1')?.value as Json;
  assert.deepEqual(catalog['eds_cluster_config'], { eds_config: { ads: {}, resource_api_version: 'V3' } });
  // DNS clusters keep their endpoints: Envoy resolves them.
  const search = served.resources.find((r) => r.name === 'outbound|search|v1')?.value as Json;
  assert.equal(search['type'], 'STRICT_DNS');
  const listener = served.resources.find((r) => r.name === 'outbound|catalog')?.value as Json;
  assert.deepEqual(listener['filter_chains'][0].filters[0].typed_config.rds, {
    route_config_name: 'outbound|catalog',
    config_source: { ads: {}, resource_api_version: 'V3' },
  });
});

test('every example compiles in ads mode, and each bootstrap checks clean with what is served to it', () => {
  for (const dir of exampleDirs()) {
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => {
        const text = readFileSync(join(dir, f), 'utf8');
        return { name: join(dir, f), text: text.replace(/^mesh:\n/m, 'mesh:\n  controlPlane: { address: "meshc-serve.internal:18000" }\n') };
      });
    const result = compile(sources, { mode: 'ads' });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map(at), [], dir);
    assert.ok(result.served && result.served.size > 0, dir);
    for (const [service, served] of result.served) {
      const bootstrap = bootstrapOf(result, service);
      const resources = [
        { typeName: 'bootstrap', value: bootstrap },
        ...(['cluster', 'clusterLoadAssignment', 'listener', 'routeConfiguration'] as const).map((t) => ({ typeName: 'discovery', value: servedResponse(served, t) })),
      ];
      assert.deepEqual(checkResources(resources, { strict: true }), [], `${dir} ${service}`);
    }
  }
});
