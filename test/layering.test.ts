/**
 * Imports flow one way through the pipeline stages, and feature units stay leaves. Read from the
 * compiled JavaScript, where only run-time imports are left (type imports are erased), so a test
 * failure here is a module that really loads another at run time; the stage order is also held
 * for type imports, read from the sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoPath } from './helpers/paths.js';

const ROOT = repoPath('dist', 'src');
const SOURCE_ROOT = repoPath('src');

/**
 * Each module (relative to its root, named by its compiled `.js` file) → the modules it imports.
 * Read from dist/src, only run-time imports; read from src, type imports as well.
 */
function importGraph(root = ROOT, extension = '.js'): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, e.name);
      if (e.isDirectory()) visit(file);
      else if (e.name.endsWith(extension) && !e.name.endsWith('.d.ts')) graph.set(asJs(relative(root, file)), importsOf(root, file));
    }
  };
  visit(root);
  return graph;
}

const asJs = (module: string): string => module.replace(/\.ts$/, '.js');

function importsOf(root: string, file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms)].map((m) => m[1] ?? m[2] ?? '');
  return specifiers.map((s) => relative(root, resolve(dirname(file), s)));
}

/** Groups of modules that import each other in a circle (Tarjan's strongly connected components). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) {
        onStack.delete(w);
        component.push(w);
      }
    } while (w !== undefined && w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return found.sort();
}

/**
 * The stages in pipeline order: a module may import its own stage and earlier ones. Feature units
 * (src/features/) cut across the stages by design and are held by their own test below.
 */
const STAGE_RANK: Readonly<Record<string, number>> = {
  diagnostics: 0,
  envoy: 0,
  regex: 0,
  dsl: 1,
  validate: 2,
  ir: 3,
  policies: 4,
  graph: 4,
  sidecar: 5,
  xds: 5,
  proxyless: 5,
  check: 6,
  emit: 7,
  'front.js': 7,
  'compile-cache.js': 7,
  'compile.js': 8,
  certs: 8,
  serve: 9,
  cli: 10,
  'index.js': 10,
};

const stageOf = (module: string): string => module.split('/')[0] ?? module;

test('no module imports itself back at run time', () => {
  assert.deepEqual(cycles(importGraph()), []);
});

/** `from → to` for every import into a later stage. */
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const upward: string[] = [];
  for (const [module, imports] of graph) {
    const from = stageOf(module);
    if (from === 'features') continue;
    const rank = STAGE_RANK[from];
    assert.ok(rank !== undefined, `${module}: stage ${from} has no place in STAGE_RANK`);
    for (const imported of imports) {
      const to = stageOf(imported);
      if (to === 'features' || to === from) continue;
      if ((STAGE_RANK[to] ?? Infinity) > rank) upward.push(`${module} → ${imported}`);
    }
  }
  return upward;
}

test('imports flow one way through the stages', () => {
  const graph = importGraph();
  assert.ok(graph.size > 100, 'the compiled sources were found');
  assert.deepEqual(upwardImports(graph), []);
});

test('type imports flow the same way: a stage does not even name a later one', () => {
  const graph = importGraph(SOURCE_ROOT, '.ts');
  assert.ok(graph.size > 100, 'the sources were found');
  assert.deepEqual(upwardImports(graph), []);
});

/** Every module that loading `start` loads, itself included. */
function reachable(graph: ReadonlyMap<string, readonly string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let module = pending.pop(); module !== undefined; module = pending.pop()) {
    if (seen.has(module)) continue;
    seen.add(module);
    pending.push(...(graph.get(module) ?? []));
  }
  return seen;
}

test('meshc certs reads the mesh without loading the Envoy output stages', () => {
  // Only the services and the trust domain matter to certificates: the front of the pipeline.
  const graph = importGraph();
  assert.ok(graph.has('certs/index.js'));
  const output = new Set(['sidecar', 'xds', 'proxyless', 'check', 'emit', 'compile.js']);
  const loaded = [...reachable(graph, 'certs/index.js')].filter((m) => output.has(stageOf(m))).sort();
  assert.deepEqual(loaded, []);
});

/** Stages that every other stage may load, so they load nothing outside themselves: the Envoy vocabulary and RE2. */
const LEAF_STAGES = ['envoy', 'regex'];

test('the leaf stages import nothing from other stages', () => {
  const outside: string[] = [];
  for (const [module, imports] of importGraph()) {
    if (!LEAF_STAGES.includes(stageOf(module))) continue;
    for (const imported of imports) if (stageOf(imported) !== stageOf(module)) outside.push(`${module} → ${imported}`);
  }
  assert.deepEqual(outside, []);
});

/** What a feature unit may load at run time besides its own folder: leaves, never a stage's registry. */
const FEATURE_MAY_IMPORT = [
  /^features\/(feature|merge)\.js$/,
  /^dsl\/(builtin|duration|effective|model|primitives|grpc)\.js$/,
  /^envoy\/[a-z0-9-]+\.js$/,
  /^regex\/re2\.js$/,
  /^validate\/walk\.js$/,
];

test('feature units import only leaves, so that the stages can import the feature registry', () => {
  const wrong: string[] = [];
  for (const [module, imports] of importGraph()) {
    const unit = /^features\/([^/]+)\//.exec(module)?.[1];
    if (unit === undefined) continue;
    for (const imported of imports) {
      if (imported.startsWith(`features/${unit}/`) || FEATURE_MAY_IMPORT.some((r) => r.test(imported))) continue;
      wrong.push(`${module} → ${imported}`);
    }
  }
  assert.deepEqual(wrong, []);
});
