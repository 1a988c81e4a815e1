/**
 * Envoy refuses a route whose retry back-off `max_interval` is below its `base_interval`
 * ("max_interval must be greater than or equal to the base_interval", RetryPolicyImpl in
 * source/common/router/config_impl.cc), so such a mesh would load in no sidecar. Judged after
 * inheritance: `backoff` is replaced as a whole by the closest layer that sets it.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { routeRetries } from '../effective.js';

export const invalidRetryBackoff: Rule = {
  id: 'invalid-retry-backoff',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      for (const { retries } of routeRetries(model, service)) {
        const backoff = retries?.backoff;
        const written = retries?.spec.backoff;
        const at = retries?.fieldAt.backoff;
        if (backoff?.maxMs === undefined || backoff.maxMs >= backoff.baseMs || !written || !at) continue;
        report('invalid-retry-backoff', {
          at: refAt(at, 'retries', 'backoff', 'max'),
          message: `retry back-off max ${written.max} is below its base ${written.base}; Envoy refuses the route`,
          hint: `raise max to at least ${written.base}, or leave it out (default 10 × base)`,
        });
      }
    }
  },
};
