import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, checkRelated } from '../helpers.js';
import { duplicateCall } from '../../../src/validate/rules/duplicate-call.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(duplicateCall);

/** `web` calls whatever `calls` says (line 7); `cart` and `orders` are defined below it. */
const webCalls = (calls: string) => `
  apiVersion: meshc/v1
  services:
    web:
      protocol: http
      port: 8080
      versions: { v1: { endpoints: [10.0.0.1] } }
      ${calls}
    cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
    orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.3] } } }
`;

test('different callees are fine', () => {
  assert.deepEqual(check(webCalls('calls: [cart, orders]')), []);
});

test('two callers may call the same service', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [cart] }
        admin: { protocol: http, port: 8081, versions: { v1: { endpoints: [10.0.0.4] } }, calls: [cart] }
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
    `),
    [],
  );
});

test('the same callee in both notations is reported at the second entry, related to the first', () => {
  assert.deepEqual(checkRelated(webCalls('calls: [cart, { service: cart, localPort: 17070 }]')), ['duplicate-call@mesh.yaml:7:19 ~ mesh.yaml:7:13']);
});

test('a third entry is related to the first one', () => {
  assert.deepEqual(
    checkRelated(`
      apiVersion: meshc/v1
      services:
        web:
          protocol: http
          port: 8080
          versions: { v1: { endpoints: [10.0.0.1] } }
          calls:
            - { service: cart, localPort: 17070 }
            - orders
            - { service: cart, localPort: 17071 }
            - { service: cart, localPort: 17072 }
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
        orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.3] } } }
    `),
    ['duplicate-call@mesh.yaml:10:9 ~ mesh.yaml:8:9', 'duplicate-call@mesh.yaml:11:9 ~ mesh.yaml:8:9'],
  );
});

test('the same callee written twice is one mistake, reported once', () => {
  assert.deepEqual(check(webCalls('calls: [cart, orders, cart]')), ['duplicate-call@mesh.yaml:7:27']);
});
