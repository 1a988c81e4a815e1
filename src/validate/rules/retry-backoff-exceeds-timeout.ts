/**
 * A retry waits a random time up to the back-off interval (at first `base`) before it is sent.
 * When `base` is as long as the whole request's timeout, retries mostly never start: the timeout
 * ends the request first, so the retries written are not the ones that happen.
 */
import type { Rule } from '../context.js';
import { closestNestedDefinition, mergeLayers, routeChains } from '../../dsl/effective.js';
import { optionalDuration, parseDuration } from '../../dsl/duration.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { refAt } from '../../dsl/model.js';

export const retryBackoffExceedsTimeout: Rule = {
  id: 'retry-backoff-exceeds-timeout',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      for (const chain of routeChains(model, service)) {
        const merged = mergeLayers(chain.map((c) => c.layer));
        const retries = merged.retries;
        const attempts = retries?.attempts ?? (retries ? BUILTIN.retries.attempts : 0);
        const timeout = optionalDuration(merged.timeout) ?? BUILTIN.timeoutMs;
        if (!retries?.backoff || attempts === 0 || timeout === 0) continue;
        if (parseDuration(retries.backoff.base) < timeout) continue;
        const layer = closestNestedDefinition(chain, 'retries', 'backoff');
        if (!layer) continue;
        report('retry-backoff-exceeds-timeout', {
          at: refAt(layer.at, 'retries', 'backoff', 'base'),
          message: `retry back-off base ${retries.backoff.base} is not shorter than the ${timeout}ms timeout of "${service.name}": the timeout ends the request before most retries start`,
          hint: 'lower backoff.base well below timeout (Envoy default: 25ms)',
        });
      }
    }
  },
};
