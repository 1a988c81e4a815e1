/**
 * With `attempts` retries a request may be tried attempts + 1 times, each up to perTryTimeout.
 * If that cannot fit in the request timeout, the later retries never happen.
 */
import type { Rule } from '../../../validate/context.js';
import { closestDefinition } from '../../../dsl/effective.js';
import { refAt } from '../../../dsl/model.js';
import { routeRetries } from '../effective.js';

export const retryExceedsTimeout: Rule = {
  id: 'retry-exceeds-timeout',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      for (const { chain, retries, timeoutMs: timeout } of routeRetries(model, service)) {
        if (!retries?.attempts || retries.perTryTimeoutMs === undefined || timeout === 0) continue;
        const { attempts, perTryTimeoutMs } = retries;
        const worst = perTryTimeoutMs * (attempts + 1);
        if (worst <= timeout) continue;
        // Point at whichever of the two settings was written closest to this route.
        const timeoutAt = closestDefinition(chain, 'timeout');
        const retriesLevel = chain.findIndex((c) => c.at === retries.at);
        const at = timeoutAt !== undefined && chain.indexOf(timeoutAt) > retriesLevel ? refAt(timeoutAt.at, 'timeout') : refAt(retries.at, 'retries');
        report('retry-exceeds-timeout', {
          at,
          target: 'key',
          message: `${attempts + 1} tries × perTryTimeout ${retries.spec.perTryTimeout} = ${worst}ms exceed the ${timeout}ms timeout${at.path[0] === 'defaults' ? ' set in defaults' : ` of "${service.name}"`}`,
          hint: 'lower perTryTimeout or attempts, or raise timeout',
        });
      }
    }
  },
};
