/** Which message a config document is: `--type` names and aliases, and the default guess. */

export const MESSAGE_ALIASES: Readonly<Record<string, string>> = {
  bootstrap: 'envoy.config.bootstrap.v3.Bootstrap',
  listener: 'envoy.config.listener.v3.Listener',
  cluster: 'envoy.config.cluster.v3.Cluster',
  route: 'envoy.config.route.v3.RouteConfiguration',
  endpoint: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  secret: 'envoy.extensions.transport_sockets.tls.v3.Secret',
  discovery: 'envoy.service.discovery.v3.DiscoveryResponse',
};

/** The full message name for an alias (`cluster`) or a full name, with or without a leading dot. */
export function resolveMessageName(nameOrAlias: string): string {
  return MESSAGE_ALIASES[nameOrAlias.toLowerCase()] ?? nameOrAlias.replace(/^\./, '');
}

/** Without `--type`: a document with top-level `resources` is a DiscoveryResponse, else a Bootstrap. */
export function guessMessageName(data: unknown): string {
  const isResponse = typeof data === 'object' && data !== null && !Array.isArray(data) && 'resources' in data;
  return isResponse ? (MESSAGE_ALIASES['discovery'] as string) : (MESSAGE_ALIASES['bootstrap'] as string);
}
