/**
 * Envoy's router header parser refuses adding or removing a header for which
 * HeaderUtility::isModifiableHeader / isRemovableHeader is false: a name whose first character is
 * ':' or that equals "host" ignoring case (":-prefixed or host headers may not be modified/removed"),
 * and an entry with both `append` and a non-default `append_action`:
 * source/common/router/header_parser.cc, source/common/http/header_utility.cc.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TYPE, type Config } from '../helpers.js';

function routes(): Config {
  return {
    name: 'local',
    virtual_hosts: [
      {
        name: 'all',
        domains: ['*'],
        routes: [{ match: { prefix: '/' }, route: { cluster: 'backend' } }],
      },
    ],
  };
}

function add(key: string): Config {
  return { header: { key, value: 'x' } };
}

test('pseudo-headers and host are refused at every level, for requests and responses', () => {
  const r = routes();
  r['request_headers_to_add'] = [add('x-ok'), add(':path')];
  r['virtual_hosts'][0]['response_headers_to_add'] = [add(':status')];
  r['virtual_hosts'][0]['routes'][0]['request_headers_to_add'] = [add('host')];
  assert.deepEqual(check(TYPE.route, r), [
    'unmodifiable-header@request_headers_to_add[1].header.key',
    'unmodifiable-header@virtual_hosts[0].response_headers_to_add[0].header.key',
    'unmodifiable-header@virtual_hosts[0].routes[0].request_headers_to_add[0].header.key',
  ]);
});

test('host is matched in any case, and only exactly', () => {
  const r = routes();
  r['request_headers_to_add'] = [add('Host'), add('HOST'), add('x-host'), add('hosts'), add('x-forwarded-host')];
  assert.deepEqual(check(TYPE.route, r), ['unmodifiable-header@request_headers_to_add[0].header.key', 'unmodifiable-header@request_headers_to_add[1].header.key']);
});

test('weighted clusters are checked too', () => {
  const r = routes();
  r['virtual_hosts'][0]['routes'][0]['route'] = {
    weighted_clusters: { clusters: [{ name: 'backend', weight: 1, request_headers_to_add: [add(':authority')] }] },
  };
  assert.deepEqual(check(TYPE.route, r), ['unmodifiable-header@virtual_hosts[0].routes[0].route.weighted_clusters.clusters[0].request_headers_to_add[0].header.key']);
});

test('removing them is refused as well', () => {
  const r = routes();
  r['request_headers_to_remove'] = ['x-debug', 'Host'];
  r['virtual_hosts'][0]['response_headers_to_remove'] = [':status'];
  assert.deepEqual(check(TYPE.route, r), ['unmodifiable-header@request_headers_to_remove[1]', 'unmodifiable-header@virtual_hosts[0].response_headers_to_remove[0]']);
});

test('ordinary headers are fine', () => {
  const r = routes();
  r['request_headers_to_add'] = [add('x-request-source'), add('authority')];
  r['response_headers_to_remove'] = ['server'];
  assert.deepEqual(check(TYPE.route, r), []);
});

test('append with a non-default append_action is refused', () => {
  const r = routes();
  r['request_headers_to_add'] = [
    { header: { key: 'x-a', value: '1' }, append: true, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
    { header: { key: 'x-b', value: '1' }, append: false, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    { header: { key: 'x-c', value: '1' }, append_action: 'ADD_IF_ABSENT' },
  ];
  // `append` is deprecated, hence the warnings next to the one error.
  assert.deepEqual(check(TYPE.route, r), [
    'envoy-deprecated@request_headers_to_add[0].append',
    'envoy-deprecated@request_headers_to_add[1].append',
    'header-append-conflict@request_headers_to_add[0].append_action',
  ]);
});
