/** A service that calls another whose authz admits it on no rule will be denied every time. */
import type { Rule } from '../context.js';
import { calledService, refAt } from '../../dsl/model.js';
import { allAuthzRules } from '../walk.js';

export const callerDeniedByAuthz: Rule = {
  id: 'caller-denied-by-authz',
  check({ model, report }) {
    const admitted = new Map<string, Set<string> | 'anyone'>();
    const misspelt = new Set<string>();
    for (const { service, rule, enforced } of allAuthzRules(model)) {
      // A caller misspelt in `from` is unknown-service's to report; guessing here would double it.
      if ((rule.from ?? []).some((c) => c !== '*' && !model.serviceByName.has(c))) misspelt.add(service.name);
      if (!enforced) continue;
      const current = admitted.get(service.name) ?? new Set<string>();
      if (current === 'anyone') continue;
      if (rule.from === undefined || rule.from.includes('*')) admitted.set(service.name, 'anyone');
      else admitted.set(service.name, new Set([...current, ...rule.from]));
    }
    for (const caller of model.services) {
      (caller.spec.calls ?? []).forEach((call, index) => {
        const callee = calledService(call);
        const calleeSpec = model.serviceByName.get(callee)?.spec;
        if (!calleeSpec?.authz) return;
        const allowed = admitted.get(callee);
        const dryRun = !Array.isArray(calleeSpec.authz) && calleeSpec.authz.mode === 'dry-run';
        if (dryRun || misspelt.has(callee) || allowed === 'anyone' || allowed?.has(caller.name)) return;
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
