/** JWT providers have exactly one source of keys, and rules name providers that exist. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { didYouMean } from '../../diagnostics/suggest.js';

export const invalidJwt: Rule = {
  id: 'invalid-jwt',
  check({ model, report }) {
    for (const service of model.services) {
      const jwt = service.spec.jwt;
      if (!jwt) continue;
      const at = refAt(service.at, 'jwt');
      const names = Object.keys(jwt.providers);
      if (names.length === 0) {
        report('invalid-jwt', { at: refAt(at, 'providers'), target: 'key', message: 'jwt needs at least one provider' });
      }
      for (const [name, provider] of Object.entries(jwt.providers)) {
        const keys = [provider.jwksUri, provider.jwks].filter((k) => k !== undefined).length;
        if (keys !== 1) {
          report('invalid-jwt', {
            at: refAt(at, 'providers', name),
            target: 'key',
            message: keys === 0 ? `provider "${name}" has no signing keys` : `provider "${name}" gives both jwksUri and jwks`,
            hint: 'give exactly one of jwksUri (fetched) or jwks (inline)',
          });
        }
        for (const [claim, header] of Object.entries(provider.forwardClaims ?? {})) {
          if (!isReservedHeader(header)) continue;
          report('invalid-jwt', {
            at: refAt(at, 'providers', name, 'forwardClaims', claim),
            message: `claim "${claim}" cannot be forwarded as ${header}: the sidecar relies on that header itself`,
            hint: 'forward claims into headers of your own, such as x-user-id',
          });
        }
        if (provider.jwksUri === undefined && provider.caFile !== undefined) {
          report('invalid-jwt', { at: refAt(at, 'providers', name, 'caFile'), target: 'key', message: 'caFile only applies to a jwksUri' });
        }
      }
      (jwt.rules ?? []).forEach((rule, index) => {
        const required = rule.requires === undefined ? [] : Array.isArray(rule.requires) ? rule.requires : [rule.requires];
        required.forEach((provider, k) => {
          if (names.includes(provider)) return;
          const requiresAt = refAt(at, 'rules', index, 'requires');
          report('invalid-jwt', {
            at: Array.isArray(rule.requires) ? refAt(requiresAt, k) : requiresAt,
            message: `jwt provider "${provider}" is not defined`,
            hint: didYouMean(provider, names) ?? `defined providers: ${names.join(', ')}`,
          });
        });
      });
    }
  },
};

/**
 * Headers the sidecar reads or sets: forwarding a claim into one would strip the token before
 * it is verified (authorization), or let a token impersonate what the sidecar vouches for.
 */
const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'host',
  'cookie',
  'x-forwarded-client-cert',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-request-id',
  'traceparent',
  'tracestate',
  'b3',
  'content-length',
  'transfer-encoding',
  'connection',
  'te',
  'upgrade',
]);

function isReservedHeader(header: string): boolean {
  const name = header.toLowerCase();
  return name.startsWith(':') || name.startsWith('x-envoy-') || name.startsWith('x-b3-') || RESERVED_HEADERS.has(name);
}
