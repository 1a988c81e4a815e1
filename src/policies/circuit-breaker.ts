/** Connection, request and retry limits per upstream cluster, with an optional retry budget. */
import type { CircuitBreakerIR } from '../ir/types.js';
import type { PolicyModule } from './policy.js';

export const circuitBreaker: PolicyModule = {
  id: 'circuit-breaker',
  order: 500,
  outboundCluster: ({ callee }) =>
    callee.cluster.circuitBreaker ? { circuit_breakers: { thresholds: [thresholds(callee.cluster.circuitBreaker)] } } : undefined,
};

function thresholds(cb: CircuitBreakerIR): Record<string, unknown> {
  return {
    ...(cb.maxConnections !== undefined ? { max_connections: cb.maxConnections } : {}),
    ...(cb.maxPendingRequests !== undefined ? { max_pending_requests: cb.maxPendingRequests } : {}),
    ...(cb.maxRequests !== undefined ? { max_requests: cb.maxRequests } : {}),
    ...(cb.maxRetries !== undefined ? { max_retries: cb.maxRetries } : {}),
    ...(cb.retryBudget
      ? {
          retry_budget: {
            budget_percent: { value: cb.retryBudget.percent },
            ...(cb.retryBudget.minConcurrency !== undefined
              ? { min_retry_concurrency: cb.retryBudget.minConcurrency }
              : {}),
          },
        }
      : {}),
  };
}
