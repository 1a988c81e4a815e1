import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule, checkRelated, compileWithBase } from '../helpers.js';
import { duplicateAuthzRuleName } from '../../../src/validate/rules/duplicate-authz-rule-name.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(duplicateAuthzRuleName);

/** `vault` (mTLS on) whose authz rules follow from line 10 on, one flow map per line at column 9 (name value at 17). */
const vault = (rules: string[], form: 'list' | 'dry-run' = 'list') => `
  apiVersion: meshc/v1
  services:
    teller: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
    vault:
      protocol: http
      port: 8200
      mtls: strict
      versions: { v1: { endpoints: [10.0.0.3] } }
      authz:${form === 'dry-run' ? '\n        mode: dry-run\n        allow:' : ''}
${rules.map((r) => `${form === 'dry-run' ? '          ' : '        '}- ${r}`).join('\n')}
`;

test('distinct names, and unnamed rules, are fine', () => {
  assert.deepEqual(check(vault(['{ name: tellers, from: [teller] }', '{ from: [teller] }', '{ name: rule-5, paths: [/a] }', '{ paths: [/b] }'])), []);
});

test('two services may use the same rule name, and rule-0 each', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        a: { protocol: http, port: 8080, mtls: strict, versions: { v1: { endpoints: [10.0.0.1] } }, authz: [{ name: x }, { paths: [/a] }] }
        b: { protocol: http, port: 8081, mtls: strict, versions: { v1: { endpoints: [10.0.0.2] } }, authz: [{ name: x }, { paths: [/a] }] }
    `),
    [],
  );
});

test('a name used twice: an error at the second name, related to the first rule', () => {
  const yaml = vault(['{ name: staff, from: [teller] }', '{ name: staff, paths: [/a] }']);
  assert.deepEqual(checkRelated(yaml), ['duplicate-authz-rule-name@mesh.yaml:11:17 ~ mesh.yaml:10:9']);
  const result = compileWithBase(yaml);
  assert.equal(result.diagnostics[0]?.severity, 'error');
  assert.equal(result.diagnostics[0]?.code, 'MC2131');
  assert.deepEqual(result.files, [], 'the second rule would replace the first: nothing is written');
});

test('a name equal to an earlier unnamed rule\u2019s default name (rule-<index>)', () => {
  assert.deepEqual(checkRelated(vault(['{ from: [teller] }', '{ name: rule-0, paths: [/a] }'])), ['duplicate-authz-rule-name@mesh.yaml:11:17 ~ mesh.yaml:10:9']);
});

test('an unnamed rule whose default name an earlier rule took: reported at the unnamed rule, saying so', () => {
  const yaml = vault(['{ name: rule-1, from: [teller] }', '{ paths: [/a] }']);
  assert.deepEqual(checkRelated(yaml), ['duplicate-authz-rule-name@mesh.yaml:11:9 ~ mesh.yaml:10:9']);
  assert.match(compileWithBase(yaml).diagnostics[0]?.message ?? '', /"rule-1" \(the name this unnamed rule would get\)/);
});

test('a name used three times is reported twice, each related to the first', () => {
  assert.deepEqual(checkRelated(vault(['{ name: x }', '{ name: x, paths: [/a] }', '{ name: x, paths: [/b] }'])), [
    'duplicate-authz-rule-name@mesh.yaml:11:17 ~ mesh.yaml:10:9',
    'duplicate-authz-rule-name@mesh.yaml:12:17 ~ mesh.yaml:10:9',
  ]);
});

test('dry-run rules are checked too (their shadow policies are keyed by name the same way)', () => {
  assert.deepEqual(check(vault(['{ name: staff, from: [teller] }', '{ name: staff, paths: [/a] }'], 'dry-run')), ['duplicate-authz-rule-name@mesh.yaml:13:19']);
});

test('names are unique across allow and deny rules; unnamed deny rules are deny-<index>', () => {
  const both = (allow: string, deny: string) => `
  apiVersion: meshc/v1
  services:
    vault:
      protocol: http
      port: 8200
      versions: { v1: { endpoints: [10.0.0.3] } }
      authz:
        allow: [${allow}]
        deny: [${deny}]
`;
  assert.deepEqual(check(both('{ paths: [/a] }', '{ paths: [/b] }')), [], 'rule-0 and deny-0');
  assert.deepEqual(check(both('{ name: deny-0, paths: [/a] }', '{ paths: [/b] }')), ['duplicate-authz-rule-name@mesh.yaml:9:14']);
  assert.deepEqual(check(both('{ name: admin, paths: [/a] }', '{ name: admin, paths: [/b] }')), ['duplicate-authz-rule-name@mesh.yaml:9:22']);
});
