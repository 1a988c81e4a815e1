/**
 * A circuit-breaker limit of 0 connections, requests or pending requests is not "no limit":
 * Envoy overflows every request at once (503, upstream_rq_pending_overflow), so the callee is
 * unreachable. Judged after inheritance, reported where the closest block sets the field.
 */
import type { Rule } from '../context.js';
import { closestNestedDefinition, clusterChains, mergeLayers } from '../../dsl/effective.js';
import { refAt } from '../../dsl/model.js';

const BLOCKING = ['maxConnections', 'maxPendingRequests', 'maxRequests'] as const;

export const circuitBreakerBlocksTraffic: Rule = {
  id: 'circuit-breaker-blocks-traffic',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      // The service's clusters, and each version's that overrides its limits.
      for (const { chain } of clusterChains(model, service)) {
        const breaker = mergeLayers(chain.map((c) => c.layer)).circuitBreaker;
        for (const field of BLOCKING) {
          if (breaker?.[field] !== 0) continue;
          const layer = closestNestedDefinition(chain, 'circuitBreaker', field);
          if (!layer) continue;
          report('circuit-breaker-blocks-traffic', {
            at: refAt(layer.at, 'circuitBreaker', field),
            message: `circuitBreaker.${field}: 0 makes every request to "${service.name}" fail at once (503 overflow)`,
            hint: `give a positive limit, or leave ${field} out for meshc's default of 1024`,
          });
        }
      }
    }
  },
};
