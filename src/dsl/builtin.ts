/**
 * Values meshc uses when the mesh does not say. Each is documented in the README; changing one
 * changes every user's output, so they live in this one place.
 */
export const BUILTIN = {
  sidecar: {
    inboundPort: 15006,
    adminPort: 15000,
    metricsPort: 15090,
    xdsDir: '/etc/meshc/xds',
  },
  observability: {
    accessLogMode: 'all',
    tracingSamplingPercent: 1,
    zipkinPath: '/api/v2/spans',
    metricsTls: 'mesh',
    scrapeIntervalMs: 15_000,
    /** Under certificates.dir: Prometheus' own mesh certificate, issued by meshc certs. */
    prometheusCertSubdir: '_prometheus',
    errorRatioPercent: 5,
    certificateExpiryMs: 6 * 3_600_000,
  },
  mtls: 'strict',
  /** Envoy's own route timeout default, made explicit in every route. */
  timeoutMs: 15_000,
  connectTimeoutMs: 1_000,
  retries: {
    attempts: 2,
    on: ['connect-failure', 'refused-stream', 'unavailable'],
  },
  healthCheck: {
    path: '/healthz',
    intervalMs: 10_000,
    timeoutMs: 1_000,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
  },
  mirrorPercent: 100,
  jwt: {
    cacheDurationMs: 300_000,
    caFile: '/etc/ssl/certs/ca-certificates.crt',
  },
  rateLimitService: { timeoutMs: 20, failOpen: false },
  controlPlane: { identity: 'meshc-serve', tls: 'mesh', api: 'sotw' },
  proxy: 'envoy',
  /** What a `proxy: grpc` application's bootstrap says (gRFC A29, A36). */
  grpc: {
    certificateProvider: 'meshc',
    certificateRefreshInterval: '60s',
    serverListenerTemplate: 'grpc/server?xds.resource.listening_address=%s',
    /** grpc-js caps attempts at 5 (channel option grpc-node.retry_max_attempts_limit). */
    maxRetries: 4,
  },
  /** Paths gRPC health checking uses; never denied by authz. */
  grpcHealthPrefix: '/grpc.health.v1.Health/',
  /** Envoy's own detector settings (envoy/config/cluster/v3/outlier_detection.proto), used when a detector is named. */
  outlierDetection: {
    successRate: { minimumHosts: 5, requestVolume: 100, stdevFactor: 1.9 },
    failurePercentage: { threshold: 85, minimumHosts: 5, requestVolume: 50 },
  },
  /** Envoy's own thresholds, made explicit, plus a retry budget against retry storms. */
  circuitBreaker: {
    maxConnections: 1024,
    maxPendingRequests: 1024,
    maxRequests: 1024,
    maxRetries: 3,
    retryBudget: { percent: 20, minConcurrency: 3 },
  },
  certificates: {
    source: 'files',
    dir: '/etc/meshc/certs',
    sdsDir: '/etc/meshc/sds',
    spireSocket: '/run/spire/sockets/agent.sock',
    identitySecret: 'default',
    trustBundleSecret: 'ROOTCA',
  },
  /** Envoy's edge hardening guidance (best_practices/edge), applied to every sidecar. */
  hardening: {
    bufferLimitBytes: 32_768,
    maxHeapMiB: 1024,
    maxConnections: 50_000,
    headersWithUnderscores: 'reject',
    normalizePath: true,
    mergeSlashes: true,
    escapedSlashes: 'reject',
    pathParameters: 'reject',
    requestHeadersTimeoutMs: 60_000,
    streamIdleTimeoutMs: 300_000,
    connectionIdleTimeoutMs: 3_600_000,
    tlsHandshakeTimeoutMs: 10_000,
    requestTimeoutMs: 300_000,
    metricsMaxConnections: 16,
    http2: { maxConcurrentStreams: 100, initialStreamWindowSize: 65_536, initialConnectionWindowSize: 1_048_576 },
  },
} as const;
