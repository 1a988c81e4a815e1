/**
 * The retries feature alone: its inheritance and defaults (effective.ts), computed once for the
 * rules and for resolution, and what resolution makes of them (resolve.ts). Models are assembled
 * from YAML without running any rule or any other stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeRetries } from '../../../src/features/retries/effective.js';
import { resolveRetries } from '../../../src/features/retries/resolve.js';
import { policyChain } from '../../../src/dsl/effective.js';
import { modelOf } from '../../helpers/rule.js';
import { locate } from '../../../src/validate/context.js';
import type { NodeRef } from '../../../src/dsl/model.js';

const LAYERED = [
  'apiVersion: meshc/v1',
  'defaults: { retries: { attempts: 3, on: [5xx], backoff: { base: 25ms, max: 250ms } } }',
  'services:',
  '  catalog:',
  '    protocol: http',
  '    port: 8080',
  '    versions: { v1: { endpoints: [10.0.0.1] } }',
  '    retries: { perTryTimeout: 1s, statusCodes: [503] }',
  '    routes:',
  '      - { to: v1, match: { path: { prefix: /slow } }, retries: { attempts: 1 } }',
  '      - { to: v1 }',
].join('\n');

/** The line of a layer: the route (10), the service (4) or defaults (2). */
const line = (at: NodeRef | undefined) => (at ? locate(at).line : undefined);

function catalog(text: string) {
  const model = modelOf(text);
  const service = model.serviceByName.get('catalog');
  assert.ok(service);
  return { model, service };
}

test('fields merge one by one, route ← service ← defaults, each remembering the layer it came from', () => {
  const { model, service } = catalog(LAYERED);
  const [slow, rest] = routeRetries(model, service).map((r) => r.retries);
  assert.deepEqual(
    { attempts: slow?.attempts, on: slow?.on, perTry: slow?.perTryTimeoutMs, codes: slow?.statusCodes, backoff: slow?.backoff },
    { attempts: 1, on: ['5xx'], perTry: 1000, codes: [503], backoff: { baseMs: 25, maxMs: 250 } },
  );
  assert.deepEqual(
    { at: line(slow?.at), attempts: line(slow?.fieldAt.attempts), perTry: line(slow?.fieldAt.perTryTimeout), on: line(slow?.fieldAt.on) },
    { at: 10, attempts: 10, perTry: 4, on: 2 },
  );
  assert.equal(rest?.attempts, 3);
  assert.equal(line(rest?.at), 4, 'the closest layer writing retries is the service (line 4)');
});

test('the built-in defaults fill what no layer writes, and nothing is made up when no layer writes retries', () => {
  const only = (retries: string) =>
    catalog(`${LAYERED.split('\n').slice(0, 1).join('')}\nservices:\n  catalog: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }${retries} }`);
  const { model, service } = only(', retries: {}');
  assert.deepEqual(
    routeRetries(model, service).map((r) => [r.retries?.attempts, r.retries?.on]),
    [[2, ['connect-failure', 'refused-stream', 'unavailable']]],
  );
  const none = only('');
  assert.deepEqual(
    routeRetries(none.model, none.service).map((r) => r.retries),
    [undefined],
  );
});

test('computed once per service definition: the rules and resolution get the same object', () => {
  const { model, service } = catalog(LAYERED);
  assert.equal(routeRetries(model, service), routeRetries(model, service));
});

test('resolution: status codes add retriable-status-codes; attempts 0 resolves to nothing, tcp to connection attempts', () => {
  const { model, service } = catalog(LAYERED);
  const input = (routeIndex: number) => ({ model, service, routeIndex, chain: policyChain(model, service, routeIndex) });
  assert.deepEqual(resolveRetries(input(0)), {
    retries: { attempts: 1, on: ['5xx', 'retriable-status-codes'], perTryTimeoutMs: 1000, statusCodes: [503], backoff: { baseMs: 25, maxMs: 250 } },
  });
  const off = catalog(LAYERED.replace('attempts: 1', 'attempts: 0'));
  assert.equal(resolveRetries({ model: off.model, service: off.service, routeIndex: 0, chain: policyChain(off.model, off.service, 0) }), undefined);
  const tcp = catalog(LAYERED.replace('protocol: http', 'protocol: tcp'));
  assert.deepEqual(resolveRetries({ model: tcp.model, service: tcp.service, routeIndex: 1, chain: policyChain(tcp.model, tcp.service, 1) }), {
    retries: { attempts: 3, on: [], statusCodes: [] },
  });
});
