/**
 * Values meshc uses when the mesh does not say. Each is documented in the README; changing one
 * changes every user's output, so they live in this one place.
 */
export const BUILTIN = {
  sidecar: {
    inboundPort: 15006,
    adminPort: 15000,
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
} as const;
