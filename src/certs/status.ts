/** `certs status`: what expires when, and what is missing or wrong, for the CA and every service. */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkCa, checkLeaf, type CertCheck } from './check.js';
import { DEFAULT_CA_THRESHOLD_MS, DEFAULT_THRESHOLD_MS } from './defaults.js';
import type { MeshIdentity } from './mesh.js';
import { readCaFiles, readCurrentFiles, type CaFiles } from './store.js';


export interface StatusOptions {
  readonly out: string;
  readonly mesh: MeshIdentity;
  readonly thresholdMs?: number;
  readonly caThresholdMs?: number;
  readonly now?: Date;
}

export interface StatusReport {
  readonly trustDomain: string;
  readonly out: string;
  readonly checkedAt: Date;
  readonly thresholdMs: number;
  readonly caThresholdMs: number;
  readonly ca: CertCheck;
  /** In mesh order. */
  readonly services: readonly CertCheck[];
}

export function certStatus(options: StatusOptions): StatusReport {
  const now = options.now ?? new Date();
  const thresholdMs = options.thresholdMs ?? DEFAULT_THRESHOLD_MS;
  const caThresholdMs = options.caThresholdMs ?? DEFAULT_CA_THRESHOLD_MS;
  const { trustDomain } = options.mesh;
  const caFiles = readCaFiles(options.out);
  const ca = checkCa(caFiles, trustDomain, { now, thresholdMs: caThresholdMs });
  const caCertPem = usableCaPem(ca, caFiles);
  const services = options.mesh.services.map((service) =>
    checkLeaf(readCurrentFiles(options.out, service), { trustDomain, service, caCertPem }, { now, thresholdMs }),
  );
  return { trustDomain, out: options.out, checkedAt: now, thresholdMs, caThresholdMs, ca, services };
}

/** Every finding, CA first. */
export function statusDiagnostics(report: StatusReport): Diagnostic[] {
  return [report.ca, ...report.services].flatMap((c) => c.diagnostics);
}

/** Nothing missing, invalid or expiring within the thresholds (warnings allowed). */
export function statusOk(report: StatusReport): boolean {
  return !hasErrors(statusDiagnostics(report));
}

/**
 * The CA certificate to verify leaves against: one that parsed as a CA, even if expired or of
 * another trust domain (those are reported on the CA row, not repeated on every service).
 */
function usableCaPem(ca: CertCheck, files: CaFiles): string | undefined {
  const broken = ca.diagnostics.some((d) => d.name === 'ca-invalid' || d.name === 'ca-not-found');
  return ca.cert && !broken && files.cert.kind === 'present' ? files.cert.text : undefined;
}
