/**
 * Clusters: one per version of every called service (the caller's outbound side), and one for
 * the local application (the service's own inbound side). Policies add their fields in order.
 */
import { names } from '../envoy/names.js';
import { duration } from '../envoy/values.js';
import type { Cluster } from '../envoy/types.js';
import { applyFields, clusterPolicy, type ClusterContext, type InboundContext } from '../policies/index.js';
import { lbEndpoint, socketAddress } from '../envoy/endpoints.js';
import { buildLoadAssignment } from './endpoint.js';

const LOCAL_APP_ADDRESS = '127.0.0.1';

export function buildOutboundCluster(ctx: ClusterContext): Cluster {
  const name = names.outboundCluster(ctx.callee.name, ctx.version.name);
  const dns = ctx.version.discovery.kind === 'dns';
  const base: Cluster = {
    name,
    type: dns ? 'STRICT_DNS' : 'STATIC',
    connect_timeout: duration(clusterPolicy(ctx).connectTimeoutMs),
    ...(dns ? { dns_lookup_family: 'V4_PREFERRED' as const } : {}),
    load_assignment: buildLoadAssignment(name, ctx.version),
  };
  return applyFields(ctx.policies, base, (p) => p.outboundCluster, ctx);
}

export function buildInboundCluster(ctx: InboundContext): Cluster {
  const name = names.inboundCluster(ctx.service.name);
  const base: Cluster = {
    name,
    type: 'STATIC',
    connect_timeout: duration(ctx.service.cluster.connectTimeoutMs),
    load_assignment: {
      cluster_name: name,
      endpoints: [{ lb_endpoints: [lbEndpoint(socketAddress(LOCAL_APP_ADDRESS, ctx.service.port))] }],
    },
  };
  return applyFields(ctx.policies, base, (p) => p.inboundCluster, ctx);
}
