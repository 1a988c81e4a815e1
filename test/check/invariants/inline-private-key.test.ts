/**
 * Envoy loads key material written inline (DataSource inline_string / inline_bytes, see
 * source/common/config/datasource.cc); the checker refuses it in TLS certificates, PKCS#12
 * bundles, generic secrets, and private members of an inline JWKS, as meshc never writes any,
 * except in a Secret that is a resource of its own (what SDS delivers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers.js';

const SECRET = 'envoy.extensions.transport_sockets.tls.v3.Secret';
const JWT = 'envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication';
const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n';

const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';
/** A bootstrap whose static secret holds `tls`: the config file itself carries what is in it. */
const staticSecret = (secret: Record<string, unknown>) => ({ node: { id: 'n', cluster: 'c' }, static_resources: { secrets: [{ name: 'id', ...secret }] } });
const AT = 'static_resources.secrets[0]';

test('a private key inline in a bootstrap, as a string or as bytes, is refused at the inline field', () => {
  const withKey = (privateKey: Record<string, string>) => staticSecret({ tls_certificate: { certificate_chain: { filename: '/c.pem' }, private_key: privateKey } });
  assert.deepEqual(check(BOOTSTRAP, withKey({ inline_string: PEM })), [`inline-private-key@${AT}.tls_certificate.private_key.inline_string`]);
  assert.deepEqual(check(BOOTSTRAP, withKey({ inline_bytes: Buffer.from(PEM).toString('base64') })), [`inline-private-key@${AT}.tls_certificate.private_key.inline_bytes`]);
  assert.deepEqual(check(BOOTSTRAP, withKey({ filename: '/etc/envoy/key.pem' })), []);
});

test('an inline PKCS#12 bundle and an inline generic secret are refused too', () => {
  assert.deepEqual(check(BOOTSTRAP, staticSecret({ tls_certificate: { pkcs12: { inline_bytes: 'AAAA' } } })), [`inline-private-key@${AT}.tls_certificate.pkcs12.inline_bytes`]);
  assert.deepEqual(check(BOOTSTRAP, staticSecret({ generic_secret: { secret: { inline_string: 'hunter2' } } })), [`inline-private-key@${AT}.generic_secret.secret.inline_string`]);
});

test('a Secret that is a resource of its own is how SDS delivers a key: inline is what it is for', () => {
  const secret = { name: 'id', tls_certificate: { certificate_chain: { inline_string: 'x' }, private_key: { inline_string: PEM } } };
  assert.deepEqual(check(SECRET, secret), []);
  const response = { version_info: '1', type_url: `type.googleapis.com/${SECRET}`, resources: [{ '@type': `type.googleapis.com/${SECRET}`, ...secret }] };
  assert.deepEqual(check('envoy.service.discovery.v3.DiscoveryResponse', response), []);
});

test('an inline JWKS may hold public keys only', () => {
  const jwt = (key: Record<string, string>) => ({
    providers: { p: { issuer: 'i', local_jwks: { inline_string: JSON.stringify({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, key] }) } } },
  });
  assert.deepEqual(check(JWT, jwt({ kty: 'oct', k: 'c2VjcmV0' })), ['inline-private-key@providers.p.local_jwks.inline_string']);
  assert.deepEqual(check(JWT, jwt({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', d: 'AA' })), ['inline-private-key@providers.p.local_jwks.inline_string']);
  assert.deepEqual(check(JWT, jwt({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' })), []);
});
