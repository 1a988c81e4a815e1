import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../../helpers/diagnose.js';
import { at } from '../../../validate/helpers.js';

/** Services on lines 3, 4, 5 …: each `name: fields` on one line, http on its own port. */
const mesh = (...services: string[]) =>
  [
    'apiVersion: meshc/v1',
    'services:',
    ...services.map((s, i) => {
      const colon = s.indexOf(': ');
      const [name, fields] = colon < 0 ? [s.replace(/:$/, ''), ''] : [s.slice(0, colon), s.slice(colon + 2)];
      return `  ${name}: { protocol: http, port: ${8080 + i}, versions: { v1: { endpoints: [10.0.0.${i + 1}] } }${fields ? `, ${fields}` : ''} }`;
    }),
  ].join('\n');
const check = (text: string) =>
  compileText({ 'mesh.yaml': text })
    .diagnostics.filter((d) => d.name === 'retry-amplification')
    .map((d) => `${at(d)} ${d.message}`);
const retries = (attempts: number) => `retries: { attempts: ${attempts} }`;

test('4 × 4 tries along gateway → api → ledger: warned once, at ledger\u2019s retries', () => {
  const text = mesh('gateway: calls: [api]', `api: calls: [ledger], ${retries(3)}`, `ledger: ${retries(3)}`);
  assert.deepEqual(check(text), ['retry-amplification@mesh.yaml:5:86 one request can reach "ledger" 16 times: gateway → api (4 tries) → ledger (4 tries)']);
});

test('the product at most 10 is fine; a call cycle does not loop', () => {
  assert.deepEqual(check(mesh('gateway: calls: [api]', `api: calls: [ledger], ${retries(2)}`, `ledger: ${retries(2)}`)), []);
  assert.deepEqual(check(mesh(`a: calls: [b], ${retries(1)}`, `b: calls: [a], ${retries(1)}`)), []);
});

test('only the first service past the limit is warned, not every one after it', () => {
  const text = mesh('gateway: calls: [api]', `api: calls: [ledger], ${retries(3)}`, `ledger: calls: [store], ${retries(3)}`, `store: ${retries(3)}`);
  assert.deepEqual(
    check(text).map((d) => d.split(' ')[0]),
    ['retry-amplification@mesh.yaml:5:102'],
  );
});
