import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkRelated } from '../helpers.js';
import { diagnose } from '../../helpers/diagnose.js';

/** Service `cart` (routing to v1) with one version per line from line 8, at column 7. */
const cart = (...versions: string[]) =>
  ['apiVersion: meshc/v1', 'services:', '  cart:', '    protocol: http', '    port: 7070', '    routes: [{ to: v1 }]', '    versions:', ...versions.map((v) => `      ${v}`)].join(
    '\n',
  );

test('different addresses, or one address on different ports, are fine', () => {
  assert.deepEqual(check(cart('v1: { endpoints: [10.0.0.1, 10.0.0.2, "10.0.0.1:9000"] }', 'v2: { endpoints: [10.0.0.3] }')), []);
});

test('the same ip:port in two services is refused: both would expect their own sidecar there', () => {
  const mesh = (orders: string) => `
      apiVersion: meshc/v1
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
        orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [${orders}] } } }
    `;
  assert.deepEqual(checkRelated(mesh('10.0.0.1')), ['duplicate-endpoint@mesh.yaml:4:71 ~ mesh.yaml:3:69']);
  assert.deepEqual(checkRelated(mesh('"10.0.0.1:15006"')), ['duplicate-endpoint@mesh.yaml:4:71 ~ mesh.yaml:3:69'], 'the default sidecar port, written out');
  assert.deepEqual(check(mesh('"10.0.0.1:16000"')), [], 'another sidecar port on the same host is another sidecar');
});

test('an address twice in one version: reported at the second, related to the first', () => {
  assert.deepEqual(checkRelated(cart('v1: { endpoints: [10.0.0.1, 10.0.0.1] }')), ['duplicate-endpoint@mesh.yaml:8:35 ~ mesh.yaml:8:25']);
});

test('an address in two versions', () => {
  assert.deepEqual(checkRelated(cart('v1: { endpoints: [10.0.0.1] }', 'v2: { endpoints: [10.0.0.2, 10.0.0.1] }')), ['duplicate-endpoint@mesh.yaml:9:35 ~ mesh.yaml:8:25']);
});

test('no port means the inbound port, 15006 by default', () => {
  assert.deepEqual(check(cart('v1: { endpoints: [10.0.0.1, "10.0.0.1:15006"] }')), ['duplicate-endpoint@mesh.yaml:8:35']);
});

test('the string and object notations name the same endpoint', () => {
  assert.deepEqual(check(cart('v1: { endpoints: ["10.0.0.1:9000", { address: 10.0.0.1, port: 9000 }] }')), ['duplicate-endpoint@mesh.yaml:8:42']);
});

test('bracketed and bare IPv6 name the same endpoint', () => {
  assert.deepEqual(check(cart('v1: { endpoints: ["fd00::1", "[fd00::1]:15006"] }')), ['duplicate-endpoint@mesh.yaml:8:36']);
});

test('with a custom inbound port, an address without port equals that port', () => {
  const mesh = (endpoints: string) => `
    apiVersion: meshc/v1
    mesh: { name: shop, trustDomain: shop.example, mtls: off, sidecar: { inboundPort: 15001 } }
    services:
      cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [${endpoints}] } } }
  `;
  assert.deepEqual(diagnose(mesh('10.0.0.1, "10.0.0.1:15006"')), []);
  assert.deepEqual(diagnose(mesh('10.0.0.1, "10.0.0.1:15001"')), ['duplicate-endpoint@mesh.yaml:4:79']);
});

test('invalid endpoints are left to invalid-ip', () => {
  assert.deepEqual(check(cart('v1: { endpoints: [cart.internal, cart.internal] }')), ['invalid-ip@mesh.yaml:8:25', 'invalid-ip@mesh.yaml:8:40']);
});
