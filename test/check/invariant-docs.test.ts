/**
 * The checker's load-time checks are listed in the README, each with the Envoy source file it
 * comes from (or the note that it is not a refusal), in the order they run: the table is
 * rendered here from the code registry and must match the README's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { INVARIANTS } from '../../src/check/invariants/index.js';
import { CODES } from '../../src/diagnostics/codes.js';
import type { CodeEntry } from '../../src/diagnostics/codes/entry.js';
import { repoPath } from '../helpers/paths.js';

/** The structural check outside the invariants that is also Envoy's (protobuf's) load-time refusal. */
const STRUCTURAL = ['envoy-too-deep'];

function entries(): CodeEntry[] {
  const names = [...STRUCTURAL, ...INVARIANTS.flatMap((i) => i.names)];
  return names.map((name) => {
    const entry = CODES.find((c) => c.name === name);
    assert.ok(entry, `no code for ${name}`);
    return entry;
  });
}

function table(): string {
  const rows = entries().map((e) => `| ${e.code} | \`${e.name}\` | ${e.severity} | ${e.summary} | ${e.source ?? ''} |`);
  return ['| code | name | severity | what | where it comes from |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

test('every load-time check names the source file it comes from', () => {
  for (const e of entries()) assert.match(e.source ?? '', /(^|\s)(source\/|envoy\/|src\/|include\/)[\w/.-]+\.(cc|h|proto)\b/, `${e.code} ${e.name}`);
});

test('the README lists every load-time check, in the order they run, with its source', () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const block = /<!-- check-envoy load-time checks -->\n([\s\S]*?)\n<!-- end -->/.exec(readme);
  assert.ok(block, 'README.md has no `<!-- check-envoy load-time checks -->` … `<!-- end -->` block');
  assert.equal(block[1], table(), `replace the README block with:\n${table()}`);
});
