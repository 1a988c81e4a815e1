import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule } from '../helpers.js';
import { invalidLoadBalancer } from '../../../src/validate/rules/invalid-load-balancer.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(invalidLoadBalancer);

/** Service `cart` with `loadBalancer: <lb>` on line 6; the value starts at column 19. */
const cart = (lb: string) => `
  apiVersion: meshc/v1
  services:
    cart:
      protocol: http
      port: 7070
      loadBalancer: ${lb}
      versions: { v1: { endpoints: [10.0.0.1] } }
`;

test('policies without hashing, and hashing policies with one key, are fine', () => {
  for (const lb of [
    'round-robin',
    'least-request',
    'random',
    '{ policy: least-request }',
    '{ policy: ring-hash, hashOn: { header: x-user-id } }',
    '{ policy: ring-hash, hashOn: { sourceIp: true }, minRingSize: 1024 }',
    '{ policy: ring-hash, hashOn: { queryParameter: user } }',
    '{ policy: maglev, hashOn: { cookie: { name: sid, ttl: 1h } } }',
  ]) {
    assert.deepEqual(check(cart(lb)), [], lb);
  }
});

test('ring-hash or maglev written as a plain policy name is reported at the value', () => {
  assert.deepEqual(check(cart('ring-hash')), ['invalid-load-balancer@mesh.yaml:6:19']);
  assert.deepEqual(check(cart('maglev')), ['invalid-load-balancer@mesh.yaml:6:19']);
});

test('a hashing policy without a key, or with an empty hashOn, is reported at policy', () => {
  assert.deepEqual(check(cart('{ policy: ring-hash }')), ['invalid-load-balancer@mesh.yaml:6:21']);
  assert.deepEqual(check(cart('{ policy: ring-hash, hashOn: {} }')), ['invalid-load-balancer@mesh.yaml:6:21']);
});

test('two hash keys are reported at hashOn', () => {
  assert.deepEqual(check(cart('{ policy: maglev, hashOn: { header: x-user, sourceIp: true } }')), ['invalid-load-balancer@mesh.yaml:6:37']);
});

test('hashOn or minRingSize with a policy that does not hash', () => {
  assert.deepEqual(check(cart('{ policy: round-robin, hashOn: { header: x-user } }')), ['invalid-load-balancer@mesh.yaml:6:42']);
  assert.deepEqual(check(cart('{ policy: least-request, minRingSize: 1024 }')), ['invalid-load-balancer@mesh.yaml:6:44']);
  assert.deepEqual(check(cart('{ policy: random, hashOn: { sourceIp: true }, minRingSize: 1024 }')), ['invalid-load-balancer@mesh.yaml:6:37']);
});

test('minRingSize with maglev', () => {
  assert.deepEqual(check(cart('{ policy: maglev, hashOn: { sourceIp: true }, minRingSize: 1024 }')), ['invalid-load-balancer@mesh.yaml:6:65']);
  assert.deepEqual(check(cart('{ policy: maglev, minRingSize: 1024 }')), ['invalid-load-balancer@mesh.yaml:6:21', 'invalid-load-balancer@mesh.yaml:6:37']);
});

test('a load balancer in defaults is checked once, where it is written', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      defaults: { loadBalancer: ring-hash }
      services:
        cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.1] } } }
        orders: { protocol: http, port: 7071, versions: { v1: { endpoints: [10.0.0.2] } } }
    `),
    ['invalid-load-balancer@mesh.yaml:2:27'],
  );
});
