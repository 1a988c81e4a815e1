/**
 * meshc serve, state of the world, at the protocol level: a client speaking ADS with Envoy's
 * protos. The rules come from Envoy's xDS protocol doc (api-docs/xds_protocol.rst: nonces, ACK
 * and NACK by error_detail, "Eventual consistency considerations" for the push order) and from
 * gRFC A46 (a NACK may carry the new version, so versions say nothing about acceptance).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { adsClient, CDS, decode, EDS, LDS, namesOf, RDS, SHORT, sotw } from '../helpers/ads-client.js';
import type { DiscoveryResponse } from '../../src/serve/protocol.js';
import { MESH, serveMesh, type Served } from './helpers.js';

const WEB = { id: 'web-7f9c', cluster: 'web' };

/** Subscribes like Envoy: CDS and LDS by wildcard, then EDS and RDS by the names they reveal, ACKing each. */
async function connect(served: Served, node = WEB) {
  const client = adsClient(served.handle.xdsPort);
  const s = sotw(client, node);
  s.send({ type_url: CDS });
  const cds = await s.inbox.next();
  s.reply(cds, []);
  const clusters = cds.resources.map(decode);
  const edsNames = clusters.filter((c) => c['type'] === 'EDS').map((c) => String(c['name']));
  s.send({ type_url: EDS, resource_names: edsNames });
  const eds = await s.inbox.next();
  s.reply(eds, edsNames);
  s.send({ type_url: LDS });
  const lds = await s.inbox.next();
  s.reply(lds, []);
  const rdsNames = ['inbound|web', 'metrics', 'outbound|catalog', 'outbound|search'];
  s.send({ type_url: RDS, resource_names: rdsNames });
  const rds = await s.inbox.next();
  s.reply(rds, rdsNames);
  await s.inbox.drain(50);
  return { client, s, cds, eds, lds, rds, edsNames, rdsNames };
}

describe('meshc serve (state of the world)', () => {
  let served: Served;
  before(async () => {
    served = await serveMesh();
  });
  after(async () => {
    await served.handle.stop();
  });

  test('a node gets its service\u2019s clusters, endpoints, listeners and route tables, as the compiler emitted them', async () => {
    const { client, s, cds, eds, lds, rds } = await connect(served);
    assert.deepEqual(namesOf(cds), ['inbound|web', 'outbound|catalog|v1', 'outbound|catalog|v2', 'outbound|search|v1', 'meshc-admin']);
    assert.deepEqual(namesOf(eds), ['inbound|web', 'outbound|catalog|v1', 'outbound|catalog|v2', 'outbound|search|v1', 'meshc-admin']);
    assert.deepEqual(namesOf(lds), ['inbound|web', 'outbound|catalog', 'outbound|search', 'metrics']);
    assert.deepEqual(namesOf(rds), ['inbound|web', 'metrics', 'outbound|catalog', 'outbound|search']);
    const snapshot = served.handle.hub.snapshot('web');
    assert.ok(snapshot);
    // What the client decodes is what the compiler emitted: the 90/10 split, in the route table.
    const table = rds.resources.map(decode).find((r) => r['name'] === 'outbound|catalog') as {
      virtual_hosts: { routes: { route: { weighted_clusters: { clusters: { name: string; weight: { value: number } }[] } } }[] }[];
    };
    const split = table.virtual_hosts[0]?.routes.at(-1)?.route.weighted_clusters.clusters.map((c) => [c.name, c.weight.value]);
    assert.deepEqual(split, [
      ['outbound|catalog|v1', 90],
      ['outbound|catalog|v2', 10],
    ]);
    assert.equal(cds.control_plane?.identifier, 'meshc');
    for (const r of [cds, eds, lds, rds]) assert.match(r.version_info, /^[0-9a-f]{16}$/);
    s.close();
    client.close();
  });

  test('an ACK is answered by nothing; a stale nonce is ignored', async () => {
    const { client, s, cds } = await connect(served);
    s.send({ type_url: CDS, version_info: cds.version_info, response_nonce: 'stale-1' });
    assert.deepEqual(await s.inbox.drain(150), []);
    s.close();
    client.close();
  });

  test('a node of an unknown service, or without node.cluster, gets a clear status, not an empty configuration', async () => {
    const client = adsClient(served.handle.xdsPort);
    const unknown = sotw(client, { id: 'x-1', cluster: 'payments' });
    unknown.send({ type_url: CDS });
    const err = await unknown.inbox.ended();
    assert.equal(err.code, status.NOT_FOUND);
    assert.match(err.details, /no service "payments" in the mesh/);
    const anonymous = sotw(client, { id: 'x-2', cluster: '' });
    anonymous.send({ type_url: CDS });
    assert.equal((await anonymous.inbox.ended()).code, status.INVALID_ARGUMENT);
    assert.ok(served.logs.some((l) => l.msg === 'stream refused' && l.fields['reason'] === 'unknown-service' && l.fields['service'] === 'payments'));
    client.close();
  });

  test('an edit is pushed in make-before-break order, only to the nodes whose configuration changed', async () => {
    const web = await connect(served);
    const search = sotw(adsClient(served.handle.xdsPort), { id: 'search-1', cluster: 'search' });
    search.send({ type_url: CDS });
    search.reply(await search.inbox.next(), []);
    const result = served.edit(MESH('{ v1: 50, v2: 50 }'));
    assert.deepEqual(result.changed, ['web']);
    // Only the route table changed: CDS, EDS and LDS versions are hashes of unchanged resources.
    const pushed = await web.s.inbox.next();
    assert.equal(SHORT[pushed.type_url], 'RDS');
    assert.deepEqual(await web.s.inbox.drain(100), []);
    assert.deepEqual(await search.inbox.drain(100), []);
    web.s.reply(pushed, web.rdsNames);
    served.edit(MESH());
    web.s.reply(await web.s.inbox.next(), web.rdsNames);
    web.s.close();
    search.close();
  });

  test('a version dropped from the mesh stays in CDS until the client has ACKed the route tables that stopped naming it', async () => {
    const web = await connect(served);
    // v2 goes, v3 comes: clusters first (v3 added, v2 kept), then routes, then v2 pruned.
    served.edit(MESH('{ v1: 50, v3: 50 }', 'v1: { endpoints: [10.20.1.1] }, v3: { endpoints: [10.20.1.3] }'));
    const seen: string[] = [];
    const record = (r: DiscoveryResponse) =>
      seen.push(
        `${SHORT[r.type_url]} ${namesOf(r)
          .filter((n) => n.startsWith('outbound|catalog'))
          .join(' ')}`,
      );
    const interim = await web.s.inbox.next();
    record(interim);
    web.s.reply(interim, []);
    const eds = await web.s.inbox.next();
    record(eds);
    const rds = await web.s.inbox.next();
    record(rds);
    assert.deepEqual(await web.s.inbox.drain(100), [], 'nothing is pruned before the route tables are ACKed');
    web.s.reply(rds, web.rdsNames);
    const pruned = await web.s.inbox.next();
    record(pruned);
    assert.deepEqual(seen, [
      'CDS outbound|catalog|v1 outbound|catalog|v3 outbound|catalog|v2',
      'EDS outbound|catalog|v1',
      'RDS outbound|catalog',
      'CDS outbound|catalog|v1 outbound|catalog|v3',
    ]);
    web.s.reply(pruned, []);
    served.edit(MESH());
    web.s.close();
  });

  test('a removal alone sends no interim CDS: the client keeps the dropped cluster until its routes are ACKed', async () => {
    const web = await connect(served);
    served.edit(MESH('{ v1: 100 }', 'v1: { endpoints: [10.20.1.1] }'));
    const first = await web.s.inbox.next();
    assert.equal(SHORT[first.type_url], 'EDS');
    const rds = await web.s.inbox.next();
    assert.equal(SHORT[rds.type_url], 'RDS');
    assert.deepEqual(await web.s.inbox.drain(100), []);
    web.s.reply(rds, web.rdsNames);
    const pruned = await web.s.inbox.next();
    assert.equal(SHORT[pruned.type_url], 'CDS');
    assert.ok(!namesOf(pruned).includes('outbound|catalog|v2'));
    web.s.reply(pruned, []);
    served.edit(MESH());
    web.s.close();
  });

  test('a NACK is recorded with the DSL line of the rejected resource, logged once, and the version is not re-sent', async () => {
    const web = await connect(served);
    served.edit(MESH('{ v1: 70, v2: 30 }'));
    const rds = await web.s.inbox.next();
    web.s.reply(rds, web.rdsNames, 'xDS response validation errors: [resource index 2: RouteConfiguration message validation failed: [weights]]');
    // The client repeats its NACK (as Envoy does on a reconnect): still logged and counted once.
    web.s.reply(rds, web.rdsNames, 'xDS response validation errors: [resource index 2: RouteConfiguration message validation failed: [weights]]');
    assert.deepEqual(await web.s.inbox.drain(150), [], 'a rejected version is never re-sent');
    const logged = served.logs.filter((l) => l.msg === 'configuration rejected');
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.fields['type'], 'routeConfiguration');
    // resource index 2 is outbound|catalog, from the `calls: [catalog, …]` of web on line 7.
    assert.deepEqual(logged[0]?.fields['origins'], [`${served.file}:7:92`]);
    const metrics = await served.handle.hub.metrics.registry.getSingleMetricAsString('meshc_xds_nacks_total');
    assert.match(metrics, /meshc_xds_nacks_total\{service="web",type="routeConfiguration"\} 1/);
    // The next good version goes out as usual.
    served.edit(MESH());
    const next = await web.s.inbox.next();
    assert.equal(SHORT[next.type_url], 'RDS');
    web.s.reply(next, web.rdsNames);
    web.s.close();
  });

  test('an invalid edit never replaces the last good snapshot', async () => {
    const web = await connect(served);
    const before = served.handle.hub.meshVersion;
    const result = served.edit(MESH().replace('split: { v1: 90, v2: 10 }', 'split: { v1: 90, v3: 10 }'));
    assert.equal(result.ok, false);
    assert.ok(result.diagnostics.some((d) => d.name === 'unknown-version'));
    assert.equal(served.handle.hub.meshVersion, before);
    assert.deepEqual(await web.s.inbox.drain(150), []);
    served.edit(MESH());
    web.s.close();
  });
});

test('two replicas serve the same versions, and a client failing over to the other is sent nothing it holds', async () => {
  const a = await serveMesh();
  const b = await serveMesh();
  try {
    const first = await connect(a);
    first.s.close();
    const client = adsClient(b.handle.xdsPort);
    const resumed = sotw(client, WEB);
    // A reconnecting Envoy sends what it holds: version_info, no nonce (xds_protocol.rst).
    resumed.send({ type_url: CDS, version_info: first.cds.version_info });
    resumed.send({ type_url: EDS, version_info: first.eds.version_info, resource_names: first.edsNames });
    resumed.send({ type_url: LDS, version_info: first.lds.version_info });
    resumed.send({ type_url: RDS, version_info: first.rds.version_info, resource_names: first.rdsNames });
    assert.deepEqual(await resumed.inbox.drain(200), []);
    // ...and it is pushed what changes from then on.
    b.edit(MESH('{ v1: 50, v2: 50 }'));
    assert.equal(SHORT[(await resumed.inbox.next()).type_url], 'RDS');
    resumed.close();
    client.close();
    first.client.close();
  } finally {
    await a.handle.stop();
    await b.handle.stop();
  }
});

test('a meshc bug while handling a request ends that stream with INTERNAL, and the server goes on', async () => {
  const served = await serveMesh();
  try {
    const hub = served.handle.hub;
    const snapshot = hub.snapshot.bind(hub);
    hub.snapshot = () => {
      throw new Error('injected');
    };
    const client = adsClient(served.handle.xdsPort);
    const broken = sotw(client, WEB);
    broken.send({ type_url: CDS });
    assert.equal((await broken.inbox.ended()).code, status.INTERNAL);
    assert.ok(served.logs.some((l) => l.level === 'error' && String(l.fields['error']).includes('injected')));
    hub.snapshot = snapshot;
    const fine = sotw(client, WEB);
    fine.send({ type_url: CDS });
    assert.ok(namesOf(await fine.inbox.next()).length > 0);
    fine.close();
    client.close();
  } finally {
    await served.handle.stop();
  }
});

test('a meshc bug while loading the mesh keeps the last good snapshot', async () => {
  const served = await serveMesh();
  try {
    const version = served.handle.hub.meshVersion;
    const hub = served.handle.hub;
    const original = hub.setSnapshots.bind(hub);
    hub.setSnapshots = () => {
      throw new Error('injected');
    };
    const result = served.edit(MESH('{ v1: 50, v2: 50 }'));
    assert.equal(result.ok, false);
    assert.equal(hub.meshVersion, version);
    assert.ok(served.logs.some((l) => l.msg.startsWith('internal error while loading the mesh')));
    hub.setSnapshots = original;
    assert.equal(served.handle.reload().ok, true);
  } finally {
    await served.handle.stop();
  }
});
