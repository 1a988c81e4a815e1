/** Lowering of mesh.observability to the IR, with meshc's defaults. */
import { BUILTIN } from '../dsl/builtin.js';
import { optionalDuration } from '../dsl/duration.js';
import { splitHostPort } from '../dsl/endpoint.js';
import type { ObservabilitySpec } from '../dsl/schema.js';
import type { CertificatesIR, ObservabilityIR } from './types.js';

export function resolveObservability(spec: ObservabilitySpec | undefined, certificates: CertificatesIR): ObservabilityIR {
  const d = BUILTIN.observability;
  const log = spec?.accessLog;
  const accessLog = typeof log === 'object' ? { mode: log.mode ?? d.accessLogMode, ...(log.path !== undefined ? { path: log.path } : {}) } : { mode: log ?? d.accessLogMode };
  const tracing = spec?.tracing;
  const collector = tracing ? splitHostPort(tracing.collector) : undefined;
  if (collector && (!collector.ok || collector.value.port === undefined)) {
    throw new Error(`resolveObservability: invalid collector "${tracing?.collector}" reached the IR`);
  }
  const certRoot = certificates.source === 'files' ? certificates.dir : BUILTIN.certificates.dir;
  return {
    accessLog,
    ...(tracing && collector?.ok
      ? {
          tracing: {
            provider: tracing.provider,
            host: collector.value.address,
            port: collector.value.port ?? 0,
            samplingPercent: tracing.samplingPercent ?? d.tracingSamplingPercent,
            path: tracing.path ?? d.zipkinPath,
            ...(tracing.mtlsIdentity !== undefined ? { mtlsIdentity: tracing.mtlsIdentity } : {}),
          },
        }
      : {}),
    metricsTls: spec?.metrics?.tls ?? d.metricsTls,
    prometheus: {
      scrapeIntervalMs: optionalDuration(spec?.prometheus?.scrapeInterval) ?? d.scrapeIntervalMs,
      certDir: spec?.prometheus?.certDir ?? `${certRoot}/${d.prometheusCertSubdir}`,
    },
    alerts: {
      errorRatio: (spec?.alerts?.errorRatioPercent ?? d.errorRatioPercent) / 100,
      certificateExpiryMs: optionalDuration(spec?.alerts?.certificateExpiry) ?? d.certificateExpiryMs,
    },
  };
}
