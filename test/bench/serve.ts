/**
 * meshc serve benchmark: one server process (test/bench/serve-child.ts, watching the mesh
 * directory as production does) and, in this process, 1,000 state-of-the-world ADS streams
 * subscribing like Envoy (CDS and LDS by wildcard, then EDS and RDS by the names those reveal)
 * and ACKing every response. Measures the initial sync, the server's resident memory and CPU,
 * and the latency from a mesh file write to the affected sidecars' ACK of the new route tables.
 * Prints numbers against targets; fails only on errors (a stream error, a rejection), never on
 * a missed target.
 *   node dist/test/bench/serve.js [--services 100] [--instances 10] [--fan-out 3] [--edits 10]
 *                                 [--per-channel 50] [--big 1000] [--big-edits 5]
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { PackedAny, DiscoveryResponse } from '../../src/serve/protocol.js';
import { adsClient, CDS, decode, EDS, LDS, RDS, sotw, type SotwSession } from '../helpers/ads-client.js';
import { generateMesh, serviceName } from '../helpers/generate.js';
import type { ChildMessage, ParentMessage } from './serve-child.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback);
}

const SERVICES = arg('services', 100);
const INSTANCES = arg('instances', 10);
const FAN_OUT = arg('fan-out', 3);
const EDITS = arg('edits', 10);
const PER_CHANNEL = arg('per-channel', 50);
const BIG = arg('big', 1000);
const BIG_EDITS = arg('big-edits', 5);
const EDITED = serviceName(Math.min(42, SERVICES - 1));
const SPLITS = ['{ v1: 50, v2: 50 }', '{ v1: 90, v2: 10 }'] as const;

// ── the mesh ────────────────────────────────────────────────────────────────────────────────

/** generateMesh's mesh (2 versions split 90/10 per service), with the control plane ads mode needs. */
function meshText(services: number): string {
  const text = generateMesh({ services, fanOut: FAN_OUT });
  const header = 'mesh: { name: bench, trustDomain: bench.example, mtls: off }';
  if (!text.includes(header)) throw new Error('generateMesh changed its mesh block: update the serve benchmark');
  return text.replace(header, 'mesh: { name: bench, trustDomain: bench.example, mtls: off, controlPlane: { address: "127.0.0.1:18000", tls: off } }');
}

/** The mesh with one service's split replaced (the first split after its key). */
function withSplit(text: string, service: string, split: string): string {
  const at = text.indexOf(`\n  ${service}:\n`);
  const from = text.indexOf('split: { v1: 90, v2: 10 }', at);
  if (at < 0 || from < 0) throw new Error(`no split for ${service} in the generated mesh`);
  return `${text.slice(0, from)}split: ${split}${text.slice(from + 'split: { v1: 90, v2: 10 }'.length)}`;
}

// ── the server process ──────────────────────────────────────────────────────────────────────

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  /** The next message of a type, in arrival order. */
  next<T extends ChildMessage['type']>(type: T, ms?: number): Promise<Extract<ChildMessage, { type: T }>>;
  rssMb(): number;
  cpuSeconds(): number;
  gc(): Promise<void>;
  stop(): Promise<void>;
}

const errors: string[] = [];

async function startServer(dir: string): Promise<Server> {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'serve-child.js'), [dir], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const queue: ChildMessage[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (m: ChildMessage) => {
    if (m.type === 'log') errors.push(`server: ${m.msg} ${JSON.stringify(m.fields)}`);
    queue.push(m);
    wake?.();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    wake?.();
  });
  const next = async <T extends ChildMessage['type']>(type: T, ms = 120_000) => {
    const deadline = performance.now() + ms;
    for (;;) {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return queue.splice(i, 1)[0] as Extract<ChildMessage, { type: T }>;
      if (exited) throw new Error(`the server exited while waiting for "${type}"`);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no "${type}" from the server within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };
  const ask = (m: ParentMessage) => child.send(m);
  const { port } = await next('ready');
  const pid = child.pid ?? 0;
  return {
    child,
    port,
    next,
    rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    cpuSeconds: () => {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    },
    gc: async () => {
      ask({ cmd: 'gc' });
      await next('gc-done');
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      ask({ cmd: 'stop' });
      await gone;
    },
  };
}

// ── the clients ─────────────────────────────────────────────────────────────────────────────

/** Resource names by type and version: every instance of a service is sent the same responses. */
const namesCache = new Map<string, readonly string[]>();

function cached(response: DiscoveryResponse, names: (decoded: Record<string, unknown>[]) => string[]): readonly string[] {
  const key = `${response.type_url} ${response.version_info}`;
  let value = namesCache.get(key);
  if (value === undefined) {
    value = names(response.resources.map(decode));
    namesCache.set(key, value);
  }
  return value;
}

const edsClusters = (clusters: Record<string, unknown>[]) => clusters.filter((c) => c['type'] === 'EDS').map((c) => String(c['name']));

/** The route tables the listeners' HTTP connection managers name (as Envoy finds its RDS names). */
function routeTables(listeners: Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const listener of listeners) {
    const chains = [...((listener['filter_chains'] as { filters?: { typed_config?: PackedAny }[] }[] | undefined) ?? [])];
    for (const chain of chains) {
      for (const filter of chain.filters ?? []) {
        if (!filter.typed_config?.type_url.endsWith('.HttpConnectionManager')) continue;
        const rds = decode(filter.typed_config)['rds'] as { route_config_name?: string } | undefined;
        if (rds?.route_config_name) names.add(rds.route_config_name);
      }
    }
  }
  return [...names];
}

interface Instance {
  readonly service: string;
  readonly id: string;
  readonly s: SotwSession;
  eds: readonly string[] | undefined;
  rds: readonly string[] | undefined;
  /** Responses received since the last reset, and when the last RDS ACK went out. */
  pushes: number;
  rdsAckAt: number | undefined;
  readonly synced: Promise<void>;
}

let stopping = false;

/** One Envoy-like stream: CDS → EDS → LDS → RDS, ACKing each response, then ACKing every push. */
function instance(client: ReturnType<typeof adsClient>, service: string, id: string): Instance {
  const s = sotw(client, { id, cluster: service });
  let markSynced: () => void = () => undefined;
  const self: Instance = { service, id, s, eds: undefined, rds: undefined, pushes: 0, rdsAckAt: undefined, synced: new Promise((r) => (markSynced = r)) };
  const last = new Map<string, DiscoveryResponse>();
  const resubscribe = (type: string, names: readonly string[]) => {
    const held = last.get(type);
    s.send({ type_url: type, resource_names: [...names], ...(held ? { version_info: held.version_info, response_nonce: held.nonce } : {}) });
  };
  const onResponse = (r: DiscoveryResponse) => {
    self.pushes++;
    last.set(r.type_url, r);
    if (r.type_url === CDS) {
      s.reply(r, []);
      const eds = cached(r, edsClusters);
      if (self.eds === undefined || eds.join() !== self.eds.join()) resubscribe(EDS, (self.eds = eds));
    } else if (r.type_url === EDS) {
      s.reply(r, self.eds ?? []);
      if (!last.has(LDS)) s.send({ type_url: LDS });
    } else if (r.type_url === LDS) {
      s.reply(r, []);
      const rds = cached(r, routeTables);
      if (self.rds === undefined || rds.join() !== self.rds.join()) resubscribe(RDS, (self.rds = rds));
    } else if (r.type_url === RDS) {
      s.reply(r, self.rds ?? []);
      self.rdsAckAt = performance.now();
      markSynced();
    } else errors.push(`${id}: unexpected type ${r.type_url}`);
  };
  void (async () => {
    s.send({ type_url: CDS });
    for (;;) {
      let response: DiscoveryResponse;
      try {
        response = await s.inbox.next(2 ** 31 - 1);
      } catch (error) {
        if (!stopping) errors.push(`${id}: stream ended: ${(error as Error).message}`);
        markSynced();
        return;
      }
      try {
        onResponse(response);
      } catch (error) {
        errors.push(`${id}: could not handle a response: ${(error as Error).message}`);
      }
    }
  })();
  return self;
}

// ── measurements ────────────────────────────────────────────────────────────────────────────

const f = (x: number, d = 0) => x.toFixed(d);
const percentile = (xs: readonly number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

function target(label: string, measured: number, limit: number, unit: string, d = 0): void {
  const ratio = measured / limit;
  console.log(`  ${label.padEnd(44)} ${f(measured, d).padStart(8)} ${unit.padEnd(3)} target ≤ ${limit} ${unit}  ratio ${f(ratio, 2)}  ${ratio <= 1 ? 'met' : 'MISSED'}`);
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (errors.length > 0) throw new Error(errors[0]);
    if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function streamsBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-bench-serve-'));
  const file = join(dir, 'mesh.yaml');
  const text = meshText(SERVICES);
  writeFileSync(file, text);
  const server = await startServer(dir);
  const initial = await server.next('loaded');
  await server.gc();
  const rssBefore = server.rssMb();
  const streams = SERVICES * INSTANCES;
  console.log(
    `serve benchmark: ${SERVICES} services (${FAN_OUT} calls each, 2 versions split 90/10), ${INSTANCES} instances each = ${streams} SotW streams, ${PER_CHANNEL} per gRPC channel`,
  );
  console.log(`  server compile, ${SERVICES} services (first load, cold)${f(initial.compileMs).padStart(8)} ms`);

  // Its own connection per channel: grpc-js otherwise shares one subchannel between clients of a target.
  const clients = Array.from({ length: Math.ceil(streams / PER_CHANNEL) }, () => adsClient(server.port, undefined, { 'grpc.use_local_subchannel_pool': 1 }));
  const cpuSync = server.cpuSeconds();
  const t0 = performance.now();
  const instances: Instance[] = [];
  for (let i = 0; i < SERVICES; i++) {
    for (let k = 0; k < INSTANCES; k++) {
      const n = instances.length;
      const client = clients[Math.floor(n / PER_CHANNEL)];
      if (client === undefined) throw new Error('no channel');
      instances.push(instance(client, serviceName(i), `${serviceName(i)}-${k}`));
    }
  }
  await Promise.all(instances.map((i) => i.synced));
  if (errors.length > 0) throw new Error(errors[0]);
  const syncMs = performance.now() - t0;
  const syncCpu = server.cpuSeconds() - cpuSync;
  await new Promise((r) => setTimeout(r, 500)); // late responses, if any, before the memory reading
  await server.gc();
  const rssWith = server.rssMb();
  console.log(`  initial sync, ${streams} streams (CDS, EDS, LDS, RDS ACKed)  ${f(syncMs).padStart(6)} ms   server CPU ${f(syncCpu, 2)} s`);
  console.log(`  server RSS: ${f(rssBefore, 1)} MB before streams, ${f(rssWith, 1)} MB with them: ${f(((rssWith - rssBefore) * 1024) / streams, 1)} KB per stream`);

  // Edits: one service's split, alternating; its callers' route tables change.
  const perStream: number[] = [];
  const lastAck: number[] = [];
  const reloadMs: number[] = [];
  let affected = 0;
  let untouched = 0;
  let changedServices: readonly string[] = [];
  const cpuEdits = server.cpuSeconds();
  for (let e = 0; e < EDITS; e++) {
    for (const i of instances) {
      i.pushes = 0;
      i.rdsAckAt = undefined;
    }
    const start = performance.now();
    writeFileSync(file, withSplit(text, EDITED, SPLITS[e % 2] ?? SPLITS[0]));
    let loaded = await server.next('loaded');
    while (loaded.changed.length === 0) loaded = await server.next('loaded'); // a second watch event of the same write
    reloadMs.push(loaded.reloadMs);
    changedServices = loaded.changed;
    const expected = instances.filter((i) => loaded.changed.includes(i.service));
    await until(() => expected.every((i) => i.rdsAckAt !== undefined), 30_000, `edit ${e + 1}: route tables ACKed by ${expected.length} streams`);
    await new Promise((r) => setTimeout(r, 300)); // stray pushes to streams whose configuration did not change
    if (errors.length > 0) throw new Error(errors[0]);
    const latencies = expected.map((i) => (i.rdsAckAt ?? NaN) - start);
    perStream.push(...latencies);
    lastAck.push(Math.max(...latencies));
    affected += instances.filter((i) => i.pushes > 0).length;
    untouched += instances.filter((i) => i.pushes === 0).length;
    const strays = instances.filter((i) => i.pushes > 0 && !loaded.changed.includes(i.service));
    if (strays.length > 0) errors.push(`edit ${e + 1}: ${strays.length} streams of unchanged services were pushed (${strays[0]?.id})`);
  }
  const editCpu = server.cpuSeconds() - cpuEdits;
  if (errors.length > 0) throw new Error(errors[0]);
  console.log(`  ${EDITS} edits of ${EDITED}'s split (file write → watch, debounce 100 ms → compile → push → ACK):`);
  console.log(`    changed services per edit: ${changedServices.join(', ')}; streams pushed ${f(affected / EDITS)} per edit, not pushed ${f(untouched / EDITS)}`);
  console.log(`    reload ms (compile + snapshots): p50 ${f(percentile(reloadMs, 50))}, max ${f(Math.max(...reloadMs))}; server CPU during the edits ${f(editCpu, 2)} s`);
  console.log(
    `    write → RDS ACK per stream (${perStream.length}): p50 ${f(percentile(perStream, 50))} ms, p99 ${f(percentile(perStream, 99))} ms, max ${f(Math.max(...perStream))} ms`,
  );
  console.log(`    write → last ACK per edit (${lastAck.length}): p50 ${f(percentile(lastAck, 50))} ms, p99 ${f(percentile(lastAck, 99))} ms, max ${f(Math.max(...lastAck))} ms`);
  console.log('targets:');
  target('edit → last ACK, p99', percentile(lastAck, 99), 1000, 'ms');
  target(`server resident memory, ${streams} streams`, rssWith, 500, 'MB', 1);

  stopping = true;
  for (const i of instances) i.s.close();
  for (const c of clients) c.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * No streams: one edit of a big mesh, to time a reload (compile, snapshots, hand-over to the
 * streams) against the incremental target; with the mesh in one file, and with a file per
 * service as a GitOps repository keeps it (then only the edited file is parsed again).
 */
async function bigReload(): Promise<void> {
  const text = meshText(BIG);
  for (const layout of ['one file', 'a file per service'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'meshc-bench-serve-big-'));
    const files = layout === 'one file' ? new Map([['mesh.yaml', text]]) : filePerService(text);
    for (const [name, content] of files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const edited = layout === 'one file' ? 'mesh.yaml' : `services/${EDITED}.yaml`;
    const server = await startServer(dir);
    const initial = await server.next('loaded');
    const original = files.get(edited) ?? '';
    const reloads: Extract<ChildMessage, { type: 'loaded' }>[] = [];
    for (let e = 0; e < BIG_EDITS; e++) {
      writeFileSync(join(dir, edited), e % 2 === 0 ? withSplit(original, EDITED, SPLITS[0]) : original);
      let loaded = await server.next('loaded');
      while (loaded.changed.length === 0) loaded = await server.next('loaded');
      reloads.push(loaded);
    }
    const ms = reloads.map((r) => r.reloadMs);
    const compileMs = reloads.map((r) => r.compileMs);
    const changed = reloads.at(-1)?.changed ?? [];
    console.log(`  ${BIG} services, ${layout}: first load (cold)${f(initial.reloadMs).padStart(8)} ms   RSS ${f(server.rssMb(), 1)} MB`);
    const label = `reload after one edit, p50 of ${BIG_EDITS}, ${BIG} services, ${layout}`;
    // The target is for a mesh kept as the README advises; one file is parsed whole on every edit.
    if (layout === 'a file per service') target(`${label} (incremental target)`, percentile(ms, 50), 100, 'ms');
    else console.log(`  ${label} ${f(percentile(ms, 50)).padStart(8)} ms   (no target: the YAML parse of the whole file is most of it)`);
    console.log(`    (compile p50 ${f(percentile(compileMs, 50))} ms of it, reload max ${f(Math.max(...ms))} ms; ${changed.length} services changed: ${changed.join(', ')})`);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The generated mesh as a GitOps repository keeps it: the mesh block, then a file per service. */
function filePerService(text: string): Map<string, string> {
  const [head = '', ...blocks] = text.split(/\n(?=  svc-\d{5}:\n)/);
  const files = new Map([['mesh.yaml', `${head.replace(/\nservices:$/, '')}\n`]]);
  for (const block of blocks) {
    const name = /^  (svc-\d{5}):/.exec(block)?.[1] ?? '';
    files.set(`services/${name}.yaml`, `apiVersion: meshc/v1\nservices:\n${block.trimEnd()}\n`);
  }
  return files;
}

async function main(): Promise<void> {
  await streamsBenchmark();
  if (BIG > 0) await bigReload();
}

main().catch((error: unknown) => {
  console.error(`serve benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
