/**
 * Envoy loads a private key written into the config itself (`inline_string`, `inline_bytes`), but
 * then the key is in every copy of the file: in version control, CI logs, config dumps kept by
 * tooling. Refused, as meshc never writes one: keys belong in a file (`filename`) or SDS. A
 * Secret that is a resource of its own (an SDS response, an SDS file) is how SDS delivers a key,
 * and may hold it inline. A JWKS inline in jwt_authn may hold public keys only; a private or
 * symmetric member there would let anyone who reads the config sign tokens.
 */
import { jwksKeys, privateJwkMembers } from '../../dsl/jwk.js';
import { record, text, TYPES, type Invariant } from './context.js';

const TLS_CERTIFICATE = 'envoy.extensions.transport_sockets.tls.v3.TlsCertificate';
const GENERIC_SECRET = 'envoy.extensions.transport_sockets.tls.v3.GenericSecret';
const JWT_PROVIDER = 'envoy.extensions.filters.http.jwt_authn.v3.JwtProvider';
const INLINE = ['inline_string', 'inline_bytes'] as const;

/** Message type → its fields that hold key material as a DataSource. */
const KEY_FIELDS: readonly (readonly [type: string, field: string])[] = [
  [TLS_CERTIFICATE, 'private_key'],
  [TLS_CERTIFICATE, 'pkcs12'],
  [GENERIC_SECRET, 'secret'],
];

export const inlinePrivateKey: Invariant = {
  names: ['inline-private-key'],
  check(ctx) {
    const delivered = new Set(ctx.resources(TYPES.secret));
    for (const [type, field] of KEY_FIELDS) {
      for (const instance of ctx.of(type)) {
        const secret = ctx.index.ancestor(instance.path, TYPES.secret);
        if (secret !== undefined && delivered.has(secret)) continue;
        const source = record(instance.value[field]);
        const inline = INLINE.find((k) => source?.[k] !== undefined);
        if (inline === undefined) continue;
        ctx.report('inline-private-key', instance, [field, inline], `${field} is written into the configuration; keep key material out of it (a file, or SDS)`);
      }
    }
    for (const provider of ctx.of(JWT_PROVIDER)) {
      const jwks = text(record(provider.value['local_jwks'])?.['inline_string']);
      const keys = jwks === undefined ? undefined : jwksKeys(jwks);
      const i = keys?.findIndex((key) => privateJwkMembers(key).length > 0) ?? -1;
      if (keys === undefined || i === -1) continue;
      const members = privateJwkMembers(keys[i]).join(', ');
      ctx.report(
        'inline-private-key',
        provider,
        ['local_jwks', 'inline_string'],
        `inline JWKS key ${i} holds private or secret members (${members}): whoever reads the config can sign tokens`,
      );
    }
  },
};
