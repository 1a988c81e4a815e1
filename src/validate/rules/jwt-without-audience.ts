/**
 * An issuer signs tokens for many applications; a provider without `audiences` accepts a token
 * minted for any of them (the JWT filter checks `aud` only against a list it is given), so a
 * token for another app of the same issuer gets in.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

export const jwtWithoutAudience: Rule = {
  id: 'jwt-without-audience',
  scope: 'service',
  check({ model, report }) {
    for (const service of model.services) {
      for (const [name, provider] of Object.entries(service.spec.jwt?.providers ?? {})) {
        if (provider.audiences !== undefined) continue;
        report('jwt-without-audience', {
          at: refAt(service.at, 'jwt', 'providers', name),
          target: 'key',
          message: `provider "${name}" of "${service.name}" accepts tokens ${provider.issuer} issued for any audience`,
          hint: `list the audiences this service accepts: audiences: [${service.name}]`,
        });
      }
    }
  },
};
