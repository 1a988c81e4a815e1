/**
 * Endpoint files (meshc serve --endpoints): the workloads of a version, given apart from the
 * mesh (a registry's export), served as EDS only. A bad file gets positioned diagnostics and
 * keeps the endpoints it last gave; a deleted file gives the version back to the mesh.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adsClient, CDS, decode, EDS, LDS, sotw } from '../helpers/ads-client.js';
import { at } from '../validate/helpers.js';
import { serveMesh, type Served } from './helpers.js';

let served: Served;
let dir: string;
let file: string;

const FILE = (body: string) => `apiVersion: meshc/v1\nendpoints:\n${body}`;

before(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'meshc-endpoints-')), 'endpoints');
  mkdirSync(dir);
  file = join(dir, 'catalog.yaml');
  writeFileSync(file, FILE('  catalog:\n    v1:\n      - { address: 10.30.0.1, weight: 3, zone: eu-west-1a }\n      - { address: 10.30.0.2, port: 15010, health: draining }\n'));
  served = await serveMesh(undefined, { endpoints: dir });
});

after(async () => {
  await served.handle.stop();
});

const assignmentOf = (service: string, cluster: string) =>
  served.handle.hub.snapshot(service)?.resources.clusterLoadAssignment.get(cluster)?.value as
    | {
        endpoints: {
          locality?: { zone: string };
          lb_endpoints: { endpoint: { address: { socket_address: { address: string; port_value: number } } }; load_balancing_weight?: number; health_status?: string }[];
        }[];
      }
    | undefined;

test('a version\u2019s endpoints come from its file, by zone, with weights, ports and health', () => {
  assert.deepEqual(assignmentOf('web', 'outbound|catalog|v1')?.endpoints, [
    { locality: { zone: 'eu-west-1a' }, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.30.0.1', port_value: 15006 } } }, load_balancing_weight: 3 }] },
    { lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.30.0.2', port_value: 15010 } } }, health_status: 'DRAINING' }] },
  ]);
  // Versions the files do not name keep the mesh's endpoints.
  assert.equal(assignmentOf('web', 'outbound|catalog|v2')?.endpoints[0]?.lb_endpoints[0]?.endpoint.address.socket_address.address, '10.20.1.2');
  // The served resource points back at the file.
  assert.equal(served.handle.hub.snapshot('web')?.resources.clusterLoadAssignment.get('outbound|catalog|v1')?.origin?.file, file);
});

test('a changed file pushes only EDS, without a recompile, to the nodes that call the version', async () => {
  const client = adsClient(served.handle.xdsPort);
  const web = sotw(client, { id: 'web-1', cluster: 'web' });
  for (const [type, names] of [
    [CDS, []],
    [EDS, ['outbound|catalog|v1']],
    [LDS, []],
  ] as const) {
    web.send({ type_url: type, resource_names: [...names] });
    web.reply(await web.inbox.next(), names);
  }
  await web.inbox.drain(50);
  writeFileSync(file, FILE('  catalog:\n    v1: [{ address: 10.30.0.9 }]\n'));
  const result = served.handle.reloadEndpoints();
  assert.equal(result.ok, true);
  assert.deepEqual(result.changed, ['web']);
  const pushed = await web.inbox.next();
  assert.equal(pushed.type_url, EDS);
  assert.equal(JSON.stringify(pushed.resources.map(decode)).includes('10.30.0.9'), true);
  assert.deepEqual(await web.inbox.drain(100), [], 'no cluster or listener is re-sent');
  web.reply(pushed, ['outbound|catalog|v1']);
  web.close();
  client.close();
});

test('a bad file is reported at its line and keeps the endpoints it last gave', () => {
  writeFileSync(file, FILE('  catalog:\n    v1: [{ address: 10.30.0.7 }]\n    v9: [{ address: 10.30.0.8 }]\n'));
  const unknown = served.handle.reloadEndpoints();
  assert.deepEqual(unknown.diagnostics.map(at), [`unknown-endpoint-target@${file}:5:5`]);
  assert.equal(assignmentOf('web', 'outbound|catalog|v1')?.endpoints[0]?.lb_endpoints[0]?.endpoint.address.socket_address.address, '10.30.0.9');
  writeFileSync(file, FILE('  catalog:\n    v1: [{ address: catalog.internal, weight: 0 }]\n'));
  assert.deepEqual(served.handle.reloadEndpoints().diagnostics.map(at), [`invalid-endpoint-file@${file}:4:47`]);
  writeFileSync(file, FILE('  catalog:\n    v1: [{ address: catalog.internal }]\n  search:\n    v1: [{ address: 10.1.1.1 }]\n'));
  assert.deepEqual(served.handle.reloadEndpoints().diagnostics.map(at), [`invalid-endpoint-file@${file}:4:21`]);
  assert.equal(assignmentOf('web', 'outbound|catalog|v1')?.endpoints[0]?.lb_endpoints[0]?.endpoint.address.socket_address.address, '10.30.0.9');
  // A second file cannot give the same version again.
  writeFileSync(file, FILE('  catalog:\n    v1: [{ address: 10.30.0.9 }]\n'));
  writeFileSync(join(dir, 'more.yaml'), FILE('  catalog:\n    v1: [{ address: 10.30.0.5 }]\n'));
  assert.deepEqual(served.handle.reloadEndpoints().diagnostics.map(at), [`invalid-endpoint-file@${join(dir, 'more.yaml')}:4:5`]);
  rmSync(join(dir, 'more.yaml'));
});

test('a deleted file gives the version back to the mesh; an empty directory is not an error', () => {
  rmSync(file);
  const result = served.handle.reloadEndpoints();
  assert.deepEqual(result.diagnostics, []);
  assert.equal(assignmentOf('web', 'outbound|catalog|v1')?.endpoints[0]?.lb_endpoints[0]?.endpoint.address.socket_address.address, '10.20.1.1');
});
