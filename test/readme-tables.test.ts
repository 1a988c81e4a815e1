/**
 * The README's language tables list exactly the fields of the published JSON Schema
 * (schema/meshc.schema.json): a field added to the language without a line in the README, or a
 * line left for a field that is gone, fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from './helpers/paths.js';

const README = readFileSync(repoPath('README.md'), 'utf8');
const SCHEMA = JSON.parse(readFileSync(repoPath('schema', 'meshc.schema.json'), 'utf8')) as {
  $defs: Record<string, { properties?: Record<string, unknown> }>;
};

/** The backticked names in the first column of the table under a heading (`a`, `b` in one cell count both). */
function tableFields(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has the heading ${heading}`);
  const rows = README.slice(start + heading.length + 2).split('\n');
  const table = rows.slice(rows.findIndex((l) => l.startsWith('|')));
  const body = table.slice(
    2,
    table.findIndex((l) => !l.startsWith('|')),
  );
  return body.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')).sort();
}

function schemaFields(definition: string, leaveOut: readonly string[] = []): string[] {
  const properties = SCHEMA.$defs[definition]?.properties;
  assert.ok(properties, `the schema defines ${definition}`);
  return Object.keys(properties)
    .filter((k) => !leaveOut.includes(k))
    .sort();
}

test('the Services table lists every field of a service, and only those', () => {
  // A description is free text for the reader of the mesh file, not a setting.
  assert.deepEqual(tableFields('### Services'), schemaFields('Service', ['description']));
});

test('the mesh block table lists every field of the mesh block, and only those', () => {
  assert.deepEqual(tableFields('### The mesh block'), schemaFields('Mesh'));
});
