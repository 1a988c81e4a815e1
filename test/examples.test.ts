/** Every example compiles cleanly: no errors and no warnings, one bootstrap per service. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { compile } from '../src/compile.js';
import { renderDiagnostics } from '../src/diagnostics/render.js';
import { exampleDirs } from './helpers/corpus.js';

const dirs = exampleDirs();

test('the bundled examples are there', () => {
  assert.deepEqual(
    dirs.map((d) => basename(d)),
    ['bookinfo', 'canary', 'shop'],
  );
});

for (const dir of dirs) {
  test(`examples/${basename(dir)} compiles without diagnostics`, () => {
    const result = compile(dir);
    assert.equal(result.diagnostics.length, 0, renderDiagnostics(result.diagnostics, 'text'));
    assert.ok(result.mesh);
    assert.deepEqual(
      result.files.map((f) => f.path).filter((p) => p.endsWith('/bootstrap.yaml')),
      result.mesh.services.map((s) => `${s.name}/bootstrap.yaml`),
    );
  });
}
