/** Without a per-try timeout the first slow try uses the whole timeout and is never retried. */
import type { Rule } from '../context.js';
import { closestDefinition, mergeLayers, routeChains } from '../../dsl/effective.js';
import { BUILTIN } from '../../dsl/builtin.js';
import { refAt, type MeshModel, type NodeRef, type ServiceDefinition } from '../../dsl/model.js';
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
      for (const where of retriesWithoutPerTry(model, service)) {
        report('retry-without-per-try-timeout', {
          at: refAt(where, 'retries'),
          target: 'key',
          message: `retries ${where.path[0] === 'defaults' ? 'in defaults' : `of "${service.name}"`} have no perTryTimeout`,
          hint: 'set retries.perTryTimeout to a fraction of the timeout, e.g. timeout / (attempts + 1)',
        });
      }
    }
  },
};

/**
 * Where the retries without a per-try timeout of each of a service's routes were written. A pure
 * function of the service's definition and the defaults, remembered per definition object, since
 * the callers make this a rule about the whole mesh, checked on every compile (compile-cache.ts).
 */
const PLACES = new WeakMap<ServiceDefinition['spec'], { readonly defaults: unknown; readonly places: readonly NodeRef[] }>();

function retriesWithoutPerTry(model: MeshModel, service: ServiceDefinition): readonly NodeRef[] {
  const known = PLACES.get(service.spec);
  if (known && known.defaults === model.defaults?.value) return known.places;
  const places = routeChains(model, service).flatMap((chain) => {
    const retries = mergeLayers(chain.map((c) => c.layer)).retries;
    if (!retries || (retries.attempts ?? BUILTIN.retries.attempts) === 0 || retries.perTryTimeout) return [];
    const where = closestDefinition(chain, 'retries');
    return where ? [where.at] : [];
  });
  PLACES.set(service.spec, { defaults: model.defaults?.value, places });
  return places;
}
