import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../helpers/diagnose.js';
import { at } from '../helpers.js';

const CONTROL_PLANE = '  controlPlane: { address: "127.0.0.1:18000", tls: off }';

interface Options {
  readonly protocol?: string;
  /** Lines added to the mesh block, which comes last (after its controlPlane). */
  readonly meshLines?: readonly string[];
}

/**
 * A proxyless service `client` (protocol value at 4:15, proxy value at 6:12) whose `fields`
 * follow from line 8 at column 5, then the sidecar services it may call: `echo` (grpc), `plain`
 * (grpc, mtls off), `web` (http) and `db` (tcp), then the mesh block.
 */
const mesh = (fields: readonly string[], options: Options = {}) =>
  [
    'apiVersion: meshc/v1',
    'services:',
    '  client:',
    `    protocol: ${options.protocol ?? 'grpc'}`,
    '    port: 9000',
    '    proxy: grpc',
    '    versions: { v1: { endpoints: ["10.0.0.1:9000"] } }',
    ...fields.map((f) => `    ${f}`),
    '  echo: { protocol: grpc, port: 9100, versions: { v1: { endpoints: [10.0.0.2] } } }',
    '  plain: { protocol: grpc, port: 9200, mtls: off, versions: { v1: { endpoints: [10.0.0.3] } } }',
    '  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.4] } } }',
    '  db: { protocol: tcp, port: 5432, versions: { v1: { endpoints: [10.0.0.5] } } }',
    'mesh:',
    '  name: m',
    '  trustDomain: m.example',
    CONTROL_PLANE,
    ...(options.meshLines ?? []),
  ].join('\n');
/** The line of the first of `meshLines`, given how many `fields` the client has. */
const firstMeshLine = (fields: number) => 7 + fields + 4 + 4 + 1;

const diagnose = (text: string | Readonly<Record<string, string>>) => compileText(typeof text === 'string' ? { 'mesh.yaml': text } : text).diagnostics;
const run = (text: string | Readonly<Record<string, string>>) => diagnose(text).map(at);

test('a proxyless service speaking grpc, calling grpc services, with file certificates is clean', () => {
  assert.deepEqual(run(mesh(['calls: [echo, plain]'], { meshLines: ['  certificates: { source: files }'] })), []);
  assert.deepEqual(run(mesh(['calls: [echo]', 'mtls: strict'])), []);
});

test('a proxyless service that does not speak grpc is reported at its protocol', () => {
  assert.deepEqual(run(mesh([], { protocol: 'http' })), ['proxyless-unsupported@mesh.yaml:4:15']);
  assert.deepEqual(run(mesh([], { protocol: 'http2' })), ['proxyless-unsupported@mesh.yaml:4:15']);
  const [d] = diagnose(mesh([], { protocol: 'http' }));
  assert.equal(d?.code, 'MC2148');
  assert.equal(d?.severity, 'error');
  assert.equal(d?.message, `"client" is proxyless (proxy: grpc) but speaks http: a gRPC application's xDS client carries only gRPC`);
});

test('each call to a service that does not speak grpc is reported at that entry of calls', () => {
  assert.deepEqual(run(mesh(['calls: [echo, web, { service: db, localPort: 7000 }]'])), [
    'proxyless-unsupported@mesh.yaml:8:19',
    'proxyless-unsupported@mesh.yaml:8:24',
    // The localPort itself is only ignored (ignored-by-grpc).
    'ignored-by-grpc@mesh.yaml:8:39',
  ]);
  assert.deepEqual(run(mesh(['calls:', '  - web', '  - echo'])), ['proxyless-unsupported@mesh.yaml:9:9']);
  const [d] = diagnose(mesh(['calls: [web]']));
  assert.match(d?.message ?? '', /^proxyless "client" calls "web", which speaks http: /);
});

test('jwt on a proxyless service is reported at the jwt key', () => {
  const jwt = 'jwt: { providers: { idp: { issuer: "https://idp.example", audiences: [api], jwksUri: "https://idp.example/jwks" } } }';
  assert.deepEqual(run(mesh(['calls: [echo]', jwt])), ['proxyless-unsupported@mesh.yaml:9:5']);
});

test('mtls: permissive on a proxyless service is reported at its mtls', () => {
  assert.deepEqual(run(mesh(['mtls: permissive'])), ['proxyless-unsupported@mesh.yaml:8:11']);
});

test("a proxyless service inheriting the mesh's mtls: permissive is reported at the mesh's mtls", () => {
  assert.deepEqual(run(mesh([], { meshLines: ['  mtls: permissive'] })), [`proxyless-unsupported@mesh.yaml:${firstMeshLine(0)}:9`]);
  // Its own strict (or off) overrides the mesh; the sidecar services stay permissive without complaint.
  assert.deepEqual(run(mesh(['mtls: strict'], { meshLines: ['  mtls: permissive'] })), []);
  assert.deepEqual(run(mesh(['mtls: off'], { meshLines: ['  mtls: permissive'] })), []);
});

test('the inherited permissive mTLS is reported in the file of the mesh block', () => {
  const files = {
    'base.yaml': 'apiVersion: meshc/v1\nmesh:\n  name: m\n  trustDomain: m.example\n  mtls: permissive\n' + CONTROL_PLANE + '\n',
    'mesh.yaml': mesh([]).split('\nmesh:')[0] ?? '',
  };
  assert.deepEqual(run(files), ['proxyless-unsupported@base.yaml:5:9']);
});

test('certificates from spire or sds are reported at proxy when the service uses mTLS', () => {
  const spire = { meshLines: ['  certificates: { source: spire }'] };
  const sds = { meshLines: ['  certificates: { source: sds, socket: /run/sds/sds.sock }'] };
  // Its inbound side is strict (the mesh default).
  assert.deepEqual(run(mesh([], spire)), ['proxyless-unsupported@mesh.yaml:6:12']);
  assert.deepEqual(run(mesh([], sds)), ['proxyless-unsupported@mesh.yaml:6:12']);
  // Its inbound side is off, but it presents its certificate to echo (strict).
  assert.deepEqual(run(mesh(['mtls: off', 'calls: [plain, echo]'], spire)), ['proxyless-unsupported@mesh.yaml:6:12']);
  const [d] = diagnose(mesh([], spire));
  assert.equal(d?.message, 'proxyless "client" needs its mesh certificate as files, but certificates come from spire: gRPC has no SDS client');
});

test('certificates from spire are fine when neither the service nor any callee uses mTLS', () => {
  const spire = { meshLines: ['  certificates: { source: spire }'] };
  assert.deepEqual(run(mesh(['mtls: off'], spire)), []);
  assert.deepEqual(run(mesh(['mtls: off', 'calls: [plain]'], spire)), []);
  assert.deepEqual(run(mesh(['calls: [plain, echo]'], { meshLines: ['  mtls: off', '  certificates: { source: spire }'] })), []);
});

test('sidecar services may use all of it', () => {
  assert.deepEqual(
    run(
      mesh([], { meshLines: ['  mtls: permissive', '  certificates: { source: spire }'] })
        .replace('    proxy: grpc\n', '    proxy: envoy\n')
        .replace('    protocol: grpc\n', '    protocol: http\n')
        .replace('    versions: { v1: { endpoints: ["10.0.0.1:9000"] } }\n', '    versions: { v1: { endpoints: [10.0.0.1] } }\n    calls: [web, db]\n'),
    ),
    [],
  );
});

test('every problem of one proxyless service is reported, each at its own place', () => {
  const jwt = 'jwt: { providers: { idp: { issuer: "https://idp.example", audiences: [api], jwksUri: "https://idp.example/jwks" } } }';
  assert.deepEqual(run(mesh(['calls: [web]', 'mtls: permissive', jwt], { protocol: 'http', meshLines: ['  certificates: { source: spire }'] })), [
    'proxyless-unsupported@mesh.yaml:4:15',
    'proxyless-unsupported@mesh.yaml:6:12',
    'proxyless-unsupported@mesh.yaml:8:13',
    'proxyless-unsupported@mesh.yaml:9:11',
    'proxyless-unsupported@mesh.yaml:10:5',
  ]);
});
