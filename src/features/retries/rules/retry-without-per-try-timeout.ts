/** Without a per-try timeout the first slow try uses the whole timeout and is never retried. */
import type { Rule } from '../../../validate/context.js';
import { refAt } from '../../../dsl/model.js';
import { callersByService } from '../../../validate/walk.js';
import { routeRetries } from '../effective.js';

export const retryWithoutPerTryTimeout: Rule = {
  id: 'retry-without-per-try-timeout',
  check({ model, report }) {
    const callers = callersByService(model);
    for (const service of model.services) {
      if (service.spec.protocol === 'tcp') continue;
      // Proxyless gRPC callers have no per-try timeout (ignored-by-grpc): only sidecars need one.
      const calledBy = callers.get(service.name) ?? [];
      if (calledBy.length > 0 && calledBy.every((c) => c.spec.proxy === 'grpc')) continue;
      for (const { retries } of routeRetries(model, service)) {
        if (!retries || retries.attempts === 0 || retries.spec.perTryTimeout !== undefined) continue;
        report('retry-without-per-try-timeout', {
          at: refAt(retries.at, 'retries'),
          target: 'key',
          message: `retries ${retries.at.path[0] === 'defaults' ? 'in defaults' : `of "${service.name}"`} have no perTryTimeout`,
          hint: 'set retries.perTryTimeout to a fraction of the timeout, e.g. timeout / (attempts + 1)',
        });
      }
    }
  },
};
