/** PGV string content: const, prefix, suffix, contains, not_contains, in, not_in: pgv-string. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSchema, verdict } from './harness.js';

const schema = ruleSchema({
  Const: 'string v = 1 [(validate.rules).string.const = "x"];',
  Prefix: 'string v = 1 [(validate.rules).string.prefix = "foo"];',
  Suffix: 'string v = 1 [(validate.rules).string.suffix = ".yaml"];',
  Contains: 'string v = 1 [(validate.rules).string.contains = "@"];',
  NotContains: 'string v = 1 [(validate.rules).string.not_contains = ".."];',
  In: 'string v = 1 [(validate.rules).string = {in: ["http", "https"]}];',
  NotIn: 'string v = 1 [(validate.rules).string = {not_in: ["admin"]}];',
});
const bad = ['pgv-string@v'];

test('each rule accepts what it describes and refuses the rest', () => {
  const cases: [string, string, string][] = [
    ['Const', 'x', 'y'],
    ['Prefix', 'foobar', 'barfoo'],
    ['Suffix', 'a.yaml', 'a.yml'],
    ['Contains', 'a@b', 'ab'],
    ['NotContains', 'a/b', 'a/../b'],
    ['In', 'https', 'ftp'],
    ['NotIn', 'user', 'admin'],
  ];
  for (const [message, good, wrong] of cases) {
    assert.deepEqual(verdict(schema, message, good), [], `${message} ${good}`);
    assert.deepEqual(verdict(schema, message, wrong), bad, `${message} ${wrong}`);
  }
});
