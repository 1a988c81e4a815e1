/**
 * A compile with a cache (what meshc serve keeps between reloads) is byte-identical to a full
 * compile, after any edit: random edits to a mesh of one file per service, of every kind that
 * can reach a sidecar (a split, a service's timeout, the defaults, a mesh-level setting, a new or
 * removed call, lines that move, a deleted file, errors and their fixes, warnings that come and
 * go with inherited settings), in static and ads modes
 * alternately on one cache. Seeded: MESHC_FUZZ_SEED replays a run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, type CompileResult, type OutputMode } from '../src/compile.js';
import { createCompileCache } from '../src/index.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import type { Source } from '../src/dsl/source.js';

const SERVICES = 16;
const STEPS = 32;
const SEED = Number(process.env.MESHC_FUZZ_SEED ?? 11);

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ServiceState {
  name: string;
  /** A connect timeout Envoy cannot express (duration-out-of-range, a rule about one document). */
  badDuration: boolean;
  grpc: boolean;
  proxyless: boolean;
  split: number;
  timeoutMs: number;
  calls: number[];
  padding: number;
}

interface MeshState {
  adminPort: number;
  defaultTimeoutMs: number;
  /** Inherited by every service's retries: with its timeout, decides retry-exceeds-timeout. */
  perTryMs: number;
  services: (ServiceState | undefined)[];
  broken: boolean;
}

const name = (i: number) => `s${String(i).padStart(2, '0')}`;

function initial(): MeshState {
  return {
    adminPort: 15000,
    defaultTimeoutMs: 3000,
    perTryMs: 300,
    broken: false,
    services: Array.from({ length: SERVICES }, (_, i) => ({
      name: name(i),
      badDuration: false,
      // A third are gRPC, half of those proxyless; proxyless services call only gRPC services.
      grpc: i % 3 === 0,
      proxyless: i % 6 === 0,
      split: 90,
      timeoutMs: 1000,
      calls: [(i + 1) % SERVICES, (i + 2) % SERVICES].filter((c) => (i % 6 === 0 ? c % 3 === 0 : true)),
      padding: 0,
    })),
  };
}

type Layout = 'a file per service' | 'one file';

function sources(state: MeshState, layout: Layout): Source[] {
  const mesh = [
    'apiVersion: meshc/v1',
    'mesh:',
    '  name: inc',
    '  trustDomain: inc.example',
    `  sidecar: { adminPort: ${state.adminPort} }`,
    '  controlPlane: { address: "127.0.0.1:18000", tls: off }',
    'defaults:',
    `  timeout: ${state.defaultTimeoutMs}ms`,
    `  retries: { perTryTimeout: ${state.perTryMs}ms }`,
  ];
  const blocks = state.services.flatMap((s, i) => {
    if (!s) return [];
    const calls = s.calls.filter((c) => state.services[c] !== undefined).map(name);
    const block = [
      `  ${s.name}:`,
      `    protocol: ${s.grpc ? 'grpc' : 'http'}`,
      `    port: ${8000 + i}`,
      ...(s.proxyless ? ['    proxy: grpc'] : []),
      `    versions: { v1: { endpoints: [10.0.${i}.1] }, v2: { endpoints: [10.0.${i}.2] } }`,
      ...(calls.length > 0 ? [`    calls: [${calls.join(', ')}]`] : []),
      `    timeout: ${s.timeoutMs}ms`,
      ...(s.badDuration ? ['    connectTimeout: 0.5ms'] : []),
      '    retries: { attempts: 2, on: [unavailable] }',
      `    routes: [{ split: { v1: ${s.split}, ${state.broken && i === 1 ? 'v9' : 'v2'}: ${100 - s.split} } }]`,
    ];
    return [{ name: s.name, padding: s.padding, block }];
  });
  if (layout === 'one file') {
    const services = blocks.flatMap((b) => [...Array.from({ length: b.padding }, () => '# moved down'), ...b.block]);
    return [{ name: 'mesh.yaml', text: [...mesh, 'services:', ...services, ''].join('\n') }];
  }
  return [
    { name: 'mesh.yaml', text: [...mesh, ''].join('\n') },
    ...blocks.map((b) => ({
      name: `services/${b.name}.yaml`,
      text: [...Array.from({ length: b.padding }, () => '# moved down'), 'apiVersion: meshc/v1', 'services:', ...b.block, ''].join('\n'),
    })),
  ];
}

type Edit = (state: MeshState, pick: () => number) => string;

const someService = (state: MeshState, pick: () => number): ServiceState | undefined => {
  const alive = state.services.filter((s): s is ServiceState => s !== undefined);
  return alive[Math.floor(pick() * alive.length)];
};

const EDITS: readonly Edit[] = [
  (state, pick) => {
    const s = someService(state, pick);
    if (s) s.split = Math.floor(pick() * 101);
    return `split of ${s?.name}`;
  },
  (state, pick) => {
    const s = someService(state, pick);
    if (s) s.timeoutMs = 100 + Math.floor(pick() * 20) * 100;
    return `timeout of ${s?.name}`;
  },
  (state, pick) => {
    state.defaultTimeoutMs = 1000 + Math.floor(pick() * 5) * 1000;
    return 'defaults';
  },
  (state, pick) => {
    state.perTryMs = 100 + Math.floor(pick() * 9) * 100;
    return `perTryTimeout ${state.perTryMs}ms in defaults`;
  },
  (state, pick) => {
    state.adminPort = 15100 + Math.floor(pick() * 10);
    return 'mesh-level admin port';
  },
  (state, pick) => {
    const s = someService(state, pick);
    const target = Math.floor(pick() * SERVICES);
    if (s && !s.proxyless && target !== state.services.indexOf(s) && !s.calls.includes(target)) s.calls.push(target);
    return `a new call of ${s?.name}`;
  },
  (state, pick) => {
    const s = someService(state, pick);
    s?.calls.pop();
    return `a removed call of ${s?.name}`;
  },
  (state, pick) => {
    const s = someService(state, pick);
    if (s) s.padding += 1;
    return `lines of ${s?.name} moved`;
  },
  (state, pick) => {
    const i = 2 + Math.floor(pick() * (SERVICES - 2));
    state.services[i] = undefined;
    return `file of ${name(i)} deleted`;
  },
];

const TOGGLE_ERROR: Edit = (state, pick) => {
  state.broken = !state.broken;
  for (const s of state.services) if (s) s.badDuration = false;
  const s = someService(state, pick);
  if (state.broken && s && pick() < 0.5) s.badDuration = true;
  return state.broken ? 'an error' : 'the error fixed';
};

/** What a compile produced, comparable with deepEqual. */
function observable(result: CompileResult): unknown {
  return {
    files: result.files,
    diagnostics: result.diagnostics,
    served: result.served ? [...result.served].map(([service, config]) => [service, config.resources]) : undefined,
  };
}

for (const layout of ['a file per service', 'one file'] as const) {
  test(`a cached compile equals a full compile after each of ${STEPS} random edits, ${layout} (seed ${SEED})`, () => {
    const pick = random(SEED);
    const state = initial();
    const cache = createCompileCache();
    const history: string[] = [];
    let valid = 0;
    for (let step = 0; step <= STEPS; step++) {
      // Every few steps the mesh breaks, and is fixed at the next: an invalid mesh must not poison the cache.
      const edit = step % 5 === 3 || step % 5 === 4 ? TOGGLE_ERROR : (EDITS[Math.floor(pick() * EDITS.length)] as Edit);
      if (step > 0) history.push(edit(state, pick));
      const mode: OutputMode = step % 2 === 0 ? 'ads' : 'static';
      const text = sources(state, layout);
      const cached = compile(text, { mode, cache });
      const full = compile(text, { mode });
      assert.deepEqual(observable(cached), observable(full), `after: ${history.join('; ')} (${mode})`);
      // Unchanged again: everything comes from the cache, and still equals.
      assert.deepEqual(observable(compile(text, { mode, cache })), observable(full));
      if (!state.broken) valid += 1;
      assert.equal(hasErrors(full.diagnostics), state.broken, `after: ${history.join('; ')}: errors only when broken`);
    }
    assert.ok(valid > STEPS / 2, `${valid} of ${STEPS} steps compiled`);
    assert.ok(
      history.some((h) => h === 'an error'),
      `the edits include an error: ${history.join('; ')}`,
    );
  });
}

test('the cache reuses an unchanged service\u2019s output and rebuilds a changed one', () => {
  const state = initial();
  const cache = createCompileCache();
  const first = compile(sources(state, 'one file'), { mode: 'ads', cache });
  (state.services[5] as ServiceState).split = 50;
  const second = compile(sources(state, 'one file'), { mode: 'ads', cache });
  // In one file, every service is parsed again, yet only s05's callers (s03, s04) and s05 itself
  // are rebuilt; a service that does not call s05 keeps its output.
  assert.equal(second.served?.get('s09'), first.served?.get('s09'));
  assert.notEqual(second.served?.get('s04'), first.served?.get('s04'));
  assert.notEqual(second.served?.get('s05'), first.served?.get('s05'));
});
