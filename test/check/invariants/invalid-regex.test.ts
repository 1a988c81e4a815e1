import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE } from '../helpers.js';
import { re2CompileError } from '../../../src/envoy/re2.js';

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

test('thousands of distinct valid regexes fit: re2-wasm\u2019s fixed 16 MiB heap is not filled by compiled programs', () => {
  // Kept compiled, about 2,700 patterns like these exhausted the heap and every later one was "invalid".
  for (let i = 0; i < 4000; i++) {
    assert.equal(re2CompileError(`^/api/v${i}/(users|orders|items)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}$`), undefined, `pattern ${i}`);
  }
  assert.match(re2CompileError('(?=x)') ?? '', /invalid perl operator|missing argument|look/i);
});
