/**
 * A proxyless gRPC server (gRFC A36: grpc-js-xds XdsServer) configured by meshc serve: it takes
 * the Listener named after the address it binds, requires a mesh client certificate through the
 * A29 certificate providers, and enforces the service's authz as RBAC (A41), identifying callers
 * by the SPIFFE ID of their certificate. Callers are proxyless gRPC clients with their own
 * bootstraps, as meshc compile writes them. grpc-js-xds enforces RBAC only with
 * GRPC_XDS_EXPERIMENTAL_RBAC=true (environment.ts reads it when the module loads, hence the
 * dynamic import); without it the RBAC filter is unknown and, not being optional, makes the
 * client refuse the Listener (listener-resource-type.ts), so the server never serves: it fails closed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, ServerCredentials, status } from '@grpc/grpc-js';
import { initCa, issueCerts, loadMeshIdentity } from '../../src/certs/index.js';
import { compile } from '../../src/compile.js';
import { startServe, type ServeHandle } from '../../src/serve/serve.js';
import { silentLogger } from '../../src/serve/log.js';
import { addEcho, EchoClient, freePort, probeMesh, type Attempts } from '../helpers/grpc-probe.js';

process.env.GRPC_XDS_EXPERIMENTAL_RBAC = 'true';
const xds = await import('@grpc/grpc-js-xds');
xds.register();

const MESH = (adsPort: number, echoPort: number, certs: string, allowed: string) => `${probeMesh(adsPort, certs, '[echo]')}  intruder:
    protocol: grpc
    port: 9001
    proxy: grpc
    versions: { v1: { endpoints: ["127.0.0.1:9001"] } }
    calls: [echo]
  echo:
    protocol: grpc
    port: ${echoPort}
    proxy: grpc
    versions: { v1: { endpoints: ["127.0.0.1:${echoPort}"] } }
    authz:
      - name: callers
        from: [${allowed}]
`;

let dir: string;
let certs: string;
let adsPort: number;
let echoPort: number;
let serve: ServeHandle;
let server: InstanceType<typeof xds.XdsServer>;
const clients: EchoClient[] = [];

function bootstrapOf(service: string): unknown {
  const file = compile([join(dir, 'mesh')], { mode: 'ads' }).files.find((f) => f.path === `${service}/grpc-bootstrap.json`);
  assert.ok(file, `a bootstrap for ${service}`);
  return JSON.parse(file.content);
}

function clientOf(service: string): EchoClient {
  const client = new EchoClient('xds:///echo', new xds.XdsChannelCredentials(credentials.createInsecure()), bootstrapOf(service));
  clients.push(client);
  return client;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meshc-proxyless-server-'));
  certs = join(dir, 'certs');
  mkdirSync(join(dir, 'mesh'));
  [adsPort, echoPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'mesh', 'mesh.yaml'), MESH(adsPort, echoPort, certs, 'client'));
  const identity = loadMeshIdentity([join(dir, 'mesh')]).identity;
  assert.ok(identity);
  await initCa({ out: certs, trustDomain: identity.trustDomain });
  assert.deepEqual((await issueCerts({ out: certs, mesh: identity })).diagnostics, []);
  serve = await startServe({ input: [join(dir, 'mesh')], listen: `127.0.0.1:${adsPort}`, debounceMs: 50, log: silentLogger });
  server = new xds.XdsServer({ 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config': JSON.stringify(bootstrapOf('echo')) });
  addEcho(server, 'echo', new Map() as Attempts);
  // bindAsync calls back once the server has its Listener and serves.
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${echoPort}`, new xds.XdsServerCredentials(ServerCredentials.createInsecure()), (error) => (error ? reject(error) : resolve())),
  );
});

after(async () => {
  for (const c of clients) c.close();
  server?.forceShutdown();
  await serve?.stop();
});

test('an allowed caller is served over mutual TLS', async () => {
  const outcome = await clientOf('client').call('Call', 'allowed', { deadlineMs: 10_000 });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.reply.backend, 'echo');
});

test('a mesh caller the authz does not name is refused with PERMISSION_DENIED', async () => {
  const outcome = await clientOf('intruder').call('Call', 'denied', { deadlineMs: 10_000 });
  assert.ok(!outcome.ok);
  assert.equal(outcome.code, status.PERMISSION_DENIED);
  assert.match(outcome.details, /Unauthorized RPC rejected/);
});

test('a plaintext client without a mesh certificate cannot connect', async () => {
  const plain = new EchoClient(`127.0.0.1:${echoPort}`, credentials.createInsecure(), {});
  clients.push(plain);
  const outcome = await plain.call('Call', 'plaintext', { deadlineMs: 2_000 });
  assert.ok(!outcome.ok);
  assert.ok(outcome.code === status.UNAVAILABLE || outcome.code === status.DEADLINE_EXCEEDED, JSON.stringify(outcome));
});

test('allowing the caller in the mesh file opens the door within 2 s, with no restart', async () => {
  const intruder = clientOf('intruder');
  assert.equal((await intruder.call('Call', 'before', { deadlineMs: 10_000 })).ok, false);
  writeFileSync(join(dir, 'mesh', 'mesh.yaml'), MESH(adsPort, echoPort, certs, 'client, intruder'));
  const started = performance.now();
  let allowedAfter = Infinity;
  while (performance.now() - started < 5_000) {
    if ((await intruder.call('Call', 'after')).ok) {
      allowedAfter = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(allowedAfter <= 2_000, `allowed after ${Math.round(allowedAfter)} ms`);
});
