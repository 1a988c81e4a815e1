import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE } from '../helpers.js';

const routes = (...vhosts: string[][]) => ({
  name: 'r',
  virtual_hosts: vhosts.map((domains, i) => ({ name: `v${i}`, domains, routes: [{ match: { prefix: '/' }, direct_response: { status: 200 } }] })),
});

test('one domain in two virtual hosts, compared case-insensitively', () => {
  assert.deepEqual(check(TYPE.route, routes(['a.example.com', 'b.example.com'], ['B.example.com'])), ['duplicate-domain@virtual_hosts[1].domains[0]']);
});

test('two wildcards', () => {
  assert.deepEqual(check(TYPE.route, routes(['*'], ['*'])), ['duplicate-domain@virtual_hosts[1].domains[0]']);
});

test('twice in one virtual host', () => {
  assert.deepEqual(check(TYPE.route, routes(['a', 'a'])), ['duplicate-domain@virtual_hosts[0].domains[1]']);
});

test('distinct domains are fine', () => {
  assert.deepEqual(check(TYPE.route, routes(['a'], ['b'], ['*'])), []);
});
