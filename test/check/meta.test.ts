/** Keeps the checker's rules, registry, codes and tests in step. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INVARIANTS } from '../../src/check/invariants/index.js';
import { CHECK_CODES } from '../../src/diagnostics/codes/check.js';
import { REPO_ROOT } from './helpers.js';

const INVARIANT_HELPERS = new Set(['context', 'index', 'duplicates', 'terminal-filters']);
const PGV_HELPERS = new Set(['field', 'message', 'range', 'rules', 'string', 'violation']);

function sourceFiles(folder: string, helpers: ReadonlySet<string>): string[] {
  return readdirSync(join(REPO_ROOT, 'src', 'check', folder))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .filter((f) => !helpers.has(f));
}

test('every invariant has its own test file and is registered', () => {
  const files = sourceFiles('invariants', INVARIANT_HELPERS);
  for (const file of files) assert.ok(existsSync(join(REPO_ROOT, 'test', 'check', 'invariants', `${file}.test.ts`)), file);
  assert.equal(INVARIANTS.length, files.length);
});

test('every MC41xx code belongs to exactly one invariant, and invariants report only MC41xx codes', () => {
  const byInvariants = INVARIANTS.flatMap((i) => i.names);
  assert.equal(new Set(byInvariants).size, byInvariants.length);
  const invariantCodes = CHECK_CODES.filter((c) => c.code.startsWith('MC41')).map((c) => c.name);
  assert.deepEqual([...byInvariants].sort(), [...invariantCodes].sort());
});

test('every PGV rule kind has its own test file', () => {
  for (const file of sourceFiles('pgv', PGV_HELPERS)) {
    assert.ok(existsSync(join(REPO_ROOT, 'test', 'check', 'pgv', `${file}.test.ts`)), file);
  }
});

test('codes are MC4xxx, unique, summarised (their documentation: test/diagnostic-docs.test.ts)', () => {
  assert.equal(new Set(CHECK_CODES.map((c) => c.code)).size, CHECK_CODES.length);
  for (const c of CHECK_CODES) {
    assert.match(c.code, /^MC4\d{3}$/);
    assert.ok(c.summary.length > 10, c.code);
  }
});
