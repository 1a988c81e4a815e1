/**
 * The review view of golden bootstraps (test/helpers/bootstrap-split.ts) on shapes the golden
 * cases do not all have: secrets, a route table shared by filter chains, a default filter chain,
 * other static_resources keys, no static_resources at all; and the splits it refuses because
 * they could not be undone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from '../src/emit/serialize.js';
import { reassembleBootstrap, reassembleBootstrapText, splitBootstrap, splitBootstrapText } from './helpers/bootstrap-split.js';

const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

const routeTable = (name: string, cluster = 'c') => ({ name, virtual_hosts: [{ name: 'vh', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster } }] }] });
const hcmFilter = (route: unknown) => ({ name: 'envoy.filters.network.http_connection_manager', typed_config: { '@type': HCM, stat_prefix: 's', route_config: route } });

const BOOTSTRAP = {
  node: { id: 'web', cluster: 'web' },
  admin: { address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } },
  static_resources: {
    listeners: [
      {
        name: 'inbound',
        filter_chains: [
          { name: 'mtls', filters: [hcmFilter(routeTable('in'))] },
          { name: 'plain', filters: [hcmFilter(routeTable('in'))] },
        ],
      },
      { name: 'tcp', filter_chains: [{ filters: [{ name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': 'tcp', cluster: 'c' } }] }] },
      { name: 'fallback', filter_chains: [], default_filter_chain: { filters: [hcmFilter(routeTable('out', 'd'))] } },
    ],
    clusters: [
      { name: 'c', type: 'STATIC' },
      { name: 'd', type: 'STRICT_DNS' },
    ],
    secrets: [{ name: 'identity', tls_certificate: { certificate_chain: { filename: '/c.pem' } } }],
  },
  layered_runtime: { layers: [] },
};

test('a bootstrap splits by resource type, route tables once per name in the order the listeners name them', () => {
  const split = splitBootstrap(BOOTSTRAP);
  assert.deepEqual(split.rest, { node: BOOTSTRAP.node, admin: BOOTSTRAP.admin, layered_runtime: { layers: [] } });
  assert.deepEqual(split.clusters, BOOTSTRAP.static_resources.clusters);
  assert.deepEqual(split.secrets, BOOTSTRAP.static_resources.secrets);
  assert.deepEqual(split.routes, [routeTable('in'), routeTable('out', 'd')]);
  const names = (split.listeners ?? []).map((l) => JSON.stringify(l).match(/"route_config":"[^"]*"/g));
  assert.deepEqual(names, [['"route_config":"in"', '"route_config":"in"'], null, ['"route_config":"out"']]);
  assert.deepEqual(reassembleBootstrap(split), BOOTSTRAP);
});

test('as files: the YAML and JSON views reassemble to the same bytes; the input is not changed', () => {
  const before = JSON.stringify(BOOTSTRAP);
  for (const format of ['yaml', 'json'] as const) {
    const text = serialize(BOOTSTRAP, format);
    const files = splitBootstrapText(text, format);
    assert.deepEqual(
      [...files.keys()],
      ['bootstrap', 'listeners', 'routes', 'clusters', 'secrets'].map((p) => `${p}.${format}`),
    );
    assert.equal(serialize(reassembleBootstrapText(files, format), format), text);
  }
  assert.match(
    splitBootstrapText(serialize(BOOTSTRAP, 'yaml'), 'yaml').get('listeners.yaml') ?? '',
    /^# Golden review view .*\n# static_resources\.listeners;.*\n- name: inbound\n/,
  );
  assert.equal(JSON.stringify(BOOTSTRAP), before);
});

test('static_resources keeps what is not split out; without listeners there is no routes file', () => {
  const other = { node: { id: 'x' }, static_resources: { clusters: [], extra: true } };
  const files = splitBootstrapText(serialize(other, 'yaml'), 'yaml');
  assert.deepEqual([...files.keys()], ['bootstrap.yaml', 'clusters.yaml']);
  assert.match(files.get('bootstrap.yaml') ?? '', /static_resources:\n {2}extra: true\n/);
  assert.deepEqual(reassembleBootstrapText(files, 'yaml'), other);
  for (const bootstrap of [{ node: { id: 'x' } }, { node: { id: 'x' }, static_resources: {} }]) {
    const view = splitBootstrapText(serialize(bootstrap, 'yaml'), 'yaml');
    assert.deepEqual([...view.keys()], ['bootstrap.yaml']);
    assert.deepEqual(reassembleBootstrapText(view, 'yaml'), bootstrap);
  }
});

test('splits that could not be undone are refused, and so are views that do not hold together', () => {
  const withListeners = (...listeners: unknown[]) => ({ static_resources: { listeners, clusters: [] } });
  const chains = (...routes: unknown[]) => ({ name: 'l', filter_chains: routes.map((r) => ({ filters: [hcmFilter(r)] })) });
  assert.throws(() => splitBootstrap(withListeners(chains(routeTable('in', 'a'), routeTable('in', 'b')))), /two route configurations named in differ/);
  assert.throws(() => splitBootstrap(withListeners(chains({ virtual_hosts: [] }))), /without a name/);
  assert.throws(() => splitBootstrap(withListeners(chains('in'))), /is a string \(in\)/);
  const view = splitBootstrapText(serialize(withListeners(chains(routeTable('in'))), 'yaml'), 'yaml');
  assert.throws(() => reassembleBootstrapText(new Map([...view].filter(([f]) => f !== 'routes.yaml')), 'yaml'), /route configuration in, which routes does not hold/);
  assert.throws(() => reassembleBootstrapText(new Map([...view].filter(([f]) => f !== 'bootstrap.yaml')), 'yaml'), /needs bootstrap\.yaml/);
});
