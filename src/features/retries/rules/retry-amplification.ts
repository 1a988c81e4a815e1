/**
 * Retries multiply along a call path: when A retries B up to 3 times and B retries C up to 3
 * times, one request of A's can become 16 requests to C, arriving just when C is failing. The
 * worst case along every call path is computed from each callee's retries (the tries its
 * callers make), and warned where it first exceeds the threshold.
 */
import type { Rule } from '../../../validate/context.js';
import { refAt, type MeshModel } from '../../../dsl/model.js';
import { callersByService } from '../../../validate/walk.js';
import { routeRetries } from '../effective.js';

/** Tries one request can become at one service; above it, retries are warned. */
export const RETRY_AMPLIFICATION_LIMIT = 10;

/** The worst path to a service, linked back to the worst path to its caller on it (paths share their starts). */
interface Worst {
  readonly tries: number;
  readonly service: string;
  readonly previous?: Worst;
}

/** The services a worst path goes through, the last one included. */
function pathOf(worst: Worst): string[] {
  const path: string[] = [];
  for (let at: Worst | undefined = worst; at; at = at.previous) path.unshift(at.service);
  return path;
}

export const retryAmplification: Rule = {
  id: 'retry-amplification',
  check({ model, report }) {
    const worst = worstPaths(model);
    for (const service of model.services) {
      const here = worst.get(service.name);
      const before = here?.previous;
      if (!here || here.tries <= RETRY_AMPLIFICATION_LIMIT || (before && before.tries > RETRY_AMPLIFICATION_LIMIT)) continue;
      const at = routeRetries(model, service).find((r) => r.retries)?.retries?.at;
      if (!at) continue;
      report('retry-amplification', {
        at: refAt(at, 'retries'),
        target: 'key',
        message: `one request can reach "${service.name}" ${here.tries} times: ${describePath(model, pathOf(here))}`,
        hint: `retry at one hop only (usually the one nearest the caller), or lower attempts so that the product stays at most ${RETRY_AMPLIFICATION_LIMIT}`,
      });
    }
  },
};

/** `gateway → api (3 tries) → ledger (4 tries)` */
function describePath(model: MeshModel, path: readonly string[]): string {
  return path.map((name, i) => (i === 0 ? name : `${name} (${triesOf(model, name)} tries)`)).join(' → ');
}

/** Tries a caller makes per request to `service`: 1 + its largest `attempts` over its routes. */
function triesOf(model: MeshModel, name: string): number {
  const service = model.serviceByName.get(name);
  if (!service || service.spec.protocol === 'tcp') return 1;
  return 1 + Math.max(0, ...routeRetries(model, service).map((r) => r.retries?.attempts ?? 0));
}

/**
 * The worst product of tries on any call path ending at each service. A request from outside
 * the mesh is tried once; each call edge multiplies by the callee's tries. Calls that close a
 * cycle are left out (the path without the cycle is the one reported), so the result is the
 * longest path of an acyclic graph, each service computed once.
 */
function worstPaths(model: MeshModel): Map<string, Worst> {
  const callers = callersByService(model);
  const memo = new Map<string, Worst>();
  const open = new Set<string>();
  const visit = (name: string): Worst => {
    const known = memo.get(name);
    if (known) return known;
    open.add(name);
    const own = triesOf(model, name);
    let best: Worst = { tries: 1, service: name };
    for (const caller of callers.get(name) ?? []) {
      if (open.has(caller.name)) continue;
      const upstream = visit(caller.name);
      if (upstream.tries * own > best.tries) best = { tries: upstream.tries * own, service: name, previous: upstream };
    }
    open.delete(name);
    memo.set(name, best);
    return best;
  };
  for (const service of model.services) visit(service.name);
  return memo;
}
