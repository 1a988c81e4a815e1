/**
 * Golden cases: `golden/<feature>-<scenario>/` holds `input/` (one or more mesh files), an
 * optional `options.json` (CaseOptions), and the expected results:
 *
 *   output/<path>            every file the compiler writes (`_mesh/` only with meshFiles), except
 *                            that in static mode each sidecar's bootstrap is stored as its review
 *                            view, split by resource type (bootstrap-split.ts):
 *   output/<service>/listeners.yaml, routes.yaml, clusters.yaml, secrets.yaml (if any), and
 *                    bootstrap.yaml with the rest (.json files for a JSON bootstrap); the golden
 *                    test checks that they reassemble to the compiled bootstrap, byte for byte
 *   served/<service>.yaml    ads mode: what meshc serve sends the service
 *   ir.yaml                  the resolved mesh (meshc compile --emit ir), whenever the input
 *                            resolves: the semantic change next to the Envoy one
 *   graph.mmd, graph.dot     with options.graph
 *   diagnostics.txt          when the compiler reports anything
 *
 * xds-files and ads outputs are stored as written: their resources are already in files of their
 * own. `MESHC_UPDATE_GOLDEN=1` (npm run golden:update) rewrites the expected files and deletes
 * those no longer produced.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { compile, type CompileResult, type OutputMode } from '../../src/compile.js';
import { renderDiagnostics } from '../../src/diagnostics/render.js';
import type { Source } from '../../src/dsl/source.js';
import { createSerializer, type OutputFormat } from '../../src/emit/serialize.js';
import { formatOfName, type OutputFile } from '../../src/emit/layout.js';
import { renderGraph, type GraphFormat } from '../../src/graph/index.js';
import { renderIr } from '../../src/emit/ir.js';
import { MESH_DIRECTORY } from '../../src/sidecar/mesh-files.js';
import { repoPath } from './paths.js';
import { splitBootstrapText } from './bootstrap-split.js';

export const GOLDEN_DIR = repoPath('golden');
export const UPDATE = process.env['MESHC_UPDATE_GOLDEN'] === '1';
export const UPDATE_COMMAND = 'npm run golden:update';

export function goldenCases(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((name) => statSync(join(GOLDEN_DIR, name)).isDirectory())
    .sort();
}

export interface CaseOptions {
  readonly format?: OutputFormat;
  readonly mode?: OutputMode;
  /** Keep the mesh-wide files (`_mesh/`: monitoring, rate-limit service): only the cases about them do. */
  readonly meshFiles?: boolean;
  /** Also draw the mesh: graph.mmd and/or graph.dot. */
  readonly graph?: readonly GraphFormat[];
}

const GRAPH_FILES: Readonly<Record<GraphFormat, string>> = { mermaid: 'graph.mmd', dot: 'graph.dot' };

export function readCaseSources(caseDir: string): Source[] {
  return listFiles(join(caseDir, 'input'))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: relative(caseDir, f), text: readFileSync(f, 'utf8') }));
}

export interface CompiledCase {
  readonly result: CompileResult;
  readonly options: CaseOptions;
  /** The case's expected files by path relative to its directory, as checkCase compares them. */
  readonly expected: Map<string, string>;
}

export function compileCase(name: string): CompiledCase {
  const caseDir = join(GOLDEN_DIR, name);
  const optionsFile = join(caseDir, 'options.json');
  const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as CaseOptions) : {};
  const sources = readCaseSources(caseDir);
  const result = compile(sources, options);
  const expected = new Map<string, string>();
  const split = new Set(reviewedBootstraps(result, options).map((f) => f.path));
  for (const file of result.files) {
    // The mesh-wide files would repeat in every case; only the cases about them keep them.
    if (options.meshFiles !== true && file.path.startsWith(`${MESH_DIRECTORY}/`)) continue;
    if (!split.has(file.path)) expected.set(`output/${file.path}`, file.content);
    else for (const [part, text] of splitBootstrapText(file.content, formatOfName(file.path))) expected.set(`output/${dirname(file.path)}/${part}`, text);
  }
  // In ads mode what meshc serve would send each service is part of the output to review.
  for (const [service, config] of result.served ?? []) expected.set(`served/${service}.yaml`, createSerializer('yaml')(config.resources.map((r) => r.value)));
  if (result.mesh) expected.set('ir.yaml', renderIr(result.mesh));
  for (const format of options.graph ?? []) {
    if (result.mesh) expected.set(GRAPH_FILES[format], renderGraph(result.mesh, format));
  }
  if (result.diagnostics.length > 0) {
    const texts = new Map(sources.map((s) => [s.name, s.text]));
    expected.set('diagnostics.txt', renderDiagnostics(result.diagnostics, 'text', texts));
  }
  return { result, options, expected };
}

const SIDECAR_BOOTSTRAP = /^[^/]+\/bootstrap\.(yaml|json)$/;

/** The bootstraps a case stores as review views: every sidecar's in static mode, where it is the whole configuration. */
export function reviewedBootstraps(result: CompileResult, options: CaseOptions): OutputFile[] {
  if ((options.mode ?? 'static') !== 'static') return [];
  return result.files.filter((f) => SIDECAR_BOOTSTRAP.test(f.path));
}

/** Files of a case other than its input and options: what the compiler is expected to produce. */
export function actualFiles(name: string): Map<string, string> {
  const caseDir = join(GOLDEN_DIR, name);
  const files = new Map<string, string>();
  for (const file of listFiles(caseDir)) {
    const rel = relative(caseDir, file);
    if (rel.startsWith('input/') || rel === 'options.json') continue;
    files.set(rel, readFileSync(file, 'utf8'));
  }
  return files;
}

/** Compares (or, in update mode, rewrites) one case; returns the mismatches as readable diffs. */
export function checkCase(name: string, produced: Map<string, string>): string[] {
  const caseDir = join(GOLDEN_DIR, name);
  const onDisk = actualFiles(name);
  const problems: string[] = [];
  for (const [rel, content] of produced) {
    const current = onDisk.get(rel);
    if (current === content) continue;
    if (UPDATE) {
      mkdirSync(dirname(join(caseDir, rel)), { recursive: true });
      writeFileSync(join(caseDir, rel), content);
    } else {
      problems.push(createTwoFilesPatch(`golden/${name}/${rel}`, `(compiled) ${rel}`, current ?? '', content));
    }
  }
  for (const rel of onDisk.keys()) {
    if (produced.has(rel)) continue;
    if (UPDATE) rmSync(join(caseDir, rel));
    else problems.push(`golden/${name}/${rel} is no longer produced by the compiler`);
  }
  if (UPDATE) removeEmptyDirectories(caseDir);
  return problems;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

function removeEmptyDirectories(dir: string): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && removeEmptyDirectories(join(dir, e.name))) rmSync(join(dir, e.name), { recursive: true });
    else empty = false;
  }
  return empty;
}
