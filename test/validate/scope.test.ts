/**
 * A rule marked `scope: 'service'` or `'document'` (src/validate/context.ts) may be run on one
 * service or document at a time, its findings kept while that part is unchanged. The mark is a
 * claim about the rule's code; this checks it on every golden case and example (the error cases
 * make each rule fire): per part, the rule finds exactly what it finds over the whole mesh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortDiagnostics } from '../../src/diagnostics/diagnostic.js';
import { checkSchema } from '../../src/dsl/check-schema.js';
import { assembleModel, type MeshModel, type TypedDocument } from '../../src/dsl/model.js';
import { parseSource } from '../../src/dsl/parse.js';
import { readSources } from '../../src/dsl/source.js';
import { RULES } from '../../src/validate/rules/index.js';
import { createRuleCache, validateModel } from '../../src/validate/validate.js';
import { exampleDirs } from '../helpers/corpus.js';
import { GOLDEN_DIR, goldenCases, readCaseSources } from '../helpers/golden.js';
import { join } from 'node:path';

function modelOf(sources: ReturnType<typeof readCaseSources>): MeshModel | undefined {
  const documents: TypedDocument[] = [];
  for (const source of sources) {
    for (const parsed of parseSource(source).value) {
      const value = checkSchema(parsed).value;
      if (value) documents.push({ parsed, value });
    }
  }
  return documents.length > 0 ? assembleModel(documents) : undefined;
}

const MODELS = [
  ...goldenCases().map((name) => ({ where: `golden/${name}`, model: modelOf(readCaseSources(join(GOLDEN_DIR, name))) })),
  ...exampleDirs().map((dir) => ({ where: dir, model: modelOf(readSources([dir]).value) })),
].flatMap(({ where, model }) => (model ? [{ where, model }] : []));

const SCOPED = RULES.filter((r) => r.scope !== undefined);

test('most rules that look at one part are marked so', () => {
  assert.ok(SCOPED.length >= 30, `${SCOPED.length} scoped rules`);
  assert.ok(MODELS.length > 80, `${MODELS.length} meshes`);
});

for (const rule of SCOPED) {
  test(`${rule.id} (scope: ${rule.scope}) finds the same one part at a time as over the whole mesh`, () => {
    for (const { where, model } of MODELS) {
      const whole = sortDiagnostics(validateModel(model, [rule]));
      const parts = sortDiagnostics(validateModel(model, [rule], createRuleCache()));
      assert.deepEqual(parts, whole, where);
    }
  });
}

test('the comparison means something: most scoped rules fire in some mesh', () => {
  const firing = SCOPED.filter((rule) => MODELS.some(({ model }) => validateModel(model, [rule]).length > 0));
  assert.ok(firing.length >= 20, `only ${firing.length} of ${SCOPED.length}: ${firing.map((r) => r.id).join(', ')}`);
});
