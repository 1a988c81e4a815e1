/**
 * Differential test against buf (Go's protojson, an independent proto3 JSON parser): whatever
 * `buf convert` refuses, the checker refuses too. In strict mode always; in the default mode
 * unless the only objection is a form Envoy's own parser accepts (a single object for a list,
 * an enum name in lower case, …), which strict mode reports as envoy-non-canonical.
 *
 * Inputs: the real-world corpus, the envoy-negative corpus, our negative fixtures, and mutations
 * of valid configs (a field renamed, a value of the wrong type, a Go-style duration, …). The
 * converse is not asserted: the checker also applies PGV rules and Envoy's invariants, which
 * buf convert does not, and buf silently drops unknown enum names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResources, resolveMessageName } from '../../src/check/index.js';
import { EnvoySource } from '../../src/check/source.js';
import { guessMessageName } from '../../src/check/types.js';
import { bufBinary, bufConvertAsync, bufImage, type BufResult } from '../helpers/buf.js';
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
  const types = readFileSync(join(real, 'types.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const cases = types.flatMap((line) => {
    const [file, type] = line.split('\t') as [string, string];
    return casesOf(file, readFileSync(join(real, file), 'utf8'), type);
  });
  const negative = checkTestPath('corpus', 'envoy-negative');
  const expected = readFileSync(join(negative, 'EXPECTED.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
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
  const types = new Map(readFileSync(join(real, 'types.tsv'), 'utf8').split('\n').map((l) => l.split('\t') as [string, string]));
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

/** Runs buf on every case, two at a time (the machine has two cores). */
async function bufVerdicts(cases: readonly Case[]): Promise<BufResult[]> {
  const results: BufResult[] = new Array<BufResult>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i] as Case;
      results[i] = await bufConvertAsync(c.typeName, JSON.stringify(c.value));
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
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

for (const [group, make] of [
  ['real-world and envoy-negative corpora', corpusCases],
  ['our negative fixtures', fixtureCases],
  ['mutated valid configs', mutationCases],
] as const) {
  test(`whatever buf convert refuses, the checker refuses: ${group}`, { skip }, async (t) => {
    const cases = make();
    const verdicts = await bufVerdicts(cases);
    const missed: string[] = [];
    let refused = 0;
    let agreedLeniency = 0;
    cases.forEach((c, i) => {
      const buf = verdicts[i] as BufResult;
      if (buf.ok) return;
      refused++;
      const strict = errorNames(c, true);
      const lenient = errorNames(c, false);
      if (strict.length === 0) missed.push(`${c.label} (strict): buf says ${buf.error}`);
      if (lenient.length === 0) {
        if (strict.every((n) => n === 'envoy-non-canonical')) agreedLeniency++;
        else missed.push(`${c.label} (default mode): buf says ${buf.error}`);
      }
    });
    t.diagnostic(`${cases.length} inputs, buf refused ${refused}; ${agreedLeniency} of those only for forms Envoy accepts (strict mode refuses them)`);
    assert.ok(cases.length > 0);
    assert.deepEqual(missed, []);
  });
}
