/**
 * The mesh language, v1: the single source of truth for its shape and its TypeScript types.
 * `schema/meshc.schema.json` is generated from these schemas (zod → JSON Schema), so everything
 * here must be expressible in JSON Schema: shapes, enums, patterns and ranges only. Rules that
 * relate several fields (weights adding up, references resolving) live in `validate/rules/`.
 */
import * as z from 'zod';

import { DNS_LABEL, VERSION_NAME, DNS_NAME, HOST_PORT, ServiceName, VersionName, Duration, Percent, Port, Count, HttpPath, HeaderName, AbsolutePath } from './primitives.js';
import { featureFields } from '../features/index.js';

export { DNS_LABEL, VERSION_NAME, DURATION, HOST_PORT } from './primitives.js';

export const PROTOCOLS = ['http', 'http2', 'grpc', 'tcp'] as const;
export const MTLS_MODES = ['strict', 'permissive', 'off'] as const;
/** What carries a service's traffic: an Envoy sidecar, or the gRPC application's own xDS client. */
export const PROXY_KINDS = ['envoy', 'grpc'] as const;
export const CERTIFICATE_SOURCES = ['files', 'spire', 'sds'] as const;
export const UNDERSCORE_ACTIONS = ['reject', 'drop', 'allow'] as const;
export const ESCAPED_SLASH_ACTIONS = ['keep', 'reject', 'unescape-and-redirect', 'unescape-and-forward'] as const;
export const PATH_PARAMETER_ACTIONS = ['reject', 'allow'] as const;
export const LOAD_BALANCER_POLICIES = ['round-robin', 'least-request', 'random', 'ring-hash', 'maglev'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
export const HEALTH_CHECK_TYPES = ['http', 'grpc', 'tcp'] as const;

// ── Traffic policy ──────────────────────────────────────────────────────────────────────────

const HashOn = z
  .strictObject({
    header: HeaderName.optional(),
    cookie: z
      .strictObject({
        name: z.string().min(1),
        ttl: Duration.optional().meta({ description: 'Lifetime of a cookie Envoy generates when absent.' }),
        path: HttpPath.optional(),
      })
      .optional(),
    sourceIp: z.literal(true).optional(),
    queryParameter: z.string().min(1).optional(),
  })
  .meta({ id: 'HashOn', description: 'What consistent hashing keys on; exactly one field.' });

const LoadBalancer = z
  .union([
    z.enum(LOAD_BALANCER_POLICIES),
    z.strictObject({
      policy: z.enum(LOAD_BALANCER_POLICIES),
      hashOn: HashOn.optional(),
      minRingSize: z.int().min(1).max(8388608).optional(),
    }),
  ])
  .meta({ id: 'LoadBalancer' });

const CircuitBreaker = z
  .strictObject({
    maxConnections: Count.optional(),
    maxPendingRequests: Count.optional(),
    maxRequests: Count.optional(),
    maxRetries: Count.optional(),
    maxRequestsPerConnection: Count.min(1)
      .optional()
      .meta({ description: 'Close an upstream connection after this many requests, so that load spreads over new endpoints (default: unlimited).' }),
    retryBudget: z
      .strictObject({
        percent: Percent.meta({ description: 'Retries allowed as a share of active requests.' }),
        minConcurrency: Count.optional().meta({ description: 'Retries always allowed, whatever the share.' }),
      })
      .optional(),
  })
  .meta({ id: 'CircuitBreaker', description: 'Limits per upstream cluster (Envoy circuit_breakers).' });

const OutlierDetection = z
  .strictObject({
    consecutive5xx: Count.min(1).optional().meta({ description: 'Eject an endpoint after this many 5xx responses in a row.' }),
    consecutiveGatewayErrors: Count.min(1).optional().meta({ description: 'Eject an endpoint after this many 502, 503 or 504 responses (or connection failures) in a row.' }),
    successRate: z
      .strictObject({
        minimumHosts: Count.min(1).optional().meta({ description: 'Endpoints with enough requests needed to judge (default 5).' }),
        requestVolume: Count.min(1).optional().meta({ description: 'Requests in an interval an endpoint needs to be judged (default 100).' }),
        stdevFactor: z.number().gt(0).max(1000).optional().meta({ description: 'Eject below mean − stdevFactor × stdev of the success rates (default 1.9).' }),
      })
      .optional()
      .meta({ description: 'Eject endpoints whose success rate is far below the others’.' }),
    failurePercentage: z
      .strictObject({
        threshold: Percent.optional().meta({ description: 'Eject an endpoint whose failures reach this share of its requests (default 85).' }),
        minimumHosts: Count.min(1).optional().meta({ description: 'Endpoints with enough requests needed to judge (default 5).' }),
        requestVolume: Count.min(1).optional().meta({ description: 'Requests in an interval an endpoint needs to be judged (default 50).' }),
      })
      .optional()
      .meta({ description: 'Eject endpoints whose share of failed requests is above a threshold.' }),
    splitLocalOrigin: z.boolean().optional().meta({
      description: 'Count connection failures and timeouts apart from the responses the endpoint sends (default false).',
    }),
    consecutiveLocalOriginFailures: Count.min(1)
      .optional()
      .meta({ description: 'Eject after this many connection failures or timeouts in a row (counts them apart, as splitLocalOrigin does).' }),
    interval: Duration.optional(),
    baseEjectionTime: Duration.optional(),
    maxEjectionTime: Duration.optional().meta({ description: 'Longest an endpoint stays ejected, however often (default 300s).' }),
    maxEjectionPercent: z.int().min(0).max(100).optional(),
  })
  .meta({
    id: 'OutlierDetection',
    description: 'Passive health checking: eject endpoints that keep failing, by the detectors given here only.',
  });

const HealthCheck = z
  .strictObject({
    type: z.enum(HEALTH_CHECK_TYPES).optional().meta({
      description: 'http, grpc or tcp; defaults to grpc for grpc services, tcp for tcp, http otherwise.',
    }),
    path: HttpPath.optional().meta({ description: 'Path probed by an http check (default /healthz).' }),
    grpcService: z.string().optional().meta({ description: 'Service name sent in a gRPC health check.' }),
    interval: Duration.optional(),
    timeout: Duration.optional(),
    healthyThreshold: z.int().min(1).max(100).optional(),
    unhealthyThreshold: z.int().min(1).max(100).optional(),
  })
  .meta({ id: 'HealthCheck', description: 'Active health checks the callers\u2019 sidecars send to each endpoint.' });

const Fault = z
  .strictObject({
    delay: z.strictObject({ duration: Duration, percent: Percent }).optional().meta({ description: 'Delay a share of requests.' }),
    abort: z
      .strictObject({
        httpStatus: z.int().min(200).max(599).optional(),
        grpcStatus: z.int().min(0).max(16).optional(),
        percent: Percent,
      })
      .optional()
      .meta({ description: 'Fail a share of requests with a status.' }),
  })
  .meta({ id: 'Fault', description: 'Fault injection in the callers\u2019 sidecars.' });

const Mirror = z
  .strictObject({
    to: VersionName.meta({ description: 'Version that receives a copy of the traffic.' }),
    percent: Percent.optional().meta({ description: 'Share of requests mirrored (default 100).' }),
  })
  .meta({ id: 'Mirror', description: 'Shadow traffic: responses from the mirror are discarded.' });

const trafficPolicyFields = {
  timeout: Duration.optional().meta({ description: 'Whole-request timeout; 0s disables it (default 15s).' }),
  idleTimeout: Duration.optional().meta({ description: 'Close a stream (tcp: a connection) idle this long.' }),
  connectTimeout: Duration.optional().meta({ description: 'Timeout to open a connection (default 1s).' }),
  ...featureFields('policy'),
  loadBalancer: LoadBalancer.optional(),
  circuitBreaker: CircuitBreaker.optional(),
  outlierDetection: OutlierDetection.optional(),
  healthCheck: HealthCheck.optional(),
};

// ── Inbound security: authorization, end-user JWT, rate limits ──────────────────────────────

// `*` only as a whole last segment (so /api/* never matches /apiadmin); no `;`, `?` or `#`,
// which Envoy's path matching never sees the way a pattern would mean them.
const PATH_PATTERN = /^(\*|\/[^*;?#]*|(\/[^*;?#]*)?\/\*)$/;
const PathPattern = z.string().regex(PATH_PATTERN).meta({
  id: 'PathPattern',
  description: 'A request path: /exact, /dir/* (/dir itself and anything under /dir/), or * (any path). `*` only as the last segment; no `;`, `?` or `#`.',
});
const IgnoreCase = z.boolean().optional().meta({ description: 'Match `paths` regardless of case, for applications that treat /Admin as /admin (default false).' });
const PolicyName = z.string().regex(VERSION_NAME).meta({ id: 'PolicyName', description: 'A name (lowercase letters, digits, -).' });

const AuthzRule = z
  .strictObject({
    name: PolicyName.optional().meta({ description: 'Names the rule in Envoy stats (default rule-<index>).' }),
    from: z
      .array(z.union([ServiceName, z.literal('*')]))
      .optional()
      .meta({ description: 'Calling services (their SPIFFE identities); * is any workload of the mesh. Absent: any caller.' }),
    notFrom: z.array(ServiceName).optional().meta({ description: 'Calling services the rule does not match (any other caller, plaintext clients included).' }),
    sourceIps: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Addresses the connection comes from (IPs or CIDR ranges, e.g. 10.0.0.0/8): for clients without a mesh certificate.' }),
    notSourceIps: z.array(z.string().min(1)).optional().meta({ description: 'Addresses the rule does not match.' }),
    methods: z.array(z.enum(HTTP_METHODS)).optional(),
    notMethods: z.array(z.enum(HTTP_METHODS)).optional().meta({ description: 'Methods the rule does not match.' }),
    paths: z.array(PathPattern).optional(),
    notPaths: z.array(PathPattern).optional().meta({ description: 'Paths the rule does not match (same patterns as paths).' }),
    ignoreCase: IgnoreCase,
    headers: z.record(HeaderName, z.string()).optional().meta({ description: 'Headers that must have exactly these values.' }),
    claims: z
      .record(z.string().min(1), z.string())
      .optional()
      .meta({ description: 'Claims of the end-user JWT that must have exactly these values, or lists holding them (needs `jwt`).' }),
    claimsFrom: PolicyName.optional().meta({
      description: 'The JWT provider whose verified token `claims` are read from; needed when the service has several.',
    }),
  })
  .meta({ id: 'AuthzRule', description: 'Matches requests that meet every condition given: an allow rule lets them through, a deny rule refuses them.' });

const Authz = z
  .union([
    z.array(AuthzRule),
    z.strictObject({
      mode: z.enum(['enforce', 'dry-run']).optional().meta({
        description: 'enforce (default), or dry-run: nothing is denied, would-be denials are only counted (shadow rules).',
      }),
      allow: z
        .array(AuthzRule)
        .optional()
        .meta({ description: 'Requests let through; present means every other request is refused. Absent: whatever no deny rule refuses gets through.' }),
      deny: z.array(AuthzRule).optional().meta({ description: 'Requests refused, whatever the allow rules say: deny rules are checked first. Health checks are never refused.' }),
    }),
  ])
  .meta({
    id: 'Authz',
    description:
      'Who may call this service. A list is allow rules: only the requests they match get through. The object form adds deny rules, checked first, and may leave allow out.',
  });

const JwtProvider = z
  .strictObject({
    issuer: z.string().min(1),
    audiences: z.array(z.string().min(1)).min(1).optional(),
    jwksUri: z
      .string()
      .regex(/^https?:\/\/[^/\s:]+(:[0-9]{1,5})?(\/\S*)?$/)
      .optional()
      .meta({
        description: 'Where the signing keys are fetched from (its own cluster in every sidecar).',
      }),
    jwks: z.string().min(1).optional().meta({ description: 'The signing keys inline, as a JWKS JSON document.' }),
    cacheDuration: Duration.optional().meta({ description: 'How long fetched keys are kept (default 5m).' }),
    caFile: AbsolutePath.optional().meta({
      description: 'CA bundle to verify an https jwksUri (default /etc/ssl/certs/ca-certificates.crt).',
    }),
    forwardClaims: z.record(z.string().min(1), HeaderName).optional().meta({ description: 'Claim → request header passed to the application, e.g. {sub: x-user-id}.' }),
  })
  .meta({ id: 'JwtProvider', description: 'An issuer of end-user JWTs and its signing keys (jwksUri or jwks).' });

const Jwt = z
  .strictObject({
    providers: z.record(PolicyName, JwtProvider),
    rules: z
      .array(
        z.strictObject({
          paths: z.array(PathPattern).min(1),
          ignoreCase: IgnoreCase,
          requires: z
            .union([PolicyName, z.array(PolicyName).min(1)])
            .optional()
            .meta({ description: 'Provider(s) whose token is accepted (any of them); default: any provider.' }),
          optional: z.boolean().optional().meta({
            description:
              'A request without a token passes (authz decides what it may do); one with a token must carry a valid one, as Istio’s RequestAuthentication (default false).',
          }),
        }),
      )
      .optional()
      .meta({ description: 'Which paths need a valid token; without rules, every path does (health checks aside).' }),
  })
  .meta({ id: 'Jwt', description: 'End-user authentication: requests must carry a valid JWT.' });

export const RATE_LIMIT_UNITS = ['second', 'minute', 'hour', 'day'] as const;

const RateLimit = z
  .strictObject({
    local: z
      .strictObject({
        requests: z.int().min(1).max(4294967295),
        per: Duration,
        burst: z.int().min(1).max(4294967295).optional().meta({ description: 'Bucket size: requests allowed at once (default: requests).' }),
      })
      .optional()
      .meta({ description: 'A token bucket in each sidecar of the service: `requests` per `per`, per workload.' }),
    global: z
      .strictObject({
        requests: z.int().min(1).max(4294967295),
        per: z.enum(RATE_LIMIT_UNITS),
        by: z
          .array(z.union([z.strictObject({ header: HeaderName }), z.strictObject({ remoteAddress: z.literal(true) })]))
          // Each header may be present or absent, so the service's descriptors double with each key.
          .max(8)
          .optional()
          .meta({ description: 'Count separately per header value or client address (default: one count for all).' }),
      })
      .optional()
      .meta({ description: 'A limit shared by all workloads, enforced by the mesh rate-limit service.' }),
  })
  .meta({ id: 'RateLimit', description: 'Rate limits applied by the service\u2019s own sidecar.' });

// ── Routes ──────────────────────────────────────────────────────────────────────────────────

const stringMatchFields = {
  exact: z.string().optional(),
  prefix: z.string().min(1).optional(),
  suffix: z.string().min(1).optional(),
  regex: z.string().min(1).optional().meta({ description: 'An RE2 regular expression.' }),
};

const HeaderMatch = z
  .strictObject({
    ...stringMatchFields,
    present: z.boolean().optional().meta({ description: 'true: the header is present; false: it is absent.' }),
    invert: z.boolean().optional().meta({ description: 'Match when the condition does not hold.' }),
  })
  .meta({ id: 'HeaderMatch' });

const QueryMatch = z
  .strictObject({
    ...stringMatchFields,
    present: z.literal(true).optional().meta({ description: 'The parameter is present, whatever its value.' }),
  })
  .meta({ id: 'QueryMatch' });

const Match = z
  .strictObject({
    path: z
      .strictObject({ exact: HttpPath.optional(), prefix: HttpPath.optional(), regex: z.string().min(1).optional() })
      .optional()
      .meta({ description: 'Exactly one of exact, prefix or regex (RE2).' }),
    headers: z
      .record(HeaderName, z.union([z.string(), HeaderMatch]))
      .optional()
      .meta({ description: 'Header name → exact value, or {exact|prefix|suffix|regex|present, invert}.' }),
    method: z.union([z.enum(HTTP_METHODS), z.array(z.enum(HTTP_METHODS)).min(1)]).optional(),
    query: z
      .record(z.string().min(1).max(1024), z.union([z.string(), QueryMatch]))
      .optional()
      .meta({ description: 'Query parameter → exact value, or {exact|prefix|suffix|regex|present}.' }),
  })
  .meta({ id: 'Match', description: 'Conditions a request must all meet; an absent match matches everything.' });

const Route = z
  .strictObject({
    name: z.string().regex(VERSION_NAME).optional().meta({ description: 'Shows up in stats and logs.' }),
    match: Match.optional(),
    to: VersionName.optional().meta({ description: 'Send every matching request to this version.' }),
    split: z.record(VersionName, z.number()).optional().meta({ description: 'Divide matching requests between versions, in percent adding up to 100.' }),
    timeout: Duration.optional(),
    idleTimeout: Duration.optional(),
    ...featureFields('route'),
    fault: Fault.optional(),
    mirror: Mirror.optional(),
    rateLimit: RateLimit.optional().meta({ description: 'Rate limits for requests matching this route (in the service\u2019s own sidecar).' }),
  })
  .meta({ id: 'Route', description: 'A route: first match wins; per-route settings override the service\u2019s.' });

// ── Services ────────────────────────────────────────────────────────────────────────────────

const Endpoint = z
  .union([
    z.string().meta({ description: 'An IP literal, optionally with :port (IPv6 as [addr]:port).' }),
    z.strictObject({
      address: z.string().meta({ description: 'An IP literal.' }),
      port: Port.optional().meta({ description: 'Where this workload\u2019s sidecar listens (default mesh.sidecar.inboundPort).' }),
      weight: z.int().min(1).max(1000).optional().meta({ description: 'Relative load-balancing weight.' }),
      zone: z.string().min(1).optional().meta({ description: 'Refused (zone-without-effect): a sidecar does not know the zone it runs in, so Envoy could not prefer it.' }),
    }),
  ])
  .meta({ id: 'Endpoint' });

const Version = z
  .strictObject({
    endpoints: z.array(Endpoint).optional().meta({ description: 'Workload addresses (STATIC cluster).' }),
    dns: z.string().optional().meta({ description: 'A host name Envoy resolves (STRICT_DNS), optionally host:port.' }),
    labels: z.record(z.string(), z.string()).optional(),
    connectTimeout: Duration.optional().meta({ description: 'Overrides the service’s connectTimeout for this version.' }),
    circuitBreaker: CircuitBreaker.optional().meta({ description: 'Overrides the service’s limits for this version, field by field.' }),
    outlierDetection: OutlierDetection.optional().meta({ description: 'Overrides the service’s outlier detection for this version, field by field.' }),
  })
  .meta({
    id: 'Version',
    description: 'A version of a service: exactly one of endpoints or dns, and the cluster policy it overrides (a canary stricter than the rest).',
  });

const Call = z
  .union([
    ServiceName,
    z.strictObject({
      service: ServiceName,
      localPort: Port.meta({ description: 'Port the caller uses on 127.0.0.1 instead of the service\u2019s own port.' }),
    }),
  ])
  .meta({ id: 'Call' });

const Service = z
  .strictObject({
    description: z.string().optional(),
    protocol: z.enum(PROTOCOLS).meta({ description: 'http, http2, grpc or tcp.' }),
    port: Port.meta({ description: 'The app\u2019s own port; callers reach the service on 127.0.0.1 at this port.' }),
    proxy: z.enum(PROXY_KINDS).optional().meta({
      description:
        'envoy (default): an Envoy sidecar carries the traffic. grpc: proxyless; the application is a gRPC program whose own xDS client takes its configuration from meshc serve (needs protocol grpc and mesh.controlPlane), and its endpoints are the application\u2019s own address.',
    }),
    versions: z.record(VersionName, Version),
    calls: z.array(Call).optional().meta({
      description: 'Services this one calls: the only outbound configuration its sidecar gets.',
    }),
    routes: z.array(Route).optional().meta({ description: 'How callers reach this service; first match wins.' }),
    fault: Fault.optional(),
    mirror: Mirror.optional(),
    mtls: z.enum(MTLS_MODES).optional().meta({
      description: 'Overrides mesh.mtls for this service\u2019s inbound side: strict, permissive or off.',
    }),
    authz: Authz.optional(),
    jwt: Jwt.optional(),
    rateLimit: RateLimit.optional(),
    ...featureFields('service'),
    ...trafficPolicyFields,
  })
  .meta({ id: 'Service', description: 'A service: its versions, what it calls, and the traffic policy its callers apply.' });

const Defaults = z
  .strictObject({
    ...trafficPolicyFields,
    authz: Authz.optional().meta({
      description:
        'Authorization of every service that writes none of its own (its own replaces this as a whole), including services added later: e.g. allow: [] to refuse everything a service does not allow.',
    }),
  })
  .meta({ id: 'Defaults', description: 'Traffic policy inherited by every service, field by field, and the mesh-wide default authz.' });

// ── Mesh ────────────────────────────────────────────────────────────────────────────────────

/** How a sidecar reaches a shared service of the mesh (rate-limit service, tracing collector). */
const MtlsIdentity = ServiceName.optional().meta({
  description:
    'Connect with mutual TLS: the sidecar presents its mesh certificate and accepts only spiffe://<trustDomain>/svc/<mtlsIdentity>. Without it the connection is plaintext (warned unless on loopback).',
});

const Hardening = z
  .strictObject({
    bufferLimitBytes: z.int().min(1024).max(16777216).optional().meta({
      description: 'Per-connection buffer limit of every listener and cluster (default 32768).',
    }),
    maxHeapMiB: z.int().min(16).max(1048576).optional().meta({
      description: 'Heap size the overload manager protects: shrink at 95%, stop accepting requests at 98% (default 1024).',
    }),
    maxConnections: z.int().min(1).max(2147483647).optional().meta({
      description: 'Global limit of downstream connections (default 50000).',
    }),
    headersWithUnderscores: z.enum(UNDERSCORE_ACTIONS).optional().meta({
      description: 'Requests with underscores in header names: reject (default), drop the header, or allow.',
    }),
    normalizePath: z.boolean().optional().meta({ description: 'Normalize request paths per RFC 3986 (default true).' }),
    mergeSlashes: z.boolean().optional().meta({ description: 'Merge adjacent slashes in paths (default true).' }),
    escapedSlashes: z.enum(ESCAPED_SLASH_ACTIONS).optional().meta({
      description: 'Paths with %2F or %5C: reject (default), keep, or unescape (and redirect or forward).',
    }),
    pathParameters: z.enum(PATH_PARAMETER_ACTIONS).optional().meta({
      description:
        'Inbound paths with `;` (path parameters, which many servers strip but Envoy matches as written, so /public/..;/admin passes a /public/* rule): reject with 400 (default) or allow.',
    }),
    requestHeadersTimeout: Duration.optional().meta({ description: 'Time to receive request headers (default 60s).' }),
    streamIdleTimeout: Duration.optional().meta({ description: 'Close a stream idle this long (default 300s).' }),
    connectionIdleTimeout: Duration.optional().meta({ description: 'Close a connection idle this long (default 1h).' }),
    tlsHandshakeTimeout: Duration.optional().meta({
      description: 'Time a client has to finish the TLS handshake on the inbound and metrics listeners; 0s turns the bound off (default 10s).',
    }),
    requestTimeout: Duration.optional().meta({
      description: 'Time a caller has to send a whole request to the inbound listener (until the response starts); 0s turns the bound off (default 300s).',
    }),
    metricsMaxConnections: z.int().min(1).max(65535).optional().meta({
      description: 'Connections the metrics listener holds at once; it is outside the global limit so that scrapes work under load (default 16).',
    }),
    http2: z
      .strictObject({
        maxConcurrentStreams: z.int().min(1).max(2147483647).optional().meta({ description: 'Default 100.' }),
        initialStreamWindowSize: z.int().min(65535).max(2147483647).optional().meta({ description: 'Default 65536.' }),
        initialConnectionWindowSize: z.int().min(65535).max(2147483647).optional().meta({ description: 'Default 1048576.' }),
      })
      .optional(),
  })
  .meta({
    id: 'Hardening',
    description: 'Protections every sidecar gets; each has a secure default and can be loosened here, explicitly.',
  });

const Sidecar = z
  .strictObject({
    inboundPort: Port.optional().meta({ description: 'Port of the inbound listener on every workload (default 15006).' }),
    adminPort: Port.optional().meta({ description: 'Envoy admin port, bound to 127.0.0.1 only (default 15000).' }),
    metricsPort: Port.optional().meta({
      description: 'Port serving /stats/prometheus (and nothing else of the admin API) to Prometheus (default 15090).',
    }),
    xdsDir: AbsolutePath.optional().meta({
      description:
        'With `compile --mode xds-files`: where each workload gets the xds/ files of its service from the compiler output, which Envoy watches and reloads; `{service}` stands for the service, e.g. /var/lib/meshc/out/{service}/xds when the compiler writes on the node (default /etc/meshc/xds).',
    }),
    hardening: Hardening.optional(),
  })
  .meta({ id: 'Sidecar', description: 'The sidecar itself: its ports and its protections.' });

const Certificates = z
  .strictObject({
    source: z.enum(CERTIFICATE_SOURCES).optional().meta({
      description: 'files (default): file-based SDS over `meshc certs` output; spire: a SPIRE agent; sds: any SDS server.',
    }),
    dir: AbsolutePath.optional().meta({
      description: 'files: where certificates are on each workload, as <dir>/<service>/current/{cert,key,ca}.pem (default /etc/meshc/certs).',
    }),
    sdsDir: AbsolutePath.optional().meta({
      description: 'files: where each workload gets its sds/*.yaml files from the compiler output (default /etc/meshc/sds).',
    }),
    socket: AbsolutePath.optional().meta({
      description: 'spire or sds: Unix socket of the SDS server (spire default /run/spire/sockets/agent.sock).',
    }),
    address: z.string().regex(HOST_PORT).optional().meta({ description: 'sds: host:port of an SDS server over TCP.' }),
    identitySecret: z.string().min(1).optional().meta({ description: 'spire or sds: name of the workload certificate secret (default "default").' }),
    trustBundleSecret: z.string().min(1).optional().meta({ description: 'spire or sds: name of the trust bundle secret (default "ROOTCA").' }),
  })
  .meta({ id: 'Certificates', description: 'Where sidecars get their certificates and trust bundle from (always through SDS).' });

export const ACCESS_LOG_MODES = ['all', 'errors-only', 'off'] as const;
export const TRACING_PROVIDERS = ['opentelemetry', 'zipkin'] as const;

const AccessLogMode = z.enum(ACCESS_LOG_MODES).meta({ description: 'all (default), errors-only (4xx, 5xx, proxy failures) or off.' });

const Observability = z
  .strictObject({
    accessLog: z
      .union([
        AccessLogMode,
        z.strictObject({
          mode: AccessLogMode.optional(),
          path: AbsolutePath.optional().meta({ description: 'Write to this file instead of stdout.' }),
        }),
      ])
      .optional()
      .meta({ description: 'JSON access logs of every HTTP request, to stdout by default.' }),
    tracing: z
      .strictObject({
        provider: z.enum(TRACING_PROVIDERS),
        collector: z.string().regex(HOST_PORT).meta({
          description: 'host:port of the collector (OTLP gRPC for opentelemetry, HTTP for zipkin).',
        }),
        samplingPercent: Percent.optional().meta({ description: 'Share of new traces sampled (default 1). Callers\u2019 decisions are kept.' }),
        path: HttpPath.optional().meta({ description: 'zipkin: the collector endpoint (default /api/v2/spans).' }),
        mtlsIdentity: MtlsIdentity,
      })
      .optional()
      .meta({ description: 'Distributed tracing from every sidecar, inbound and outbound.' }),
    metrics: z
      .strictObject({
        tls: z.enum(['mesh', 'off']).optional().meta({
          description: 'mesh (default): the metrics port demands Prometheus\u2019 mesh certificate like the service does; off: plaintext.',
        }),
      })
      .optional(),
    prometheus: z
      .strictObject({
        scrapeInterval: Duration.optional().meta({ description: 'Default 15s.' }),
        certDir: AbsolutePath.optional().meta({
          description: 'Where Prometheus finds its mesh certificate as current/{cert,key,ca}.pem (default <certificates.dir>/_prometheus).',
        }),
      })
      .optional()
      .meta({ description: 'The Prometheus configuration meshc writes to _mesh/prometheus.yml.' }),
    alerts: z
      .strictObject({
        errorRatioPercent: Percent.optional().meta({ description: 'Alert when an edge returns more 5xx than this (default 5).' }),
        certificateExpiry: Duration.optional().meta({
          description: 'Alert when a certificate expires sooner than this (default 6h), from meshc certs status --format prometheus.',
        }),
      })
      .optional(),
  })
  .meta({ id: 'Observability', description: 'Metrics, access logs, tracing and the monitoring meshc writes to _mesh/.' });

export const CONTROL_PLANE_APIS = ['sotw', 'delta'] as const;

const ControlPlane = z
  .strictObject({
    address: z.string().regex(HOST_PORT).meta({
      description: 'host:port where sidecars reach `meshc serve` (its --listen, or a load balancer in front of its replicas).',
    }),
    identity: ServiceName.optional().meta({
      description: 'The name in the server\u2019s certificate (issued by `meshc certs`): sidecars accept only spiffe://<trustDomain>/svc/<identity> (default meshc-serve).',
    }),
    tls: z.enum(['mesh', 'off']).optional().meta({
      description: 'mesh (default): mutual TLS with the sidecar\u2019s own certificate; off: plaintext, refused unless the address is on loopback.',
    }),
    api: z.enum(CONTROL_PLANE_APIS).optional().meta({
      description: 'sotw (default): state-of-the-world ADS; delta: incremental ADS, which sends only what changed.',
    }),
  })
  .meta({ id: 'ControlPlane', description: 'With `compile --mode ads`: the `meshc serve` control plane sidecars take their configuration from.' });

const Mesh = z
  .strictObject({
    name: z.string().regex(DNS_LABEL),
    trustDomain: z.string().regex(DNS_NAME).meta({ description: 'SPIFFE trust domain: identities are spiffe://<trustDomain>/svc/<service>.' }),
    mtls: z.enum(MTLS_MODES).optional().meta({
      description: 'strict (default): mutual TLS only; permissive: also plaintext, for migrations; off: plaintext.',
    }),
    certificates: Certificates.optional(),
    sidecar: Sidecar.optional(),
    controlPlane: ControlPlane.optional(),
    observability: Observability.optional(),
    rateLimitService: z
      .strictObject({
        address: z.string().regex(HOST_PORT).meta({ description: 'host:port of the envoyproxy/ratelimit gRPC service.' }),
        domain: z.string().min(1).optional().meta({ description: 'Rate-limit domain (default: the mesh name).' }),
        mtlsIdentity: MtlsIdentity,
        timeout: Duration.optional().meta({ description: 'Time allowed for a decision (default 20ms).' }),
        failOpen: z.boolean().optional().meta({
          description: 'Let requests through when the service cannot answer (default false: fail closed, 500).',
        }),
      })
      .optional()
      .meta({ id: 'RateLimitService', description: 'The external rate-limit service that enforces `rateLimit.global`.' }),
  })
  .meta({ id: 'Mesh' });

export const MeshDocument = z
  .strictObject({
    apiVersion: z.literal('meshc/v1'),
    mesh: Mesh.optional(),
    defaults: Defaults.optional(),
    services: z.record(ServiceName, Service).optional(),
  })
  .meta({
    title: 'meshc mesh document',
    description: 'One YAML document of a meshc mesh. A mesh may span several documents and files.',
  });

export type MeshDocument = z.infer<typeof MeshDocument>;
export type MeshSpec = z.infer<typeof Mesh>;
export type DefaultsSpec = z.infer<typeof Defaults>;
export type ServiceSpec = z.infer<typeof Service>;
export type VersionSpec = z.infer<typeof Version>;
export type EndpointSpec = z.infer<typeof Endpoint>;
export type CallSpec = z.infer<typeof Call>;
export type RouteSpec = z.infer<typeof Route>;
export type MatchSpec = z.infer<typeof Match>;
export type StringMatchSpec = z.infer<typeof HeaderMatch> | z.infer<typeof QueryMatch>;
export type LoadBalancerSpec = z.infer<typeof LoadBalancer>;
export type HashOnSpec = z.infer<typeof HashOn>;
export type CircuitBreakerSpec = z.infer<typeof CircuitBreaker>;
export type OutlierDetectionSpec = z.infer<typeof OutlierDetection>;
export type HealthCheckSpec = z.infer<typeof HealthCheck>;
export type FaultSpec = z.infer<typeof Fault>;
export type MirrorSpec = z.infer<typeof Mirror>;
export type CertificatesSpec = z.infer<typeof Certificates>;
export type HardeningSpec = z.infer<typeof Hardening>;
export type AuthzSpec = z.infer<typeof Authz>;
export type AuthzRuleSpec = z.infer<typeof AuthzRule>;
export type JwtSpec = z.infer<typeof Jwt>;
export type JwtProviderSpec = z.infer<typeof JwtProvider>;
export type RateLimitSpec = z.infer<typeof RateLimit>;
export type ObservabilitySpec = z.infer<typeof Observability>;
export type Protocol = (typeof PROTOCOLS)[number];
export type MtlsMode = (typeof MTLS_MODES)[number];
export type ProxyKind = (typeof PROXY_KINDS)[number];
export type LoadBalancerPolicy = (typeof LOAD_BALANCER_POLICIES)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The published JSON Schema (draft 2020-12) for editors, pipelines and ajv. */
export function meshJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(MeshDocument, { target: 'draft-2020-12', io: 'input' });
}
