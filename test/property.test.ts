/**
 * Property tests over generated meshes: whatever the input, compile never throws; every mesh it
 * accepts compiles to one parseable bootstrap per service; ajv and the schema stage agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compile } from '../src/compile.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { meshJsonSchema } from '../src/dsl/schema.js';
import { parseSource } from '../src/dsl/parse.js';
import { checkSchema } from '../src/dsl/check-schema.js';

const NAMES = ['web', 'api', 'cart', 'catalog', 'db'];
const VERSIONS = ['v1', 'v2', 'canary'];
const PORTS = [8080, 8081, 9090, 9091, 15006];

// Building blocks are valid at the schema level, so most meshes reach the semantic rules and
// the sidecar builders; `corrupt` below breaks the schema on purpose.
const duration = fc.constantFrom('0s', '250ms', '1s', '1.5s', '2m', '1m30s');
const endpoint = fc.oneof(
  fc.constantFrom('10.0.0.1', '10.0.0.2:16000', 'fd00::1', '[fd00::2]:16000', '10.0.0.1', '10.0.0.300'),
  fc.record({ address: fc.constantFrom('10.0.1.1', '10.0.1.2', 'fd00::3'), weight: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: ['address'] }),
);
const version = fc.oneof(
  { weight: 5, arbitrary: fc.record({ endpoints: fc.array(endpoint, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ dns: fc.constantFrom('svc.internal', 'svc.internal:8443', '10.0.0.9') }) },
  { weight: 1, arbitrary: fc.record({ endpoints: fc.array(endpoint, { maxLength: 1 }), dns: fc.constant('both.internal') }, { requiredKeys: [] }) },
);
const retries = fc.record(
  {
    attempts: fc.integer({ min: 0, max: 4 }),
    perTryTimeout: duration,
    on: fc.subarray(['5xx', 'reset', 'unavailable', 'connect-failure'] as const, { minLength: 1 }),
    statusCodes: fc.array(fc.constantFrom(502, 503), { minLength: 1, maxLength: 2 }),
    backoff: fc.record({ base: fc.constantFrom('25ms', '1s'), max: fc.constantFrom('250ms', '10s') }, { requiredKeys: ['base'] }),
  },
  { requiredKeys: [] },
);
const stringMatch = fc.oneof(
  fc.constantFrom('1', 'yes'),
  fc.record({ prefix: fc.constant('a') }),
  fc.record({ regex: fc.constantFrom('^a+$', '(?=x)') }),
  fc.record({ present: fc.boolean(), invert: fc.boolean() }, { requiredKeys: [] }),
  fc.record({ exact: fc.constant('a'), suffix: fc.constant('b') }),
);
const match = fc.record(
  {
    path: fc.oneof(
      fc.record({ prefix: fc.constantFrom('/', '/api') }),
      fc.record({ exact: fc.constantFrom('/x', '/api/x') }),
      fc.record({ regex: fc.constantFrom('^/a+$', '(a)\\1') }),
      fc.constant({}),
    ),
    headers: fc.dictionary(fc.constantFrom('x-canary', 'x-user'), stringMatch, { maxKeys: 2 }),
    method: fc.oneof(fc.constantFrom('GET', 'POST'), fc.subarray(['GET', 'PUT'] as const, { minLength: 1 })),
    query: fc.dictionary(fc.constantFrom('q', 'lang'), fc.oneof(fc.constant('x'), fc.record({ present: fc.constant(true) })), { maxKeys: 1 }),
  },
  { requiredKeys: [] },
);
const route = fc.record(
  {
    name: fc.constantFrom('r1', 'r2', 'default'),
    match,
    to: fc.constantFrom(...VERSIONS, 'v9'),
    split: fc.dictionary(fc.constantFrom(...VERSIONS), fc.constantFrom(0, 10, 50, 90, 100, 99.5, 0.5, -10, 33.333), { minKeys: 1 }),
    timeout: duration,
    idleTimeout: duration,
    retries,
    fault: fc.record(
      {
        delay: fc.record({ duration, percent: fc.constantFrom(5, 0.1) }),
        abort: fc.record({ httpStatus: fc.constant(503), grpcStatus: fc.constant(14), percent: fc.constantFrom(1, 0.5) }, { requiredKeys: ['percent'] }),
      },
      { requiredKeys: [] },
    ),
    mirror: fc.record({ to: fc.constantFrom(...VERSIONS), percent: fc.constantFrom(5, 100, 0.01) }, { requiredKeys: ['to'] }),
  },
  { requiredKeys: [] },
);
const loadBalancer = fc.oneof(
  fc.constantFrom('round-robin', 'least-request', 'random', 'ring-hash'),
  fc.record(
    {
      policy: fc.constantFrom('ring-hash', 'maglev', 'random'),
      hashOn: fc.record(
        {
          header: fc.constant('x-user'),
          cookie: fc.record({ name: fc.constant('s'), ttl: duration }, { requiredKeys: ['name'] }),
          sourceIp: fc.constant(true as const),
          queryParameter: fc.constant('q'),
        },
        { requiredKeys: [] },
      ),
      minRingSize: fc.constant(1024),
    },
    { requiredKeys: ['policy'] },
  ),
);
const service = fc.record(
  {
    protocol: fc.constantFrom('http', 'http2', 'grpc', 'tcp'),
    port: fc.constantFrom(...PORTS),
    versions: fc.dictionary(fc.constantFrom(...VERSIONS), version, { minKeys: 0, maxKeys: 3 }),
    calls: fc.array(fc.oneof(fc.constantFrom(...NAMES, 'ghost'), fc.record({ service: fc.constantFrom(...NAMES), localPort: fc.constantFrom(18000, 18001, 15000) })), {
      maxLength: 3,
    }),
    routes: fc.array(route, { maxLength: 3 }),
    timeout: duration,
    connectTimeout: duration,
    retries,
    loadBalancer,
    circuitBreaker: fc.record(
      {
        maxConnections: fc.nat(2000),
        maxRetries: fc.nat(5),
        retryBudget: fc.record({ percent: fc.constantFrom(20, 0), minConcurrency: fc.nat(5) }, { requiredKeys: ['percent'] }),
      },
      { requiredKeys: [] },
    ),
    outlierDetection: fc.record(
      { consecutive5xx: fc.nat(10), consecutiveGatewayErrors: fc.nat(10), interval: duration, baseEjectionTime: duration, maxEjectionPercent: fc.nat(100) },
      { requiredKeys: [] },
    ),
    healthCheck: fc.record({ type: fc.constantFrom('http', 'grpc', 'tcp'), path: fc.constant('/ready'), interval: duration, timeout: duration }, { requiredKeys: [] }),
    fault: fc.record({ abort: fc.record({ httpStatus: fc.constant(500), percent: fc.constantFrom(1, 50) }) }),
    mirror: fc.record({ to: fc.constantFrom(...VERSIONS) }),
  },
  { requiredKeys: ['protocol', 'port', 'versions'] },
);
const meshDoc = fc.record({
  apiVersion: fc.constant('meshc/v1'),
  mesh: fc.record({ name: fc.constant('shop'), trustDomain: fc.constant('shop.example'), mtls: fc.constantFrom('off', 'off', 'off', 'strict') }),
  services: fc.dictionary(fc.constantFrom(...NAMES), service, { minKeys: 1, maxKeys: 5 }),
});

// ── A generator of valid meshes: every reference resolves, ports are unique, weights add up. ──

const validMatch = fc.record(
  {
    path: fc.oneof(fc.record({ prefix: fc.constantFrom('/api', '/v2') }), fc.record({ exact: fc.constant('/x') }), fc.record({ regex: fc.constant('^/a+$') })),
    headers: fc.dictionary(fc.constantFrom('x-canary', 'x-user'), fc.oneof(fc.constant('1'), fc.record({ prefix: fc.constant('a') }), fc.record({ present: fc.boolean() })), {
      minKeys: 1,
      maxKeys: 2,
    }),
    method: fc.oneof(fc.constant('GET'), fc.subarray(['GET', 'PUT'] as const, { minLength: 1 })),
  },
  { requiredKeys: [] },
);

/** Integer weights over the given versions, adding up to 100. */
function splitOver(versions: readonly string[]): fc.Arbitrary<Record<string, number>> {
  return fc.array(fc.integer({ min: 0, max: 100 }), { minLength: versions.length - 1, maxLength: versions.length - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((a, b) => a - b), 100];
    return Object.fromEntries(versions.map((v, i) => [v, (sorted[i + 1] ?? 100) - (sorted[i] ?? 0)]));
  });
}

function validService(index: number, others: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      protocol: fc.constantFrom('http', 'http2', 'grpc', 'tcp'),
      versions: fc.subarray(VERSIONS, { minLength: 1 }),
      calls: fc.subarray([...others]),
      useDns: fc.boolean(),
    })
    .chain(({ protocol, versions, calls, useDns }) => {
      const http = protocol !== 'tcp';
      const action = fc.oneof(
        fc.constantFrom(...versions).map((to) => ({ to })),
        splitOver(versions).map((split) => ({ split })),
      );
      const matched = fc.tuple(validMatch, action).map(([match, a]) => ({ match, ...a }));
      const routes = http ? fc.tuple(fc.array(matched, { maxLength: 2 }), action).map(([rs, last]) => [...rs, last]) : splitOver(versions).map((split) => [{ split }]);
      return fc.record(
        {
          protocol: fc.constant(protocol),
          port: fc.constant(8080 + index),
          versions: fc.constant(
            Object.fromEntries(
              versions.map((v, k) => [v, useDns && k === 0 ? { dns: `${v}.svc${index}.internal` } : { endpoints: [`10.${index}.${k}.1`, `10.${index}.${k}.2:16000`] }]),
            ),
          ),
          calls: fc.constant(calls),
          routes: versions.length > 1 || http ? routes : fc.constant(undefined),
          timeout: http ? fc.constantFrom('2s', '0s') : fc.constant(undefined),
          retries: http ? fc.record({ attempts: fc.integer({ min: 0, max: 2 }), perTryTimeout: fc.constant('500ms'), on: fc.constant(['reset', '5xx']) }) : fc.constant(undefined),
          loadBalancer: fc.constantFrom(
            'round-robin',
            'least-request',
            'random',
            { policy: 'ring-hash', hashOn: { sourceIp: true } },
            { policy: 'maglev', hashOn: { sourceIp: true } },
          ),
          circuitBreaker: fc.record(
            { maxConnections: fc.nat(2000), retryBudget: fc.record({ percent: fc.constantFrom(20, 0.5), minConcurrency: fc.nat(5) }) },
            { requiredKeys: [] },
          ),
          outlierDetection: fc.record(
            { consecutive5xx: fc.integer({ min: 1, max: 10 }), consecutiveGatewayErrors: fc.integer({ min: 1, max: 10 }), interval: fc.constant('10s') },
            { requiredKeys: [] },
          ),
          healthCheck: fc.constant(http ? { interval: '10s', timeout: '1s' } : { type: 'tcp' }),
          fault: http
            ? fc.record(
                {
                  delay: fc.record({ duration: fc.constant('1s'), percent: fc.constantFrom(5, 0.1) }),
                  abort: fc.record({ httpStatus: fc.constant(503), percent: fc.constantFrom(1, 0.5) }),
                },
                { requiredKeys: ['delay'] },
              )
            : fc.constant(undefined),
          mirror: http ? fc.record({ to: fc.constantFrom(...versions), percent: fc.constantFrom(5, 100) }) : fc.constant(undefined),
        },
        { requiredKeys: ['protocol', 'port', 'versions', 'calls', 'routes', 'healthCheck'] },
      );
    });
}

const validMeshDoc = fc.integer({ min: 1, max: 5 }).chain((count) => {
  const names = NAMES.slice(0, count);
  return fc
    .tuple(
      ...names.map((_, i) =>
        validService(
          i,
          names.filter((_, j) => j !== i),
        ),
      ),
    )
    .map((services) => ({
      apiVersion: 'meshc/v1',
      mesh: { name: 'shop', trustDomain: 'shop.example', mtls: 'off' },
      services: Object.fromEntries(names.map((n, i) => [n, JSON.parse(JSON.stringify(services[i])) as unknown])),
    }));
});

/** Replaces one value somewhere in the document with arbitrary JSON. */
const corruptedDoc = fc.tuple(meshDoc, fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([doc, pick, junk]) => {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const collect = (node: unknown): void => {
    const children: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : node && typeof node === 'object' ? Object.entries(node) : [];
    for (const [key, v] of children) {
      slots.push([node as Record<string, unknown> | unknown[], key]);
      collect(v);
    }
  };
  collect(copy);
  const slot = slots[pick % slots.length];
  if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = junk;
  return copy;
});

function bootstraps(files: readonly { path: string }[]): string[] {
  return files.map((f) => f.path).filter((p) => /\/bootstrap\.(yaml|json)$/.test(p));
}

test('every valid mesh compiles without errors to one bootstrap per service', () => {
  fc.assert(
    fc.property(validMeshDoc, (doc) => {
      const result = compile([{ name: 'mesh.yaml', text: stringify(doc) }]);
      assert.deepEqual(
        result.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      assert.equal(bootstraps(result.files).length, Object.keys(doc.services).length);
    }),
    { numRuns: 200, seed: 1 },
  );
});

test('compile never throws on meshes full of mistakes; what it accepts it compiles', () => {
  fc.assert(
    fc.property(meshDoc, (doc) => {
      const result = compile([{ name: 'mesh.yaml', text: stringify(doc) }]);
      for (const d of result.diagnostics) assert.ok(d.location, `${d.code} has no location`);
      if (hasErrors(result.diagnostics)) {
        assert.equal(result.files.length, 0);
        return;
      }
      assert.equal(bootstraps(result.files).length, Object.keys(doc.services).length);
      for (const f of result.files) assert.equal(typeof (f.path.endsWith('.json') ? JSON.parse(f.content) : parse(f.content)), 'object');
    }),
    { numRuns: 300, seed: 20261124 },
  );
});

test('corrupted meshes are refused with located diagnostics, never an exception', () => {
  fc.assert(
    fc.property(corruptedDoc, (doc) => {
      const result = compile([{ name: 'mesh.yaml', text: stringify(doc) }]);
      for (const d of result.diagnostics) assert.ok(d.location, `${d.code} has no location`);
      if (hasErrors(result.diagnostics)) assert.equal(result.files.length, 0);
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('ajv and the schema stage agree on generated documents', () => {
  const validate = new Ajv2020({ strict: true }).compile(meshJsonSchema());
  fc.assert(
    fc.property(fc.oneof(validMeshDoc, meshDoc, corruptedDoc), (doc) => {
      const [pd] = parseSource({ name: 'mesh.yaml', text: stringify(doc) }).value;
      assert.ok(pd);
      assert.equal(validate(pd.data), checkSchema(pd).value !== undefined);
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('arbitrary text never makes compile throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      compile([{ name: 'noise.yaml', text }]);
    }),
    { numRuns: 300, seed: 42 },
  );
});
