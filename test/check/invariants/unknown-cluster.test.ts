import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessage } from '../../../src/check/index.js';
import { schemaHas } from './support.js';
import { bootstrap, check, checkAll, cluster, TYPE, URL, type Config } from '../helpers.js';
import { CLUSTER_REFERENCES } from '../../../src/check/invariants/unknown-cluster.js';

const ROUTE = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route';

function withRoute(route: Record<string, unknown>): Config {
  const b = bootstrap();
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config']['route_config']['virtual_hosts'][0]['routes'][0]['route'] = route;
  return b;
}

test('a route to a cluster that does not exist, with a suggestion', () => {
  const problems = checkMessage(TYPE.bootstrap, withRoute({ cluster: 'backnd' }));
  assert.deepEqual(
    problems.map((p) => `${p.name}@${p.path}`),
    [`unknown-cluster@${ROUTE}.cluster`],
  );
  assert.match(problems[0]?.message ?? '', /did you mean "backend"/);
});

test('weighted clusters and mirror policies', () => {
  const route = {
    weighted_clusters: {
      clusters: [
        { name: 'backend', weight: 90 },
        { name: 'canary', weight: 10 },
      ],
    },
    request_mirror_policies: [{ cluster: 'shadow' }],
  };
  assert.deepEqual(check(TYPE.bootstrap, withRoute(route)), [
    `unknown-cluster@${ROUTE}.request_mirror_policies[0].cluster`,
    `unknown-cluster@${ROUTE}.weighted_clusters.clusters[1].name`,
  ]);
});

// Envoy looks these up only when traffic arrives: tcp_proxy per connection ("Cluster not found",
// source/common/tcp_proxy/tcp_proxy.cc), an aggregate cluster skips missing members
// (source/extensions/clusters/aggregate/cluster.cc). So a missing one is a warning, not an error.
test('tcp_proxy clusters are resolved per connection: a warning', () => {
  const b = bootstrap();
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'] = [{ name: 'tcp', typed_config: { '@type': URL.tcpProxy, stat_prefix: 'tcp', cluster: 'nowhere' } }];
  const problems = checkMessage(TYPE.bootstrap, b);
  assert.deepEqual(
    problems.map((p) => `${p.name}@${p.path}:${p.severity}`),
    ['unknown-lazy-cluster@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.cluster:warning'],
  );
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config'] = {
    '@type': URL.tcpProxy,
    stat_prefix: 'tcp',
    weighted_clusters: {
      clusters: [
        { name: 'backend', weight: 1 },
        { name: 'nowhere', weight: 1 },
      ],
    },
  };
  assert.deepEqual(check(TYPE.bootstrap, b), ['unknown-lazy-cluster@static_resources.listeners[0].filter_chains[0].filters[0].typed_config.weighted_clusters.clusters[1].name']);
});

test('aggregate cluster members are resolved lazily: a warning', () => {
  const b = bootstrap();
  b['static_resources']['clusters'].push({
    name: 'combined',
    connect_timeout: '1s',
    lb_policy: 'CLUSTER_PROVIDED',
    cluster_type: {
      name: 'envoy.clusters.aggregate',
      typed_config: { '@type': 'type.googleapis.com/envoy.extensions.clusters.aggregate.v3.ClusterConfig', clusters: ['backend', 'fallback'] },
    },
  });
  const problems = checkMessage(TYPE.bootstrap, b);
  assert.deepEqual(
    problems.map((p) => `${p.name}@${p.path}:${p.severity}`),
    ['unknown-lazy-cluster@static_resources.clusters[1].cluster_type.typed_config.clusters[1]:warning'],
  );
});

// RouteConfiguration.validate_clusters (envoy/config/route/v3/route.proto) defaults to true for an
// HCM's inline route_config and to false for a table loaded by RDS.
test('an RDS route table does not validate its clusters unless told to', () => {
  const b = bootstrap();
  const rds: Config = {
    name: 'rds',
    virtual_hosts: [{ name: 'all', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'nowhere' } }] }],
  };
  const both = (): string[] =>
    checkAll([
      { typeName: TYPE.bootstrap, value: b },
      { typeName: TYPE.route, value: rds },
    ]);
  assert.deepEqual(both(), ['unknown-lazy-cluster@virtual_hosts[0].routes[0].route.cluster']);
  rds['validate_clusters'] = true;
  assert.deepEqual(both(), ['unknown-cluster@virtual_hosts[0].routes[0].route.cluster']);
  rds['validate_clusters'] = false;
  assert.deepEqual(both(), []);
});

test('an inline route table is validated unless validate_clusters is false', () => {
  const b = withRoute({ cluster: 'nowhere' });
  const routeConfig = b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config']['route_config'];
  assert.deepEqual(check(TYPE.bootstrap, b), [`unknown-cluster@${ROUTE}.cluster`]);
  routeConfig['validate_clusters'] = true;
  assert.deepEqual(check(TYPE.bootstrap, b), [`unknown-cluster@${ROUTE}.cluster`]);
});

test('not checked when clusters may come from CDS', () => {
  const b = withRoute({ cluster: 'from-cds' });
  b['dynamic_resources'] = { cds_config: { path_config_source: { path: '/etc/envoy/cds.yaml' } } };
  assert.deepEqual(check(TYPE.bootstrap, b), []);
});

test('checked against CDS resources given together', () => {
  const b = withRoute({ cluster: 'from-cds' });
  b['dynamic_resources'] = { cds_config: { path_config_source: { path: '/etc/envoy/cds.yaml' } } };
  const cds = cluster();
  cds['name'] = 'from-cds';
  cds['load_assignment']['cluster_name'] = 'from-cds';
  const renamed: Config = { '@type': URL.cluster, ...cds };
  const resources: Config[] = [renamed];
  const response = { resources };
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.bootstrap, value: b },
      { typeName: TYPE.discovery, value: response },
    ]),
    [],
  );
  renamed['name'] = 'renamed';
  renamed['load_assignment']['cluster_name'] = 'renamed';
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.bootstrap, value: b },
      { typeName: TYPE.discovery, value: response },
    ]),
    [`unknown-cluster@${ROUTE}.cluster`],
  );
});

test('a route table with validate_clusters: false is left alone', () => {
  const b = withRoute({ cluster: 'later' });
  b['static_resources']['listeners'][0]['filter_chains'][0]['filters'][0]['typed_config']['route_config']['validate_clusters'] = false;
  assert.deepEqual(check(TYPE.bootstrap, b), []);
});

test('every reference in the table names a real field', () => {
  for (const [type, field] of CLUSTER_REFERENCES) assert.ok(schemaHas(type, field), `${type}.${field}`);
});
