import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../helpers/diagnose.js';
import { at, checkRule } from '../helpers.js';
import { proxylessNeedsControlPlane } from '../../../src/validate/rules/proxyless-needs-control-plane.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(proxylessNeedsControlPlane);

const CONTROL_PLANE = '  controlPlane: { address: "127.0.0.1:18000", tls: off }';

/**
 * `client` (proxy on line 6, its value at column 12) calls `echo` (line 9, proxy value at
 * column 46) and `web` (line 10). The mesh block comes last, so that adding `meshLines` to it
 * moves no service.
 */
const mesh = (proxies: { client: string; echo: string }, ...meshLines: string[]) =>
  [
    'apiVersion: meshc/v1',
    'services:',
    '  client:',
    '    protocol: grpc',
    '    port: 9000',
    `    proxy: ${proxies.client}`,
    '    versions: { v1: { endpoints: ["10.0.0.1:9000"] } }',
    '    calls: [echo, web]',
    `  echo: { protocol: grpc, port: 9100, proxy: ${proxies.echo}, versions: { v1: { endpoints: ["10.0.0.2:9100"] } } }`,
    '  web: { protocol: grpc, port: 8080, versions: { v1: { endpoints: [10.0.0.3] } } }',
    'mesh:',
    '  name: m',
    '  trustDomain: m.example',
    ...meshLines,
  ].join('\n');
const diagnose = (text: string) => compileText({ 'mesh.yaml': text }).diagnostics;
const run = (text: string) => diagnose(text).map(at);

test('each proxyless service of a mesh without controlPlane is reported at its proxy', () => {
  assert.deepEqual(run(mesh({ client: 'grpc', echo: 'grpc' })), ['proxyless-needs-control-plane@mesh.yaml:6:12', 'proxyless-needs-control-plane@mesh.yaml:9:46']);
});

test('the message names the service and what it lacks', () => {
  const [d] = diagnose(mesh({ client: 'grpc', echo: 'envoy' }));
  assert.equal(d?.code, 'MC2147');
  assert.equal(d?.severity, 'error');
  assert.equal(d?.message, '"client" is proxyless (proxy: grpc), but the mesh has no controlPlane for its xDS client to reach');
});

test('a sidecar service (proxy: envoy, or no proxy) needs no control plane', () => {
  assert.deepEqual(run(mesh({ client: 'grpc', echo: 'envoy' })), ['proxyless-needs-control-plane@mesh.yaml:6:12']);
  assert.deepEqual(run(mesh({ client: 'envoy', echo: 'envoy' })), []);
});

test('with a controlPlane, proxyless services are accepted', () => {
  assert.deepEqual(run(mesh({ client: 'grpc', echo: 'grpc' }, CONTROL_PLANE)), []);
});

test('the mesh block in another file counts: reported in the services file', () => {
  // check() puts a mesh block without controlPlane in base.yaml.
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      services:
        echo:
          protocol: grpc
          port: 9100
          proxy: grpc
          versions: { v1: { endpoints: ["10.0.0.2:9100"] } }
    `),
    ['proxyless-needs-control-plane@mesh.yaml:6:12'],
  );
});
