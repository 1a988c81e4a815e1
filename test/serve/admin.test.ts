/**
 * meshc serve's admin port and its watch of the sources: readiness follows the first valid
 * mesh, an invalid one is served as diagnostics, an edited file is compiled and pushed without
 * being told, and /metrics, /debug/nodes and /debug/config show what was sent to whom.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { writeFileSync } from 'node:fs';
import { adsClient, CDS, RDS, sotw } from '../helpers/ads-client.js';
import { MESH, serveMesh, type Served } from './helpers.js';

let served: Served;
let admin: string;

const get = async (path: string) => {
  const res = await fetch(`${admin}${path}`);
  return { code: res.status, text: await res.text() };
};

before(async () => {
  // The first mesh is invalid: nothing can be served until it is fixed.
  served = await serveMesh(MESH().replace('v2: 10', 'v3: 10'), { admin: { host: '127.0.0.1', port: 0 }, watch: true, debounceMs: 50 });
  admin = `http://127.0.0.1:${served.handle.adminPort}`;
});

after(async () => {
  await served.handle.stop();
});

test('before a valid mesh: alive, not ready, the diagnostics served, and nodes told to come back', async () => {
  assert.deepEqual(await get('/healthz'), { code: 200, text: 'ok\n' });
  assert.equal((await get('/readyz')).code, 503);
  const diagnostics = JSON.parse((await get('/debug/diagnostics')).text) as {
    meshVersion: null;
    lastCompile: { ok: boolean; diagnostics: { name: string; location: { line: number } }[] };
  };
  assert.equal(diagnostics.meshVersion, null);
  assert.equal(diagnostics.lastCompile.ok, false);
  assert.deepEqual(
    diagnostics.lastCompile.diagnostics.map((d) => `${d.name}@${d.location.line}`),
    ['unknown-version@12'],
  );
  const client = adsClient(served.handle.xdsPort);
  const s = sotw(client, { id: 'web-1', cluster: 'web' });
  s.send({ type_url: CDS });
  assert.equal((await s.inbox.ended()).code, status.UNAVAILABLE);
  client.close();
});

test('fixing the file is picked up by the watch; an edit reaches a connected node without a reload call', async () => {
  writeFileSync(served.file, MESH());
  for (let i = 0; i < 100 && !served.handle.hub.ready; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(await get('/readyz'), { code: 200, text: 'ready\n' });
  const client = adsClient(served.handle.xdsPort);
  const s = sotw(client, { id: 'web-1', cluster: 'web' });
  s.send({ type_url: RDS, resource_names: ['outbound|catalog'] });
  s.reply(await s.inbox.next(), ['outbound|catalog']);
  writeFileSync(served.file, MESH('{ v1: 50, v2: 50 }'));
  const pushed = await s.inbox.next(2_000);
  assert.equal(pushed.type_url, RDS);
  s.reply(pushed, ['outbound|catalog']);
  const acked = () => served.handle.hub.describeStreams()[0]?.['types'] as Record<string, { acked: string }> | undefined;
  for (let i = 0; i < 100 && acked()?.['routeConfiguration']?.acked !== pushed.version_info; i++) await new Promise((r) => setTimeout(r, 10));

  const metrics = (await get('/metrics')).text;
  assert.match(metrics, /^meshc_xds_streams\{service="web",api="sotw"\} 1$/m);
  assert.match(metrics, /^meshc_xds_pushes_total\{service="web",type="routeConfiguration"\} 2$/m);
  assert.match(metrics, /^meshc_compiles_total\{result="invalid"\} 1$/m);
  assert.match(metrics, /^meshc_xds_push_latency_seconds_count\{type="routeConfiguration"\} 2$/m);
  assert.match(metrics, new RegExp(`^meshc_snapshot_info\\{version="${served.handle.hub.meshVersion}"\\} 1$`, 'm'));

  const nodes = JSON.parse((await get('/debug/nodes')).text) as { node: string; service: string; types: Record<string, { acked: string }> }[];
  assert.equal(nodes.length, 1);
  assert.equal(nodes[0]?.node, 'web-1');
  assert.equal(nodes[0]?.types['routeConfiguration']?.acked, pushed.version_info);

  const config = JSON.parse((await get('/debug/config/web')).text) as { resources: { routeConfiguration: { name: string; origin: { line: number } }[] } };
  assert.deepEqual(
    config.resources.routeConfiguration.map((r) => `${r.name}@${r.origin.line}`),
    ['inbound|web@7', 'outbound|catalog@7', 'outbound|search@7', 'metrics@2'],
  );
  assert.equal((await get('/debug/config/payments')).code, 404);
  s.close();
  client.close();
});
