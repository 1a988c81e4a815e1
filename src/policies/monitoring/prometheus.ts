/**
 * _mesh/prometheus.yml: one scrape job per service over its workloads' metrics ports. When the
 * metrics port takes mTLS, Prometheus presents its own mesh certificate (meshc certs issues
 * `_prometheus`) and verifies each sidecar as <service>.<trustDomain>.
 */
import { serverName } from '../../ir/identity.js';
import type { MeshIR, ServiceIR, VersionIR } from '../../ir/types.js';
import { duration } from '../../envoy/values.js';
import { METRICS_PATH } from '../metrics.js';
import { LABELS } from './promql.js';

export const RULES_FILE = 'rules.yml';

export function prometheusConfig(mesh: MeshIR): unknown {
  const interval = duration(mesh.observability.prometheus.scrapeIntervalMs);
  return {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: [RULES_FILE],
    // Proxyless gRPC applications have no sidecar metrics port to scrape.
    scrape_configs: mesh.services.filter((s) => s.proxy === 'envoy').map((service) => scrapeJob(mesh, service)),
  };
}

function scrapeJob(mesh: MeshIR, service: ServiceIR): unknown {
  const tls = mesh.observability.metricsTls === 'mesh' && service.mtls !== 'off';
  const certDir = `${mesh.observability.prometheus.certDir}/current`;
  return {
    job_name: service.name,
    metrics_path: METRICS_PATH,
    scheme: tls ? 'https' : 'http',
    ...(tls
      ? {
          tls_config: {
            ca_file: `${certDir}/ca.pem`,
            cert_file: `${certDir}/cert.pem`,
            key_file: `${certDir}/key.pem`,
            server_name: serverName(mesh.trustDomain, service.name),
          },
        }
      : {}),
    // The sidecar's own labels (service, peer, version, direction) win over the target's.
    honor_labels: true,
    static_configs: service.versions.map((version) => ({
      targets: targets(version, mesh.sidecar.metricsPort),
      labels: { [LABELS.mesh]: mesh.name, workload_version: version.name },
    })),
  };
}

function targets(version: VersionIR, metricsPort: number): string[] {
  const hosts = version.discovery.kind === 'dns' ? [version.discovery.host] : [...new Set(version.discovery.endpoints.map((e) => e.address))];
  return hosts.map((host) => `${host.includes(':') ? `[${host}]` : host}:${metricsPort}`);
}
