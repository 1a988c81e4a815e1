/**
 * IR fixture builders: a resolved mesh written directly, without DSL, so that a feature's
 * resolution output or lowering input can be tested alone (as Kuma's plugin tests build a proxy
 * with only the policy under test). Every builder gives a minimal valid value with meshc's
 * defaults; a test overrides only the fields it is about.
 */
import { BUILTIN } from '../../src/dsl/builtin.js';
import type { MeshIR, Origin, RouteIR, ServiceIR, VersionIR } from '../../src/ir/types.js';
import type { PolicyModule } from '../../src/policies/policy.js';
import { sidecarBuilder, type Sidecar } from '../../src/sidecar/sidecar.js';
import { names } from '../../src/envoy/names.js';
import type { Route, RouteConfiguration } from '../../src/envoy/types.js';

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

/** `caller` calling `callee`, each with one version, for a sidecar test. */
export function callerAndCallee(callee: ServiceIR, caller: Partial<ServiceIR> = {}): MeshIR {
  const client = fixtureService('web', {
    port: 8081,
    versions: [fixtureVersion('v1', '10.0.0.9')],
    calls: [{ service: callee.name, localPort: callee.port, origin: FIXTURE_ORIGIN }],
    ...caller,
  });
  return fixtureMesh([client, callee]);
}

/**
 * The caller's sidecar built by `policies` alone (e.g. one feature's lowering), as Kuma's plugin
 * tests build a proxy with only the policy under test: whatever else is in it, the sidecar
 * builders made without any policy.
 */
export function sidecarWithOnly(policies: readonly PolicyModule[], mesh: MeshIR, service = 'web'): Sidecar {
  const self = mesh.services.find((s) => s.name === service);
  if (!self) throw new Error(`no service ${service} in the fixture mesh`);
  return sidecarBuilder(mesh, policies)(self);
}

/** The routes of the outbound route table for `callee` in a built sidecar. */
export function outboundRoutes(sidecar: Sidecar, callee: string): readonly Route[] {
  const listener = sidecar.bootstrap.static_resources?.listeners?.find((l) => l.name === names.outboundListener(callee));
  const hcm = listener?.filter_chains[0]?.filters[0]?.typed_config as { route_config?: RouteConfiguration } | undefined;
  const routes = hcm?.route_config?.virtual_hosts[0]?.routes;
  if (!routes) throw new Error(`no outbound route table for ${callee} in ${sidecar.service}'s sidecar`);
  return routes;
}
