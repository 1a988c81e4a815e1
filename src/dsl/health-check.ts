/** The health-check type meshc infers when `type` is not written. */
import type { HealthCheckSpec, Protocol } from './schema.js';

export function healthCheckType(spec: HealthCheckSpec, protocol: Protocol): 'http' | 'grpc' | 'tcp' {
  if (spec.type) return spec.type;
  if (protocol === 'grpc') return 'grpc';
  if (protocol === 'tcp') return 'tcp';
  return 'http';
}
