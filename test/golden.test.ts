/**
 * Every golden case compiles to exactly its expected files. A mismatch prints the diff and the
 * command that regenerates the files; read the diff before running it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { checkCase, compileCase, GOLDEN_DIR, goldenCases, UPDATE_COMMAND } from './helpers/golden.js';

for (const name of goldenCases()) {
  test(`golden/${name}`, () => {
    assert.ok(existsSync(join(GOLDEN_DIR, name, 'input')), `golden/${name} has no input/ directory`);
    const { result, expected } = compileCase(name);
    const problems = checkCase(name, expected);
    assert.equal(problems.length, 0, `${problems.join('\n')}\nIf the change is intended, run: ${UPDATE_COMMAND}`);
    if (hasErrors(result.diagnostics)) assert.equal(result.files.length, 0, 'a mesh with errors must produce no files');
  });
}
