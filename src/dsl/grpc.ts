/** What gRPC's xDS clients honour of the mesh language, shared by the rules and the proxyless builders. */
import type { RetryCondition } from '../features/retries/schema.js';

/** The retry conditions gRPC understands (gRFC A44; grpc-js-xds resolver-xds.ts RETRY_CODES). */
export const GRPC_RETRY_CONDITIONS = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'] as const satisfies readonly RetryCondition[];
