/**
 * Every sidecar of examples/shop, which declares tracing, has the metrics endpoint, stats tag
 * extraction, and access logs and tracing on every HTTP connection manager.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { repoPath } from '../helpers/paths.js';

interface Filter {
  readonly name: string;
  readonly typed_config: { readonly '@type': string } & Record<string, unknown>;
}

interface Listener {
  readonly name: string;
  readonly address: { readonly socket_address: { readonly port_value: number } };
  readonly filter_chains: readonly { readonly filters: readonly Filter[] }[];
}

interface Bootstrap {
  readonly admin: { readonly address: { readonly socket_address: { readonly address: string } } };
  readonly static_resources: {
    readonly listeners: readonly Listener[];
    readonly clusters: readonly { readonly name: string; readonly type: string; readonly load_assignment: unknown }[];
  };
  readonly stats_config: {
    readonly stats_tags: readonly { readonly tag_name: string; readonly fixed_value?: string }[];
    readonly stats_matcher: { readonly inclusion_list: { readonly patterns: readonly unknown[] } };
  };
}

/** The fields of a connection manager these tests read. */
interface ConnectionManager {
  readonly route_config: { readonly virtual_hosts: readonly { readonly routes: readonly unknown[] }[] };
  readonly access_log?: readonly { readonly name: string; readonly typed_config: { readonly log_format: { readonly json_format: Record<string, string> } } }[];
  readonly tracing?: {
    readonly provider: { readonly name: string; readonly typed_config: { readonly service_name: string } };
    readonly random_sampling: unknown;
  };
}

const result = compile(repoPath('examples', 'shop'));
const bootstraps = result.files.filter((f) => f.path.endsWith('/bootstrap.yaml')).map((f) => ({ service: f.path.split('/')[0] ?? '', bootstrap: parse(f.content) as Bootstrap }));

/** Every HttpConnectionManager of a bootstrap, with the name of its listener. */
function connectionManagers(bootstrap: Bootstrap): { listener: string; hcm: ConnectionManager }[] {
  return bootstrap.static_resources.listeners.flatMap((l) =>
    l.filter_chains.flatMap((c) =>
      c.filters.filter((f) => f.typed_config['@type'].endsWith('.HttpConnectionManager')).map((f) => ({ listener: l.name, hcm: f.typed_config as unknown as ConnectionManager })),
    ),
  );
}

test('examples/shop compiles, and declares tracing', () => {
  assert.deepEqual(result.diagnostics, []);
  assert.equal(bootstraps.length, 3);
  assert.equal(result.mesh?.observability.tracing?.provider, 'opentelemetry');
});

for (const { service, bootstrap } of bootstraps) {
  test(`${service}: the metrics port serves /stats/prometheus only, from the admin API on loopback`, () => {
    const metrics = bootstrap.static_resources.listeners.find((l) => l.name === 'metrics');
    assert.ok(metrics);
    assert.equal(metrics.address.socket_address.port_value, 15090);
    const routes = connectionManagers(bootstrap).find((h) => h.listener === 'metrics')?.hcm.route_config.virtual_hosts[0]?.routes;
    assert.deepEqual(routes, [{ name: 'prometheus', match: { path: '/stats/prometheus' }, route: { cluster: 'meshc-admin', timeout: '5s' } }]);
    const admin = bootstrap.static_resources.clusters.find((c) => c.name === 'meshc-admin');
    assert.deepEqual(admin?.load_assignment, {
      cluster_name: 'meshc-admin',
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } } }] }],
    });
    assert.equal(bootstrap.admin.address.socket_address.address, '127.0.0.1');
  });

  test(`${service}: stats tags name the service, direction, peer and version`, () => {
    const tags = bootstrap.stats_config.stats_tags;
    assert.deepEqual(tags[0], { tag_name: 'service', fixed_value: service });
    assert.deepEqual([...new Set(tags.map((t) => t.tag_name))], ['service', 'direction', 'peer', 'version', 'route']);
    assert.ok(bootstrap.stats_config.stats_matcher.inclusion_list.patterns.length > 0);
  });

  test(`${service}: every mesh connection manager logs JSON and traces to the collector`, () => {
    const hcms = connectionManagers(bootstrap).filter((h) => h.listener !== 'metrics');
    assert.ok(hcms.length >= 1);
    for (const { listener, hcm } of hcms) {
      const [log] = hcm.access_log ?? [];
      assert.equal(log?.name, 'envoy.access_loggers.stdout', listener);
      const fields = Object.keys(log?.typed_config.log_format.json_format ?? {});
      for (const field of ['method', 'path', 'status', 'duration_ms', 'bytes_received', 'bytes_sent', 'upstream_cluster', 'response_flags', 'request_id', 'trace']) {
        assert.ok(fields.includes(field), `${listener} logs ${field}`);
      }
      assert.equal(hcm.tracing?.provider.name, 'envoy.tracers.opentelemetry', listener);
      assert.equal(hcm.tracing?.provider.typed_config.service_name, service, listener);
      assert.deepEqual(hcm.tracing?.random_sampling, { value: 10 });
    }
    const collector = bootstrap.static_resources.clusters.find((c) => c.name === 'meshc-tracing');
    assert.equal(collector?.type, 'STRICT_DNS');
  });
}
