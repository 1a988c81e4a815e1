/**
 * Proxyless gRPC end to end: the real `@grpc/grpc-js-xds` client (a channel to `xds:///echo`
 * with the bootstrap `meshc compile` wrote for the service) against `meshc serve`, and real
 * grpc-js backends on loopback that present the certificates `meshc certs` issued, so every call
 * is mutual TLS through the gRFC A29 certificate providers. The mesh is written by the test;
 * traffic is counted at the backends.
 *
 * grpc-js-xds picks weighted clusters with Math.random (route-action.ts), which cannot be
 * seeded, so splits are asserted with binomial bounds: for 2,000 calls at 10%, σ ≈ 13.4 and
 * 140 ≤ v2 ≤ 260 is ±4.5σ (a false failure about once in 10^5 runs).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, ServerCredentials, status, type Server } from '@grpc/grpc-js';
import * as xds from '@grpc/grpc-js-xds';
import { initCa, issueCerts, loadMeshIdentity } from '../../src/certs/index.js';
import { compile } from '../../src/compile.js';
import { startServe, type ServeHandle } from '../../src/serve/serve.js';
import { buildSnapshots } from '../../src/serve/snapshot.js';
import type { ServedConfig } from '../../src/xds/ads.js';
import { EchoClient, freePort, probeMesh, SLOW_MS, startEcho, type Attempts } from '../helpers/grpc-probe.js';

xds.register();

interface Setup {
  dir: string;
  meshFile: string;
  certs: string;
  adsPort: number;
  ports: { v1: number; v2: number; slow: number };
}

const MESH = (s: Setup, split = '{ v1: 90, v2: 10 }') => `${probeMesh(s.adsPort, s.certs, '[echo, slowpoke]')}  echo:
    protocol: grpc
    port: 9100
    proxy: grpc
    loadBalancer: least-request
    versions:
      v1: { endpoints: ["127.0.0.1:${s.ports.v1}"] }
      v2: { endpoints: ["127.0.0.1:${s.ports.v2}"] }
    routes:
      - name: canary
        match: { headers: { x-canary: "1" } }
        to: v2
      - name: flaky
        match: { path: { exact: /probe.Echo/Flaky } }
        retries: { attempts: 3, on: [unavailable], backoff: { base: 10ms, max: 50ms } }
        to: v1
      - name: faulty
        match: { path: { exact: /probe.Echo/Faulty } }
        fault: { abort: { grpcStatus: 14, percent: 100 } }
        to: v1
      - name: delayed
        match: { path: { exact: /probe.Echo/Delayed } }
        fault: { delay: { duration: 250ms, percent: 100 } }
        to: v1
      - name: slow
        match: { path: { exact: /probe.Echo/Slow } }
        timeout: 100ms
        to: v1
      - name: default
        split: ${split}
  slowpoke:
    protocol: grpc
    port: 9200
    proxy: grpc
    circuitBreaker: { maxRequests: 2 }
    versions: { v1: { endpoints: ["127.0.0.1:${s.ports.slow}"] } }
`;

let setup: Setup;
let serve: ServeHandle;
let logs: { level: string; msg: string; fields: Record<string, unknown> }[];
const attempts: Attempts = new Map();
const backends: Server[] = [];
let bootstrap: unknown;
let echo: EchoClient;
let slowpoke: EchoClient;

async function startServing(): Promise<ServeHandle> {
  return startServe({
    input: [join(setup.dir, 'mesh')],
    listen: `127.0.0.1:${setup.adsPort}`,
    debounceMs: 50,
    log: (level, msg, fields = {}) => void logs.push({ level, msg, fields: { ...fields } }),
  });
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-proxyless-'));
  const certs = join(dir, 'certs');
  mkdirSync(join(dir, 'mesh'));
  const meshFile = join(dir, 'mesh', 'mesh.yaml');
  // Certificates first (the backends present them), then the backends (the mesh lists their ports).
  setup = { dir, meshFile, certs, adsPort: await freePort(), ports: { v1: 1, v2: 2, slow: 3 } };
  writeFileSync(meshFile, MESH(setup));
  const identity = loadMeshIdentity([join(dir, 'mesh')]).identity;
  assert.ok(identity);
  await initCa({ out: certs, trustDomain: identity.trustDomain });
  assert.deepEqual((await issueCerts({ out: certs, mesh: identity })).diagnostics, []);
  const serverCredentials = (service: string) => {
    const current = join(certs, service, 'current');
    const read = (f: string) => readFileSync(join(current, f));
    return ServerCredentials.createSsl(read('ca.pem'), [{ private_key: read('key.pem'), cert_chain: read('cert.pem') }], true);
  };
  for (const [key, service, backend] of [
    ['v1', 'echo', 'echo-v1'],
    ['v2', 'echo', 'echo-v2'],
    ['slow', 'slowpoke', 'slowpoke'],
  ] as const) {
    const started = await startEcho(backend, attempts, serverCredentials(service));
    backends.push(started.server);
    setup.ports[key] = started.port;
  }
  writeFileSync(meshFile, MESH(setup));
  const compiled = compile([join(dir, 'mesh')], { mode: 'ads' });
  const file = compiled.files.find((f) => f.path === 'client/grpc-bootstrap.json');
  assert.ok(file, 'compile writes the proxyless client its gRPC bootstrap');
  bootstrap = JSON.parse(file.content);
  logs = [];
  serve = await startServing();
  const channel = new xds.XdsChannelCredentials(credentials.createInsecure());
  echo = new EchoClient('xds:///echo', channel, bootstrap);
  slowpoke = new EchoClient('xds:///slowpoke', channel, bootstrap);
});

after(async () => {
  echo?.close();
  slowpoke?.close();
  await serve?.stop();
  for (const b of backends) b.forceShutdown();
});

const share = (r: { byBackend: Map<string, number> }, backend: string) => r.byBackend.get(backend) ?? 0;

test('a 90/10 split over 2,000 calls lands within binomial bounds, with no failed call', async () => {
  const first = await echo.call('Call', 'warm-up', { deadlineMs: 10_000 });
  assert.ok(first.ok, `the first call through xDS succeeds: ${JSON.stringify(first)}`);
  const result = await echo.spread(2000);
  assert.deepEqual(result.failures, []);
  const v2 = share(result, 'echo-v2');
  assert.ok(v2 >= 140 && v2 <= 260, `v2 got ${v2} of 2000 (expected 140..260)`);
  assert.equal(share(result, 'echo-v1') + v2, 2000);
});

test('a header route sends every call with x-canary: 1 to v2', async () => {
  const result = await echo.spread(40, 20, { 'x-canary': '1' });
  assert.deepEqual(result.failures, []);
  assert.equal(share(result, 'echo-v2'), 40);
});

test('retries: each flaky call succeeds on its third attempt, and the backends saw exactly three', async () => {
  const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => echo.call('Flaky', `flaky-${i}`)));
  for (const o of outcomes) assert.ok(o.ok && o.reply.attempt === 3, JSON.stringify(o));
  const seen = [...attempts].filter(([k]) => k.startsWith('Flaky/')).reduce((n, [, v]) => n + v, 0);
  assert.equal(seen, 30);
});

test('fault injection: an abort fails with the configured status, a delay holds the call back', async () => {
  const aborted = await echo.call('Faulty', 'fault-1');
  assert.ok(!aborted.ok);
  assert.equal(aborted.code, status.UNAVAILABLE);
  assert.match(aborted.details, /Fault injected/);
  assert.equal(attempts.get('Faulty/fault-1'), undefined, 'an aborted call never reaches a backend');
  const delayed = await echo.call('Delayed', 'delay-1');
  assert.ok(delayed.ok);
  assert.ok(delayed.ms >= 240, `delayed by ${delayed.ms} ms`);
});

test('a per-route timeout (gRFC A31 max_stream_duration) ends a slow call with DEADLINE_EXCEEDED', async () => {
  const slow = await echo.call('Slow', 'slow-1', { deadlineMs: 5_000 });
  assert.ok(!slow.ok);
  assert.equal(slow.code, status.DEADLINE_EXCEEDED);
  assert.ok(slow.ms < SLOW_MS, `ended after ${slow.ms} ms, before the backend's ${SLOW_MS} ms answer`);
});

test('the circuit breaker (maxRequests: 2) drops calls over the limit', async () => {
  assert.ok((await slowpoke.call('Call', 'cb-warm-up', { deadlineMs: 10_000 })).ok);
  // Calls are counted when they start, after the pick: stagger them so each sees the others.
  const calls: Promise<Awaited<ReturnType<EchoClient['call']>>>[] = [];
  for (let i = 0; i < 10; i++) {
    calls.push(slowpoke.call('Slow', `cb-${i}`));
    await new Promise((r) => setTimeout(r, 20));
  }
  const outcomes = await Promise.all(calls);
  const dropped = outcomes.filter((o) => !o.ok && o.code === status.UNAVAILABLE && /dropped/i.test(o.details));
  assert.equal(outcomes.filter((o) => o.ok).length, 2, JSON.stringify(outcomes.map((o) => (o.ok ? 'ok' : o.details))));
  assert.equal(dropped.length, 8);
});

test('a resource the client NACKs is reported once, with the DSL line it came from, and traffic stays on the last good config', async () => {
  const compiled = compile([join(setup.dir, 'mesh')], { mode: 'ads' });
  assert.ok(compiled.served);
  // A cluster type gRPC does not support stands in for any resource a client refuses.
  const client = compiled.served.get('client') as ServedConfig;
  const broken: ServedConfig = {
    ...client,
    resources: client.resources.map((r) => {
      if (r.type !== 'cluster' || r.name !== 'outbound|echo|v2') return r;
      const { eds_cluster_config: _eds, ...rest } = r.value;
      return { ...r, value: { ...rest, type: 'STATIC', load_assignment: { cluster_name: r.name, endpoints: [] } } };
    }),
  };
  const served = new Map(compiled.served);
  served.set('client', broken);
  serve.hub.setSnapshots(buildSnapshots(served).snapshots, 'probe.test', 'broken');
  const line =
    readFileSync(setup.meshFile, 'utf8')
      .split('\n')
      .findIndex((l) => l.trimStart().startsWith('v2: { endpoints')) + 1;
  const rejected = await waitFor(() => logs.find((l) => l.msg === 'configuration rejected'));
  assert.equal(rejected.fields.type, 'cluster');
  assert.match(String(rejected.fields.message), /Unsupported type STATIC/);
  assert.deepEqual(rejected.fields.origins, [`${setup.meshFile}:${line}:7`]);
  const result = await echo.spread(200);
  assert.deepEqual(result.failures, []);
  assert.ok(share(result, 'echo-v2') > 0, 'v2 keeps its last good cluster');
  assert.equal(logs.filter((l) => l.msg === 'configuration rejected').length, 1, 'the NACK is logged once, never re-sent');
  serve.reload();
});

test('editing the mesh file to 50/50 shows in traffic within 2 s', async () => {
  const started = performance.now();
  writeFileSync(setup.meshFile, MESH(setup, '{ v1: 50, v2: 50 }'));
  let seenMs = Infinity;
  while (performance.now() - started < 5_000) {
    const probe = await echo.spread(100);
    if (share(probe, 'echo-v2') >= 35) {
      seenMs = performance.now() - started;
      break;
    }
  }
  assert.ok(seenMs <= 2_000, `50/50 seen after ${Math.round(seenMs)} ms`);
  const result = await echo.spread(2000);
  assert.deepEqual(result.failures, []);
  const v2 = share(result, 'echo-v2');
  assert.ok(v2 >= 850 && v2 <= 1150, `v2 got ${v2} of 2000 at 50/50 (expected 850..1150)`);
});

test('with meshc serve down, calls keep working on cached config; a restarted server resyncs the client', async () => {
  await serve.stop();
  const during = await echo.spread(100);
  assert.deepEqual(during.failures, []);
  // Changed while the server is down: only a resync can tell the client.
  writeFileSync(setup.meshFile, MESH(setup, '{ v1: 0, v2: 100 }'));
  logs = [];
  serve = await startServing();
  const started = performance.now();
  let allV2 = false;
  while (!allV2 && performance.now() - started < 10_000) {
    allV2 = share(await echo.spread(50), 'echo-v2') === 50;
    if (!allV2) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(allV2, 'after the restart the client takes the new split');
  assert.ok(logs.some((l) => l.msg === 'stream connected' && l.fields.service === 'client'));
});

async function waitFor<T>(find: () => T | undefined, ms = 5_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (performance.now() - started > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
