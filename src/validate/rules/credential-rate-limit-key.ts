/**
 * A global rate-limit key travels to the rate-limit service in every descriptor, and that
 * service logs and stores its keys: a credential used as one (a bearer token, a session
 * cookie) would be copied out of the request to a place that was never meant to hold it.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { allRateLimits } from '../walk.js';

/** Headers that carry a credential themselves (RFC 9110 §11.6, RFC 6265). */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

export const credentialRateLimitKey: Rule = {
  id: 'credential-rate-limit-key',
  scope: 'service',
  check({ model, report }) {
    for (const { limit, at } of allRateLimits(model)) {
      for (const [i, by] of (limit.global?.by ?? []).entries()) {
        if (!('header' in by) || !CREDENTIAL_HEADERS.has(by.header.toLowerCase())) continue;
        report('credential-rate-limit-key', {
          at: refAt(at, 'global', 'by', i, 'header'),
          message: `"${by.header}" carries a credential; as a rate-limit key it would be sent to and kept by the rate-limit service`,
          hint: 'count by who the caller is instead: forward a JWT claim to a header (jwt.providers.<name>.forwardClaims) and count by that header',
        });
      }
    }
  },
};
