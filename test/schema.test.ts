/**
 * The published JSON Schema is generated from the zod schema, committed, and tells the same
 * truth: whatever ajv accepts, the compiler's schema stage accepts, and the other way round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { meshJsonSchema } from '../src/dsl/schema.js';
import { checkSchema } from '../src/dsl/check-schema.js';
import { allMeshDocuments } from './helpers/corpus.js';
import { repoPath } from './helpers/paths.js';

const committed = JSON.parse(readFileSync(repoPath('schema', 'meshc.schema.json'), 'utf8')) as object;

test('schema/meshc.schema.json is in sync with the zod schema', () => {
  assert.deepEqual(committed, meshJsonSchema(), 'the committed schema is stale; run: npm run schema:update');
});

test('ajv and the compiler agree on every example and golden input document', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(committed);
  const documents = allMeshDocuments();
  assert.ok(documents.length >= 20, `expected the corpus to hold many documents, found ${documents.length}`);
  let rejected = 0;
  for (const pd of documents) {
    const ajvAccepts = validate(pd.data) === true;
    const zodAccepts = checkSchema(pd).value !== undefined;
    if (!ajvAccepts) rejected++;
    assert.equal(
      ajvAccepts,
      zodAccepts,
      `${pd.source.name} (document ${pd.index}): ajv ${ajvAccepts ? 'accepts' : 'rejects'}, meshc ${zodAccepts ? 'accepts' : 'rejects'}\n${JSON.stringify(validate.errors)}`,
    );
  }
  assert.ok(rejected > 0 || documents.length < 30, 'the corpus should contain schema-invalid documents too');
});
