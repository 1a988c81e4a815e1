/**
 * The mesh language, v1: the single source of truth for its shape and its TypeScript types.
 * `schema/meshc.schema.json` is generated from these schemas (zod → JSON Schema), so everything
 * here must be expressible in JSON Schema: shapes, enums, patterns and ranges only. Rules that
 * relate several fields (weights adding up, references resolving) live in `validate/rules/`.
 */
import * as z from 'zod';

// ── Scalars ─────────────────────────────────────────────────────────────────────────────────

export const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const VERSION_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const HTTP_PATH = /^\//;
const HEADER_NAME = /^:?[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const ServiceName = z
  .string()
  .regex(DNS_LABEL)
  .meta({ id: 'ServiceName', description: 'A service name: a DNS label (lowercase letters, digits, -).' });
const VersionName = z
  .string()
  .regex(VERSION_NAME)
  .meta({ id: 'VersionName', description: 'A version name such as v1 or canary (lowercase letters, digits, -).' });
const Duration = z
  .string()
  .regex(DURATION)
  .meta({ id: 'Duration', description: 'A duration: 250ms, 1s, 1.5s, 2m, 1h or combinations such as 1m30s.' });
const Percent = z.number().min(0).max(100).meta({ id: 'Percent', description: 'A percentage from 0 to 100.' });
const Port = z.int().min(1).max(65535).meta({ id: 'Port', description: 'A TCP port, 1-65535.' });
const Count = z.int().min(0).max(4294967295);
const HttpPath = z.string().regex(HTTP_PATH).meta({ id: 'HttpPath', description: 'A request path starting with /.' });
const HeaderName = z.string().regex(HEADER_NAME).meta({ id: 'HeaderName', description: 'An HTTP header name.' });

export const PROTOCOLS = ['http', 'http2', 'grpc', 'tcp'] as const;
export const MTLS_MODES = ['strict', 'permissive', 'off'] as const;
export const RETRY_CONDITIONS = [
  '5xx',
  'gateway-error',
  'reset',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'envoy-ratelimited',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;
export const LOAD_BALANCER_POLICIES = [
  'round-robin',
  'least-request',
  'random',
  'ring-hash',
  'maglev',
] as const;
export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;
export const HEALTH_CHECK_TYPES = ['http', 'grpc', 'tcp'] as const;

// ── Traffic policy ──────────────────────────────────────────────────────────────────────────

const Retries = z
  .strictObject({
    attempts: z.int().min(0).max(10).optional().meta({
      description:
        'How many times a failed request is retried after the first try (Envoy num_retries). 0 turns retries off.',
    }),
    perTryTimeout: Duration.optional().meta({ description: 'Timeout of each try, retries included.' }),
    on: z
      .array(z.enum(RETRY_CONDITIONS))
      .min(1)
      .optional()
      .meta({ description: 'The failures that trigger a retry (Envoy retry_on conditions).' }),
    statusCodes: z
      .array(z.int().min(100).max(599))
      .min(1)
      .optional()
      .meta({ description: 'HTTP status codes that trigger a retry (adds retriable-status-codes).' }),
    backoff: z
      .strictObject({
        base: Duration.meta({ description: 'Base interval of the exponential back-off.' }),
        max: Duration.optional().meta({ description: 'Upper bound (default 10 × base).' }),
      })
      .optional(),
  })
  .meta({ id: 'Retries', description: 'Retry policy. Fields not given are inherited (route ← service ← defaults).' });

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

const LoadBalancer = z.union([
  z.enum(LOAD_BALANCER_POLICIES),
  z.strictObject({
    policy: z.enum(LOAD_BALANCER_POLICIES),
    hashOn: HashOn.optional(),
    minRingSize: z.int().min(1).max(8388608).optional(),
  }),
]).meta({ id: 'LoadBalancer' });

const CircuitBreaker = z
  .strictObject({
    maxConnections: Count.optional(),
    maxPendingRequests: Count.optional(),
    maxRequests: Count.optional(),
    maxRetries: Count.optional(),
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
    consecutive5xx: Count.optional(),
    consecutiveGatewayErrors: Count.optional(),
    interval: Duration.optional(),
    baseEjectionTime: Duration.optional(),
    maxEjectionPercent: z.int().min(0).max(100).optional(),
  })
  .meta({ id: 'OutlierDetection', description: 'Passive health checking: eject endpoints that keep failing.' });

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
    delay: z
      .strictObject({ duration: Duration, percent: Percent })
      .optional()
      .meta({ description: 'Delay a share of requests.' }),
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
  retries: Retries.optional(),
  loadBalancer: LoadBalancer.optional(),
  circuitBreaker: CircuitBreaker.optional(),
  outlierDetection: OutlierDetection.optional(),
  healthCheck: HealthCheck.optional(),
};

// ── Routes ──────────────────────────────────────────────────────────────────────────────────

const stringMatchFields = {
  exact: z.string().optional(),
  prefix: z.string().min(1).optional(),
  suffix: z.string().min(1).optional(),
  regex: z.string().min(1).optional().meta({ description: 'An RE2 regular expression.' }),
};

const HeaderMatch = z.strictObject({
  ...stringMatchFields,
  present: z.boolean().optional().meta({ description: 'true: the header is present; false: it is absent.' }),
  invert: z.boolean().optional().meta({ description: 'Match when the condition does not hold.' }),
}).meta({ id: 'HeaderMatch' });

const QueryMatch = z.strictObject({
  ...stringMatchFields,
  present: z.literal(true).optional().meta({ description: 'The parameter is present, whatever its value.' }),
}).meta({ id: 'QueryMatch' });

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
      .record(z.string().min(1), z.union([z.string(), QueryMatch]))
      .optional()
      .meta({ description: 'Query parameter → exact value, or {exact|prefix|suffix|regex|present}.' }),
  })
  .meta({ id: 'Match', description: 'Conditions a request must all meet; an absent match matches everything.' });

const Route = z
  .strictObject({
    name: z.string().regex(VERSION_NAME).optional().meta({ description: 'Shows up in stats and logs.' }),
    match: Match.optional(),
    to: VersionName.optional().meta({ description: 'Send every matching request to this version.' }),
    split: z
      .record(VersionName, z.number())
      .optional()
      .meta({ description: 'Divide matching requests between versions, in percent adding up to 100.' }),
    timeout: Duration.optional(),
    idleTimeout: Duration.optional(),
    retries: Retries.optional(),
    fault: Fault.optional(),
    mirror: Mirror.optional(),
  })
  .meta({ id: 'Route', description: 'A route: first match wins; per-route settings override the service\u2019s.' });

// ── Services ────────────────────────────────────────────────────────────────────────────────

const Endpoint = z.union([
  z.string().meta({ description: 'An IP literal, optionally with :port (IPv6 as [addr]:port).' }),
  z.strictObject({
    address: z.string().meta({ description: 'An IP literal.' }),
    port: Port.optional().meta({ description: 'Where this workload\u2019s sidecar listens (default mesh.sidecar.inboundPort).' }),
    weight: z.int().min(1).max(1000).optional().meta({ description: 'Relative load-balancing weight.' }),
    zone: z.string().min(1).optional().meta({ description: 'Locality zone of the workload.' }),
  }),
]).meta({ id: 'Endpoint' });

const Version = z
  .strictObject({
    endpoints: z.array(Endpoint).optional().meta({ description: 'Workload addresses (STATIC cluster).' }),
    dns: z.string().optional().meta({ description: 'A host name Envoy resolves (STRICT_DNS), optionally host:port.' }),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'Version', description: 'A version of a service: exactly one of endpoints or dns.' });

const Call = z.union([
  ServiceName,
  z.strictObject({
    service: ServiceName,
    localPort: Port.meta({ description: 'Port the caller uses on 127.0.0.1 instead of the service\u2019s own port.' }),
  }),
]).meta({ id: 'Call' });

const Service = z
  .strictObject({
    description: z.string().optional(),
    protocol: z.enum(PROTOCOLS).meta({ description: 'http, http2, grpc or tcp.' }),
    port: Port.meta({ description: 'The app\u2019s own port; callers reach the service on 127.0.0.1 at this port.' }),
    versions: z.record(VersionName, Version),
    calls: z.array(Call).optional().meta({
      description: 'Services this one calls: the only outbound configuration its sidecar gets.',
    }),
    routes: z.array(Route).optional().meta({ description: 'How callers reach this service; first match wins.' }),
    fault: Fault.optional(),
    mirror: Mirror.optional(),
    ...trafficPolicyFields,
  })
  .meta({ id: 'Service', description: 'A service: its versions, what it calls, and the traffic policy its callers apply.' });

const Defaults = z
  .strictObject(trafficPolicyFields)
  .meta({ id: 'Defaults', description: 'Traffic policy inherited by every service, field by field.' });

// ── Mesh ────────────────────────────────────────────────────────────────────────────────────

const Sidecar = z
  .strictObject({
    inboundPort: Port.optional().meta({ description: 'Port of the inbound listener on every workload (default 15006).' }),
    adminPort: Port.optional().meta({ description: 'Envoy admin port, bound to 127.0.0.1 only (default 15000).' }),
  })
  .meta({ id: 'Sidecar', description: 'Ports the sidecar itself uses.' });

const Mesh = z.strictObject({
  name: z.string().regex(DNS_LABEL),
  trustDomain: z
    .string()
    .regex(DNS_NAME)
    .meta({ description: 'SPIFFE trust domain: identities are spiffe://<trustDomain>/svc/<service>.' }),
  mtls: z.enum(MTLS_MODES).optional().meta({ description: 'strict (default), permissive or off.' }),
  sidecar: Sidecar.optional(),
}).meta({ id: 'Mesh' });

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
export type RetriesSpec = z.infer<typeof Retries>;
export type LoadBalancerSpec = z.infer<typeof LoadBalancer>;
export type HashOnSpec = z.infer<typeof HashOn>;
export type CircuitBreakerSpec = z.infer<typeof CircuitBreaker>;
export type OutlierDetectionSpec = z.infer<typeof OutlierDetection>;
export type HealthCheckSpec = z.infer<typeof HealthCheck>;
export type FaultSpec = z.infer<typeof Fault>;
export type MirrorSpec = z.infer<typeof Mirror>;
export type Protocol = (typeof PROTOCOLS)[number];
export type MtlsMode = (typeof MTLS_MODES)[number];
export type RetryCondition = (typeof RETRY_CONDITIONS)[number];
export type LoadBalancerPolicy = (typeof LOAD_BALANCER_POLICIES)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The published JSON Schema (draft 2020-12) for editors, pipelines and ajv. */
export function meshJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(MeshDocument, { target: 'draft-2020-12', io: 'input' });
}
