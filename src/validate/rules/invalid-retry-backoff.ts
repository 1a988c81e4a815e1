/**
 * Envoy refuses a route whose retry back-off `max_interval` is below its `base_interval`
 * ("max_interval must be greater than or equal to the base_interval", RetryPolicyImpl in
 * source/common/router/config_impl.cc), so such a mesh would load in no sidecar. Judged after
 * inheritance: `backoff` is replaced as a whole by the closest layer that sets it.
 */
import type { Rule } from '../context.js';
import { closestNestedDefinition, mergeLayers, routeChains } from '../../dsl/effective.js';
import { parseDuration } from '../../dsl/duration.js';
import { refAt } from '../../dsl/model.js';

export const invalidRetryBackoff: Rule = {
  id: 'invalid-retry-backoff',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      for (const chain of routeChains(model, service)) {
        const backoff = mergeLayers(chain.map((c) => c.layer)).retries?.backoff;
        if (backoff?.max === undefined || parseDuration(backoff.max) >= parseDuration(backoff.base)) continue;
        const layer = closestNestedDefinition(chain, 'retries', 'backoff');
        if (!layer) continue;
        report('invalid-retry-backoff', {
          at: refAt(layer.at, 'retries', 'backoff', 'max'),
          message: `retry back-off max ${backoff.max} is below its base ${backoff.base}; Envoy refuses the route`,
          hint: `raise max to at least ${backoff.base}, or leave it out (default 10 × base)`,
        });
      }
    }
  },
};
