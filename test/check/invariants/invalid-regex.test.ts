import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE } from '../helpers.js';
import { re2CompileError } from '../../../src/regex/re2.js';

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
  const route = r.virtual_hosts[0]?.routes[0];
  assert.ok(route);
  route.match = { prefix: '/', headers: [{ name: 'x', string_match: { safe_regex: { regex: '(' } } }] } as never;
  assert.deepEqual(check(TYPE.route, r), ['envoy-invalid-regex@virtual_hosts[0].routes[0].match.headers[0].string_match.safe_regex.regex']);
});

test('thousands of distinct valid regexes fit: re2-wasm\u2019s fixed 16 MiB heap is not filled by compiled programs', () => {
  // Kept compiled, about 2,700 patterns like these exhausted the heap and every later one was "invalid".
  for (let i = 0; i < 4000; i++) {
    assert.equal(re2CompileError(`^/api/v${i}/(users|orders|items)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}$`), undefined, `pattern ${i}`);
  }
  assert.match(re2CompileError('(?=x)') ?? '', /invalid perl operator|missing argument|look/i);
});

test('a regex whose RE2 program is over Envoy\u2019s 100 instructions is refused (source/common/common/regex.cc)', () => {
  const config = (regex: string) => ({ virtual_hosts: [{ name: 'v', domains: ['*'], routes: [{ match: { safe_regex: { regex } }, direct_response: { status: 200 } }] }] });
  // re2js counts x{98} as 100 instructions (98 literals, a match and a fail) and x{99} as 101.
  assert.deepEqual(check(TYPE.route, config('x{98}')), []);
  assert.deepEqual(check(TYPE.route, config('x{99}')), ['envoy-invalid-regex@virtual_hosts[0].routes[0].match.safe_regex.regex']);
});

test('the stats matcher is built before the runtime that sets the size limit (source/server/server.cc): any size compiles', () => {
  const b = { node: { id: 'a', cluster: 'b' }, stats_config: { stats_matcher: { inclusion_list: { patterns: [{ safe_regex: { regex: 'x{150}' } }] } } } };
  assert.deepEqual(check(TYPE.bootstrap, b), []);
  b.stats_config.stats_matcher.inclusion_list.patterns[0] = { safe_regex: { regex: '(?=x)' } };
  assert.deepEqual(check(TYPE.bootstrap, b), ['envoy-invalid-regex@stats_config.stats_matcher.inclusion_list.patterns[0].safe_regex.regex']);
});

test('a matcher\u2019s own google_re2.max_program_size replaces the runtime limit', () => {
  const config = {
    virtual_hosts: [
      { name: 'v', domains: ['*'], routes: [{ match: { safe_regex: { regex: 'x{150}', google_re2: { max_program_size: 200 } } }, direct_response: { status: 200 } }] },
    ],
  };
  assert.ok(!check(TYPE.route, config).includes('envoy-invalid-regex@virtual_hosts[0].routes[0].match.safe_regex.regex'));
});
