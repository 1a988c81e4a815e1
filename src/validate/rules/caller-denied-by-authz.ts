/**
 * A service that calls another whose authz admits it on no allow rule, or refuses it with a deny
 * rule that asks nothing but who calls, will be denied every time. A tcp service checks only who
 * connects: there an allow rule asking for a method, path, header or claim admits no one, and a
 * deny rule asking for one refuses its callers outright (the lowering fails closed, policies/authz.ts).
 */
import type { Rule } from '../context.js';
import { calledService, effectiveAuthz, hasAllowList, refAt, type NodeRef } from '../../dsl/model.js';
import type { AuthzRuleSpec } from '../../dsl/schema.js';
import { allAuthzRules } from '../walk.js';

export const callerDeniedByAuthz: Rule = {
  id: 'caller-denied-by-authz',
  check({ model, report }) {
    const admitted = new Map<string, Set<string> | 'anyone'>();
    const refused = new Map<string, { readonly callers: Set<string> | 'anyone'; readonly at: NodeRef; readonly failsClosed: boolean }>();
    const misspelt = new Set<string>();
    for (const { service, rule, list, at, enforced } of allAuthzRules(model)) {
      // A caller misspelt in `from` is unknown-service's to report; guessing here would double it.
      if ((rule.from ?? []).some((c) => c !== '*' && !model.serviceByName.has(c))) misspelt.add(service.name);
      if (!enforced) continue;
      const tcp = service.spec.protocol === 'tcp';
      if (list === 'deny') {
        if ((tcp || asksOnlyWhoCalls(rule)) && !refused.has(service.name)) refused.set(service.name, { callers: callersOf(rule), at, failsClosed: !asksOnlyWhoCalls(rule) });
        continue;
      }
      if (tcp && !asksOnlyWhoCalls(rule)) {
        if (!admitted.has(service.name)) admitted.set(service.name, new Set());
        continue;
      }
      const current = admitted.get(service.name) ?? new Set<string>();
      if (current === 'anyone') continue;
      const callers = callersOf(rule);
      admitted.set(service.name, callers === 'anyone' ? 'anyone' : new Set([...current, ...callers]));
    }
    for (const caller of model.services) {
      (caller.spec.calls ?? []).forEach((call, index) => {
        const callee = calledService(call);
        const calleeDefinition = model.serviceByName.get(callee);
        const authz = calleeDefinition && effectiveAuthz(model, calleeDefinition)?.spec;
        if (!authz) return;
        const dryRun = !Array.isArray(authz) && authz.mode === 'dry-run';
        if (dryRun || misspelt.has(callee)) return;
        const deny = refused.get(callee);
        if (deny && (deny.callers === 'anyone' || deny.callers.has(caller.name))) {
          report('caller-denied-by-authz', {
            at: refAt(caller.at, 'calls', index),
            message: deny.failsClosed
              ? `"${caller.name}" calls tcp service "${callee}", whose deny rule asks for what a connection does not carry, so it refuses every connection of "${caller.name}"`
              : `"${caller.name}" calls "${callee}", but a deny rule of "${callee}" refuses every request of "${caller.name}"`,
            hint: deny.failsClosed
              ? `give "${callee}" an authz of its own: the rules of a tcp service name callers only`
              : 'narrow the deny rule (methods, paths, headers), or remove the call',
            related: [{ message: 'the deny rule', at: deny.at }],
          });
          return;
        }
        // Without an allow list, whatever no deny rule refuses gets through.
        const allowed = admitted.get(callee);
        if (!hasAllowList(authz) || allowed === 'anyone' || allowed?.has(caller.name)) return;
        report('caller-denied-by-authz', {
          at: refAt(caller.at, 'calls', index),
          message: `"${caller.name}" calls "${callee}", but no authz rule of "${callee}" allows it`,
          hint: `add "${caller.name}" to a rule's \`from\` in ${callee}.authz, or remove the call`,
          related: [{ message: `authz of "${callee}"`, at: refAt(model.serviceByName.get(callee)?.at ?? caller.at, 'authz'), target: 'key' }],
        });
      });
    }
  },
};

function callersOf(rule: AuthzRuleSpec): Set<string> | 'anyone' {
  return rule.from === undefined || rule.from.includes('*') ? 'anyone' : new Set(rule.from);
}

/** A rule with no condition but its callers (`from`): it matches every request they make. */
function asksOnlyWhoCalls(rule: AuthzRuleSpec): boolean {
  const conditions = [rule.notFrom, rule.sourceIps, rule.notSourceIps, rule.methods, rule.notMethods, rule.paths, rule.notPaths, rule.headers, rule.claims];
  return conditions.every((c) => c === undefined);
}
