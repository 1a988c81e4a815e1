/**
 * Every file meshc emits passes `check-envoy --strict`, read back from its bytes: each sidecar's
 * bootstrap and SDS files of every example and golden case, checked together as one Envoy's
 * configuration. compile already checks the objects it builds; this checks what lands on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { checkEnvoyFiles, type FileInput } from '../../src/check/file.js';
import { compile } from '../../src/compile.js';
import { formatSpan } from '../../src/diagnostics/render.js';
import { exampleDirs } from '../helpers/corpus.js';
import { compileCase, goldenCases } from '../helpers/golden.js';

const ENVOY_FILE = /^([^/]+)\/(bootstrap\.(yaml|json)|sds\/[^/]+\.yaml)$/;

/** The Envoy files of one compile, grouped by sidecar. */
function sidecarFiles(where: string, files: readonly { path: string; content: string }[]): Map<string, FileInput[]> {
  const bySidecar = new Map<string, FileInput[]>();
  for (const f of files) {
    const service = ENVOY_FILE.exec(f.path)?.[1];
    if (service === undefined) continue;
    const key = `${where} ${service}`;
    bySidecar.set(key, [...(bySidecar.get(key) ?? []), { name: f.path, text: f.content }]);
  }
  return bySidecar;
}

test('every bootstrap and SDS file of every example and golden case passes the checker in strict mode', () => {
  const compiled = [
    ...exampleDirs().map((dir) => ({ where: `examples/${basename(dir)}`, files: compile(dir).files })),
    ...goldenCases().map((name) => ({ where: `golden/${name}`, files: compileCase(name).result.files })),
  ];
  const sidecars = compiled.flatMap(({ where, files }) => [...sidecarFiles(where, files)]);
  assert.ok(sidecars.length > 100, `only ${sidecars.length} sidecars`);
  const refused = sidecars.flatMap(([where, files]) => {
    const result = checkEnvoyFiles(files, { strict: true, together: true });
    assert.equal(result.files.length, files.length);
    return result.diagnostics.map((d) => `${where}: ${d.location ? formatSpan(d.location) : ''} ${d.name} ${d.message}`);
  });
  assert.deepEqual(refused, []);
});
