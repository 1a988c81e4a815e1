/**
 * Checked against grpc-js 1.14, the client the proxyless end-to-end test runs: a route's retry
 * conditions are only the status names of RETRY_CODES, per_try_timeout is never read, and a
 * route hashes only on a header (or the io.grpc.channel_id filter state) in
 * grpc-js-xds src/resolver-xds.ts; attempts are capped at DEFAULT_MAX_ATTEMPTS_LIMIT = 5 in
 * grpc-js src/retrying-call.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../helpers/diagnose.js';
import { at } from '../helpers.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';

interface Options {
  /** The `defaults` block on line 2 (its first key at column 13). */
  readonly defaults?: string;
  /** How `client` is carried (line 11): grpc (proxyless) unless told. */
  readonly callerProxy?: string;
  /** `client`'s calls, on line 13 from column 12. */
  readonly calls?: string;
}

/**
 * `client` calls `echo`, a grpc service with one version whose `fields` follow from line 18 at
 * column 5. The policy written on `echo` is what `client`'s channel would apply.
 */
const mesh = (fields: readonly string[], options: Options = {}) =>
  [
    'apiVersion: meshc/v1',
    `defaults: ${options.defaults ?? '{ timeout: 15s }'}`,
    'mesh:',
    '  name: m',
    '  trustDomain: m.example',
    '  controlPlane: { address: "127.0.0.1:18000", tls: off }',
    'services:',
    '  client:',
    '    protocol: grpc',
    '    port: 9000',
    `    proxy: ${options.callerProxy ?? 'grpc'}`,
    '    versions: { v1: { endpoints: ["10.0.0.1:9000"] } }',
    `    calls: ${options.calls ?? '[echo]'}`,
    '  echo:',
    '    protocol: grpc',
    '    port: 9100',
    '    versions: { v1: { endpoints: ["10.0.0.2:9100"] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');

const diagnose = (text: string) => compileText({ 'mesh.yaml': text }).diagnostics;
/** Every diagnostic, as `name@file:line:col`. */
const all = (text: string) => diagnose(text).map(at);
/** Only this rule's. */
const run = (text: string) =>
  diagnose(text)
    .filter((d) => d.name === 'ignored-by-grpc')
    .map(at);
const messageAt = (text: string, line: number, column: number): Diagnostic | undefined =>
  diagnose(text).find((d) => d.name === 'ignored-by-grpc' && d.location?.line === line && d.location.column === column);

const GRPC_CODES = 'cancelled, deadline-exceeded, internal, resource-exhausted, unavailable';

/** One of each client-side feature gRPC ignores, written on the service (lines 18-25). */
const CLIENT_SIDE = [
  'mirror: { to: v1 }',
  'retries: { attempts: 6, perTryTimeout: 1s, on: [reset, unavailable], statusCodes: [503] }',
  'idleTimeout: 1m',
  'circuitBreaker: { maxConnections: 10, maxPendingRequests: 10, maxRequests: 10, maxRetries: 3, retryBudget: { percent: 20 } }',
  'outlierDetection: { consecutive5xx: 5, consecutiveGatewayErrors: 3 }',
  'healthCheck: { interval: 5s }',
  'connectTimeout: 2s',
  'loadBalancer: { policy: maglev, hashOn: { cookie: { name: sid } } }',
];

test('what a proxyless caller ignores of its callee is reported at each key where it is written', () => {
  // The complete list: no other rule has anything to say about this mesh.
  assert.deepEqual(all(mesh(CLIENT_SIDE)), [
    'ignored-by-grpc@mesh.yaml:18:5', // mirror
    'ignored-by-grpc@mesh.yaml:19:16', // retries.attempts 6
    'ignored-by-grpc@mesh.yaml:19:29', // retries.perTryTimeout
    'ignored-by-grpc@mesh.yaml:19:48', // retries.on: reset
    'ignored-by-grpc@mesh.yaml:19:74', // retries.statusCodes
    'ignored-by-grpc@mesh.yaml:20:5', // idleTimeout
    'ignored-by-grpc@mesh.yaml:21:23', // circuitBreaker.maxConnections
    'ignored-by-grpc@mesh.yaml:21:43', // circuitBreaker.maxPendingRequests (maxRequests is honoured)
    'ignored-by-grpc@mesh.yaml:21:84', // circuitBreaker.maxRetries
    'ignored-by-grpc@mesh.yaml:21:99', // circuitBreaker.retryBudget
    'ignored-by-grpc@mesh.yaml:22:25', // outlierDetection.consecutive5xx
    'ignored-by-grpc@mesh.yaml:22:44', // outlierDetection.consecutiveGatewayErrors
    'ignored-by-grpc@mesh.yaml:23:5', // healthCheck
    'ignored-by-grpc@mesh.yaml:24:5', // connectTimeout
    'ignored-by-grpc@mesh.yaml:25:5', // loadBalancer maglev
    'ignored-by-grpc@mesh.yaml:25:37', // hashOn cookie
  ]);
  const d = messageAt(mesh(CLIENT_SIDE), 24, 5);
  assert.equal(d?.code, 'MC2149');
  assert.equal(d?.severity, 'warning');
  assert.equal(d?.message, 'connectTimeout of "echo" is ignored by proxyless "client": gRPC clients use their own connection backoff');
});

test('nothing is reported when the only callers are Envoy sidecars', () => {
  assert.deepEqual(all(mesh(CLIENT_SIDE, { callerProxy: 'envoy' })), []);
});

test('what gRPC honours is not reported: timeout, gRPC retry codes up to 4 retries, backoff, least-request, maxRequests, fault', () => {
  assert.deepEqual(
    run(
      mesh([
        'timeout: 5s',
        'retries: { attempts: 4, on: [unavailable, cancelled, deadline-exceeded], backoff: { base: 10ms, max: 50ms } }',
        'loadBalancer: least-request',
        'circuitBreaker: { maxRequests: 100 }',
        'fault: { abort: { grpcStatus: 14, percent: 1 } }',
      ]),
    ),
    [],
  );
  assert.deepEqual(run(mesh(['loadBalancer: { policy: ring-hash, hashOn: { header: x-user }, minRingSize: 1024 }'])), []);
  assert.deepEqual(run(mesh(['loadBalancer: round-robin'])), []);
});

test('retries on no gRPC condition at all: the calls are not retried', () => {
  const text = mesh(['retries: { attempts: 2, on: [reset, 5xx], perTryTimeout: 1s }']);
  assert.deepEqual(run(text), ['ignored-by-grpc@mesh.yaml:18:29', 'ignored-by-grpc@mesh.yaml:18:47']);
  assert.equal(
    messageAt(text, 18, 29)?.message,
    `retries on reset, 5xx of "echo" is ignored by proxyless "client": gRPC retries only on status codes (${GRPC_CODES}), so these calls are not retried at all`,
  );
});

test('retries on some non-gRPC conditions: those are named, the gRPC ones still apply', () => {
  const text = mesh(['retries: { attempts: 3, on: [reset, unavailable], perTryTimeout: 1s }']);
  assert.deepEqual(run(text), ['ignored-by-grpc@mesh.yaml:18:29', 'ignored-by-grpc@mesh.yaml:18:55']);
  assert.equal(messageAt(text, 18, 29)?.message, `retries on reset of "echo" is ignored by proxyless "client": gRPC retries only on status codes (${GRPC_CODES})`);
});

test('retries without `on` take the default conditions, whose non-gRPC ones are reported at retries', () => {
  const text = mesh(['retries: { attempts: 2 }']);
  // retry-without-per-try-timeout stays quiet: only proxyless callers call echo, and they would ignore a perTryTimeout.
  assert.deepEqual(all(text), ['ignored-by-grpc@mesh.yaml:18:5']);
  assert.match(messageAt(text, 18, 5)?.message ?? '', /^retries on connect-failure, refused-stream of "echo" is ignored by proxyless "client": /);
});

test('retries turned off are not reported, whatever else they say', () => {
  assert.deepEqual(run(mesh(['retries: { attempts: 0, perTryTimeout: 1s, on: [5xx], statusCodes: [503] }'])), []);
});

test('more than 4 retries are reported at attempts; 4 are not', () => {
  assert.deepEqual(run(mesh(['retries: { attempts: 5, on: [unavailable], perTryTimeout: 1s }'])), ['ignored-by-grpc@mesh.yaml:18:16', 'ignored-by-grpc@mesh.yaml:18:48']);
  assert.deepEqual(run(mesh(['retries: { attempts: 5, on: [unavailable] }'])), ['ignored-by-grpc@mesh.yaml:18:16']);
  assert.deepEqual(run(mesh(['retries: { attempts: 4, on: [unavailable] }'])), []);
  assert.match(messageAt(mesh(['retries: { attempts: 5, on: [unavailable] }']), 18, 16)?.message ?? '', /grpc-js makes at most 5 attempts, so it retries 4 times$/);
});

test('retries.statusCodes are reported at statusCodes', () => {
  assert.deepEqual(run(mesh(['retries: { attempts: 2, on: [unavailable], statusCodes: [503] }'])), ['ignored-by-grpc@mesh.yaml:18:48']);
});

test('random and Maglev balancing are reported at loadBalancer, in both forms', () => {
  assert.deepEqual(run(mesh(['loadBalancer: random'])), ['ignored-by-grpc@mesh.yaml:18:5']);
  assert.deepEqual(run(mesh(['loadBalancer: maglev'])), ['ignored-by-grpc@mesh.yaml:18:5']);
  assert.deepEqual(run(mesh(['loadBalancer: { policy: random }'])), ['ignored-by-grpc@mesh.yaml:18:5']);
});

test('ring hashing on anything but a header is reported at hashOn', () => {
  assert.deepEqual(run(mesh(['loadBalancer: { policy: ring-hash, hashOn: { cookie: { name: sid } } }'])), ['ignored-by-grpc@mesh.yaml:18:40']);
  assert.deepEqual(run(mesh(['loadBalancer: { policy: ring-hash, hashOn: { sourceIp: true } }'])), ['ignored-by-grpc@mesh.yaml:18:40']);
  assert.deepEqual(run(mesh(['loadBalancer:', '  policy: ring-hash', '  hashOn:', '    queryParameter: user'])), ['ignored-by-grpc@mesh.yaml:20:7']);
});

test('route-level settings are reported on the route, inherited ones where the service writes them', () => {
  const text = mesh([
    'retries: { attempts: 2, perTryTimeout: 2s }',
    'idleTimeout: 10m',
    'routes:',
    '  - match: { headers: { x-canary: "1" } }',
    '    to: v1',
    '    retries: { attempts: 2, perTryTimeout: 1s, on: [reset] }',
    '    mirror: { to: v1 }',
    '    idleTimeout: 1m',
    '  - to: v1',
  ]);
  assert.deepEqual(run(text), [
    // The second route inherits the service's retries (default conditions) and idleTimeout.
    'ignored-by-grpc@mesh.yaml:18:5',
    'ignored-by-grpc@mesh.yaml:18:29',
    'ignored-by-grpc@mesh.yaml:19:5',
    // The first route's own.
    'ignored-by-grpc@mesh.yaml:23:33',
    'ignored-by-grpc@mesh.yaml:23:52',
    'ignored-by-grpc@mesh.yaml:24:9',
    'ignored-by-grpc@mesh.yaml:25:9',
  ]);
});

test('a setting inherited from defaults is reported in the defaults block', () => {
  const defaults = '{ connectTimeout: 2s, circuitBreaker: { maxConnections: 10 }, healthCheck: { type: grpc }, retries: { attempts: 2, on: [5xx] } }';
  assert.deepEqual(all(mesh([], { defaults })), [
    'ignored-by-grpc@mesh.yaml:2:13',
    'ignored-by-grpc@mesh.yaml:2:51',
    'ignored-by-grpc@mesh.yaml:2:73',
    // For client itself, which has no callers: only proxyless callers exempt a service from MC2110.
    'retry-without-per-try-timeout@mesh.yaml:2:102',
    'ignored-by-grpc@mesh.yaml:2:126',
  ]);
  // The service's own setting is the one in force, so it is reported instead.
  assert.deepEqual(run(mesh(['connectTimeout: 1s'], { defaults: '{ connectTimeout: 2s }' })), ['ignored-by-grpc@mesh.yaml:18:5']);
});

test('outlier detection is reported per detector gRPC lacks', () => {
  assert.deepEqual(run(mesh(['outlierDetection: { consecutive5xx: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50 }'])), ['ignored-by-grpc@mesh.yaml:18:25']);
  assert.deepEqual(run(mesh(['outlierDetection:', '  consecutiveGatewayErrors: 3'])), ['ignored-by-grpc@mesh.yaml:19:7']);
});

test('several proxyless callers are named together; a sidecar caller does not hide them', () => {
  const text = `
    apiVersion: meshc/v1
    mesh:
      name: m
      trustDomain: m.example
      controlPlane: { address: "127.0.0.1:18000", tls: off }
    services:
      a: { protocol: grpc, port: 9001, proxy: grpc, versions: { v1: { endpoints: ["10.0.0.1:9001"] } }, calls: [echo] }
      b: { protocol: grpc, port: 9002, proxy: grpc, versions: { v1: { endpoints: ["10.0.0.2:9002"] } }, calls: [echo] }
      c: { protocol: grpc, port: 9003, versions: { v1: { endpoints: [10.0.0.3] } }, calls: [echo] }
      echo:
        protocol: grpc
        port: 9100
        versions: { v1: { endpoints: [10.0.0.4] } }
        connectTimeout: 2s
  `;
  assert.deepEqual(all(text), ['ignored-by-grpc@mesh.yaml:14:5']);
  assert.equal(diagnose(text)[0]?.message, 'connectTimeout of "echo" is ignored by proxyless callers (a, b): gRPC clients use their own connection backoff');
});

/** `echo` is itself proxyless from line 18; lines 19-25 are its server-side settings. */
const SERVER_SIDE = [
  'proxy: grpc',
  'rateLimit: { local: { requests: 100, per: 1s } }',
  'authz: { mode: dry-run, allow: [{ from: [client] }] }',
  'routes:',
  '  - match: { headers: { x-canary: "1" } }',
  '    to: v1',
  '    rateLimit: { local: { requests: 10, per: 1s } }',
  '  - to: v1',
];

test('a proxyless server reports its rate limits (service and route) and dry-run authz', () => {
  assert.deepEqual(all(mesh(SERVER_SIDE)), ['ignored-by-grpc@mesh.yaml:19:5', 'ignored-by-grpc@mesh.yaml:20:14', 'ignored-by-grpc@mesh.yaml:24:9']);
  assert.equal(messageAt(mesh(SERVER_SIDE), 20, 14)?.message, 'authz in dry-run on proxyless "echo" reports nothing: gRPC servers keep no shadow-rule statistics');
  assert.match(messageAt(mesh(SERVER_SIDE), 19, 5)?.message ?? '', /^rateLimit of proxyless "echo" is not enforced: /);
});

test('server-side settings are fine on a sidecar server, and enforced authz is fine on a proxyless one', () => {
  // The same server-side settings with echo behind a sidecar (proxy: envoy) and a proxyless caller.
  assert.deepEqual(run(mesh(['proxy: envoy', ...SERVER_SIDE.slice(1)])), []);
  assert.deepEqual(run(mesh(['proxy: grpc', 'authz: [{ from: [client] }]'])), []);
  assert.deepEqual(run(mesh(['proxy: grpc', 'authz: { mode: enforce, allow: [{ from: [client] }] }'])), []);
});

test('a localPort on a proxyless call is reported: the application dials xds:///echo, no sidecar listens on it', () => {
  const text = mesh([], { calls: '[{ service: echo, localPort: 7000 }]' });
  assert.deepEqual(run(text), ['ignored-by-grpc@mesh.yaml:13:30']);
  assert.equal(messageAt(text, 13, 30)?.message, 'localPort of a call of proxyless "client" is ignored: the application dials xds:///echo');
});
