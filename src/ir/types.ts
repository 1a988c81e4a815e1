/**
 * The resolved mesh: defaults merged, references resolved, durations in milliseconds, every
 * node tied to the DSL text that produced it. Plain readonly data with no YAML and no Envoy in
 * it; everything after this stage reads only the IR.
 */
import type { HttpMethod, MtlsMode, Protocol, ProxyKind } from '../dsl/schema.js';

/** Where in the DSL a node was written. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The DSL path, e.g. `services.catalog.routes[0]`. */
  readonly path: string;
}

/** A one-character span at an origin, where a diagnostic about the node's output points. */
export function originSpan(origin: Origin): { file: string; line: number; column: number; endLine: number; endColumn: number } {
  return { file: origin.file, line: origin.line, column: origin.column, endLine: origin.line, endColumn: origin.column + 1 };
}

export interface MeshIR {
  readonly name: string;
  readonly trustDomain: string;
  readonly certificates: CertificatesIR;
  readonly sidecar: SidecarIR;
  readonly observability: ObservabilityIR;
  /** Sorted by name. */
  readonly services: readonly ServiceIR[];
  readonly rateLimitService?: RateLimitServiceIR;
  readonly controlPlane?: ControlPlaneIR;
  readonly origin: Origin;
}

export interface ObservabilityIR {
  readonly accessLog: { readonly mode: 'all' | 'errors-only' | 'off'; readonly path?: string };
  readonly tracing?: {
    readonly provider: 'opentelemetry' | 'zipkin';
    readonly host: string;
    readonly port: number;
    readonly samplingPercent: number;
    /** zipkin only */
    readonly path: string;
    /** The collector's mesh service name, when the sidecar connects with mutual TLS. */
    readonly mtlsIdentity?: string;
  };
  /** mesh: the metrics port takes Prometheus' mesh certificate, as the service's own mTLS mode demands. */
  readonly metricsTls: 'mesh' | 'off';
  readonly prometheus: { readonly scrapeIntervalMs: number; readonly certDir: string };
  readonly alerts: { readonly errorRatio: number; readonly certificateExpiryMs: number };
}

export interface RateLimitServiceIR {
  readonly host: string;
  readonly port: number;
  readonly domain: string;
  readonly timeoutMs: number;
  readonly failOpen: boolean;
  /** The service's mesh name, when the sidecar connects with mutual TLS. */
  readonly mtlsIdentity?: string;
}

/** `meshc serve`, as sidecars in `--mode ads` reach it. */
export interface ControlPlaneIR {
  readonly host: string;
  readonly port: number;
  /** The server's mesh name, when sidecars connect with mutual TLS (the default). */
  readonly mtlsIdentity?: string;
  readonly api: 'sotw' | 'delta';
}

export interface SidecarIR {
  readonly inboundPort: number;
  readonly adminPort: number;
  readonly metricsPort: number;
  /** Where the workload reads its service's xDS files (compile --mode xds-files). */
  readonly xdsDir: string;
  readonly hardening: HardeningIR;
}

/** Where certificates come from; they always reach Envoy through SDS, never inline. */
export type CertificatesIR =
  | { readonly source: 'files'; readonly dir: string; readonly sdsDir: string }
  | {
      readonly source: 'spire' | 'sds';
      readonly server: { readonly kind: 'pipe'; readonly path: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };
      readonly identitySecret: string;
      readonly trustBundleSecret: string;
    };

export interface HardeningIR {
  readonly bufferLimitBytes: number;
  readonly maxHeapMiB: number;
  readonly maxConnections: number;
  readonly headersWithUnderscores: 'reject' | 'drop' | 'allow';
  readonly normalizePath: boolean;
  readonly mergeSlashes: boolean;
  readonly escapedSlashes: 'keep' | 'reject' | 'unescape-and-redirect' | 'unescape-and-forward';
  readonly pathParameters: 'reject' | 'allow';
  readonly requestHeadersTimeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly connectionIdleTimeoutMs: number;
  readonly tlsHandshakeTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly metricsMaxConnections: number;
  readonly http2: {
    readonly maxConcurrentStreams: number;
    readonly initialStreamWindowSize: number;
    readonly initialConnectionWindowSize: number;
  };
}

export interface ServiceIR {
  readonly name: string;
  /** spiffe://<trustDomain>/svc/<name> */
  readonly identity: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** envoy: a sidecar; grpc: proxyless, configured by meshc serve through the app's own xDS client. */
  readonly proxy: ProxyKind;
  /** How the service's own sidecar accepts connections (service setting, else the mesh's). */
  readonly mtls: MtlsMode;
  /** In the order written. */
  readonly versions: readonly VersionIR[];
  readonly calls: readonly CallIR[];
  /** Never empty: a single-version service without routes gets one route to that version. */
  readonly routes: readonly RouteIR[];
  readonly cluster: ClusterPolicyIR;
  /** Inbound policy, applied by the service's own sidecar. */
  readonly authz?: AuthzIR;
  readonly jwt?: JwtIR;
  readonly rateLimit?: RateLimitIR;
  /** Paths probed by health checks: never denied, never asked for a token. */
  readonly healthPaths: readonly PathPatternIR[];
  readonly origin: Origin;
}

// ── Inbound security ────────────────────────────────────────────────────────────────────────

/**
 * A path rule. `subtree` is what `/dir/*` says: /dir itself and everything under /dir/; `prefix`
 * is a plain string prefix, for the mesh's own paths (the gRPC health service).
 */
export type PathPatternIR = ({ readonly kind: 'exact' | 'prefix' | 'subtree'; readonly value: string } | { readonly kind: 'any' }) & { readonly ignoreCase?: boolean };

export interface AuthzIR {
  readonly mode: 'enforce' | 'dry-run';
  /** Allow rules; absent: no allow list, whatever no deny rule matches gets through. */
  readonly rules?: readonly AuthzRuleIR[];
  /** Checked first: what one of them matches is refused (health checks excepted). */
  readonly deny: readonly AuthzRuleIR[];
}

export interface AuthzRuleIR {
  readonly name: string;
  /** Absent: any caller. `any-mesh`: any identity of the trust domain. Otherwise exact SPIFFE IDs. */
  readonly from?: { readonly kind: 'any-mesh' } | { readonly kind: 'identities'; readonly identities: readonly string[] };
  /** Callers the rule does not match (SPIFFE IDs). */
  readonly notFrom?: readonly string[];
  /** Connection source ranges; absent: any; empty: none. */
  readonly sourceIps?: readonly CidrIR[];
  readonly notSourceIps?: readonly CidrIR[];
  /** Absent: any method; empty: none (the rule matches nothing). */
  readonly methods?: readonly string[];
  readonly notMethods?: readonly string[];
  /** Absent: any path; empty: none (the rule matches nothing). */
  readonly paths?: readonly PathPatternIR[];
  readonly notPaths?: readonly PathPatternIR[];
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** Claims of the verified token of `provider` (no other provider's token satisfies them). */
  readonly claims: readonly { readonly name: string; readonly value: string; readonly provider: string }[];
  readonly origin: Origin;
}

export interface CidrIR {
  readonly address: string;
  readonly prefixLength: number;
}

export interface JwtIR {
  /** Sorted by name. */
  readonly providers: readonly JwtProviderIR[];
  /** Absent: every path needs a token from any provider. */
  /** `optional`: a request without a token passes; a token sent must be valid. */
  readonly rules?: readonly { readonly paths: readonly PathPatternIR[]; readonly providers: readonly string[]; readonly optional?: true }[];
}

export interface JwtProviderIR {
  readonly name: string;
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly keys:
    | {
        readonly kind: 'remote';
        readonly uri: string;
        readonly host: string;
        readonly port: number;
        readonly tls: boolean;
        readonly caFile: string;
        readonly cacheDurationMs: number;
      }
    | { readonly kind: 'inline'; readonly jwks: string };
  readonly forwardClaims: readonly { readonly claim: string; readonly header: string }[];
}

export interface RateLimitIR {
  readonly local?: { readonly maxTokens: number; readonly tokensPerFill: number; readonly fillIntervalMs: number };
  readonly global?: {
    readonly requests: number;
    readonly unit: 'second' | 'minute' | 'hour' | 'day';
    readonly by: readonly ({ readonly kind: 'header'; readonly name: string } | { readonly kind: 'remote-address' })[];
  };
}

export interface VersionIR {
  readonly name: string;
  readonly discovery: StaticDiscovery | DnsDiscovery;
  readonly labels: Readonly<Record<string, string>>;
  /** The version's own cluster policy, when it overrides some of its service's (ServiceIR.cluster otherwise). */
  readonly cluster?: ClusterPolicyIR;
  readonly origin: Origin;
}

export interface StaticDiscovery {
  readonly kind: 'static';
  readonly endpoints: readonly EndpointIR[];
}

export interface DnsDiscovery {
  readonly kind: 'dns';
  readonly host: string;
  readonly port: number;
}

export interface EndpointIR {
  readonly address: string;
  readonly port: number;
  readonly weight?: number;
}

export interface CallIR {
  readonly service: string;
  /** Port on 127.0.0.1 where the caller reaches the callee. */
  readonly localPort: number;
  readonly origin: Origin;
}

// ── Routes ──────────────────────────────────────────────────────────────────────────────────

/** Feature units add their fields by augmentation (src/features/<feature>/ir.ts). */
export interface RouteIR {
  readonly name: string;
  /**
   * Per-route stats in the caller, for routes the mesh declares (their name); the implicit route
   * of a service without routes has none, since its stats would repeat the cluster's.
   */
  readonly statPrefix?: string;
  readonly match: MatchIR;
  readonly action: RouteActionIR;
  /** 0 disables the timeout. */
  readonly timeoutMs: number;
  readonly idleTimeoutMs?: number;
  readonly fault?: FaultIR;
  readonly mirror?: MirrorIR;
  /** Applied by the service's own sidecar to requests matching this route. */
  readonly rateLimit?: RateLimitIR;
  readonly origin: Origin;
}

export type RouteActionIR = { readonly kind: 'version'; readonly version: string } | { readonly kind: 'split'; readonly weights: readonly WeightIR[] };

export interface WeightIR {
  readonly version: string;
  /** Percent, up to two decimals. */
  readonly percent: number;
}

export interface MatchIR {
  readonly path?: PathMatchIR;
  readonly headers: readonly NamedMatchIR[];
  readonly methods: readonly HttpMethod[];
  readonly query: readonly NamedMatchIR[];
}

export interface PathMatchIR {
  readonly kind: 'exact' | 'prefix' | 'regex';
  readonly value: string;
}

export interface NamedMatchIR {
  readonly name: string;
  readonly kind: 'exact' | 'prefix' | 'suffix' | 'regex' | 'present' | 'absent';
  /** Absent for `present` and `absent`. */
  readonly value?: string;
  readonly invert: boolean;
}

export interface FaultIR {
  readonly delay?: { readonly durationMs: number; readonly percent: number };
  readonly abort?: { readonly httpStatus?: number; readonly grpcStatus?: number; readonly percent: number };
}

export interface MirrorIR {
  readonly version: string;
  readonly percent: number;
}

// ── Cluster-level policy (applies to every version of a service) ────────────────────────────

export interface ClusterPolicyIR {
  readonly connectTimeoutMs: number;
  readonly loadBalancer: LoadBalancerIR;
  readonly circuitBreaker: CircuitBreakerIR;
  readonly outlierDetection?: OutlierDetectionIR;
  readonly healthCheck?: HealthCheckIR;
}

export type LoadBalancerIR =
  | { readonly policy: 'round-robin' | 'least-request' | 'random' }
  | { readonly policy: 'ring-hash'; readonly hashOn: HashOnIR; readonly minRingSize?: number }
  | { readonly policy: 'maglev'; readonly hashOn: HashOnIR };

export type HashOnIR =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'cookie'; readonly name: string; readonly ttlMs?: number; readonly path?: string }
  | { readonly kind: 'source-ip' }
  | { readonly kind: 'query-parameter'; readonly name: string };

/** Always bounded: meshc's defaults fill what the mesh does not say. */
export interface CircuitBreakerIR {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
  /** Absent: unlimited, Envoy's default. */
  readonly maxRequestsPerConnection?: number;
  readonly retryBudget?: { readonly percent: number; readonly minConcurrency: number };
}

export interface OutlierDetectionIR {
  readonly consecutive5xx?: number;
  readonly consecutiveGatewayErrors?: number;
  /** Defaults filled in (BUILTIN.outlierDetection). */
  readonly successRate?: { readonly minimumHosts: number; readonly requestVolume: number; readonly stdevFactor: number };
  readonly failurePercentage?: { readonly threshold: number; readonly minimumHosts: number; readonly requestVolume: number };
  readonly splitLocalOrigin?: true;
  readonly consecutiveLocalOriginFailures?: number;
  readonly intervalMs?: number;
  readonly baseEjectionTimeMs?: number;
  readonly maxEjectionTimeMs?: number;
  readonly maxEjectionPercent?: number;
}

export interface HealthCheckIR {
  readonly type: 'http' | 'grpc' | 'tcp';
  readonly path?: string;
  readonly grpcService?: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
}
