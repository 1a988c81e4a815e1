import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, compileWithBase } from '../helpers.js';
import { invalidIp } from '../../../src/validate/rules/invalid-ip.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(invalidIp);

/** Service `cart`, version v1, with one endpoint per item: item i is on line 8 + i, its value at column 13. */
const endpoints = (...items: string[]) =>
  [
    'apiVersion: meshc/v1',
    'services:',
    '  cart:',
    '    protocol: http',
    '    port: 7070',
    '    versions:',
    '      v1:',
    '        endpoints:',
    ...items.map((item) => `          - ${item}`),
  ].join('\n');

test('IPv4 and IPv6 literals, with or without a port, in both notations', () => {
  assert.deepEqual(
    check(
      endpoints('10.0.0.1', '10.0.0.2:15006', 'fd00::1', '"[fd00::2]"', '"[fd00::3]:15006"', '{ address: 10.0.0.3, port: 9000 }', '{ address: "fd00::4", port: 9000, weight: 2 }'),
    ),
    [],
  );
});

test('a host name is reported at the endpoint and the hint points to dns', () => {
  const yaml = endpoints('10.0.0.1', 'cart-1.internal');
  assert.deepEqual(check(yaml), ['invalid-ip@mesh.yaml:10:13']);
  assert.match(compileWithBase(yaml).diagnostics[0]?.hint ?? '', /dns/);
});

test('an IPv4 address out of range', () => {
  assert.deepEqual(check(endpoints('10.0.0.256')), ['invalid-ip@mesh.yaml:9:13']);
});

test('a port out of range, zero, or not a number', () => {
  assert.deepEqual(check(endpoints('10.0.0.1:70000', '10.0.0.2:0', '10.0.0.3:http', '"[fd00::1]:99999"')), [
    'invalid-ip@mesh.yaml:9:13',
    'invalid-ip@mesh.yaml:10:13',
    'invalid-ip@mesh.yaml:11:13',
    'invalid-ip@mesh.yaml:12:13',
  ]);
});

test('in the object notation the address is reported', () => {
  assert.deepEqual(check(endpoints('{ address: cart-1.internal, port: 9000 }')), ['invalid-ip@mesh.yaml:9:24']);
});

test('in the object notation a port or brackets inside the address are refused', () => {
  assert.deepEqual(check(endpoints('{ address: "10.0.0.1:9000" }', '{ address: "[fd00::1]" }')), ['invalid-ip@mesh.yaml:9:24', 'invalid-ip@mesh.yaml:10:24']);
});

test('endpoints of every version are checked', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        cart:
          protocol: http
          port: 7070
          routes: [{ to: v1 }]
          versions:
            v1: { endpoints: [10.0.0.1] }
            v2: { endpoints: [10.0.0.2, localhost] }
    `),
    ['invalid-ip@mesh.yaml:9:35'],
  );
});
