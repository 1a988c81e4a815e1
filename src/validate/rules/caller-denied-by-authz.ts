/**
 * A service that calls another whose authz admits it on no allow rule, or refuses it with a deny
 * rule that asks nothing but who calls, will be denied every time.
 */
import type { Rule } from '../context.js';
import { calledService, refAt, type NodeRef } from '../../dsl/model.js';
import type { AuthzRuleSpec } from '../../dsl/schema.js';
import { allAuthzRules } from '../walk.js';

export const callerDeniedByAuthz: Rule = {
  id: 'caller-denied-by-authz',
  check({ model, report }) {
    const admitted = new Map<string, Set<string> | 'anyone'>();
    const refused = new Map<string, { readonly callers: Set<string> | 'anyone'; readonly at: NodeRef }>();
    const misspelt = new Set<string>();
    for (const { service, rule, list, at, enforced } of allAuthzRules(model)) {
      // A caller misspelt in `from` is unknown-service's to report; guessing here would double it.
      if ((rule.from ?? []).some((c) => c !== '*' && !model.serviceByName.has(c))) misspelt.add(service.name);
      if (!enforced) continue;
      if (list === 'deny') {
        if (asksOnlyWhoCalls(rule) && !refused.has(service.name)) refused.set(service.name, { callers: callersOf(rule), at });
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
        const calleeSpec = model.serviceByName.get(callee)?.spec;
        if (!calleeSpec?.authz) return;
        const dryRun = !Array.isArray(calleeSpec.authz) && calleeSpec.authz.mode === 'dry-run';
        if (dryRun || misspelt.has(callee)) return;
        const deny = refused.get(callee);
        if (deny && (deny.callers === 'anyone' || deny.callers.has(caller.name))) {
          report('caller-denied-by-authz', {
            at: refAt(caller.at, 'calls', index),
            message: `"${caller.name}" calls "${callee}", but a deny rule of "${callee}" refuses every request of "${caller.name}"`,
            hint: `narrow the deny rule (methods, paths, headers), or remove the call`,
            related: [{ message: 'the deny rule', at: deny.at }],
          });
          return;
        }
        // Without an allow list, whatever no deny rule refuses gets through.
        const hasAllowList = Array.isArray(calleeSpec.authz) || calleeSpec.authz.allow !== undefined;
        const allowed = admitted.get(callee);
        if (!hasAllowList || allowed === 'anyone' || allowed?.has(caller.name)) return;
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

/** A rule with no condition but its callers: it matches every request they make. */
function asksOnlyWhoCalls(rule: AuthzRuleSpec): boolean {
  return rule.methods === undefined && rule.paths === undefined && rule.headers === undefined && rule.claims === undefined;
}
