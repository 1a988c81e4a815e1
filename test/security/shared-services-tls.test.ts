/**
 * The rate-limit service and the tracing collector with `mtlsIdentity` (golden/shared-services-mtls):
 * every sidecar that uses them connects with mutual TLS, presents its own mesh certificate (from
 * the same SDS secrets as its other TLS contexts) and accepts only the service's exact SPIFFE ID.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR } from '../helpers/golden.js';
import { at, bootstraps, clusters, compileMesh, named, tlsContext, type Json } from './helpers.js';

const UPSTREAM_TLS = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';
const text = readFileSync(join(GOLDEN_DIR, 'shared-services-mtls', 'input', 'mesh.yaml'), 'utf8');
const sidecars = bootstraps(compileMesh({ 'mesh.yaml': text }));

function expectMeshTls(cluster: Json, peer: string, where: string): void {
  const context = tlsContext(cluster['transport_socket'], UPSTREAM_TLS);
  assert.equal(context['sni'], `${peer}.bank.example`, where);
  assert.deepEqual(
    at(context, 'common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names'),
    [{ san_type: 'URI', matcher: { exact: `spiffe://bank.example/svc/${peer}` } }],
    where,
  );
  assert.deepEqual(at(context, 'common_tls_context.tls_certificate_sds_secret_configs.0.name'), 'meshc-identity', where);
  assert.deepEqual(at(context, 'common_tls_context.alpn_protocols'), ['h2'], `${where}: gRPC`);
}

test('every sidecar reaches the collector, and the limited ones the rate-limit service, with mutual TLS', () => {
  assert.deepEqual([...sidecars.keys()].sort(), ['gateway', 'payments', 'reports']);
  for (const [service, bootstrap] of sidecars) {
    expectMeshTls(named(clusters(bootstrap), 'meshc-tracing'), 'otel-collector', `${service} tracing`);
    const limited = service !== 'gateway';
    assert.equal(
      clusters(bootstrap).some((c) => c['name'] === 'meshc-ratelimit'),
      limited,
      service,
    );
    if (limited) expectMeshTls(named(clusters(bootstrap), 'meshc-ratelimit'), 'ratelimit', `${service} rate limit`);
  }
});

test('a sidecar whose own side is plaintext still has its certificate for them', () => {
  const reports = sidecars.get('reports') as Json;
  assert.ok(clusters(reports).every((c) => c['name'] !== 'inbound|reports' || c['transport_socket'] === undefined));
  assert.ok(JSON.stringify(reports).includes('/etc/meshc/sds/identity.yaml'), 'the identity secret is configured');
});

test('without mtlsIdentity the connection stays plaintext (and is warned, see plaintext-mesh-service)', () => {
  const plain = bootstraps(compileMesh({ 'mesh.yaml': text.replaceAll(/, mtlsIdentity: [a-z-]+/g, '') }));
  for (const [service, bootstrap] of plain) {
    for (const c of clusters(bootstrap).filter((c) => ['meshc-tracing', 'meshc-ratelimit'].includes(String(c['name'])))) {
      assert.equal(c['transport_socket'], undefined, `${service} ${String(c['name'])}`);
    }
  }
});
