/** Every mesh document the repository holds: examples and golden inputs, parsed. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource, type ParsedDocument } from '../../src/dsl/parse.js';
import { readSources } from '../../src/dsl/source.js';
import { repoPath } from './paths.js';

export function exampleDirs(): string[] {
  const root = repoPath('examples');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(root, e.name))
    .sort();
}

/** Documents that parse as YAML (YAML syntax errors are not the schema's business). */
export function allMeshDocuments(): ParsedDocument[] {
  const sources = readSources([repoPath('examples'), repoPath('golden')]).value;
  return sources.flatMap((s) => (s.name.includes('/output/') ? [] : parseSource(s).value));
}
