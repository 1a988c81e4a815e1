/**
 * A retry waits a random time up to the back-off interval (at first `base`) before it is sent.
 * When `base` is as long as the whole request's timeout, retries mostly never start: the timeout
 * ends the request first, so the retries written are not the ones that happen.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { routeRetries } from '../effective.js';

export const retryBackoffExceedsTimeout: Rule = {
  id: 'retry-backoff-exceeds-timeout',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      for (const { retries, timeoutMs: timeout } of routeRetries(model, service)) {
        const at = retries?.fieldAt.backoff;
        if (!retries?.backoff || !at || retries.attempts === 0 || timeout === 0) continue;
        if (retries.backoff.baseMs < timeout) continue;
        report('retry-backoff-exceeds-timeout', {
          at: refAt(at, 'retries', 'backoff', 'base'),
          message: `retry back-off base ${retries.spec.backoff?.base} is not shorter than the ${timeout}ms timeout of "${service.name}": the timeout ends the request before most retries start`,
          hint: 'lower backoff.base well below timeout (Envoy default: 25ms)',
        });
      }
    }
  },
};
