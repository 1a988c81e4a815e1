/**
 * meshc serve, incremental (delta) ADS: responses carry only what differs from what the client
 * holds, each resource with its own version, plus the names to drop (xds_protocol.rst,
 * "Incremental xDS"); `initial_resource_versions` on a new stream says what the client holds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adsClient, CDS, delta, EDS, LDS, RDS } from '../helpers/ads-client.js';
import type { DeltaDiscoveryResponse } from '../../src/serve/protocol.js';
import { MESH, serveMesh, type Served } from './helpers.js';

const WEB = { id: 'web-1', cluster: 'web' };
const names = (r: DeltaDiscoveryResponse) => r.resources.map((x) => x.name);

async function connect(served: Served, initial: Record<string, Record<string, string>> = {}) {
  const client = adsClient(served.handle.xdsPort);
  const s = delta(client, WEB);
  const got: Record<string, DeltaDiscoveryResponse> = {};
  const subscriptions: [string, string[]][] = [
    [CDS, []],
    [EDS, ['outbound|catalog|v1', 'outbound|catalog|v2']],
    [LDS, []],
    [RDS, ['outbound|catalog', 'outbound|search']],
  ];
  for (const [type, subscribe] of subscriptions) {
    s.send({ type_url: type, resource_names_subscribe: subscribe, initial_resource_versions: initial[type] ?? {} });
    if (initial[type]) continue;
    const r = await s.inbox.next();
    s.ack(r);
    got[type] = r;
  }
  if (Object.keys(initial).length === 0) await s.inbox.drain(50);
  return { client, s, got };
}

describe('meshc serve (delta)', () => {
  let served: Served;
  before(async () => {
    served = await serveMesh();
  });
  after(async () => {
    await served.handle.stop();
  });

  test('the first responses carry every subscribed resource, each with its own version', async () => {
    const { client, s, got } = await connect(served);
    assert.deepEqual(names(got[CDS] as DeltaDiscoveryResponse), ['inbound|web', 'meshc-admin', 'outbound|catalog|v1', 'outbound|catalog|v2', 'outbound|search|v1']);
    assert.deepEqual(names(got[RDS] as DeltaDiscoveryResponse), ['outbound|catalog', 'outbound|search']);
    const snapshot = served.handle.hub.snapshot('web');
    for (const r of got[CDS]?.resources ?? []) assert.equal(r.version, snapshot?.resources.cluster.get(r.name)?.version);
    assert.equal(got[CDS]?.system_version_info, snapshot?.version);
    s.close();
    client.close();
  });

  test('an edit sends only the changed route table; a dropped version is removed after the routes are ACKed', async () => {
    const { client, s } = await connect(served);
    served.edit(MESH('{ v1: 50, v2: 50 }'));
    const changed = await s.inbox.next();
    assert.equal(changed.type_url, RDS);
    assert.deepEqual(names(changed), ['outbound|catalog']);
    assert.deepEqual(changed.removed_resources, []);
    s.ack(changed);
    assert.deepEqual(await s.inbox.drain(100), []);

    served.edit(MESH('{ v1: 100 }', 'v1: { endpoints: [10.20.1.1] }'));
    const eds = await s.inbox.next();
    assert.equal(eds.type_url, EDS);
    assert.deepEqual(eds.removed_resources, ['outbound|catalog|v2']);
    s.ack(eds);
    const rds = await s.inbox.next();
    assert.equal(rds.type_url, RDS);
    assert.deepEqual(await s.inbox.drain(100), [], 'the cluster stays until the route tables are ACKed');
    s.ack(rds);
    const cds = await s.inbox.next();
    assert.equal(cds.type_url, CDS);
    assert.deepEqual(cds.resources, []);
    assert.deepEqual(cds.removed_resources, ['outbound|catalog|v2']);
    s.ack(cds);
    served.edit(MESH());
    s.close();
    client.close();
  });

  test('a NACK is recorded and the rejected resources are not re-sent', async () => {
    const { client, s } = await connect(served);
    served.edit(MESH('{ v1: 60, v2: 40 }'));
    const rds = await s.inbox.next();
    s.ack(rds, 'route table refused');
    assert.deepEqual(await s.inbox.drain(150), []);
    assert.ok(served.logs.some((l) => l.msg === 'configuration rejected' && l.fields['node'] === 'web-1' && l.fields['type'] === 'routeConfiguration'));
    served.edit(MESH());
    s.close();
    client.close();
  });

  test('a client reconnecting with initial_resource_versions is sent only what it lacks, and unsubscribing drops a name', async () => {
    const first = await connect(served);
    const held = (r: DeltaDiscoveryResponse | undefined) => Object.fromEntries((r?.resources ?? []).map((x) => [x.name, x.version]));
    const versions = { [CDS]: held(first.got[CDS]), [EDS]: held(first.got[EDS]), [LDS]: held(first.got[LDS]), [RDS]: held(first.got[RDS]) };
    first.s.close();
    const stale = { ...versions, [RDS]: { ...versions[RDS], 'outbound|search': 'old' } };
    const again = await connect(served, stale);
    const resent = await again.s.inbox.next();
    assert.equal(resent.type_url, RDS);
    assert.deepEqual(names(resent), ['outbound|search']);
    again.s.ack(resent);
    again.s.send({ type_url: RDS, resource_names_unsubscribe: ['outbound|search'] });
    assert.deepEqual(await again.s.inbox.drain(100), []);
    served.edit(MESH('{ v1: 50, v2: 50 }'));
    const pushed = await again.s.inbox.next();
    assert.deepEqual(names(pushed), ['outbound|catalog']);
    again.s.ack(pushed);
    served.edit(MESH());
    again.s.close();
    again.client.close();
    first.client.close();
  });

  test('a subscription to a name that does not exist is answered with its removal, once', async () => {
    const { client, s } = await connect(served);
    s.send({ type_url: RDS, resource_names_subscribe: ['outbound|nowhere'] });
    const r = await s.inbox.next();
    assert.deepEqual(r.removed_resources, ['outbound|nowhere']);
    s.ack(r);
    assert.deepEqual(await s.inbox.drain(100), []);
    s.close();
    client.close();
  });
});
