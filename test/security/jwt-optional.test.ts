/**
 * Optional tokens (jwt.rules[].optional, Istio's RequestAuthentication): through the emitted
 * inbound listener as Envoy runs it, a request without a token passes the JWT filter and authz
 * decides; a token sent must be valid, one from another issuer is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { admit, compileMesh, spiffe } from './helpers.js';

const TD = 'shop.example';
const GATEWAY = { principal: spiffe(TD, 'gateway'), path: '/catalog/items' };

const catalog = compileMesh(
  stringify({
    apiVersion: 'meshc/v1',
    mesh: { name: 'shop', trustDomain: TD },
    services: {
      gateway: { protocol: 'http', port: 8090, versions: { v1: { endpoints: ['10.40.0.20'] } }, calls: ['catalog'] },
      catalog: {
        protocol: 'http',
        port: 9000,
        versions: { v1: { endpoints: ['10.40.1.10'] } },
        jwt: { providers: { shop: { issuer: 'shop-idp', jwks: '{"keys":[]}' } }, rules: [{ paths: ['/catalog/*'], optional: true }, { paths: ['/orders/*'] }] },
        authz: [
          { from: ['gateway'], paths: ['/catalog/items'] },
          { from: ['gateway'], paths: ['/catalog/vip/*'], claims: { tier: 'gold' } },
        ],
      },
    },
  }),
).bootstrap('catalog');

test('without a token an optional path passes authentication, and authz decides', () => {
  assert.equal(admit(catalog, GATEWAY), 'allowed');
  assert.equal(admit(catalog, { ...GATEWAY, path: '/orders/1' }), 'unauthenticated', 'a required path still needs one');
});

test('a token sent must be valid: another issuer\u2019s is refused, a valid one\u2019s claims reach authz', () => {
  assert.equal(admit(catalog, { ...GATEWAY, jwt: { iss: 'other-idp' } }), 'unauthenticated');
  assert.equal(admit(catalog, { ...GATEWAY, jwt: { iss: 'shop-idp', tier: 'gold' } }), 'allowed');
  const vip = { ...GATEWAY, path: '/catalog/vip/offers' };
  assert.equal(admit(catalog, vip), 'forbidden', 'no token: no claims for the gold rule');
  assert.equal(admit(catalog, { ...vip, jwt: { iss: 'shop-idp', tier: 'silver' } }), 'forbidden');
  assert.equal(admit(catalog, { ...vip, jwt: { iss: 'shop-idp', tier: 'gold' } }), 'allowed');
});
