/** `certs status`: what expires when, and what is missing or wrong, for the CA and every service. */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { join } from 'node:path';
import { checkCa, checkLeaf, CA_NAME, refusedCheck, type CertCheck } from './check.js';
import { DEFAULT_CA_THRESHOLD_MS, DEFAULT_THRESHOLD_MS } from './defaults.js';
import { guardCa, guardService } from './guard.js';
import { CERT_FILE, CURRENT_LINK, caPaths, serviceDir } from './layout.js';
import type { MeshIdentity } from './mesh.js';
import { readCaFiles, readCurrentFiles, type CaFiles } from './store.js';
import { trustDomainId, workloadIdentity } from '../ir/identity.js';

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
  const { out } = options;
  // A refused directory is reported on its row and not read; the other rows are still checked.
  const caRefused = guardCa(out);
  const caFiles = caRefused.length > 0 ? undefined : readCaFiles(out);
  const ca = caFiles
    ? checkCa(caFiles, trustDomain, { now, thresholdMs: caThresholdMs })
    : refusedCheck({ kind: 'ca', name: CA_NAME, expectedId: trustDomainId(trustDomain), certPath: caPaths(out).cert }, caRefused);
  const caCertPem = caFiles ? usableCaPem(ca, caFiles) : undefined;
  const services = options.mesh.services.map((service) => {
    const refused = guardService(out, service);
    if (refused.length === 0) {
      return checkLeaf(readCurrentFiles(out, service), { trustDomain, service, caCertPem }, { now, thresholdMs });
    }
    const certPath = join(serviceDir(out, service), CURRENT_LINK, CERT_FILE);
    const expectedId = workloadIdentity(trustDomain, service).uri;
    return refusedCheck({ kind: 'service', name: service, expectedId, certPath }, refused);
  });
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
