/**
 * Fuzzes the language: every example and golden input, mutated structurally (test/fuzz/mutate.ts),
 * must compile without an exception, and every diagnostic must point inside the file it names;
 * what compiles must also compile in xds-files mode, and in ads mode (given a control plane).
 * Bounded by a run count and seeded, so CI is reproducible; MESHC_FUZZ_RUNS / MESHC_FUZZ_SEED
 * run it longer or elsewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { readSources } from '../../src/dsl/source.js';
import { repoPath } from '../helpers/paths.js';
import { FUZZ_RUNS, FUZZ_SEED, mutatedText, spanProblems } from './mutate.js';

interface Input {
  readonly name: string;
  readonly text: string;
  readonly document: unknown;
}

/** Every mesh file in examples/ and golden/*\/input, with its first document parsed. */
function meshInputs(): Input[] {
  const sources = readSources([repoPath('examples'), repoPath('golden')]).value.filter((s) => !s.name.includes('/output/'));
  return sources.flatMap((s) => {
    try {
      return [{ name: s.name, text: s.text, document: parse(s.text) as unknown }];
    } catch {
      return []; // golden inputs that are invalid YAML on purpose; the text fuzzer covers those
    }
  });
}

test('mutated examples and golden inputs compile without an exception, with spans inside the file', (t) => {
  const inputs = meshInputs();
  assert.ok(inputs.length > 50, `expected the examples and golden inputs, found ${inputs.length}`);
  let cases = 0;
  fc.assert(
    fc.property(mutatedText(inputs.map((i) => i.document)), ({ index, text }) => {
      cases++;
      const input = inputs[index] as Input;
      const result = compile([{ name: input.name, text }]);
      for (const d of result.diagnostics) assert.deepEqual(spanProblems(d.location, text), [], `${d.code} ${d.message}`);
      if (result.diagnostics.some((d) => d.severity === 'error')) return;
      assert.ok(result.files.length > 0, 'accepted but wrote nothing');
      // What compiles statically compiles as xds files too, and that output checks clean as well.
      const xds = compile([{ name: input.name, text }], { mode: 'xds-files' });
      assert.deepEqual(
        xds.diagnostics.filter((d) => d.severity === 'error'),
        [],
        'xds-files',
      );
      // And in ads mode: clean with a control plane, else only the missing control plane.
      const ads = compile([{ name: input.name, text }], { mode: 'ads' });
      const expected = result.mesh?.controlPlane === undefined ? ['missing-control-plane'] : [];
      assert.deepEqual(
        ads.diagnostics.filter((d) => d.severity === 'error').map((d) => d.name),
        expected,
        'ads',
      );
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, includeErrorInReport: true },
  );
  t.diagnostic(`fuzz language: ${cases} cases over ${inputs.length} inputs, seed ${FUZZ_SEED}, 0 internal errors`);
});
