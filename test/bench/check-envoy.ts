/**
 * Benchmark of the Envoy config checker: cold start in a fresh process, and throughput on a
 * large generated configuration (thousands of mTLS clusters, routes and endpoints). Prints
 * numbers, asserts nothing.
 *
 *   npx tsc -p . && node dist/src/check/build-descriptor.js && node dist/test/bench/check-envoy.js [services]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { checkEnvoyFiles, checkResources, envoySchema, type Resource } from '../../src/check/index.js';

const SERVICES = Number(process.argv[2] ?? 2000);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const CHECK_MODULE = join(ROOT, 'dist', 'src', 'check', 'index.js');
const T = 'type.googleapis.com/';

function cluster(name: string, i: number): Record<string, unknown> {
  return {
    '@type': `${T}envoy.config.cluster.v3.Cluster`,
    name,
    type: 'STATIC',
    connect_timeout: '0.250s',
    lb_policy: 'LEAST_REQUEST',
    circuit_breakers: { thresholds: [{ max_connections: 1000, max_pending_requests: 100, max_requests: 1000, max_retries: 3 }] },
    outlier_detection: { consecutive_5xx: 5, interval: '10s', base_ejection_time: '30s', max_ejection_percent: 50 },
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': `${T}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
        explicit_http_config: { http2_protocol_options: { max_concurrent_streams: 100 } },
      },
    },
    transport_socket: {
      name: 'envoy.transport_sockets.tls',
      typed_config: {
        '@type': `${T}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
        sni: `${name}.mesh.local`,
        common_tls_context: {
          tls_params: { tls_minimum_protocol_version: 'TLSv1_2' },
          tls_certificate_sds_secret_configs: [{ name: 'default', sds_config: { path_config_source: { path: '/etc/envoy/sds.yaml' } } }],
          combined_validation_context: {
            default_validation_context: { match_typed_subject_alt_names: [{ san_type: 'URI', matcher: { exact: `spiffe://mesh.local/svc/${name}` } }] },
            validation_context_sds_secret_config: { name: 'ROOTCA', sds_config: { path_config_source: { path: '/etc/envoy/sds.yaml' } } },
          },
        },
      },
    },
    load_assignment: {
      cluster_name: name,
      endpoints: [
        {
          lb_endpoints: [0, 1, 2].map((e) => ({
            endpoint: { address: { socket_address: { address: `10.${(i >> 8) & 255}.${i & 255}.${e + 1}`, port_value: 15006 } } },
          })),
        },
      ],
    },
  };
}

function virtualHost(service: string): Record<string, unknown> {
  return {
    name: service,
    domains: [service, `${service}:8080`],
    routes: [
      {
        name: 'canary-by-header',
        match: { prefix: '/', headers: [{ name: 'x-canary', string_match: { exact: '1' } }] },
        route: { cluster: `outbound|${service}|v2`, timeout: '1s' },
      },
      {
        name: 'default',
        match: { safe_regex: { regex: '^/api/v[0-9]+/.*' } },
        route: {
          weighted_clusters: {
            clusters: [
              { name: `outbound|${service}|v1`, weight: 90 },
              { name: `outbound|${service}|v2`, weight: 10 },
            ],
          },
          timeout: '1s',
          retry_policy: { retry_on: 'connect-failure,refused-stream,unavailable', num_retries: 2, per_try_timeout: '0.250s' },
        },
      },
    ],
  };
}

function generate(services: number): { clusters: Record<string, unknown>[]; routes: Record<string, unknown> } {
  const clusters: Record<string, unknown>[] = [];
  const vhosts: Record<string, unknown>[] = [];
  for (let i = 0; i < services; i++) {
    const service = `svc-${i}`;
    clusters.push(cluster(`outbound|${service}|v1`, 2 * i), cluster(`outbound|${service}|v2`, 2 * i + 1));
    vhosts.push(virtualHost(service));
  }
  return { clusters, routes: { '@type': `${T}envoy.config.route.v3.RouteConfiguration`, name: 'outbound', virtual_hosts: vhosts } };
}

function ms(start: number): number {
  return performance.now() - start;
}

/** Runs a check three times: the first run pays for plans, code generation and JIT warm-up. */
function measure(label: string, resources: readonly Resource[], count: number, bytes: number, strict: boolean): void {
  const times: number[] = [];
  let errors = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    errors = checkResources(resources, { strict }).filter((p) => p.severity === 'error').length;
    times.push(ms(start) / 1000);
  }
  report(label, count, bytes, times[0] as number, Math.min(...times), `${errors} errors`);
}

function report(label: string, count: number, bytes: number, first: number, best: number, note: string): void {
  process.stdout.write(
    `${label.padEnd(40)} ${String(count).padStart(6)} resources ${(bytes / 1e6).toFixed(1).padStart(5)} MB | ` +
      `first ${first.toFixed(2)} s | best ${best.toFixed(2)} s ${Math.round(count / best)
        .toString()
        .padStart(7)} resources/s ` +
      `${(bytes / 1e6 / best).toFixed(1).padStart(5)} MB/s | ${note}\n`,
  );
}

function coldStart(): void {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-bench-'));
  const small = join(dir, 'envoy.yaml');
  const { clusters, routes } = generate(1);
  writeFileSync(small, stringify({ static_resources: { clusters: clusters.map(({ '@type': _, ...c }) => c) } }));
  const script = `
    const t0 = performance.now();
    const m = await import(${JSON.stringify(CHECK_MODULE)});
    const t1 = performance.now();
    m.envoySchema();
    const t2 = performance.now();
    m.checkResources([{ typeName: 'envoy.config.route.v3.RouteConfiguration', value: ${JSON.stringify(routes)} }]);
    const t3 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, firstCheckMs: t3 - t2 }));
  `;
  const runs = 5;
  let cli = Infinity;
  let inner = { importMs: Infinity, loadMs: Infinity, firstCheckMs: Infinity };
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'check-envoy', small], { encoding: 'utf8' });
    cli = Math.min(cli, ms(t));
    if (r.status !== 0) process.stdout.write(r.stdout);
    const parts = JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout) as typeof inner;
    if (parts.importMs + parts.loadMs + parts.firstCheckMs < inner.importMs + inner.loadMs + inner.firstCheckMs) inner = parts;
  }
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  const bareNode = ms(t);
  process.stdout.write(
    `cold start (best of ${runs}): \`meshc check-envoy small.yaml\` ${cli.toFixed(0)} ms wall ` +
      `(bare node ${bareNode.toFixed(0)} ms); in process: import ${inner.importMs.toFixed(0)} ms, ` +
      `descriptor ${inner.loadMs.toFixed(0)} ms, first check ${inner.firstCheckMs.toFixed(0)} ms\n`,
  );
}

function main(): void {
  coldStart();
  const t = performance.now();
  envoySchema();
  process.stdout.write(`descriptor load in this process: ${ms(t).toFixed(0)} ms\n`);

  const { clusters, routes } = generate(SERVICES);
  const cds = { type_url: `${T}envoy.config.cluster.v3.Cluster`, resources: clusters };
  const rds = { type_url: `${T}envoy.config.route.v3.RouteConfiguration`, resources: [routes] };
  const cdsBytes = JSON.stringify(cds).length;
  const rdsBytes = JSON.stringify(rds).length;
  const asResources: Resource[] = clusters.map(({ '@type': _, ...value }) => ({ typeName: 'envoy.config.cluster.v3.Cluster', value }));
  process.stdout.write(`\n${SERVICES} services: ${clusters.length} clusters, ${SERVICES} virtual hosts, ${2 * SERVICES} routes\n`);
  const discovery = 'envoy.service.discovery.v3.DiscoveryResponse';
  measure('CDS response, lenient', [{ typeName: discovery, value: cds }], clusters.length, cdsBytes, false);
  measure('CDS response, strict', [{ typeName: discovery, value: cds }], clusters.length, cdsBytes, true);
  measure('clusters as separate resources, strict', asResources, clusters.length, cdsBytes, true);
  measure('RDS response (1 route config), strict', [{ typeName: discovery, value: rds }], 2 * SERVICES, rdsBytes, true);

  for (const [format, text] of [
    ['json', JSON.stringify(cds)],
    ['yaml', stringify(cds, { lineWidth: 0 })],
  ] as const) {
    const times: number[] = [];
    let diagnostics = 0;
    for (let run = 0; run < 2; run++) {
      const start = performance.now();
      diagnostics = checkEnvoyFiles([{ name: `cds.${format}`, text }], { strict: true }).diagnostics.length;
      times.push(ms(start) / 1000);
    }
    report(`CDS file (${format}: parse + check), strict`, clusters.length, text.length, times[0] as number, Math.min(...times), `${diagnostics} diagnostics`);
  }
}

// `node --test dist/test` runs every file under a test/ folder; a benchmark is not a test.
if (process.env['NODE_TEST_CONTEXT'] === undefined) main();
