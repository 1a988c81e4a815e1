/**
 * Authz rules are policies keyed by name in Envoy's RBAC config: a name used twice would let
 * the second rule silently replace the first. Unnamed rules are called rule-<index>.
 */
import type { Rule } from '../context.js';
import { refAt, type NodeRef } from '../../dsl/model.js';
import { allAuthzRules } from '../walk.js';
import { defaultAuthzRuleName } from '../../envoy/names.js';

export const duplicateAuthzRuleName: Rule = {
  id: 'duplicate-authz-rule-name',
  scope: 'service',
  check({ model, report }) {
    const seen = new Map<string, NodeRef>();
    for (const { service, rule, list, inherited, index, at } of allAuthzRules(model)) {
      const name = rule.name ?? defaultAuthzRuleName(index, list, inherited);
      const key = `${service.name}/${name}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, at);
        continue;
      }
      report('duplicate-authz-rule-name', {
        at: rule.name !== undefined ? refAt(at, 'name') : at,
        message: `"${service.name}" already has an authz rule named "${name}"${rule.name === undefined ? ' (the name this unnamed rule would get)' : ''}`,
        hint: 'give every authz rule of a service its own name',
        related: [{ message: 'first used here', at: first }],
      });
    }
  },
};
