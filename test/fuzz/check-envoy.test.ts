/**
 * Fuzzes the Envoy checker: every Envoy file meshc's golden cases hold, and the checker's own
 * corpus and negative fixtures, mutated structurally (test/fuzz/mutate.ts), must be checked
 * without an exception, with every diagnostic inside the file it names. Seeded and bounded like
 * the language fuzzer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { checkEnvoyFile } from '../../src/check/file.js';
import { repoPath } from '../helpers/paths.js';
import { FUZZ_RUNS, FUZZ_SEED, mutatedText, spanProblems } from './mutate.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Envoy files: sidecar outputs of the golden cases (not the Prometheus/Grafana ones) and fixtures. */
function envoyInputs(): { readonly name: string; readonly document: unknown }[] {
  const golden = filesUnder(repoPath('golden')).filter((p) => p.includes('/output/') && !p.includes('/_mesh/') && /\.ya?ml$/.test(p));
  const fixtures = [repoPath('test/check/corpus'), repoPath('test/check/negative')].flatMap(filesUnder).filter((p) => /\.(ya?ml|json)$/.test(p));
  return [...golden, ...fixtures].sort().flatMap((path) => {
    const documents = parseAllDocuments(readFileSync(path, 'utf8'));
    if (!Array.isArray(documents)) return [];
    return documents.filter((d) => d.errors.length === 0).map((d) => ({ name: relative(repoPath(), path), document: d.toJS() as unknown }));
  });
}

test('mutated Envoy configurations are checked without an exception, with spans inside the file', (t) => {
  const inputs = envoyInputs();
  assert.ok(inputs.length > 200, `expected the golden outputs and checker fixtures, found ${inputs.length}`);
  let cases = 0;
  fc.assert(
    fc.property(mutatedText(inputs.map((i) => i.document)), ({ index, text }) => {
      cases++;
      const name = (inputs[index] as { name: string }).name.replace(/\.json$/, '.yaml');
      for (const d of checkEnvoyFile(name, text)) assert.deepEqual(spanProblems(d.location, text), [], `${d.code} ${d.message}`);
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, includeErrorInReport: true },
  );
  t.diagnostic(`fuzz check-envoy: ${cases} cases over ${inputs.length} documents, seed ${FUZZ_SEED}, 0 internal errors`);
});
