/** Authz source ranges are IP literals or CIDR ranges (RBAC's CidrRange), IPv4 or IPv6. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { parseCidr } from '../../dsl/endpoint.js';
import { allAuthzRules } from '../walk.js';

export const invalidSourceIp: Rule = {
  id: 'invalid-source-ip',
  scope: 'service',
  check({ model, report }) {
    for (const { rule, at } of allAuthzRules(model)) {
      for (const field of ['sourceIps', 'notSourceIps'] as const) {
        for (const [index, text] of (rule[field] ?? []).entries()) {
          const parsed = parseCidr(text);
          if (parsed.ok) continue;
          report('invalid-source-ip', {
            at: refAt(at, field, index),
            message: parsed.reason,
            hint: 'write an IP address (10.1.2.3, 2001:db8::1) or a CIDR range (10.0.0.0/8, 2001:db8::/32)',
          });
        }
      }
    }
  },
};
