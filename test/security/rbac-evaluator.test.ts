/**
 * The RBAC evaluator (test/helpers/rbac.ts) against Envoy's documented semantics, on hand-written
 * configurations: the other security tests are only as good as it is.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateHttpRbac, evaluateNetworkRbac, HTTP_RBAC_TYPE, type RbacRequest } from '../helpers/rbac.js';

const ALICE = 'spiffe://t.example/svc/alice';
const BOB = 'spiffe://t.example/svc/bob';

/** An ALLOW filter with one policy. */
const allow = (permission: unknown, principal: unknown = { any: true }) => ({
  '@type': HTTP_RBAC_TYPE,
  rules: { action: 'ALLOW', policies: { p: { permissions: [permission], principals: [principal] } } },
});
const get = (path: string, more: Partial<RbacRequest> = {}): RbacRequest => ({ method: 'GET', path, ...more });
const header = (name: string, m: Record<string, unknown>) => ({ header: { name, ...m } });

describe('permissions', () => {
  const cases: readonly [string, unknown, RbacRequest, boolean][] = [
    ['any', { any: true }, get('/x'), true],
    ['url_path exact', { url_path: { path: { exact: '/a' } } }, get('/a'), true],
    ['url_path exact ignores the query', { url_path: { path: { exact: '/a' } } }, get('/a?b=1'), true],
    ['url_path exact ignores the fragment', { url_path: { path: { exact: '/a' } } }, get('/a#f'), true],
    ['url_path exact is exact', { url_path: { path: { exact: '/a' } } }, get('/a/'), false],
    ['url_path prefix', { url_path: { path: { prefix: '/a/' } } }, get('/a/b'), true],
    ['url_path prefix is case-sensitive', { url_path: { path: { prefix: '/a/' } } }, get('/A/b'), false],
    ['url_path ignore_case', { url_path: { path: { prefix: '/a/', ignore_case: true } } }, get('/A/b'), true],
    ['url_path suffix', { url_path: { path: { suffix: '.json' } } }, get('/a.json?x'), true],
    ['url_path safe_regex matches the whole path', { url_path: { path: { safe_regex: { regex: '/a/[0-9]+' } } } }, get('/a/12'), true],
    ['url_path safe_regex is not a search', { url_path: { path: { safe_regex: { regex: '[0-9]+' } } } }, get('/a/12'), false],
    [':path header includes the query', header(':path', { string_match: { exact: '/a?b=1' } }), get('/a?b=1'), true],
    [':method header', header(':method', { string_match: { exact: 'GET' } }), get('/'), true],
    ['header names are case-insensitive', header('x-a', { string_match: { exact: 'v' } }), get('/', { headers: { 'X-A': 'v' } }), true],
    ['header values are case-sensitive', header('x-a', { string_match: { exact: 'v' } }), get('/', { headers: { 'x-a': 'V' } }), false],
    ['several values are joined with commas', header('x-a', { string_match: { exact: 'v,w' } }), get('/', { headers: { 'x-a': ['v', 'w'] } }), true],
    ['a missing header does not match a value', header('x-a', { string_match: { exact: '' } }), get('/'), false],
    ['… even inverted', header('x-a', { string_match: { exact: 'v' }, invert_match: true }), get('/'), false],
    ['… unless treated as empty', header('x-a', { string_match: { exact: '' }, treat_missing_header_as_empty: true }), get('/'), true],
    ['invert_match on a present header', header('x-a', { string_match: { exact: 'v' }, invert_match: true }), get('/', { headers: { 'x-a': 'w' } }), true],
    ['prefix', header('x-a', { string_match: { prefix: 'ab' } }), get('/', { headers: { 'x-a': 'abc' } }), true],
    ['suffix', header('x-a', { string_match: { suffix: 'bc' } }), get('/', { headers: { 'x-a': 'abc' } }), true],
    ['present_match: true on a present header', header('x-a', { present_match: true }), get('/', { headers: { 'x-a': '' } }), true],
    ['present_match: true on a missing header', header('x-a', { present_match: true }), get('/'), false],
    ['present_match: false on a missing header', header('x-a', { present_match: false }), get('/'), true],
    ['present_match: false on a present header', header('x-a', { present_match: false }), get('/', { headers: { 'x-a': 'v' } }), false],
    ['present_match: true inverted, missing header', header('x-a', { present_match: true, invert_match: true }), get('/'), true],
    ['and_rules: all', { and_rules: { rules: [{ any: true }, { url_path: { path: { exact: '/b' } } }] } }, get('/a'), false],
    ['or_rules: one', { or_rules: { rules: [{ url_path: { path: { exact: '/b' } } }, { url_path: { path: { exact: '/a' } } }] } }, get('/a'), true],
    ['not_rule', { not_rule: { url_path: { path: { exact: '/a' } } } }, get('/a'), false],
    ['not_rule of a miss', { not_rule: { url_path: { path: { exact: '/a' } } } }, get('/b'), true],
  ];
  for (const [what, permission, request, allowed] of cases) {
    test(`${what} → ${allowed}`, () => assert.equal(evaluateHttpRbac(allow(permission), request).allowed, allowed));
  }
});

describe('principals', () => {
  const claims = (value: unknown, invert = false) => ({
    metadata: { filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'jwt' }, { key: 'role' }], value, ...(invert ? { invert } : {}) },
  });
  const cases: readonly [string, unknown, Partial<RbacRequest>, boolean][] = [
    ['any takes plaintext', { any: true }, {}, true],
    ['authenticated without a name takes any TLS peer', { authenticated: {} }, { principal: BOB }, true],
    ['authenticated never takes plaintext', { authenticated: {} }, {}, false],
    ['exact principal', { authenticated: { principal_name: { exact: ALICE } } }, { principal: ALICE }, true],
    ['exact principal, someone else', { authenticated: { principal_name: { exact: ALICE } } }, { principal: BOB }, false],
    ['prefix principal', { authenticated: { principal_name: { prefix: 'spiffe://t.example/' } } }, { principal: BOB }, true],
    ['or_ids', { or_ids: { ids: [{ authenticated: { principal_name: { exact: ALICE } } }, { authenticated: { principal_name: { exact: BOB } } }] } }, { principal: BOB }, true],
    ['and_ids', { and_ids: { ids: [{ authenticated: {} }, { not_id: { authenticated: { principal_name: { exact: BOB } } } }] } }, { principal: BOB }, false],
    ['not_id on plaintext', { not_id: { authenticated: {} } }, {}, true],
    ['a claim that matches', claims({ string_match: { exact: 'admin' } }), { jwtClaims: { role: 'admin' } }, true],
    ['a claim of another value', claims({ string_match: { exact: 'admin' } }), { jwtClaims: { role: 'user' } }, false],
    ['a list claim is not a string', claims({ string_match: { exact: 'admin' } }), { jwtClaims: { role: ['admin'] } }, false],
    ['no token, no claim', claims({ string_match: { exact: 'admin' } }), {}, false],
    ['a missing claim, inverted', claims({ string_match: { exact: 'admin' } }, true), { jwtClaims: {} }, true],
    ['present_match on a claim', claims({ present_match: true }), { jwtClaims: { role: 'x' } }, true],
    ['present_match on a struct claim', claims({ present_match: true }), { jwtClaims: { role: { a: 1 } } }, false],
    ['bool_match', claims({ bool_match: true }), { jwtClaims: { role: true } }, true],
  ];
  for (const [what, principal, request, allowed] of cases) {
    test(`${what} → ${allowed}`, () => {
      assert.equal(evaluateHttpRbac(allow({ any: true }, principal), get('/', request), { jwtPayloadKey: 'jwt' }).allowed, allowed);
    });
  }
});

describe('actions, policies and shadow rules', () => {
  const policies = {
    'b-alice': { permissions: [{ any: true }], principals: [{ authenticated: { principal_name: { exact: ALICE } } }] },
    'a-anyone-on-x': { permissions: [{ url_path: { path: { exact: '/x' } } }], principals: [{ any: true }] },
  };
  test('ALLOW: allowed iff some policy matches; the first by name is reported', () => {
    const config = { rules: { action: 'ALLOW', policies } };
    assert.deepEqual(evaluateHttpRbac(config, get('/x', { principal: ALICE })), { allowed: true, policy: 'a-anyone-on-x' });
    assert.deepEqual(evaluateHttpRbac(config, get('/y', { principal: ALICE })), { allowed: true, policy: 'b-alice' });
    assert.deepEqual(evaluateHttpRbac(config, get('/y', { principal: BOB })), { allowed: false });
  });
  test('the action defaults to ALLOW (proto3 JSON omits the zero enum)', () => {
    assert.equal(evaluateHttpRbac({ rules: { policies } }, get('/y')).allowed, false);
  });
  test('DENY: allowed iff no policy matches', () => {
    const config = { rules: { action: 'DENY', policies } };
    assert.equal(evaluateHttpRbac(config, get('/x')).allowed, false);
    assert.equal(evaluateHttpRbac(config, get('/y', { principal: BOB })).allowed, true);
  });
  test('LOG: always allowed', () => {
    assert.equal(evaluateHttpRbac({ rules: { action: 'LOG', policies } }, get('/y')).allowed, true);
  });
  test('rules without policies deny everything; no rules enforce nothing', () => {
    assert.equal(evaluateHttpRbac({ rules: { action: 'ALLOW' } }, get('/')).allowed, false);
    assert.equal(evaluateHttpRbac({}, get('/')).allowed, true);
  });
  test('shadow rules are evaluated on their own and never deny', () => {
    const verdict = evaluateHttpRbac({ shadow_rules: { action: 'ALLOW', policies }, shadow_rules_stat_prefix: 'dry_' }, get('/y'));
    assert.deepEqual(verdict, { allowed: true, shadow: { allowed: false } });
    const both = evaluateHttpRbac({ rules: { policies }, shadow_rules: { action: 'DENY', policies } }, get('/x'));
    assert.deepEqual(both, { allowed: true, policy: 'a-anyone-on-x', shadow: { allowed: false, policy: 'a-anyone-on-x' } });
  });
  test('network RBAC: identities only', () => {
    const config = { stat_prefix: 's', rules: { policies: { 'b-alice': policies['b-alice'] } } };
    assert.equal(evaluateNetworkRbac(config, { principal: ALICE }).allowed, true);
    assert.equal(evaluateNetworkRbac(config, {}).allowed, false);
  });
});

describe('anything not understood, or that Envoy would refuse, throws', () => {
  const cases: readonly [string, () => unknown, RegExp][] = [
    ['an unknown filter field', () => evaluateHttpRbac({ matcher: {} }, get('/')), /matcher not understood/],
    ['a wrong @type', () => evaluateHttpRbac({ '@type': 'type.googleapis.com/x.Y' }, get('/')), /unexpected @type/],
    ['an unknown action', () => evaluateHttpRbac({ rules: { action: 'AUDIT' } }, get('/')), /unknown action/],
    [
      'a policy condition',
      () => evaluateHttpRbac({ rules: { policies: { p: { permissions: [{ any: true }], principals: [{ any: true }], condition: {} } } } }, get('/')),
      /condition not understood/,
    ],
    ['a policy without principals', () => evaluateHttpRbac({ rules: { policies: { p: { permissions: [{ any: true }], principals: [] } } } }, get('/')), /at least 1/],
    ['an empty or_rules', () => evaluateHttpRbac(allow({ or_rules: { rules: [] } }), get('/')), /at least 1/],
    ['an empty or_ids', () => evaluateHttpRbac(allow({ any: true }, { or_ids: { ids: [] } }), get('/')), /at least 1/],
    ['any: false', () => evaluateHttpRbac(allow({ any: false }), get('/')), /any must be true/],
    ['two rules in one permission', () => evaluateHttpRbac(allow({ any: true, not_rule: { any: true } }), get('/')), /exactly one field/],
    ['destination_port', () => evaluateHttpRbac(allow({ destination_port: 80 }), get('/')), /not understood/],
    ['a remote_ip principal', () => evaluateHttpRbac(allow({ any: true }, { remote_ip: {} }), get('/')), /not understood/],
    ['a deprecated exact_match header', () => evaluateHttpRbac(allow(header('x', { exact_match: 'v' })), get('/')), /not understood/],
    ['a range_match header', () => evaluateHttpRbac(allow(header('x', { range_match: {} })), get('/')), /not understood/],
    ['a header with two matchers', () => evaluateHttpRbac(allow(header('x', { present_match: true, string_match: { exact: 'v' } })), get('/')), /exactly one/],
    ['an empty prefix', () => evaluateHttpRbac(allow({ url_path: { path: { prefix: '' } } }), get('/')), /must not be empty/],
    ['a string matcher with two patterns', () => evaluateHttpRbac(allow({ url_path: { path: { exact: '/', prefix: '/' } } }), get('/')), /exactly one match pattern/],
    [
      'metadata of another filter',
      () => evaluateHttpRbac(allow({ any: true }, { metadata: { filter: 'x', path: [{ key: 'a' }], value: { present_match: true } } }), get('/')),
      /not modelled/,
    ],
    [
      'JWT metadata without its key',
      () => evaluateHttpRbac(allow({ any: true }, { metadata: { filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'a' }], value: { present_match: true } } }), get('/')),
      /jwtPayloadKey/,
    ],
    [
      'list_match without one_of',
      () =>
        evaluateHttpRbac(allow({ any: true }, { metadata: { filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'a' }], value: { list_match: { all_of: {} } } } }), get('/'), {
          jwtPayloadKey: 'a',
        }),
      /not understood/,
    ],
    [
      'an HTTP matcher in network RBAC',
      () => evaluateNetworkRbac({ stat_prefix: 's', rules: { policies: { p: { permissions: [{ url_path: { path: { exact: '/' } } }], principals: [{ any: true }] } } } }, {}),
      /HTTP-only/,
    ],
    ['network RBAC without stat_prefix', () => evaluateNetworkRbac({ rules: {} }, {}), /stat_prefix/],
  ];
  for (const [what, run, error] of cases) {
    test(what, () => assert.throws(run, error));
  }

  test('an invalid policy is refused even when an earlier one already matched', () => {
    const config = {
      rules: {
        policies: {
          a: { permissions: [{ any: true }], principals: [{ any: true }] },
          b: { permissions: [{ any: true }], principals: [{ or_ids: { ids: [] } }] },
        },
      },
    };
    assert.throws(() => evaluateHttpRbac(config, get('/')), /at least 1/);
  });
});
