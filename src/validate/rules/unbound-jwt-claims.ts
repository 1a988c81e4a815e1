/**
 * Every provider's verified token carries claims, and a token from one issuer must not satisfy a
 * rule written for another: with several providers, a rule with `claims` says whose token they
 * are read from (`claimsFrom`), and that provider must exist. With one provider it is implied.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { allAuthzRules } from '../walk.js';

export const unboundJwtClaims: Rule = {
  id: 'unbound-jwt-claims',
  scope: 'service',
  check({ model, report }) {
    for (const { service, rule, at } of allAuthzRules(model)) {
      const providers = Object.keys(service.spec.jwt?.providers ?? {});
      if (rule.claimsFrom !== undefined) {
        if (providers.includes(rule.claimsFrom)) continue;
        report('unbound-jwt-claims', {
          at: refAt(at, 'claimsFrom'),
          message: `jwt provider "${rule.claimsFrom}" is not defined on "${service.name}"`,
          hint: didYouMean(rule.claimsFrom, providers) ?? (providers.length > 0 ? `defined providers: ${providers.join(', ')}` : 'add `jwt` to the service'),
        });
      } else if (providers.length > 1 && Object.keys(rule.claims ?? {}).length > 0) {
        report('unbound-jwt-claims', {
          at: refAt(at, 'claims'),
          target: 'key',
          message: `"${service.name}" accepts tokens from ${providers.join(', ')}; these claims would be met by a token from any of them`,
          hint: `say whose token they are read from: claimsFrom: ${providers[0] ?? ''}`,
        });
      }
    }
  },
};
