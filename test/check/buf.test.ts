/**
 * Differential test against buf (Go's protojson, an independent proto3 JSON parser): whatever
 * `buf convert` refuses, the checker refuses too. In strict mode always; in the default mode
 * unless the only objection is a form Envoy's own parser accepts (a single object for a list,
 * an enum name in lower case, …), which strict mode reports as envoy-non-canonical. See the
 * comment above the tests for how that is shown with few buf runs.
 *
 * Inputs: the real-world corpus, the envoy-negative corpus, our negative fixtures, and mutations
 * of valid configs (a field renamed, a value of the wrong type, a Go-style duration, …). The
 * converse is not asserted: the checker also applies PGV rules and Envoy's invariants, which
 * buf convert does not, and buf silently drops unknown fields and enum names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResources, resolveMessageName } from '../../src/check/index.js';
import { EnvoySource } from '../../src/check/source.js';
import { guessMessageName } from '../../src/check/types.js';
import { bufBinary, bufConvertAsync, bufImage } from '../helpers/buf.js';
import { checkTestPath } from './helpers.js';

interface Case {
  readonly label: string;
  readonly typeName: string;
  readonly value: unknown;
}

const DISCOVERY = 'envoy.service.discovery.v3.DiscoveryResponse';

/** Each document of a file as one case; a list of resources becomes one DiscoveryResponse. */
function casesOf(label: string, text: string, type: string | undefined): Case[] {
  const source = new EnvoySource(label, text);
  return source.documents.map((doc) => {
    if (!Array.isArray(doc.data)) return { label, typeName: type ? resolveMessageName(type) : guessMessageName(doc.data), value: doc.data };
    const typeName = resolveMessageName(type ?? 'bootstrap');
    const resources = doc.data.map((r) => ({ '@type': `type.googleapis.com/${typeName}`, ...(r as object) }));
    return { label, typeName: DISCOVERY, value: { resources } };
  });
}

function corpusCases(): Case[] {
  const real = checkTestPath('corpus', 'envoy-real');
  const types = readFileSync(join(real, 'types.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const cases = types.flatMap((line) => {
    const [file, type] = line.split('\t') as [string, string];
    return casesOf(file, readFileSync(join(real, file), 'utf8'), type);
  });
  const negative = checkTestPath('corpus', 'envoy-negative');
  const expected = readFileSync(join(negative, 'EXPECTED.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  for (const line of expected) {
    const [file, type] = line.split('\t') as [string, string];
    cases.push(...casesOf(`envoy-negative/${file}`, readFileSync(join(negative, file), 'utf8'), type === 'auto' ? undefined : type));
  }
  return cases;
}

function fixtureCases(): Case[] {
  const dir = checkTestPath('negative');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const type = /^# type: (.*)$/m.exec(text)?.[1];
      return casesOf(`negative/${file}`, text, type);
    });
}

// Mutations: small, deterministic edits of valid configs, each a likely generator bug.

type Json = unknown;
type Mutation = (value: Json, key: string, parent: Record<string, Json>) => boolean;

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'misspell a field': (_v, key, parent) => rename(parent, key, `${key}x`),
  'number as text': (v, key, parent) => typeof v === 'number' && set(parent, key, 'abc'),
  'text as number': (v, key, parent) => typeof v === 'string' && key !== '@type' && set(parent, key, 7),
  'Go duration': (v, key, parent) => typeof v === 'string' && /^\d+(\.\d+)?s$/.test(v) && set(parent, key, `${parseFloat(v) * 1000}ms`),
  'object as text': (v, key, parent) => typeof v === 'object' && v !== null && !Array.isArray(v) && set(parent, key, 'x'),
  'list as number': (v, key, parent) => Array.isArray(v) && set(parent, key, 1),
  'drop @type': (_v, key, parent) => key === '@type' && set(parent, key, undefined),
  'bad type URL': (v, key, parent) => key === '@type' && set(parent, key, `${String(v)}Typo`),
  'bool as text': (v, key, parent) => typeof v === 'boolean' && set(parent, key, 'yes'),
};

function set(parent: Record<string, Json>, key: string, value: Json): true {
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return true;
}

function rename(parent: Record<string, Json>, key: string, to: string): boolean {
  if (key === '@type') return false;
  parent[to] = parent[key];
  delete parent[key];
  return true;
}

/** Every (parent, key) of the tree, in document order. */
function sites(value: Json, out: [Record<string, Json>, string][] = []): [Record<string, Json>, string][] {
  if (Array.isArray(value)) for (const item of value) sites(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      out.push([value as Record<string, Json>, key]);
      sites((value as Record<string, Json>)[key], out);
    }
  }
  return out;
}

/** A deterministic spread of sites: the same mutations on every run. */
function mutationCases(): Case[] {
  const sources = [
    'envoyproxy-examples/front-proxy/envoy.yaml',
    'envoyproxy-examples/tls-sni/envoy.yaml',
    'istio-istio/pkg/bootstrap/testdata/all_golden.json',
    'envoyproxy-gateway/internal/xds/translator/testdata/out/xds-ir/http-route-mirror.routes.yaml',
  ];
  const real = checkTestPath('corpus', 'envoy-real');
  const types = new Map(
    readFileSync(join(real, 'types.tsv'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t') as [string, string]),
  );
  const cases: Case[] = [];
  for (const file of sources) {
    const [original] = casesOf(file, readFileSync(join(real, file), 'utf8'), types.get(file));
    if (!original) continue;
    for (const [name, mutate] of Object.entries(MUTATIONS)) {
      for (const pick of [0.3, 0.7]) {
        const value = structuredClone(original.value);
        const all = sites(value);
        const start = Math.floor(all.length * pick);
        const applied = [...all.slice(start), ...all.slice(0, start)].some(([parent, key]) => mutate(parent[key], key, parent));
        if (applied) cases.push({ label: `${file}: ${name} @${pick}`, typeName: original.typeName, value });
      }
    }
  }
  return cases;
}

/**
 * The cases buf refuses among `cases`. They are wrapped as Any resources of one
 * DiscoveryResponse, which protojson parses exactly as it parses each on its own; a batch buf
 * refuses is split in halves until the culprits are found, so that a clean set costs one run.
 */
async function refusedByBuf(cases: readonly Case[]): Promise<{ refused: Case[]; runs: number }> {
  let runs = 0;
  const wrap = (batch: readonly Case[]): string => JSON.stringify({ resources: batch.map((c) => ({ '@type': `type.googleapis.com/${c.typeName}`, ...(c.value as object) })) });
  const search = async (batch: readonly Case[]): Promise<Case[]> => {
    runs++;
    const verdict =
      batch.length === 1 ? await bufConvertAsync((batch[0] as Case).typeName, JSON.stringify((batch[0] as Case).value)) : await bufConvertAsync(DISCOVERY, wrap(batch));
    if (verdict.ok) return [];
    if (batch.length === 1) return [...batch];
    const half = Math.ceil(batch.length / 2);
    const [a, b] = await Promise.all([search(batch.slice(0, half)), search(batch.slice(half))]);
    return [...a, ...b];
  };
  const wrappable = cases.filter((c) => typeof c.value === 'object' && c.value !== null && !Array.isArray(c.value));
  const single = cases.filter((c) => !wrappable.includes(c));
  const refused = [...(wrappable.length > 0 ? await search(wrappable) : [])];
  for (const c of single) refused.push(...(await search([c])));
  return { refused, runs };
}

function errorNames(c: Case, strict: boolean): string[] {
  return checkResources([{ typeName: c.typeName, value: c.value }], { strict })
    .filter((p) => p.severity === 'error')
    .map((p) => p.name);
}

const binary = bufBinary();
let skip: string | false = 'path' in binary ? false : `buf is not available: ${binary.reason}`;
if (!skip) {
  try {
    bufImage();
  } catch (error) {
    skip = `buf could not build the Envoy API image: ${(error as Error).message}`;
  }
}
if (skip) process.stdout.write(`# skipping the buf differential test: ${skip}\n`);

/**
 * The input as protojson should see it when the checker accepts it by default: Envoy's one
 * leniency that protojson refuses, a single value where a list is expected, is written as a
 * list. (The others, lowerCamel names, enum names in any case, numbers as strings and back,
 * protojson accepts or, for unknown enum names, drops.) Found without reading messages: a
 * strict-mode problem that disappears when the value at its path is put in a list.
 */
function asListsWhereExpected(c: Case): { readonly view: Case; readonly rewritten: boolean } {
  let value = structuredClone(c.value);
  let rewritten = false;
  const strictProblems = (v: unknown): string[] => checkResources([{ typeName: c.typeName, value: v }], { strict: true }).map((p) => `${p.name}@${p.path}`);
  for (const problem of checkResources([{ typeName: c.typeName, value }], { strict: true }).filter((p) => p.name === 'envoy-non-canonical')) {
    const candidate = structuredClone(value);
    const parent = problem.segments.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], candidate);
    const key = problem.segments[problem.segments.length - 1];
    if (key === undefined || typeof parent !== 'object' || parent === null) continue;
    const slot = parent as Record<string | number, unknown>;
    if (Array.isArray(slot[key]) || slot[key] === undefined || slot[key] === null) continue;
    slot[key] = [slot[key]];
    // The fix is right when exactly that problem goes away and nothing else changes.
    const before = strictProblems(value);
    const target = `${problem.name}@${problem.path}`;
    const expected = before.filter((p, i) => p !== target || before.indexOf(p) !== i);
    if (JSON.stringify(strictProblems(candidate)) === JSON.stringify(expected)) {
      value = candidate;
      rewritten = true;
    }
  }
  return { view: { ...c, value }, rewritten };
}

/*
 * What is shown: every input buf refuses, the checker refuses, in both modes. Inputs the checker
 * refuses by default satisfy that whatever buf says; so buf judges every input the checker
 * accepts by default (with single values put in lists, see above), and must accept all of them.
 * Strict mode refuses everything the default mode refuses (asserted for every input), and
 * accepts a subset of what it accepts, unchanged by the rewriting above.
 */
for (const [group, make] of [
  ['real-world and envoy-negative corpora', corpusCases],
  ['our negative fixtures', fixtureCases],
  ['mutated valid configs', mutationCases],
] as const) {
  test(`whatever buf convert refuses, the checker refuses: ${group}`, { skip }, async (t) => {
    const cases = make();
    const accepted: Case[] = [];
    let rewritten = 0;
    for (const c of cases) {
      const strict = errorNames(c, true);
      const lenient = errorNames(c, false);
      for (const name of lenient) assert.ok(strict.includes(name), `${c.label}: ${name} in the default mode only`);
      if (lenient.length > 0) continue;
      const { view, rewritten: changed } = strict.length > 0 ? asListsWhereExpected(c) : { view: c, rewritten: false };
      if (changed) rewritten++;
      accepted.push(view);
    }
    const { refused, runs } = await refusedByBuf(accepted);
    t.diagnostic(
      `${cases.length} inputs: the checker refuses ${cases.length - accepted.length}; buf judged the other ${accepted.length} ` +
        `(${rewritten} with single values written as lists) in ${runs} runs`,
    );
    assert.ok(cases.length > 0);
    assert.deepEqual(
      refused.map((c) => c.label),
      [],
      'buf refuses these, the checker accepts them',
    );
  });
}

/**
 * The wiring works: buf refuses these (and the checker too), each on its own. (buf convert
 * drops unknown fields and enum names instead of refusing them, so those are not among them.)
 */
test('buf refuses structurally broken configs on its own', { skip }, async () => {
  const negative = checkTestPath('corpus', 'envoy-negative');
  for (const file of ['wrong-type.yaml', 'bad-duration.yaml', 'unknown-any-type.yaml', 'conflicting-oneof.yaml', 'json-duration-as-number.json']) {
    const [c] = casesOf(file, readFileSync(join(negative, file), 'utf8'), undefined);
    assert.ok(c);
    const verdict = await bufConvertAsync(c.typeName, JSON.stringify(c.value));
    assert.equal(verdict.ok, false, file);
    assert.ok(errorNames(c, false).length > 0, file);
  }
});
