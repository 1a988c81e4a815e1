/** A route's retries in the IR: none when attempts is 0; on tcp, connection attempts only. */
import type { RouteInput } from '../feature.js';
import type { RouteIR } from '../../ir/types.js';
import { routeRetries } from './effective.js';
import type { RetryCondition } from './schema.js';

export function resolveRetries({ model, service, routeIndex }: RouteInput): Pick<RouteIR, 'retries'> | undefined {
  const r = routeRetries(model, service)[routeIndex ?? 0]?.retries;
  if (!r || r.attempts === 0) return undefined;
  if (service.spec.protocol === 'tcp') return { retries: { attempts: r.attempts, on: [], statusCodes: [] } };
  // Status codes retry only under Envoy's retriable-status-codes condition.
  const on: readonly RetryCondition[] = r.statusCodes.length > 0 ? [...new Set([...r.on, 'retriable-status-codes' as const])] : r.on;
  return {
    retries: {
      attempts: r.attempts,
      on,
      ...(r.perTryTimeoutMs !== undefined ? { perTryTimeoutMs: r.perTryTimeoutMs } : {}),
      statusCodes: r.statusCodes,
      ...(r.backoff ? { backoff: r.backoff } : {}),
    },
  };
}
