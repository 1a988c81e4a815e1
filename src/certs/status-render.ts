/**
 * `certs status` output: a table for people, a stable JSON document for pipelines, and the
 * Prometheus text format for the node exporter's textfile collector (what the
 * MeshcCertificateExpiringSoon alert of _mesh/rules.yml reads).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CertCheck, CertState } from './check.js';
import { formatInstant, formatSpan } from './duration.js';
import { statusOk, type StatusReport } from './status.js';
import { CERTIFICATE_EXPIRY } from '../policies/monitoring/promql.js';

export interface StatusJson {
  readonly ok: boolean;
  readonly trustDomain: string;
  readonly out: string;
  readonly checkedAt: string;
  readonly thresholdSeconds: number;
  readonly caThresholdSeconds: number;
  readonly ca: CertStatusJson;
  readonly services: readonly CertStatusJson[];
}

/** Every key is always present; `null` where the certificate could not be read. */
export interface CertStatusJson {
  readonly kind: 'ca' | 'service';
  readonly name: string;
  readonly state: CertState;
  readonly expectedSpiffeId: string;
  readonly spiffeIds: readonly string[] | null;
  readonly certPath: string;
  readonly generation: string | null;
  readonly serialNumber: string | null;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly remainingSeconds: number | null;
  readonly diagnostics: readonly Diagnostic[];
}

export function statusToJson(report: StatusReport): StatusJson {
  return {
    ok: statusOk(report),
    trustDomain: report.trustDomain,
    out: report.out,
    checkedAt: report.checkedAt.toISOString(),
    thresholdSeconds: Math.floor(report.thresholdMs / 1000),
    caThresholdSeconds: Math.floor(report.caThresholdMs / 1000),
    ca: checkToJson(report.ca),
    services: report.services.map(checkToJson),
  };
}

function checkToJson(check: CertCheck): CertStatusJson {
  return {
    kind: check.kind,
    name: check.name,
    state: check.state,
    expectedSpiffeId: check.expectedId,
    spiffeIds: check.cert ? [...check.cert.uris] : null,
    certPath: check.certPath,
    generation: check.generation ?? null,
    serialNumber: check.cert?.serialNumber ?? null,
    notBefore: check.cert?.notBefore.toISOString() ?? null,
    notAfter: check.cert?.notAfter.toISOString() ?? null,
    remainingSeconds: check.remainingMs === undefined ? null : Math.floor(check.remainingMs / 1000),
    diagnostics: check.diagnostics,
  };
}

const HEADER = ['NAME', 'STATE', 'NOT AFTER (UTC)', 'REMAINING', 'GENERATION', 'SPIFFE ID'] as const;

/** One row per certificate; the findings themselves are printed as diagnostics. */
export function renderStatusText(report: StatusReport): string {
  const rows = [[...HEADER], ...[report.ca, ...report.services].map(checkRow)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const counts = countStates([report.ca, ...report.services]);
  const thresholds = `threshold ${formatSpan(report.thresholdMs)}, CA ${formatSpan(report.caThresholdMs)}`;
  return `${lines.join('\n')}\n${counts} (checked ${formatInstant(report.checkedAt)}, ${thresholds})\n`;
}

function checkRow(check: CertCheck): string[] {
  return [
    check.name,
    check.state,
    check.cert ? formatInstant(check.cert.notAfter) : '-',
    check.remainingMs === undefined ? '-' : formatSpan(check.remainingMs),
    check.generation ?? '-',
    check.expectedId,
  ];
}

function countStates(checks: readonly CertCheck[]): string {
  const counts = new Map<CertState, number>();
  for (const c of checks) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}

/** The metric the monitoring rules alert on; one series per certificate that could be read. */
export const CERTIFICATE_EXPIRY_METRIC = CERTIFICATE_EXPIRY;

export function statusToPrometheus(report: StatusReport): string {
  const lines = [`# HELP ${CERTIFICATE_EXPIRY_METRIC} When each certificate of the mesh expires (Unix time).`, `# TYPE ${CERTIFICATE_EXPIRY_METRIC} gauge`];
  for (const check of [report.ca, ...report.services]) {
    if (!check.cert) continue;
    const labels = `trust_domain=${label(report.trustDomain)},workload=${label(check.name)},kind=${label(check.kind)}`;
    lines.push(`${CERTIFICATE_EXPIRY_METRIC}{${labels}} ${Math.floor(check.cert.notAfter.getTime() / 1000)}`);
  }
  return lines.join('\n') + '\n';
}

function label(value: string): string {
  return JSON.stringify(value);
}
