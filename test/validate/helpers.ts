/**
 * Builders shared by the rule tests. The `mesh` block lives in its own file (`base.yaml`), so
 * that the YAML of a case starts with `apiVersion` on line 1 of `mesh.yaml` and the positions
 * asserted are the ones you count in the test.
 */
import { compileText, MESH_HEADER } from '../helpers/diagnose.js';
import type { CompileResult } from '../../src/compile.js';
import type { Diagnostic, SourceSpan } from '../../src/diagnostics/diagnostic.js';
import { dedent } from '../helpers/text.js';
import { runRule } from '../helpers/rule.js';
import type { Rule } from '../../src/validate/context.js';

/** Compiles `yaml` as `mesh.yaml` next to a `base.yaml` holding a valid `mesh` block. */
export function compileWithBase(yaml: string): CompileResult {
  return compileText({ 'base.yaml': MESH_HEADER, 'mesh.yaml': yaml });
}

/** `name@file:line:col` for every diagnostic of `yaml` compiled with the base mesh block. */
export function check(yaml: string): string[] {
  return compileWithBase(yaml).diagnostics.map(at);
}

/** Like `check`, each related location appended: `name@mesh.yaml:8:19 ~ mesh.yaml:8:13`. */
export function checkRelated(yaml: string | Readonly<Record<string, string>>): string[] {
  const result = typeof yaml === 'string' ? compileWithBase(yaml) : compileText(yaml);
  return result.diagnostics.map((d) => [at(d), ...(d.related ?? []).map((r) => where(r.location))].join(' ~ '));
}

export function at(d: Diagnostic): string {
  return `${d.name}@${d.location ? where(d.location) : '-'}`;
}

function where(l: SourceSpan): string {
  return `${l.file}:${l.line}:${l.column}`;
}

/**
 * An http service `catalog` (port 8080, one version) whose `fields` follow at column 5: from
 * line 8 after `defaults: <defaults>` on line 2 (its first key at column 13), or from line 7
 * without defaults.
 */
export function catalogMesh(defaults: string | undefined, ...fields: string[]): string {
  return [
    'apiVersion: meshc/v1',
    ...(defaults !== undefined ? [`defaults: ${defaults}`] : []),
    'services:',
    '  catalog:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');
}

/** The fixed lines above the routes in `routesOf`. */
const ROUTES_SKELETON = (protocol: string) => [
  'apiVersion: meshc/v1',
  'services:',
  '  catalog:',
  `    protocol: ${protocol}`,
  '    port: 8080',
  '    versions: { v1: { endpoints: [10.0.0.1] }, v2: { endpoints: [10.0.0.2] } }',
  '    routes:',
];
const ROUTES_INDENT = 6;

/**
 * Compiles `routes` (a YAML list written at column 1) as the routes of a service `catalog` with
 * versions v1 and v2. Positions inside the routes are given relative to that text, as
 * `name@line:col` (line 1 is the first line of `routes`), so a case reads on its own; anything
 * reported elsewhere keeps its file position.
 */
export function routesOf(routes: string, protocol = 'http'): string[] {
  const skeleton = ROUTES_SKELETON(protocol);
  const body = dedent(routes)
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? line : ' '.repeat(ROUTES_INDENT) + line));
  const result = compileWithBase([...skeleton, ...body].join('\n'));
  return result.diagnostics.map((d) => {
    const l = d.location;
    if (l && l.file === 'mesh.yaml' && l.line > skeleton.length) {
      return `${d.name}@${l.line - skeleton.length}:${l.column - ROUTES_INDENT}`;
    }
    return at(d);
  });
}

/**
 * Like `check`, but only `rule` runs, in process, on `yaml` next to the base mesh block: what
 * that rule reports and nothing else (no other rule, no resolution, no Envoy output).
 */
export function checkRule(rule: Rule): (yaml: string) => string[] {
  return (yaml) => runRule(rule, { 'base.yaml': MESH_HEADER, 'mesh.yaml': yaml });
}
