import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkRelated } from '../helpers.js';

/**
 * `web` (port 8080) calls whatever `calls` says, on line 7. `cart` and `orders` share port 7070;
 * `search` has web's own port 8080.
 */
const webCalls = (calls: string) => `
  apiVersion: meshc/v1
  services:
    web:
      protocol: http
      port: 8080
      versions: { v1: { endpoints: [10.0.0.1] } }
      calls: ${calls}
    cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
    orders: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.3] } } }
    search: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.4] } } }
`;

test('callees on different ports are fine', () => {
  assert.deepEqual(check(webCalls('[cart]')), []);
});

test('two callees on one port: the second is reported, related to the first', () => {
  assert.deepEqual(checkRelated(webCalls('[cart, orders]')), ['local-port-conflict@mesh.yaml:7:19 ~ mesh.yaml:7:13']);
});

test("a callee on the caller's own port: related to the caller's port", () => {
  assert.deepEqual(checkRelated(webCalls('[search]')), ['local-port-conflict@mesh.yaml:7:13 ~ mesh.yaml:5:11']);
});

test('a localPort resolves either conflict', () => {
  assert.deepEqual(check(webCalls('[cart, { service: orders, localPort: 17070 }]')), []);
  assert.deepEqual(check(webCalls('[{ service: search, localPort: 18080 }]')), []);
});

test("a localPort can itself collide with the caller's port or another callee's", () => {
  assert.deepEqual(checkRelated(webCalls('[{ service: cart, localPort: 8080 }]')), ['local-port-conflict@mesh.yaml:7:13 ~ mesh.yaml:5:11']);
  assert.deepEqual(checkRelated(webCalls('[orders, { service: search, localPort: 7070 }]')), ['local-port-conflict@mesh.yaml:7:21 ~ mesh.yaml:7:13']);
});

test('two localPorts on one port', () => {
  assert.deepEqual(check(webCalls('[{ service: cart, localPort: 17070 }, { service: orders, localPort: 17070 }]')), ['local-port-conflict@mesh.yaml:7:50']);
});

test('every further call on a taken port is reported against the first one', () => {
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        web:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] } }
          calls:
            - cart
            - orders
            - payments
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
        orders: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.3] } } }
        payments: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.5] } } }
    `),
    ['local-port-conflict@mesh.yaml:9:9 ~ mesh.yaml:8:9', 'local-port-conflict@mesh.yaml:10:9 ~ mesh.yaml:8:9'],
  );
});

test('ports are per caller: two callers may each use port 7070 for a different callee', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [cart] }
        admin: { protocol: http, port: 8081, versions: { v1: { endpoints: [10.0.0.6] } }, calls: [orders] }
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
        orders: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.3] } } }
    `),
    [],
  );
});

test('a service calling itself collides with its own port', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        web:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] } }
          calls: [web]
    `),
    ['local-port-conflict@mesh.yaml:7:13'],
  );
});

test('an unknown callee has no port to collide with', () => {
  assert.deepEqual(check(webCalls('[cart, ordres]')), ['unknown-service@mesh.yaml:7:19']);
});
