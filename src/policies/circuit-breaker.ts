/**
 * Connection, request and retry limits per upstream cluster, always bounded (meshc's defaults
 * fill what the mesh does not say), with a retry budget against retry storms.
 */
import type { CircuitBreakerIR } from '../ir/types.js';
import { clusterPolicy, type PolicyModule } from './policy.js';

export const circuitBreaker: PolicyModule = {
  id: 'circuit-breaker',
  order: 500,
  outboundCluster: (ctx) => ({ circuit_breakers: { thresholds: [thresholds(clusterPolicy(ctx).circuitBreaker)] } }),
};

function thresholds(cb: CircuitBreakerIR): Record<string, unknown> {
  return {
    max_connections: cb.maxConnections,
    max_pending_requests: cb.maxPendingRequests,
    max_requests: cb.maxRequests,
    max_retries: cb.maxRetries,
    ...(cb.retryBudget ? { retry_budget: { budget_percent: { value: cb.retryBudget.percent }, min_retry_concurrency: cb.retryBudget.minConcurrency } } : {}),
  };
}
