/** A service's inbound limits; a tcp service has no request timeout. */
import { BUILTIN } from '../../dsl/builtin.js';
import { optionalDuration } from '../../dsl/duration.js';
import type { ServiceInput } from '../feature.js';
import type { ServiceIR } from '../../ir/types.js';

export function resolveInbound({ service }: ServiceInput): Pick<ServiceIR, 'inbound'> | undefined {
  const spec = service.spec.inbound;
  if (!spec) return undefined;
  const timeout = service.spec.protocol === 'tcp' ? undefined : optionalDuration(spec.timeout);
  const d = BUILTIN.circuitBreaker;
  return {
    inbound: {
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
      maxConnections: spec.maxConnections ?? d.maxConnections,
      maxPendingRequests: spec.maxPendingRequests ?? d.maxPendingRequests,
      maxRequests: spec.maxRequests ?? d.maxRequests,
    },
  };
}
