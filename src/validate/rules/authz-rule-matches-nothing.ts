/**
 * A rule that no request can meet is a mistake: an allow rule waiting to deny traffic, a deny
 * rule that protects nothing. An empty list of callers, methods or paths; methods other than POST
 * on a gRPC service; claims on a service without JWT authentication.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allAuthzRules } from '../walk.js';

const LISTS = ['from', 'sourceIps', 'methods', 'paths'] as const;

export const authzRuleMatchesNothing: Rule = {
  id: 'authz-rule-matches-nothing',
  scope: 'service',
  check({ model, report }) {
    for (const { service, rule, list, at } of allAuthzRules(model)) {
      for (const field of LISTS) {
        if (rule[field]?.length === 0) {
          report('authz-rule-matches-nothing', {
            at: refAt(at, field),
            target: 'key',
            message: `an empty \`${field}\` list matches no request`,
            hint: `remove \`${field}\` to match any, or list what is ${list === 'allow' ? 'allowed' : 'denied'}`,
          });
        }
      }
      if (service.spec.protocol === 'grpc' && rule.methods && rule.methods.length > 0 && !rule.methods.includes('POST')) {
        report('authz-rule-matches-nothing', {
          at: refAt(at, 'methods'),
          target: 'key',
          message: `gRPC requests are always POST, so a rule ${list === 'allow' ? 'allowing' : 'denying'} only ${rule.methods.join(', ')} never matches on "${service.name}"`,
          hint: 'authorize gRPC calls by path: paths: ["/package.Service/Method"] or ["/package.Service/*"]',
        });
      }
      if (rule.claims && Object.keys(rule.claims).length > 0 && !service.spec.jwt) {
        report('authz-rule-matches-nothing', {
          at: refAt(at, 'claims'),
          target: 'key',
          message: `"${service.name}" does not authenticate end users, so no request carries JWT claims`,
          hint: 'add `jwt` to the service, or remove `claims`',
        });
      }
    }
  },
};
