/**
 * meshc serve over mutual TLS with certificates from meshc certs: a client must present a mesh
 * certificate, and may read only the configuration of the service its SPIFFE ID names, so one
 * workload cannot read another's policy. The client checks the server's SPIFFE ID as Envoy's
 * match_typed_subject_alt_names does in the sidecar's meshc-xds cluster.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status } from '@grpc/grpc-js';
import { initCa, issueCerts, loadMeshIdentity } from '../../src/certs/index.js';
import { startServe, type ServeHandle } from '../../src/serve/serve.js';
import { silentLogger } from '../../src/serve/log.js';
import { adsClient, CDS, namesOf, sotw } from '../helpers/ads-client.js';
import { MESH } from './helpers.js';

let handle: ServeHandle;
let certs: string;

const files = (identity: string) => {
  const dir = join(certs, identity, 'current');
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')), ca: readFileSync(join(dir, 'ca.pem')) };
};

/** Channel credentials of a workload, accepting only the server identity `expected`. */
function workload(identity: string, expected = 'spiffe://store.example/svc/meshc-serve') {
  const { cert, key, ca } = files(identity);
  return credentials.createSsl(ca, key, cert, {
    checkServerIdentity: (_host, peer) => (peer.subjectaltname?.split(', ').includes(`URI:${expected}`) ? undefined : new Error(`server is not ${expected}`)),
  });
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-serve-mtls-'));
  certs = join(dir, 'certs');
  const mesh = join(dir, 'mesh');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(mesh);
  writeFileSync(join(mesh, 'mesh.yaml'), MESH().replace('controlPlane: { address: "127.0.0.1:18000", tls: off }', 'controlPlane: { address: "meshc-serve.store.internal:18000" }'));
  const identity = loadMeshIdentity([mesh]).identity;
  assert.ok(identity);
  assert.ok(identity.services.includes('meshc-serve'), 'meshc certs issues the control plane\u2019s certificate');
  await initCa({ out: certs, trustDomain: identity.trustDomain });
  const issued = await issueCerts({ out: certs, mesh: identity });
  assert.deepEqual(issued.diagnostics, []);
  const current = join(certs, 'meshc-serve', 'current');
  handle = await startServe({
    input: [mesh],
    listen: '127.0.0.1:0',
    watch: false,
    log: silentLogger,
    tls: { certificate: join(current, 'cert.pem'), privateKey: join(current, 'key.pem'), trustBundle: join(current, 'ca.pem') },
  });
});

after(async () => {
  await handle.stop();
});

test('a workload gets its own service\u2019s configuration over mutual TLS', async () => {
  const client = adsClient(handle.xdsPort, workload('web'), { 'grpc.ssl_target_name_override': 'meshc-serve.store.example' });
  const s = sotw(client, { id: 'web-1', cluster: 'web' });
  s.send({ type_url: CDS });
  assert.ok(namesOf(await s.inbox.next()).includes('outbound|catalog|v1'));
  s.close();
  client.close();
});

test('a workload asking for another service\u2019s configuration is refused', async () => {
  const client = adsClient(handle.xdsPort, workload('search'));
  const s = sotw(client, { id: 'search-1', cluster: 'web' });
  s.send({ type_url: CDS });
  const err = await s.inbox.ended();
  assert.equal(err.code, status.PERMISSION_DENIED);
  assert.match(err.details, /needs a client certificate for spiffe:\/\/store\.example\/svc\/web; this one is spiffe:\/\/store\.example\/svc\/search/);
  client.close();
});

test('a client without a certificate, or plaintext, gets nothing', async () => {
  const { ca } = files('web');
  for (const creds of [credentials.createSsl(ca, null, null, { checkServerIdentity: () => undefined }), credentials.createInsecure()]) {
    const client = adsClient(handle.xdsPort, creds);
    const s = sotw(client, { id: 'x', cluster: 'web' });
    s.send({ type_url: CDS });
    const err = await s.inbox.ended(5_000);
    assert.equal(err.code, status.UNAVAILABLE);
    client.close();
  }
});

test('a client that does not get the server identity it expects does not connect', async () => {
  const client = adsClient(handle.xdsPort, workload('web', 'spiffe://store.example/svc/someone-else'));
  const s = sotw(client, { id: 'web-1', cluster: 'web' });
  s.send({ type_url: CDS });
  assert.equal((await s.inbox.ended(5_000)).code, status.UNAVAILABLE);
  client.close();
});
