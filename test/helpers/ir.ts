/**
 * IR fixture builders: a resolved mesh written directly, without DSL, so that a feature's
 * resolution output or lowering input can be tested alone (as Kuma's plugin tests build a proxy
 * with only the policy under test). Every builder gives a minimal valid value with meshc's
 * defaults; a test overrides only the fields it is about.
 */
import { BUILTIN } from '../../src/dsl/builtin.js';
import type { MeshIR, Origin, RouteIR, ServiceIR, VersionIR } from '../../src/ir/types.js';

export const FIXTURE_ORIGIN: Origin = { file: 'mesh.yaml', line: 1, column: 1, path: '' };

export function fixtureRoute(fields: Partial<RouteIR> = {}): RouteIR {
  return {
    name: 'default',
    match: { headers: [], methods: [], query: [] },
    action: { kind: 'version', version: 'v1' },
    timeoutMs: BUILTIN.timeoutMs,
    origin: FIXTURE_ORIGIN,
    ...fields,
  };
}

export function fixtureVersion(name = 'v1', address = '10.0.0.1'): VersionIR {
  return { name, discovery: { kind: 'static', endpoints: [{ address, port: BUILTIN.sidecar.inboundPort }] }, labels: {}, origin: FIXTURE_ORIGIN };
}

export function fixtureService(name: string, fields: Partial<ServiceIR> = {}): ServiceIR {
  return {
    name,
    identity: `spiffe://test.example/svc/${name}`,
    protocol: 'http',
    port: 8080,
    proxy: 'envoy',
    mtls: 'strict',
    versions: [fixtureVersion()],
    calls: [],
    routes: [fixtureRoute()],
    cluster: {
      connectTimeoutMs: BUILTIN.connectTimeoutMs,
      loadBalancer: { policy: 'round-robin' },
      circuitBreaker: { ...BUILTIN.circuitBreaker },
    },
    healthPaths: [],
    origin: FIXTURE_ORIGIN,
    ...fields,
  };
}

export function fixtureMesh(services: readonly ServiceIR[], fields: Partial<MeshIR> = {}): MeshIR {
  return {
    name: 'test',
    trustDomain: 'test.example',
    certificates: { source: 'files', dir: BUILTIN.certificates.dir, sdsDir: BUILTIN.certificates.sdsDir },
    sidecar: {
      inboundPort: BUILTIN.sidecar.inboundPort,
      adminPort: BUILTIN.sidecar.adminPort,
      metricsPort: BUILTIN.sidecar.metricsPort,
      xdsDir: BUILTIN.sidecar.xdsDir,
      hardening: { ...BUILTIN.hardening },
    },
    observability: {
      accessLog: { mode: 'all' },
      metricsTls: 'mesh',
      prometheus: { scrapeIntervalMs: BUILTIN.observability.scrapeIntervalMs, certDir: `${BUILTIN.certificates.dir}/${BUILTIN.observability.prometheusCertSubdir}` },
      alerts: { errorRatio: BUILTIN.observability.errorRatioPercent / 100, certificateExpiryMs: BUILTIN.observability.certificateExpiryMs },
    },
    services: [...services].sort((a, b) => (a.name < b.name ? -1 : 1)),
    origin: FIXTURE_ORIGIN,
    ...fields,
  };
}
