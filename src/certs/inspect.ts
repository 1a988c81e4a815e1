/** Reading certificates back: what the status check and the tests need to know about one. */
import { X509Certificate } from 'node:crypto';
import { x509 } from './x509.js';

export interface CertSummary {
  readonly subject: string;
  readonly issuer: string;
  /** Lowercase hex without separators. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Every URI SAN, in certificate order. */
  readonly uris: readonly string[];
  readonly isCa: boolean;
  /** SHA-256 of the DER, `AB:CD:...` as OpenSSL prints it. */
  readonly fingerprint256: string;
}

/** Parses the first certificate of a PEM text; throws when there is none or it is malformed. */
export function inspectCertificate(pem: string): CertSummary {
  const cert = new x509.X509Certificate(firstCertificatePem(pem));
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    uris: (san?.names.items ?? []).filter((n) => n.type === 'url').map((n) => n.value),
    isCa: basic?.ca ?? false,
    fingerprint256: new X509Certificate(firstCertificatePem(pem)).fingerprint256,
  };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Each certificate of a bundle, as its own PEM block. */
export function splitCertificates(pem: string): string[] {
  return [...pem.matchAll(PEM_CERTIFICATE)].map((m) => `${m[0]}\n`);
}

/** The first certificate block of a PEM text; throws when there is none. */
export function firstCertificatePem(pem: string): string {
  const first = splitCertificates(pem)[0];
  if (first === undefined) throw new Error('no PEM certificate found');
  return first;
}

/** A `-----BEGIN ...-----` or `-----END ...-----` line of a PEM text that is not a line of its own. */
export interface PemLayoutProblem {
  /** 1-based. */
  readonly line: number;
  readonly marker: string;
  readonly where: 'not-line-start' | 'text-after';
}

const PEM_MARKER = /-----(?:BEGIN|END) [A-Z0-9 ]+-----/g;

/**
 * Where a PEM text breaks the rule of OpenSSL's reader (and BoringSSL's, in Envoy): every BEGIN
 * and END marker alone on its line. The regex splitter above would still find both blocks of
 * `-----END CERTIFICATE----------BEGIN CERTIFICATE-----`; OpenSSL refuses the whole file.
 */
export function pemLayoutProblem(pem: string): PemLayoutProblem | undefined {
  const markers = [...pem.matchAll(PEM_MARKER)];
  const lineOf = (index: number): number => pem.slice(0, index).split('\n').length;
  // Markers not starting a line first: in a glued pair that is the BEGIN, the one to point at.
  for (const m of markers) {
    if (m.index > 0 && pem[m.index - 1] !== '\n') {
      return { line: lineOf(m.index), marker: m[0], where: 'not-line-start' };
    }
  }
  for (const m of markers) {
    const end = m.index + m[0].length;
    const lineEnd = pem.indexOf('\n', end);
    const rest = pem.slice(end, lineEnd === -1 ? undefined : lineEnd);
    if (rest.trim() !== '') return { line: lineOf(m.index), marker: m[0], where: 'text-after' };
  }
  return undefined;
}

/** True when `certPem` names the CA as issuer and carries a valid signature by the CA's key. */
export function isIssuedBy(certPem: string, caPem: string): boolean {
  const cert = new X509Certificate(firstCertificatePem(certPem));
  const ca = new X509Certificate(firstCertificatePem(caPem));
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

/** True when the bundle holds exactly this certificate (same DER), among any others. */
export function bundleContains(bundlePem: string, certPem: string): boolean {
  const wanted = new X509Certificate(firstCertificatePem(certPem)).fingerprint256;
  return splitCertificates(bundlePem).some((pem) => new X509Certificate(pem).fingerprint256 === wanted);
}
