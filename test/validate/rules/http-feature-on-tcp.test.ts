import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRule } from '../helpers.js';
import { httpFeatureOnTcp } from '../../../src/validate/rules/http-feature-on-tcp.js';

/** Only this rule, in process: what it reports and nothing else. */
const check = checkRule(httpFeatureOnTcp);

/** A service `db` speaking `protocol`; `fields` follow on lines 7 and on, at column 5. */
const db = (fields: string[], protocol = 'tcp') =>
  [
    'apiVersion: meshc/v1',
    'services:',
    '  db:',
    `    protocol: ${protocol}`,
    '    port: 5432',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');

test('connection-level features are fine on tcp', () => {
  assert.deepEqual(
    check(
      db([
        'idleTimeout: 1h',
        'connectTimeout: 2s',
        'circuitBreaker: { maxConnections: 100 }',
        'outlierDetection: { consecutive5xx: 5 }',
        'loadBalancer: { policy: ring-hash, hashOn: { sourceIp: true } }',
        'healthCheck: { interval: 5s }',
        'routes: [{ to: v1, idleTimeout: 10m }]',
      ]),
    ),
    [],
  );
});

test('retries beyond attempts, fault, mirror and timeout on a tcp service are reported at their keys', () => {
  assert.deepEqual(check(db(['retries: { attempts: 2, perTryTimeout: 1s }', 'fault: { delay: { duration: 1s, percent: 5 } }', 'mirror: { to: v1 }', 'timeout: 5s'])), [
    'http-feature-on-tcp@mesh.yaml:7:29', // retries.perTryTimeout: a tcp proxy retries connections only
    'http-feature-on-tcp@mesh.yaml:8:5',
    'http-feature-on-tcp@mesh.yaml:9:5',
    'http-feature-on-tcp@mesh.yaml:10:5',
  ]);
});

test('retries.attempts alone is fine on tcp: it retries a connection that fails', () => {
  assert.deepEqual(check(db(['retries: { attempts: 2 }'])), []);
});

test('the same fields are fine on http', () => {
  assert.deepEqual(check(db(['retries: { attempts: 2, perTryTimeout: 1s }', 'fault: { delay: { duration: 1s, percent: 5 } }', 'mirror: { to: v1 }', 'timeout: 5s'], 'http')), []);
});

test('match, timeout, retries, fault and mirror on a tcp route are reported at their keys', () => {
  assert.deepEqual(
    check(
      db([
        'routes:',
        '  - match: { headers: { x-tenant: eu } }',
        '    to: v1',
        '    timeout: 1s',
        '  - to: v1',
        '    retries: { attempts: 1, perTryTimeout: 1s }',
        '    fault: { abort: { httpStatus: 503, percent: 1 } }',
        '    mirror: { to: v1 }',
      ]),
    ),
    [
      'http-feature-on-tcp@mesh.yaml:8:9',
      'http-feature-on-tcp@mesh.yaml:10:9',
      'http-feature-on-tcp@mesh.yaml:12:33',
      'http-feature-on-tcp@mesh.yaml:13:9',
      'http-feature-on-tcp@mesh.yaml:14:9',
    ],
  );
});

test('an http or grpc health check is reported at its type key; tcp is fine', () => {
  assert.deepEqual(check(db(['healthCheck: { type: http, path: /healthz }'])), ['http-feature-on-tcp@mesh.yaml:7:20']);
  assert.deepEqual(check(db(['healthCheck: { type: grpc }'])), ['http-feature-on-tcp@mesh.yaml:7:20']);
  assert.deepEqual(check(db(['healthCheck: { type: tcp }'])), []);
});

test('hashing on a header, cookie or query parameter is reported at the hash key', () => {
  assert.deepEqual(check(db(['loadBalancer: { policy: ring-hash, hashOn: { header: x-user } }'])), ['http-feature-on-tcp@mesh.yaml:7:50']);
  assert.deepEqual(check(db(['loadBalancer: { policy: maglev, hashOn: { cookie: { name: sid } } }'])), ['http-feature-on-tcp@mesh.yaml:7:47']);
  assert.deepEqual(check(db(['loadBalancer:', '  policy: ring-hash', '  hashOn:', '    queryParameter: user'])), ['http-feature-on-tcp@mesh.yaml:10:9']);
});

test('HTTP settings in defaults do not make a tcp service wrong', () => {
  assert.deepEqual(
    check(`
      apiVersion: meshc/v1
      defaults: { timeout: 5s, retries: { attempts: 2, perTryTimeout: 1s } }
      services:
        db: { protocol: tcp, port: 5432, versions: { v1: { endpoints: [10.0.0.1] } } }
    `),
    [],
  );
});

test('an http health check inherited from defaults is reported for a tcp service', () => {
  assert.deepEqual(
    check(`
        apiVersion: meshc/v1
        defaults: { healthCheck: { type: http } }
        services:
          db: { protocol: tcp, port: 5432, versions: { v1: { endpoints: [10.0.0.1] } } }
      `),
    ['http-feature-on-tcp@mesh.yaml:2:28'],
  );
});
