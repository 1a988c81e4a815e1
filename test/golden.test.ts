/**
 * Every golden case compiles to exactly its expected files. A mismatch prints the diff and the
 * command that regenerates the files; read the diff before running it. The review view of each
 * static bootstrap (split by resource type) must reassemble to exactly the compiled bootstrap, so
 * that a golden that matches pins every byte the compiler wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { formatOfName } from '../src/emit/layout.js';
import { createSerializer } from '../src/emit/serialize.js';
import { parseDocument, reassembleBootstrapText } from './helpers/bootstrap-split.js';
import { checkCase, compileCase, GOLDEN_DIR, goldenCases, reviewedBootstraps, UPDATE_COMMAND, type CompiledCase } from './helpers/golden.js';

let reassembled = 0;

for (const name of goldenCases()) {
  let compiled: CompiledCase | undefined;
  const compiledCase = (): CompiledCase => (compiled ??= compileCase(name));

  test(`golden/${name}`, () => {
    assert.ok(existsSync(join(GOLDEN_DIR, name, 'input')), `golden/${name} has no input/ directory`);
    const { result, expected } = compiledCase();
    const problems = checkCase(name, expected);
    assert.equal(problems.length, 0, `${problems.join('\n')}\nIf the change is intended, run: ${UPDATE_COMMAND}`);
    if (hasErrors(result.diagnostics)) assert.equal(result.files.length, 0, 'a mesh with errors must produce no files');
  });

  test(`golden/${name}: each review view reassembles to exactly the compiled bootstrap`, () => {
    const { result, options, expected } = compiledCase();
    for (const bootstrap of reviewedBootstraps(result, options)) {
      const format = formatOfName(bootstrap.path);
      const dir = `output/${dirname(bootstrap.path)}`;
      const view = new Map([...expected].filter(([rel]) => dirname(rel) === dir).map(([rel, text]) => [basename(rel), text]));
      const whole = reassembleBootstrapText(view, format);
      assert.deepEqual(whole, parseDocument(bootstrap.content, format), bootstrap.path);
      assert.equal(createSerializer(format)(whole), bootstrap.content, bootstrap.path);
      reassembled++;
    }
  });
}

test('the review views of all golden cases were reassembled (static sidecars, YAML and JSON)', () => {
  assert.ok(reassembled > 100, `only ${reassembled} bootstraps reassembled`);
});
