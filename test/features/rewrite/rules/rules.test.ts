/** The rewrite feature's four rules, each alone and in process, on one route of `catalog`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleChecker } from '../../../helpers/rule.js';
import { catalogMesh } from '../../../validate/helpers.js';
import { conflictingRewrite } from '../../../../src/features/rewrite/rules/conflicting-rewrite.js';
import { invalidRewriteRegex } from '../../../../src/features/rewrite/rules/invalid-rewrite-regex.js';
import { prefixRewriteOnRegexRoute } from '../../../../src/features/rewrite/rules/prefix-rewrite-on-regex-route.js';
import { rewriteJoinsPath } from '../../../../src/features/rewrite/rules/rewrite-joins-path.js';

/** `catalog` with these routes, the first on line 8 (each `  - <route>` under `routes:`). */
const mesh = (...routes: string[]) => catalogMesh(undefined, 'routes:', ...routes.map((r) => `  - ${r}`));

test('a prefix and a regex rewrite together are refused at regex', () => {
  const check = ruleChecker(conflictingRewrite);
  assert.deepEqual(check(mesh('{ to: v1, rewrite: { prefix: /a/, regex: { pattern: "^/b", substitution: /c } } }')), ['conflicting-rewrite@mesh.yaml:8:43']);
  assert.deepEqual(check(mesh('{ to: v1, rewrite: { prefix: /a/, host: x.internal } }')), []);
});

test('a rewrite pattern RE2 cannot compile is refused at the pattern', () => {
  const check = ruleChecker(invalidRewriteRegex);
  assert.deepEqual(check(mesh('{ to: v1, rewrite: { regex: { pattern: "(?<=a)b", substitution: /c } } }')), ['invalid-rewrite-regex@mesh.yaml:8:48']);
  assert.deepEqual(check(mesh('{ to: v1, rewrite: { regex: { pattern: "^/items/([0-9]+)$", substitution: /i/\\1 } } }')), []);
});

test('a prefix rewrite on a regex route is warned about; on an exact path it replaces the path as meant', () => {
  const check = ruleChecker(prefixRewriteOnRegexRoute);
  assert.deepEqual(check(mesh('{ to: v1, match: { path: { regex: "/a/.*" } }, rewrite: { prefix: /b/ } }')), ['prefix-rewrite-on-regex-route@mesh.yaml:8:67']);
  assert.deepEqual(check(mesh('{ to: v1, match: { path: { exact: /a } }, rewrite: { prefix: /b } }')), []);
});

test('a trailing slash in only one of the matched prefix and the rewrite is warned about, / counting for no path match', () => {
  const check = ruleChecker(rewriteJoinsPath);
  assert.deepEqual(check(mesh('{ to: v1, match: { path: { prefix: /api/ } }, rewrite: { prefix: /v2 } }')), ['rewrite-joins-path@mesh.yaml:8:74']);
  assert.deepEqual(check(mesh('{ to: v1, match: { path: { prefix: /api } }, rewrite: { prefix: /v2/ } }')), ['rewrite-joins-path@mesh.yaml:8:73']);
  assert.deepEqual(check(mesh('{ to: v1, rewrite: { prefix: /v2 } }')), ['rewrite-joins-path@mesh.yaml:8:38']);
  const agreeing = [
    '{ to: v1, match: { path: { prefix: /api/ } }, rewrite: { prefix: /v2/ } }',
    '{ to: v1, match: { path: { exact: /api } }, rewrite: { prefix: /v2/ } }',
    '{ to: v1, rewrite: { prefix: / } }',
  ];
  assert.deepEqual(check(mesh(...agreeing)), []);
});
