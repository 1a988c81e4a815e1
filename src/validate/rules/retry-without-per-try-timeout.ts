/** Without a per-try timeout the first slow try uses the whole timeout and is never retried. */
import type { Rule } from '../context.js';
import { closestDefinition, mergeLayers, routeChains } from '../../dsl/effective.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { refAt } from '../../dsl/model.js';
import { callersByService } from '../walk.js';

export const retryWithoutPerTryTimeout: Rule = {
  id: 'retry-without-per-try-timeout',
  check({ model, report }) {
    const callers = callersByService(model);
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      // Proxyless gRPC callers have no per-try timeout (ignored-by-grpc): only sidecars need one.
      const calledBy = callers.get(service.name) ?? [];
      if (calledBy.length > 0 && calledBy.every((c) => c.spec.proxy === 'grpc')) continue;
      for (const chain of routeChains(model, service)) {
        const retries = mergeLayers(chain.map((c) => c.layer)).retries;
        if (!retries || (retries.attempts ?? BUILTIN.retries.attempts) === 0 || retries.perTryTimeout) continue;
        const where = closestDefinition(chain, 'retries');
        if (!where) continue;
        report('retry-without-per-try-timeout', {
          at: refAt(where.at, 'retries'),
          target: 'key',
          message: `retries ${where.at.path[0] === 'defaults' ? 'in defaults' : `of "${service.name}"`} have no perTryTimeout`,
          hint: 'set retries.perTryTimeout to a fraction of the timeout, e.g. timeout / (attempts + 1)',
        });
      }
    }
  },
};
