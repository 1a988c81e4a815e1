/**
 * Lowers a valid mesh model to the IR: inheritance applied (defaults ← service ← route),
 * built-in values filled in, names and endpoints parsed, every node given its origin.
 * Runs only on a model the rules accepted, so a broken reference here is a meshc bug.
 */
import { BUILTIN } from '../dsl/builtin.js';
import { defaultRouteName, IMPLICIT_ROUTE_NAME } from '../envoy/names.js';
import { optionalDuration, parseDuration } from '../dsl/duration.js';
import { clusterChains, mergeLayers, policyChain, type PolicyLayer } from '../dsl/effective.js';
import { FEATURES } from '../features/index.js';
import type { Feature, RouteInput, ServiceInput } from '../features/feature.js';
import { mergeFields } from '../features/merge.js';
import { parseDnsTarget, parseEndpoint, splitHostPort } from '../dsl/endpoint.js';
import { spiffeId } from './identity.js';
import { resolveAuthz, resolveControlPlane, resolveJwt, resolveRateLimit, resolveRateLimitService } from './resolve-security.js';
import { resolveObservability } from './resolve-observability.js';
import { healthCheckType } from '../dsl/health-check.js';
import { calledService, effectiveAuthz, refAt, type MeshModel, type NodeRef, type ServiceDefinition } from '../dsl/model.js';
import { describePath, spanAt } from '../dsl/positions.js';
import type {
  CertificatesSpec,
  CircuitBreakerSpec,
  FaultSpec,
  HardeningSpec,
  MtlsMode,
  HashOnSpec,
  LoadBalancerSpec,
  MatchSpec,
  MirrorSpec,
  RouteSpec,
  ServiceSpec,
  StringMatchSpec,
  VersionSpec,
} from '../dsl/schema.js';
import type {
  AuthzIR,
  CallIR,
  CertificatesIR,
  CircuitBreakerIR,
  HardeningIR,
  ClusterPolicyIR,
  EndpointIR,
  FaultIR,
  HashOnIR,
  HealthCheckIR,
  LoadBalancerIR,
  MatchIR,
  MeshIR,
  MirrorIR,
  NamedMatchIR,
  Origin,
  PathPatternIR,
  RouteIR,
  ServiceIR,
  SidecarIR,
  VersionIR,
} from './types.js';

/**
 * Resolved services kept between compiles (meshc serve): a service's IR depends only on its own
 * definition, the defaults, the mesh block and its callees' definitions (their ports), so when all
 * of those are the very same objects (their sources were not parsed again) it is reused as is.
 */
export type ResolveCache = WeakMap<ServiceSpec, { readonly inputs: readonly unknown[]; readonly ir: ServiceIR }>;

export function resolveMesh(model: MeshModel, cache?: ResolveCache): MeshIR {
  const mesh = model.mesh;
  if (!mesh) throw new Error('resolveMesh: the model has no mesh block (the rules should have refused it)');
  const sidecar: SidecarIR = {
    inboundPort: mesh.value.sidecar?.inboundPort ?? BUILTIN.sidecar.inboundPort,
    adminPort: mesh.value.sidecar?.adminPort ?? BUILTIN.sidecar.adminPort,
    metricsPort: mesh.value.sidecar?.metricsPort ?? BUILTIN.sidecar.metricsPort,
    xdsDir: mesh.value.sidecar?.xdsDir ?? BUILTIN.sidecar.xdsDir,
    hardening: resolveHardening(mesh.value.sidecar?.hardening),
  };
  const meshMtls = mesh.value.mtls ?? BUILTIN.mtls;
  const certificates = resolveCertificates(mesh.value.certificates);
  return {
    name: mesh.value.name,
    trustDomain: mesh.value.trustDomain,
    certificates,
    sidecar,
    observability: resolveObservability(mesh.value.observability, certificates),
    services: model.services.map((s) => {
      const inputs = [model.defaults?.value, mesh.value, ...(s.spec.calls ?? []).map((c) => model.serviceByName.get(calledService(c))?.spec)];
      const cached = cache?.get(s.spec);
      if (cached && cached.inputs.length === inputs.length && cached.inputs.every((x, i) => x === inputs[i])) return cached.ir;
      const ir = resolveService(model, s, sidecar, mesh.value.trustDomain, meshMtls);
      cache?.set(s.spec, { inputs, ir });
      return ir;
    }),
    ...definedOnly({ rateLimitService: resolveRateLimitService(mesh.value), controlPlane: resolveControlPlane(mesh.value) }),
    origin: originOf(mesh.at),
  };
}

function resolveCertificates(spec: CertificatesSpec | undefined): CertificatesIR {
  const defaults = BUILTIN.certificates;
  const source = spec?.source ?? defaults.source;
  if (source === 'files') {
    return { source, dir: spec?.dir ?? defaults.dir, sdsDir: spec?.sdsDir ?? defaults.sdsDir };
  }
  const address = spec?.address === undefined ? undefined : splitHostPort(spec.address);
  const server =
    address?.ok && address.value.port !== undefined
      ? { kind: 'tcp' as const, host: address.value.address, port: address.value.port }
      : { kind: 'pipe' as const, path: spec?.socket ?? defaults.spireSocket };
  return {
    source,
    server,
    identitySecret: spec?.identitySecret ?? defaults.identitySecret,
    trustBundleSecret: spec?.trustBundleSecret ?? defaults.trustBundleSecret,
  };
}

function resolveHardening(spec: HardeningSpec | undefined): HardeningIR {
  const d = BUILTIN.hardening;
  return {
    bufferLimitBytes: spec?.bufferLimitBytes ?? d.bufferLimitBytes,
    maxHeapMiB: spec?.maxHeapMiB ?? d.maxHeapMiB,
    maxConnections: spec?.maxConnections ?? d.maxConnections,
    headersWithUnderscores: spec?.headersWithUnderscores ?? d.headersWithUnderscores,
    normalizePath: spec?.normalizePath ?? d.normalizePath,
    mergeSlashes: spec?.mergeSlashes ?? d.mergeSlashes,
    escapedSlashes: spec?.escapedSlashes ?? d.escapedSlashes,
    pathParameters: spec?.pathParameters ?? d.pathParameters,
    requestHeadersTimeoutMs: optionalDuration(spec?.requestHeadersTimeout) ?? d.requestHeadersTimeoutMs,
    streamIdleTimeoutMs: optionalDuration(spec?.streamIdleTimeout) ?? d.streamIdleTimeoutMs,
    connectionIdleTimeoutMs: optionalDuration(spec?.connectionIdleTimeout) ?? d.connectionIdleTimeoutMs,
    tlsHandshakeTimeoutMs: optionalDuration(spec?.tlsHandshakeTimeout) ?? d.tlsHandshakeTimeoutMs,
    requestTimeoutMs: optionalDuration(spec?.requestTimeout) ?? d.requestTimeoutMs,
    metricsMaxConnections: spec?.metricsMaxConnections ?? d.metricsMaxConnections,
    http2: {
      maxConcurrentStreams: spec?.http2?.maxConcurrentStreams ?? d.http2.maxConcurrentStreams,
      initialStreamWindowSize: spec?.http2?.initialStreamWindowSize ?? d.http2.initialStreamWindowSize,
      initialConnectionWindowSize: spec?.http2?.initialConnectionWindowSize ?? d.http2.initialConnectionWindowSize,
    },
  };
}

export function originOf(at: NodeRef): Origin {
  const span = spanAt(at.doc, at.path, 'key');
  return { file: span.file, line: span.line, column: span.column, path: describePath(at.path) };
}

function resolveService(model: MeshModel, service: ServiceDefinition, sidecar: SidecarIR, trustDomain: string, meshMtls: MtlsMode): ServiceIR {
  const { spec } = service;
  const policy = mergeLayers(policyChain(model, service).map((c) => c.layer));
  const proxy = spec.proxy ?? BUILTIN.proxy;
  // Callers reach a sidecar on its inbound port, and a proxyless application on its own port.
  const defaultPort = proxy === 'grpc' ? spec.port : sidecar.inboundPort;
  const versionClusters = new Map(
    clusterChains(model, service).flatMap(({ version, chain }) =>
      version === undefined ? [] : [[version, resolveClusterPolicy(mergeLayers(chain.map((c) => c.layer)), spec.protocol)] as const],
    ),
  );
  const versions = Object.entries(spec.versions).map(([name, v]) => {
    const resolved = resolveVersion(name, v, refAt(service.at, 'versions', name), defaultPort);
    const cluster = versionClusters.get(name);
    return cluster ? { ...resolved, cluster } : resolved;
  });
  const routes = (spec.routes ?? []).map((route, index) => resolveRoute(model, service, route, index));
  const cluster = resolveClusterPolicy(policy, spec.protocol);
  return {
    name: service.name,
    identity: spiffeId(trustDomain, service.name),
    protocol: spec.protocol,
    port: spec.port,
    proxy,
    mtls: spec.mtls ?? meshMtls,
    versions,
    calls: (spec.calls ?? []).map((call, index) => resolveCall(model, call, refAt(service.at, 'calls', index))),
    routes: routes.length > 0 ? routes : [defaultRoute(model, service, policy)],
    cluster,
    ...definedOnly({
      authz: authzOf(model, service, trustDomain),
      jwt: spec.jwt ? resolveJwt(spec.jwt) : undefined,
      rateLimit: resolveRateLimit(spec.rateLimit),
    }),
    healthPaths: healthPaths(cluster.healthCheck),
    ...featureServiceFields({ model, service }),
    origin: originOf(service.at),
  };
}

/** The feature units' fields of a service, merged explicitly. */
function featureServiceFields(input: ServiceInput): Partial<ServiceIR> {
  return mergeFields<Partial<ServiceIR>>(
    {},
    FEATURES.map((f: Feature) => [f.id, f.resolveService?.(input)] as const),
  );
}

/** What a service's health checks request: never denied by authz, never asked for a token. */
function healthPaths(healthCheck: HealthCheckIR | undefined): PathPatternIR[] {
  // Envoy matches paths without their query string (RBAC url_path, JWT rules).
  const path = healthCheck?.path?.split('?')[0];
  if (healthCheck?.type === 'http' && path) return [{ kind: 'exact', value: path }];
  if (healthCheck?.type === 'grpc') return [{ kind: 'prefix', value: BUILTIN.grpcHealthPrefix }];
  return [];
}

function resolveVersion(name: string, spec: VersionSpec, at: NodeRef, defaultPort: number): VersionIR {
  const common = { name, labels: spec.labels ?? {}, origin: originOf(at) };
  if (spec.dns !== undefined) {
    const target = parseDnsTarget(spec.dns);
    if (!target.ok) throw new Error(`resolveVersion: invalid dns "${spec.dns}" reached the IR`);
    return {
      ...common,
      discovery: { kind: 'dns', host: target.value.address, port: target.value.port ?? defaultPort },
    };
  }
  const endpoints = (spec.endpoints ?? []).map((e): EndpointIR => {
    const parsed = parseEndpoint(e);
    if (!parsed.ok) throw new Error(`resolveVersion: invalid endpoint reached the IR: ${parsed.reason}`);
    const { address, port, weight } = parsed.value;
    return {
      address,
      port: port ?? defaultPort,
      ...(weight !== undefined ? { weight } : {}),
    };
  });
  return { ...common, discovery: { kind: 'static', endpoints } };
}

function resolveCall(model: MeshModel, call: string | { service: string; localPort: number }, at: NodeRef): CallIR {
  const name = calledService(call);
  const callee = model.serviceByName.get(name);
  if (!callee) throw new Error(`resolveCall: unknown service "${name}" reached the IR`);
  return {
    service: name,
    localPort: typeof call === 'string' ? callee.spec.port : call.localPort,
    origin: originOf(at),
  };
}

// ── Routes ──────────────────────────────────────────────────────────────────────────────────

function defaultRoute(model: MeshModel, service: ServiceDefinition, policy: PolicyLayer): RouteIR {
  const version = Object.keys(service.spec.versions)[0];
  if (version === undefined) throw new Error(`defaultRoute: "${service.name}" has no versions`);
  return {
    name: IMPLICIT_ROUTE_NAME,
    match: { headers: [], methods: [], query: [] },
    action: { kind: 'version', version },
    ...routeTraffic(policy, service.spec.protocol),
    ...featureRouteFields({ model, service, chain: policyChain(model, service) }),
    origin: originOf(refAt(service.at, 'versions')),
  };
}

function resolveRoute(model: MeshModel, service: ServiceDefinition, route: RouteSpec, index: number): RouteIR {
  const chain = policyChain(model, service, index);
  const policy = mergeLayers(chain.map((c) => c.layer));
  const action: RouteIR['action'] =
    route.split !== undefined
      ? { kind: 'split', weights: Object.entries(route.split).map(([version, percent]) => ({ version, percent })) }
      : { kind: 'version', version: route.to ?? '' };
  const rateLimit = resolveRateLimit(route.rateLimit);
  const name = route.name ?? defaultRouteName(index);
  return {
    name,
    statPrefix: name,
    match: resolveMatch(route.match),
    action,
    ...routeTraffic(policy, service.spec.protocol),
    ...featureRouteFields({ model, service, routeIndex: index, chain }),
    ...(rateLimit ? { rateLimit } : {}),
    origin: originOf(refAt(service.at, 'routes', index)),
  };
}

/** The feature units' fields of a route, merged explicitly: two features writing one field is a meshc bug. */
function featureRouteFields(input: RouteInput): Partial<RouteIR> {
  return mergeFields<Partial<RouteIR>>(
    {},
    FEATURES.map((f: Feature) => [f.id, f.resolveRoute?.(input)] as const),
  );
}

/** The service's own authz, or the mesh-wide default it inherits. */
function authzOf(model: MeshModel, service: ServiceDefinition, trustDomain: string): AuthzIR | undefined {
  const authz = effectiveAuthz(model, service);
  return authz && resolveAuthz(authz.spec, trustDomain, service.spec.jwt, authz.at, originOf, authz.inherited);
}

/** The per-request settings of a route, after inheritance. */
function routeTraffic(policy: PolicyLayer, protocol: ServiceIR['protocol']): Pick<RouteIR, 'timeoutMs' | 'idleTimeoutMs' | 'fault' | 'mirror'> {
  const http = protocol !== 'tcp';
  const idle = optionalDuration(policy.idleTimeout);
  const fault = http ? resolveFault(policy.fault) : undefined;
  const mirror = http ? resolveMirror(policy.mirror) : undefined;
  return {
    timeoutMs: optionalDuration(policy.timeout) ?? BUILTIN.timeoutMs,
    ...(idle !== undefined ? { idleTimeoutMs: idle } : {}),
    ...(fault ? { fault } : {}),
    ...(mirror ? { mirror } : {}),
  };
}

function resolveMatch(match: MatchSpec | undefined): MatchIR {
  if (!match) return { headers: [], methods: [], query: [] };
  const path = match.path;
  const kind = path?.exact !== undefined ? 'exact' : path?.prefix !== undefined ? 'prefix' : 'regex';
  const value = path?.exact ?? path?.prefix ?? path?.regex;
  const methods = match.method === undefined ? [] : Array.isArray(match.method) ? match.method : [match.method];
  return {
    ...(value !== undefined ? { path: { kind, value } } : {}),
    headers: namedMatches(match.headers, (name) => name.toLowerCase()),
    methods: [...new Set(methods)],
    query: namedMatches(match.query, (name) => name),
  };
}

function namedMatches(record: Record<string, string | StringMatchSpec> | undefined, normalizeName: (name: string) => string): NamedMatchIR[] {
  return Object.entries(record ?? {}).map(([name, m]) => {
    const spec: StringMatchSpec = typeof m === 'string' ? { exact: m } : m;
    const valueKind = (['exact', 'prefix', 'suffix', 'regex'] as const).find((k) => spec[k] !== undefined);
    const invert = 'invert' in spec && spec.invert === true;
    if (valueKind === undefined) {
      return { name: normalizeName(name), kind: spec.present === false ? 'absent' : 'present', invert };
    }
    return { name: normalizeName(name), kind: valueKind, value: spec[valueKind] ?? '', invert };
  });
}

function resolveFault(spec: FaultSpec | undefined): FaultIR | undefined {
  if (!spec || (!spec.delay && !spec.abort)) return undefined;
  return {
    ...(spec.delay ? { delay: { durationMs: parseDuration(spec.delay.duration), percent: spec.delay.percent } } : {}),
    ...(spec.abort
      ? {
          abort: {
            ...(spec.abort.httpStatus !== undefined ? { httpStatus: spec.abort.httpStatus } : {}),
            ...(spec.abort.grpcStatus !== undefined ? { grpcStatus: spec.abort.grpcStatus } : {}),
            percent: spec.abort.percent,
          },
        }
      : {}),
  };
}

function resolveMirror(spec: MirrorSpec | undefined): MirrorIR | undefined {
  return spec ? { version: spec.to, percent: spec.percent ?? BUILTIN.mirrorPercent } : undefined;
}

// ── Cluster policy ──────────────────────────────────────────────────────────────────────────

function resolveClusterPolicy(policy: PolicyLayer, protocol: ServiceIR['protocol']): ClusterPolicyIR {
  const cb = policy.circuitBreaker;
  const od = policy.outlierDetection;
  const healthCheck = resolveHealthCheck(policy, protocol);
  return {
    connectTimeoutMs: optionalDuration(policy.connectTimeout) ?? BUILTIN.connectTimeoutMs,
    loadBalancer: resolveLoadBalancer(policy.loadBalancer),
    circuitBreaker: resolveCircuitBreaker(cb),
    ...(od
      ? {
          outlierDetection: definedOnly({
            consecutive5xx: od.consecutive5xx,
            consecutiveGatewayErrors: od.consecutiveGatewayErrors,
            successRate: od.successRate && { ...BUILTIN.outlierDetection.successRate, ...definedOnly(od.successRate) },
            failurePercentage: od.failurePercentage && { ...BUILTIN.outlierDetection.failurePercentage, ...definedOnly(od.failurePercentage) },
            // Counting local-origin failures needs them counted apart.
            splitLocalOrigin: od.splitLocalOrigin === true || od.consecutiveLocalOriginFailures !== undefined ? (true as const) : undefined,
            consecutiveLocalOriginFailures: od.consecutiveLocalOriginFailures,
            intervalMs: optionalDuration(od.interval),
            baseEjectionTimeMs: optionalDuration(od.baseEjectionTime),
            maxEjectionTimeMs: optionalDuration(od.maxEjectionTime),
            maxEjectionPercent: od.maxEjectionPercent,
          }),
        }
      : {}),
    ...(healthCheck ? { healthCheck } : {}),
  };
}

/**
 * Limits are always bounded. The default retry budget is added only when the mesh sets neither
 * a budget nor maxRetries: Envoy ignores max_retries once a budget is set, so adding one would
 * silently override a maxRetries the user chose.
 */
function resolveCircuitBreaker(spec: CircuitBreakerSpec | undefined): CircuitBreakerIR {
  const d = BUILTIN.circuitBreaker;
  const budget =
    spec?.retryBudget !== undefined
      ? { percent: spec.retryBudget.percent, minConcurrency: spec.retryBudget.minConcurrency ?? d.retryBudget.minConcurrency }
      : spec?.maxRetries === undefined
        ? d.retryBudget
        : undefined;
  return {
    maxConnections: spec?.maxConnections ?? d.maxConnections,
    maxPendingRequests: spec?.maxPendingRequests ?? d.maxPendingRequests,
    maxRequests: spec?.maxRequests ?? d.maxRequests,
    maxRetries: spec?.maxRetries ?? d.maxRetries,
    ...(spec?.maxRequestsPerConnection !== undefined ? { maxRequestsPerConnection: spec.maxRequestsPerConnection } : {}),
    ...(budget ? { retryBudget: budget } : {}),
  };
}

function resolveLoadBalancer(spec: LoadBalancerSpec | undefined): LoadBalancerIR {
  if (spec === undefined) return { policy: 'round-robin' };
  const policy = typeof spec === 'string' ? spec : spec.policy;
  if (policy === 'ring-hash' || policy === 'maglev') {
    const hashOn = typeof spec === 'object' && spec.hashOn ? resolveHashOn(spec.hashOn) : undefined;
    if (!hashOn) throw new Error(`resolveLoadBalancer: ${policy} without hashOn reached the IR`);
    if (policy === 'maglev') return { policy, hashOn };
    const minRingSize = typeof spec === 'object' ? spec.minRingSize : undefined;
    return { policy, hashOn, ...(minRingSize !== undefined ? { minRingSize } : {}) };
  }
  return { policy };
}

function resolveHashOn(spec: HashOnSpec): HashOnIR | undefined {
  if (spec.header !== undefined) return { kind: 'header', name: spec.header.toLowerCase() };
  if (spec.cookie !== undefined) {
    const ttl = optionalDuration(spec.cookie.ttl);
    return {
      kind: 'cookie',
      name: spec.cookie.name,
      ...(ttl !== undefined ? { ttlMs: ttl } : {}),
      ...(spec.cookie.path !== undefined ? { path: spec.cookie.path } : {}),
    };
  }
  if (spec.sourceIp) return { kind: 'source-ip' };
  if (spec.queryParameter !== undefined) return { kind: 'query-parameter', name: spec.queryParameter };
  return undefined;
}

function resolveHealthCheck(policy: PolicyLayer, protocol: ServiceIR['protocol']): HealthCheckIR | undefined {
  const spec = policy.healthCheck;
  if (!spec) return undefined;
  const type = healthCheckType(spec, protocol);
  const defaults = BUILTIN.healthCheck;
  return {
    type,
    ...(type === 'http' ? { path: spec.path ?? defaults.path } : {}),
    ...(type === 'grpc' && spec.grpcService !== undefined ? { grpcService: spec.grpcService } : {}),
    intervalMs: optionalDuration(spec.interval) ?? defaults.intervalMs,
    timeoutMs: optionalDuration(spec.timeout) ?? defaults.timeoutMs,
    healthyThreshold: spec.healthyThreshold ?? defaults.healthyThreshold,
    unhealthyThreshold: spec.unhealthyThreshold ?? defaults.unhealthyThreshold,
  };
}

/** Drops undefined fields, so optional IR fields are absent rather than undefined. */
function definedOnly<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
