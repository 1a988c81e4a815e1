/**
 * With `attempts` retries a request may be tried attempts + 1 times, each up to perTryTimeout.
 * If that cannot fit in the request timeout, the later retries never happen.
 */
import type { Rule } from '../context.js';
import { closestDefinition, mergeLayers, routeChains } from '../../dsl/effective.js';
import { optionalDuration } from '../../dsl/duration.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { refAt } from '../../dsl/model.js';

export const retryExceedsTimeout: Rule = {
  id: 'retry-exceeds-timeout',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      for (const chain of routeChains(model, service)) {
        const merged = mergeLayers(chain.map((c) => c.layer));
        const attempts = merged.retries?.attempts ?? (merged.retries ? BUILTIN.retries.attempts : 0);
        const perTry = optionalDuration(merged.retries?.perTryTimeout);
        const timeout = optionalDuration(merged.timeout) ?? BUILTIN.timeoutMs;
        if (!attempts || perTry === undefined || timeout === 0) continue;
        const worst = perTry * (attempts + 1);
        if (worst <= timeout) continue;
        // Point at whichever of the two settings was written closest to this route.
        const retriesAt = closestDefinition(chain, 'retries');
        const timeoutAt = closestDefinition(chain, 'timeout');
        const useTimeout = timeoutAt !== undefined && retriesAt !== undefined && chain.indexOf(timeoutAt) > chain.indexOf(retriesAt);
        const where = useTimeout ? { at: refAt(timeoutAt.at, 'timeout') } : retriesAt && { at: refAt(retriesAt.at, 'retries') };
        if (!where) continue;
        report('retry-exceeds-timeout', {
          at: where.at,
          target: 'key',
          message: `${attempts + 1} tries × perTryTimeout ${merged.retries?.perTryTimeout} = ${worst}ms exceed the ${timeout}ms timeout${where.at.path[0] === 'defaults' ? ' set in defaults' : ` of "${service.name}"`}`,
          hint: 'lower perTryTimeout or attempts, or raise timeout',
        });
      }
    }
  },
};
