import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, compileWithBase } from '../helpers.js';
import { invalidHostname } from '../../../src/validate/rules/invalid-hostname.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(invalidHostname);

/** Service `cart` whose version v1 has `dns: <dns>` on line 7, the value at column 18. */
const dns = (value: string) => `
  apiVersion: meshc/v1
  services:
    cart:
      protocol: http
      port: 7070
      versions:
        v1: { dns: ${value} }
`;

test('host names, with or without a port, are fine', () => {
  for (const value of ['cart.internal', 'cart.internal:8443', 'cart', 'Cart.Internal', 'cart.internal.', 'x-1.eu.example']) {
    assert.deepEqual(check(dns(value)), [], value);
  }
});

test('an IP literal is reported at the value and pointed to endpoints', () => {
  for (const value of ['10.0.0.9', '"fd00::1"', '"[fd00::1]:8080"', '10.0.0.9:8080']) {
    assert.deepEqual(check(dns(value)), ['invalid-hostname@mesh.yaml:7:18'], value);
  }
  assert.match(compileWithBase(dns('10.0.0.9')).diagnostics[0]?.message ?? '', /endpoints/);
});

test('characters a host name cannot have', () => {
  for (const value of ['cart_internal', '"cart internal"', '-cart.internal', 'cart..internal', '""']) {
    assert.deepEqual(check(dns(value)), ['invalid-hostname@mesh.yaml:7:18'], value);
  }
});

test('a label longer than 63 characters', () => {
  assert.deepEqual(check(dns(`${'a'.repeat(63)}.internal`)), []);
  assert.deepEqual(check(dns(`${'a'.repeat(64)}.internal`)), ['invalid-hostname@mesh.yaml:7:18']);
});

test('a bad port', () => {
  for (const value of ['cart.internal:0', 'cart.internal:65536', 'cart.internal:https']) {
    assert.deepEqual(check(dns(value)), ['invalid-hostname@mesh.yaml:7:18'], value);
  }
});

test('a URL is reported', () => {
  assert.deepEqual(check(dns('"http://cart.internal"')), ['invalid-hostname@mesh.yaml:7:18']);
  assert.deepEqual(check(dns('"https://cart.internal:8443"')), ['invalid-hostname@mesh.yaml:7:18']);
});

test('a URL is called a URL, not a bad port', () => {
  const message = compileWithBase(dns('"http://cart.internal"')).diagnostics[0]?.message ?? '';
  assert.doesNotMatch(message, /port/);
});
