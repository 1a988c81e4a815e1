/** Helpers shared by the checker's tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildEnvoyRoot } from '../../src/check/api/build.js';
import { envoyProtoTree } from '../../src/check/api/proto-files.js';
import { Schema } from '../../src/check/api/schema.js';
import { checkResources, checkWithSchema, type CheckOptions, type Resource } from '../../src/check/check.js';
import type { CheckProblem } from '../../src/check/problems.js';

export { CLI, REPO_ROOT } from '../helpers/paths.js';
import { REPO_ROOT } from '../helpers/paths.js';

/** A path under test/check/ in the source tree (fixtures are not compiled into dist/). */
export function checkTestPath(...parts: string[]): string {
  return join(REPO_ROOT, 'test', 'check', ...parts);
}

/** Problems as sorted `name@path` strings: what tests compare (never message text, unless they must). */
export function found(problems: readonly CheckProblem[]): string[] {
  return problems.map((p) => `${p.name}@${p.path}`).sort();
}

export function check(typeName: string, value: unknown, options: CheckOptions = {}): string[] {
  return found(checkResources([{ typeName, value }], options));
}

export function checkAll(resources: readonly Resource[], options: CheckOptions = {}): string[] {
  return found(checkResources(resources, options));
}

export function errorsOf(problems: readonly CheckProblem[]): CheckProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** YAML text (written at its natural indentation) as data. */
export function yaml(text: string): unknown {
  return parse(dedent(text));
}

export { dedent } from '../helpers/text.js';
import { dedent } from '../helpers/text.js';

export const TYPE = {
  bootstrap: 'envoy.config.bootstrap.v3.Bootstrap',
  listener: 'envoy.config.listener.v3.Listener',
  cluster: 'envoy.config.cluster.v3.Cluster',
  route: 'envoy.config.route.v3.RouteConfiguration',
  endpoint: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  secret: 'envoy.extensions.transport_sockets.tls.v3.Secret',
  discovery: 'envoy.service.discovery.v3.DiscoveryResponse',
  hcm: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
} as const;

export const URL = {
  hcm: `type.googleapis.com/${TYPE.hcm}`,
  router: 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
  tcpProxy: 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  listener: `type.googleapis.com/${TYPE.listener}`,
  cluster: `type.googleapis.com/${TYPE.cluster}`,
  route: `type.googleapis.com/${TYPE.route}`,
  endpoint: `type.googleapis.com/${TYPE.endpoint}`,
  secret: `type.googleapis.com/${TYPE.secret}`,
} as const;

/** A small valid static bootstrap: one HTTP listener routing to one static cluster. */
export const BOOTSTRAP_YAML = `
static_resources:
  listeners:
  - name: ingress
    address: { socket_address: { address: 0.0.0.0, port_value: 8080 } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": ${URL.hcm}
          stat_prefix: ingress
          route_config:
            name: local
            virtual_hosts:
            - name: all
              domains: ["*"]
              routes:
              - match: { prefix: / }
                route: { cluster: backend }
          http_filters:
          - name: envoy.filters.http.router
            typed_config: { "@type": ${URL.router} }
  clusters:
  - name: backend
    connect_timeout: 1s
    type: STATIC
    load_assignment:
      cluster_name: backend
      endpoints:
      - lb_endpoints:
        - endpoint: { address: { socket_address: { address: 10.0.0.1, port_value: 80 } } }
`;

/** A fresh copy of the bootstrap above, to change in one place per test. */
/**
 * A config as tests handle it: they reach deep into it to change one field, and typing every
 * level would bury the intent, hence `any`.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Config = Record<string, any>;

export function bootstrap(): Config {
  return yaml(BOOTSTRAP_YAML) as Config;
}

export function cluster(): Config {
  return bootstrap()['static_resources']['clusters'][0];
}

export function listener(): Config {
  return bootstrap()['static_resources']['listeners'][0];
}

/**
 * A schema from proto source, for rules Envoy's protos do not use: the text may import
 * validate/validate.proto and the well-known types.
 */
export function testSchema(protoText: string): Schema {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-check-schema-'));
  writeFileSync(join(dir, 'test.proto'), protoText);
  const tree = envoyProtoTree();
  return new Schema(buildEnvoyRoot({ includeDirs: [dir, ...tree.includeDirs], files: ['test.proto'], skipped: [] }));
}

export function checkIn(schema: Schema, typeName: string, value: unknown, options: CheckOptions = {}): string[] {
  return found(checkWithSchema(schema, [{ typeName, value }], options));
}
