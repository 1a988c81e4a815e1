/**
 * Compile-time benchmark: generated meshes of growing size (each service calling 10 others),
 * timed stage by stage. Prints numbers; asserts nothing (timing never belongs in tests).
 *   node dist/test/bench/compile.js [--sizes 250,500,1000,2000] [--fan-out 10] [--format yaml|json]
 */
import { performance } from 'node:perf_hooks';
import { checkSchema } from '../../src/dsl/check-schema.js';
import { assembleModel } from '../../src/dsl/model.js';
import { parseSource } from '../../src/dsl/parse.js';
import { resolveMesh } from '../../src/ir/resolve.js';
import { validateModel } from '../../src/validate/validate.js';
import { buildSidecars } from '../../src/sidecar/sidecar.js';
import { layoutOutput } from '../../src/emit/layout.js';
import { buildMeshFiles } from '../../src/sidecar/mesh-files.js';
import { checkSidecars } from '../../src/check/sidecar-output.js';
import { envoySchema } from '../../src/check/api/load.js';
import type { OutputFormat } from '../../src/emit/serialize.js';
import { generateMesh } from '../helpers/generate.js';

interface Row {
  readonly services: number;
  readonly edges: number;
  readonly ms: Readonly<Record<string, number>>;
  readonly totalMs: number;
  readonly stringifyMs: number;
  readonly bytes: number;
  readonly rssMb: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function timed<T>(ms: Record<string, number>, stage: string, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  ms[stage] = performance.now() - start;
  return value;
}

export function benchCompile(services: number, fanOut: number, format: OutputFormat): Row {
  const text = generateMesh({ services, fanOut });
  const ms: Record<string, number> = {};
  const docs = timed(ms, 'parse', () => parseSource({ name: 'mesh.yaml', text }).value);
  const typed = timed(ms, 'schema', () => docs.map((pd) => ({ parsed: pd, value: checkSchema(pd).value })).flatMap((d) => (d.value ? [{ parsed: d.parsed, value: d.value }] : [])));
  const model = assembleModel(typed);
  const diagnostics = timed(ms, 'rules', () => validateModel(model));
  // The synthetic chains retry on every hop, which retry-amplification warns about; errors only.
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated mesh is invalid: ${diagnostics.find((d) => d.severity === 'error')?.message}`);
  const mesh = timed(ms, 'resolve', () => resolveMesh(model));
  const sidecars = timed(ms, 'build', () => buildSidecars(mesh));
  const serviceOrigins = new Map(mesh.services.map((s) => [s.name, s.origin]));
  const problems = timed(ms, 'check', () => checkSidecars(sidecars, (s) => serviceOrigins.get(s) ?? mesh.origin));
  if (problems.length > 0) throw new Error(`the checker refused the output: ${problems[0]?.message}`);
  const files = timed(ms, 'serialize', () => layoutOutput(sidecars, buildMeshFiles(mesh), format));
  const start = performance.now();
  for (const s of sidecars) JSON.stringify(s.bootstrap);
  const stringifyMs = performance.now() - start;
  const totalMs = Object.values(ms).reduce((a, b) => a + b, 0);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  return { services, edges: services * fanOut, ms, totalMs, stringifyMs, bytes, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

function main(): void {
  const sizes = arg('sizes', '250,500,1000,2000').split(',').map(Number);
  const fanOut = Number(arg('fan-out', '10'));
  const format = arg('format', 'yaml') as OutputFormat;
  benchCompile(50, fanOut, format); // warm-up: JIT and module loading out of the measurements
  console.log(`compile benchmark: ${fanOut} calls per service, 2 versions each, ${format} output`);
  envoySchema(); // the descriptor is loaded once per process; keep it out of the first row
  console.log('services   edges   total ms  parse schema rules resolve build  check serialize   µs/edge  KB/edge  R_json  MB out  RSS MB');
  let previous: Row | undefined;
  for (const n of sizes) {
    const r = benchCompile(n, fanOut, format);
    const f = (x: number | undefined, w: number, d = 0) => (x ?? 0).toFixed(d).padStart(w);
    console.log(
      `${f(r.services, 8)} ${f(r.edges, 7)} ${f(r.totalMs, 10)} ${f(r.ms['parse'], 6)} ${f(r.ms['schema'], 6)} ${f(r.ms['rules'], 5)} ${f(r.ms['resolve'], 7)} ${f(r.ms['build'], 5)} ${f(r.ms['check'], 6)} ${f(r.ms['serialize'], 9)} ` +
        `${f((r.totalMs * 1000) / r.edges, 9, 1)} ${f(r.bytes / r.edges / 1024, 8, 2)} ${f(r.totalMs / r.stringifyMs, 7, 1)} ${f(r.bytes / 2 ** 20, 7, 1)} ${f(r.rssMb, 7)}`,
    );
    if (previous && n === previous.services * 2) {
      console.log(`         doubling ${previous.services} → ${n}: time ×${(r.totalMs / previous.totalMs).toFixed(2)}, bytes ×${(r.bytes / previous.bytes).toFixed(2)}`);
    }
    previous = r;
  }
  console.log('R_json = compile time / JSON.stringify time of the same bootstraps (the floor for producing these bytes).');
}

main();
