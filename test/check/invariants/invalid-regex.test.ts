import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE } from '../helpers.js';

const routes = (regex: string) => ({
  name: 'r',
  virtual_hosts: [{ name: 'v', domains: ['*'], routes: [{ match: { safe_regex: { regex } }, direct_response: { status: 200 } }] }],
});

test('RE2 refuses look-around, back-references and dangling repetition', () => {
  for (const regex of ['(?!admin)/.*', '(a)\\1', '*.example.com']) {
    assert.deepEqual(check(TYPE.route, routes(regex)), ['envoy-invalid-regex@virtual_hosts[0].routes[0].match.safe_regex.regex'], regex);
  }
});

test('RE2 syntax that JavaScript lacks is fine', () => {
  assert.deepEqual(check(TYPE.route, routes('(?i)^/api/\\pL+$')), []);
  assert.deepEqual(check(TYPE.route, routes('^/(?P<id>[0-9]+)$')), []);
});

test('regexes in header matchers and string matchers are checked too', () => {
  const r = routes('/');
  r.virtual_hosts[0]!.routes[0]!.match = { prefix: '/', headers: [{ name: 'x', string_match: { safe_regex: { regex: '(' } } }] } as never;
  assert.deepEqual(check(TYPE.route, r), ['envoy-invalid-regex@virtual_hosts[0].routes[0].match.headers[0].string_match.safe_regex.regex']);
});
