import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule } from '../helpers.js';
import { invalidHealthCheck } from '../../../src/validate/rules/invalid-health-check.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(invalidHealthCheck);

/** Service `cart` speaking `protocol`, with `healthCheck: <hc>` on line 6 (first key of a flow map at column 20). */
const cart = (protocol: string, hc: string) => `
  apiVersion: meshc/v1
  services:
    cart:
      protocol: ${protocol}
      port: 7070
      healthCheck: ${hc}
      versions: { v1: { endpoints: [10.0.0.1] } }
`;

test('checks that fit the protocol are fine', () => {
  for (const [protocol, hc] of [
    ['http', '{ path: /ready }'],
    ['http', '{ type: tcp }'],
    ['grpc', '{ grpcService: cart.v1.Cart }'],
    ['grpc', '{ type: http, path: /healthz }'],
    ['http2', '{ type: grpc, grpcService: cart.v1.Cart }'],
    ['tcp', '{ interval: 5s, timeout: 4s }'],
    ['http', '{ timeout: 9s }'],
    ['http', '{ interval: 2s }'],
  ] as const) {
    assert.deepEqual(check(cart(protocol, hc)), [], `${protocol} ${hc}`);
  }
});

test('a grpc check on an http service is reported at the type value', () => {
  assert.deepEqual(check(cart('http', '{ type: grpc }')), ['invalid-health-check@mesh.yaml:6:26']);
});

test('a grpc check on an http service that also sets path gets both reports', () => {
  assert.deepEqual(check(cart('http', '{ type: grpc, path: /healthz }')), ['invalid-health-check@mesh.yaml:6:26', 'invalid-health-check@mesh.yaml:6:32']);
});

test('path on a check that is not http (written or inferred) is reported at the path key', () => {
  assert.deepEqual(check(cart('grpc', '{ path: /healthz }')), ['invalid-health-check@mesh.yaml:6:20']);
  assert.deepEqual(check(cart('tcp', '{ path: /healthz }')), ['invalid-health-check@mesh.yaml:6:20']);
  assert.deepEqual(check(cart('http', '{ path: /healthz, type: tcp }')), ['invalid-health-check@mesh.yaml:6:20']);
});

test('grpcService on a check that is not grpc is reported at the grpcService key', () => {
  assert.deepEqual(check(cart('http', '{ grpcService: cart.v1.Cart }')), ['invalid-health-check@mesh.yaml:6:20']);
  assert.deepEqual(check(cart('tcp', '{ grpcService: cart.v1.Cart }')), ['invalid-health-check@mesh.yaml:6:20']);
  assert.deepEqual(check(cart('grpc', '{ grpcService: cart.v1.Cart, type: http }')), ['invalid-health-check@mesh.yaml:6:20']);
});

test('a timeout not shorter than the interval is reported at the healthCheck key, built-in values included', () => {
  assert.deepEqual(check(cart('http', '{ interval: 5s, timeout: 5s }')), ['invalid-health-check@mesh.yaml:6:5']);
  assert.deepEqual(check(cart('http', '{ timeout: 10s }')), ['invalid-health-check@mesh.yaml:6:5']);
  assert.deepEqual(check(cart('http', '{ interval: 1s }')), ['invalid-health-check@mesh.yaml:6:5']);
  assert.deepEqual(check(cart('tcp', '{ interval: 500ms }')), ['invalid-health-check@mesh.yaml:6:5']);
});

test('a timing problem coming from defaults is reported at defaults.healthCheck', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      defaults: { healthCheck: { interval: 5s, timeout: 5s } }
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    ['invalid-health-check@mesh.yaml:2:13'],
  );
});

test('a service fixing the defaults\u2019 timing is fine; the others are still reported', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      defaults: { healthCheck: { interval: 5s, timeout: 5s } }
      services:
        cart: { protocol: http, port: 7070, healthCheck: { timeout: 1s }, versions: { v1: { endpoints: [10.0.0.1] } } }
        orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.2] } } }
    `),
    ['invalid-health-check@mesh.yaml:2:13'],
  );
});

test('a timing problem in defaults is one mistake, reported once however many services inherit it', () => {
  assert.deepEqual(
    check(`
        apiVersion: meshc/v1
        defaults: { healthCheck: { interval: 5s, timeout: 5s } }
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
          orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.2] } } }
      `),
    ['invalid-health-check@mesh.yaml:2:13'],
  );
});

test('a timing problem is reported where the timing is written, not at a service check that only sets path', () => {
  assert.deepEqual(
    check(`
        apiVersion: meshc/v1
        defaults:
          healthCheck: { interval: 2s, timeout: 3s }
        services:
          cart: { protocol: http, port: 7070, healthCheck: { path: /ready }, versions: { v1: { endpoints: [10.0.0.1] } } }
      `),
    ['invalid-health-check@mesh.yaml:3:3'],
  );
});

test('a grpc check inherited from defaults is reported for an http service', () => {
  assert.deepEqual(
    check(`
        apiVersion: meshc/v1
        defaults: { healthCheck: { type: grpc } }
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
      `),
    ['invalid-health-check@mesh.yaml:2:34'],
  );
});
