/**
 * Every cluster a config names must exist. Checked only when all clusters are known: the
 * resources include a bootstrap without CDS (static clusters only) or CDS resources themselves.
 * Only some references are checked when Envoy loads the config; the rest are looked up when
 * traffic arrives (a connection, a request), so a missing cluster there fails that traffic, not
 * the load, and is a warning. A route table that opts out with `validate_clusters: false` is
 * left alone (its clusters may arrive later, e.g. on demand).
 */
import { closest } from '../../diagnostics/suggest.js';
import type { Instance } from '../json/index.js';
import { record, text, TYPES, wrapped, type Invariant, type InvariantContext } from './context.js';

/** `load`: Envoy refuses the config; `lazy`: Envoy looks the cluster up at request/connection time. */
export type ReferenceCheck = 'load' | 'lazy';

/** Message type → the field that names a cluster (a string, or a list of strings), and when Envoy resolves it. */
export const CLUSTER_REFERENCES: readonly (readonly [type: string, field: string, when: ReferenceCheck])[] = [
  // Route tables: checked at load when validate_clusters is on (see routeCheck).
  ['envoy.config.route.v3.RouteAction', 'cluster', 'load'],
  ['envoy.config.route.v3.WeightedCluster.ClusterWeight', 'name', 'load'],
  ['envoy.config.route.v3.RouteAction.RequestMirrorPolicy', 'cluster', 'load'],
  // tcp_proxy looks its cluster up for each new connection (source/common/tcp_proxy/tcp_proxy.cc).
  ['envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', 'cluster', 'lazy'],
  ['envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.WeightedCluster.ClusterWeight', 'name', 'lazy'],
  ['envoy.config.core.v3.GrpcService.EnvoyGrpc', 'cluster_name', 'load'],
  ['envoy.config.core.v3.HttpUri', 'cluster', 'load'],
  ['envoy.config.core.v3.ApiConfigSource', 'cluster_names', 'load'],
  ['envoy.config.trace.v3.ZipkinConfig', 'collector_cluster', 'load'],
  ['envoy.config.trace.v3.DatadogConfig', 'collector_cluster', 'load'],
  ['envoy.config.trace.v3.LightstepConfig', 'collector_cluster', 'load'],
  // An aggregate cluster skips members that do not exist (yet) (source/extensions/clusters/aggregate/cluster.cc).
  ['envoy.extensions.clusters.aggregate.v3.ClusterConfig', 'clusters', 'lazy'],
];

export const unknownCluster: Invariant = {
  names: ['unknown-cluster', 'unknown-lazy-cluster'],
  check(ctx) {
    const known = knownClusters(ctx);
    if (!known) return;
    for (const [type, field, when] of CLUSTER_REFERENCES) {
      for (const instance of ctx.of(type)) {
        const check = when === 'load' ? routeCheck(ctx, instance) : when;
        if (check === undefined) continue;
        const value = instance.value[field];
        const names = Array.isArray(value) ? value.map((v, i) => [text(v), i] as const) : [[text(value), undefined] as const];
        for (const [name, i] of names) {
          if (!name || known.has(name)) continue;
          const guess = closest(name, known);
          ctx.report(
            check === 'load' ? 'unknown-cluster' : 'unknown-lazy-cluster',
            instance,
            i === undefined ? [field] : [field, i],
            `cluster ${JSON.stringify(name)} does not exist` +
              (guess ? ` (did you mean "${guess}"?)` : '') +
              (check === 'lazy' ? ': Envoy loads the config, but traffic for it fails until such a cluster is added' : ''),
          );
        }
      }
    }
  },
};

/** The names of all clusters, or undefined when some may come from a CDS source not checked here. */
function knownClusters(ctx: InvariantContext): Set<string> | undefined {
  const clusters = ctx.of(TYPES.cluster);
  const staticOnly = ctx.of(TYPES.bootstrap).some((b) => {
    const dynamic = record(b.value['dynamic_resources']);
    return dynamic?.['cds_config'] === undefined && dynamic?.['cds_resources_locator'] === undefined;
  });
  const cdsResources = clusters.some((c) => !ctx.within(c, TYPES.bootstrap));
  if (!staticOnly && !cdsResources) return undefined;
  return new Set(clusters.map((c) => text(c.value['name'])).filter((n): n is string => n !== undefined));
}

/**
 * How a reference inside a route table is checked: `validate_clusters` decides, and defaults to
 * on for a table inline in an HCM (`route_config`) and off for one loaded by RDS (docs of
 * RouteConfiguration.validate_clusters in envoy/config/route/v3/route.proto). Explicitly off:
 * not checked at all; off by default: a warning. Outside route tables: checked at load.
 */
function routeCheck(ctx: InvariantContext, instance: Instance): ReferenceCheck | undefined {
  const routes = ctx.index.ancestor(instance.path, TYPES.routeConfiguration);
  if (routes === undefined) return 'load';
  const validate = wrapped(routes.value['validate_clusters']);
  if (validate === false) return undefined;
  if (validate === true) return 'load';
  return ctx.index.ancestor(routes.path, TYPES.hcm) !== undefined ? 'load' : 'lazy';
}
