/**
 * Header names with underscores meet `mesh.sidecar.hardening.headersWithUnderscores` at the
 * callee's sidecar, which checks every request's header names as its codec reads them
 * (HeaderUtility::checkHeaderNameForUnderscores, source/common/http/header_utility.cc). Under
 * `reject` such a request is answered 400 there, so a route, hash or condition on that header
 * can never be served; under `drop` the header is gone before the callee's own filters and
 * routes look, so conditions evaluated there (authz, global rate-limit keys, routes repeated
 * inbound for a rate limit) never see it. The caller's own outbound listener allows them: the
 * app talking to its sidecar is trusted, and routing there works.
 */
import type { Rule } from '../context.js';
import type { NodeRef } from '../../dsl/model.js';
import { refAt } from '../../dsl/model.js';
import { BUILTIN } from '../../dsl/builtin.js';
import type { AuthzSpec, LoadBalancerSpec, RateLimitSpec } from '../../dsl/schema.js';

/** A header name the mesh uses, where, and whether the callee's own sidecar evaluates it. */
interface Use {
  readonly name: string;
  readonly at: NodeRef;
  readonly inbound: boolean;
}

export const underscoreHeaderUnreachable: Rule = {
  id: 'underscore-header-unreachable',
  scope: 'service',
  check({ model, report }) {
    const action = model.mesh?.value.sidecar?.hardening?.headersWithUnderscores ?? BUILTIN.hardening.headersWithUnderscores;
    if (action === 'allow') return;
    for (const use of headerUses(model)) {
      if (!use.name.includes('_') || (action === 'drop' && !use.inbound)) continue;
      report('underscore-header-unreachable', {
        at: use.at,
        target: 'key',
        message:
          action === 'reject'
            ? `header "${use.name}" has an underscore: the callee's sidecar answers 400 to requests carrying it (headersWithUnderscores: reject)`
            : `header "${use.name}" has an underscore: the callee's sidecar drops it before this condition is evaluated (headersWithUnderscores: drop)`,
        hint:
          action === 'reject'
            ? 'rename the header with dashes, or set mesh.sidecar.hardening.headersWithUnderscores to drop (routing on it by the caller still works) or allow'
            : 'rename the header with dashes, or set mesh.sidecar.hardening.headersWithUnderscores: allow',
      });
    }
  },
};

function* headerUses(model: Parameters<Rule['check']>[0]['model']): Generator<Use> {
  if (model.defaults) yield* hashOnUses(model.defaults.value.loadBalancer, model.defaults.at);
  if (model.defaults) yield* authzUses(model.defaults.value.authz, refAt(model.defaults.at, 'authz'));
  for (const service of model.services) {
    const spec = service.spec;
    yield* hashOnUses(spec.loadBalancer, service.at);
    yield* rateLimitUses(spec.rateLimit, refAt(service.at, 'rateLimit'));
    yield* authzUses(spec.authz, refAt(service.at, 'authz'));
    for (const [i, route] of (spec.routes ?? []).entries()) {
      const at = refAt(service.at, 'routes', i);
      // A route with an inbound setting is repeated in the callee's own route table.
      const inbound = route.rateLimit !== undefined;
      for (const name of Object.keys(route.match?.headers ?? {})) {
        yield { name, at: refAt(at, 'match', 'headers', name), inbound };
      }
      yield* rateLimitUses(route.rateLimit, refAt(at, 'rateLimit'));
    }
  }
}

function* hashOnUses(lb: LoadBalancerSpec | undefined, owner: NodeRef): Generator<Use> {
  if (typeof lb === 'object' && lb.hashOn?.header !== undefined) {
    yield { name: lb.hashOn.header, at: refAt(owner, 'loadBalancer', 'hashOn', 'header'), inbound: false };
  }
}

function* rateLimitUses(limit: RateLimitSpec | undefined, at: NodeRef): Generator<Use> {
  for (const [i, by] of (limit?.global?.by ?? []).entries()) {
    if ('header' in by) yield { name: by.header, at: refAt(at, 'global', 'by', i, 'header'), inbound: true };
  }
}

function* authzUses(authz: AuthzSpec | undefined, at: NodeRef): Generator<Use> {
  const [rules, base] = Array.isArray(authz) ? [authz, at] : [authz?.allow ?? [], refAt(at, 'allow')];
  for (const [i, rule] of rules.entries()) {
    for (const name of Object.keys(rule.headers ?? {})) yield { name, at: refAt(base, i, 'headers', name), inbound: true };
  }
}
