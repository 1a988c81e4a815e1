/**
 * Every cluster a config names must exist. Checked only when all clusters are known: the
 * resources include a bootstrap without CDS (static clusters only) or CDS resources themselves.
 * A route table that opts out with `validate_clusters: false` is left alone (its clusters may
 * arrive later, e.g. on demand).
 */
import { closest } from '../../diagnostics/suggest.js';
import type { Instance } from '../json/index.js';
import { record, text, TYPES, wrapped, type Invariant, type InvariantContext } from './context.js';

/** Message type → the field that names a cluster (a string, or a list of strings). */
export const CLUSTER_REFERENCES: readonly (readonly [type: string, field: string])[] = [
  ['envoy.config.route.v3.RouteAction', 'cluster'],
  ['envoy.config.route.v3.WeightedCluster.ClusterWeight', 'name'],
  ['envoy.config.route.v3.RouteAction.RequestMirrorPolicy', 'cluster'],
  ['envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', 'cluster'],
  ['envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.WeightedCluster.ClusterWeight', 'name'],
  ['envoy.config.core.v3.GrpcService.EnvoyGrpc', 'cluster_name'],
  ['envoy.config.core.v3.HttpUri', 'cluster'],
  ['envoy.config.core.v3.ApiConfigSource', 'cluster_names'],
  ['envoy.config.trace.v3.ZipkinConfig', 'collector_cluster'],
  ['envoy.config.trace.v3.DatadogConfig', 'collector_cluster'],
  ['envoy.config.trace.v3.LightstepConfig', 'collector_cluster'],
  ['envoy.extensions.clusters.aggregate.v3.ClusterConfig', 'clusters'],
];

export const unknownCluster: Invariant = {
  names: ['unknown-cluster'],
  check(ctx) {
    const known = knownClusters(ctx);
    if (!known) return;
    for (const [type, field] of CLUSTER_REFERENCES) {
      for (const instance of ctx.of(type)) {
        if (optedOut(ctx, instance)) continue;
        const value = instance.value[field];
        const names = Array.isArray(value) ? value.map((v, i) => [text(v), i] as const) : [[text(value), undefined] as const];
        for (const [name, i] of names) {
          if (!name || known.has(name)) continue;
          const guess = closest(name, known);
          ctx.report(
            'unknown-cluster',
            instance,
            i === undefined ? [field] : [field, i],
            `cluster ${JSON.stringify(name)} does not exist` + (guess ? ` (did you mean "${guess}"?)` : ''),
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

function optedOut(ctx: InvariantContext, instance: Instance): boolean {
  const routes = ctx.index.ancestor(instance.path, TYPES.routeConfiguration);
  return routes !== undefined && wrapped(routes.value['validate_clusters']) === false;
}

