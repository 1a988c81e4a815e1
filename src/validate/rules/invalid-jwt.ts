/** JWT providers have exactly one source of keys, and rules name providers that exist. */
import { privateJwkMembers } from '../../dsl/jwk.js';
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import { didYouMean } from '../../diagnostics/suggest.js';

export const invalidJwt: Rule = {
  id: 'invalid-jwt',
  scope: 'service',
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
        if (provider.jwksUri !== undefined) {
          const problem = jwksUriProblem(provider.jwksUri);
          if (problem) report('invalid-jwt', { at: refAt(at, 'providers', name, 'jwksUri'), ...problem });
        }
        if (provider.jwks !== undefined) {
          const problem = inlineJwksProblem(provider.jwks);
          if (problem) report('invalid-jwt', { at: refAt(at, 'providers', name, 'jwks'), ...problem });
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
 * Keys fetched over plain http can be replaced by anyone on the path, who could then sign any
 * token; only https is accepted.
 */
function jwksUriProblem(uri: string): { message: string; hint: string } | undefined {
  const port = /^[a-z]+:\/\/[^/:]+:([0-9]+)/.exec(uri)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return { message: `jwksUri port ${port} is not a TCP port (1-65535)`, hint: 'fix the port, or leave it out for 443' };
  }
  if (uri.startsWith('https://')) return undefined;
  return {
    message: 'jwksUri must be https: keys fetched over plain http can be replaced on the way, and then any token is accepted',
    hint: 'serve the JWKS over https (caFile names its CA when it is private), or paste the public keys inline with jwks',
  };
}

/**
 * Inline keys are copied into every sidecar's bootstrap: they must be a JWKS of public keys
 * only. A private key pasted there would be readable by everyone who can read the config.
 */
function inlineJwksProblem(text: string): { message: string; hint: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: 'jwks is not JSON', hint: 'give a JWKS document: {"keys": [ ... ]}' };
  }
  const keys = typeof parsed === 'object' && parsed !== null ? (parsed as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) return { message: 'jwks has no "keys" list', hint: 'give a JWKS document: {"keys": [ ... ]}' };
  for (const [i, key] of keys.entries()) {
    const members = privateJwkMembers(key);
    if (members.length > 0) {
      return {
        message: `jwks key ${i} holds private or secret key material (${members.join(', ')}); it would be copied into every sidecar's configuration`,
        hint: 'keep only the public members (kty, kid, use, alg, n, e, crv, x, y); rotate the key if it has been shared',
      };
    }
  }
  return undefined;
}

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
