/**
 * Pure checks of certificate files already read from disk: is the CA usable, does a service's
 * current set belong together, carry the right identity, chain to the CA, and how long is it
 * valid. Problems are diagnostics; `state` sums them up for tables and exit codes.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticName } from '../diagnostics/codes.js';
import { formatInstant, formatSpan } from './duration.js';
import { bundleContains, inspectCertificate, isIssuedBy, pemLayoutProblem, type CertSummary } from './inspect.js';
import { keyMatchesCertificate, unsupportedSigningKey } from './keys.js';
import { trustDomainId, workloadIdentity } from '../ir/identity.js';
import { CA_DIR } from './layout.js';
import type { CaFiles, FileRead, LeafFiles } from './store.js';

export type CertState = 'ok' | 'expiring' | 'expired' | 'not-yet-valid' | 'missing' | 'invalid';

export interface CertCheck {
  readonly kind: 'ca' | 'service';
  /** The service name; `_ca` (its directory, never a service name) for the mesh CA. */
  readonly name: string;
  readonly expectedId: string;
  readonly certPath: string;
  /** The generation directory `current` names (services only). */
  readonly generation?: string;
  /** Present when the certificate could be parsed. */
  readonly cert?: CertSummary;
  /** notAfter − now; negative once expired. */
  readonly remainingMs?: number;
  readonly state: CertState;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CheckClock {
  readonly now: Date;
  /** Report `cert-expiring` when less than this is left; 0 reports only expired certificates. */
  readonly thresholdMs: number;
}

export const CA_NAME = CA_DIR;

// ── The CA ───────────────────────────────────────────────────────────────────────────────────

export function checkCa(files: CaFiles, trustDomain: string, clock: CheckClock): CertCheck {
  const expectedId = trustDomainId(trustDomain);
  const base = { kind: 'ca' as const, name: CA_NAME, expectedId, certPath: files.cert.path };
  const found: Diagnostic[] = [];
  const invalid = (message: string, hint?: string): CertCheck => finish(base, undefined, clock, [...found, caInvalid(message, hint)]);

  if (files.cert.kind === 'missing' && files.key.kind === 'missing') {
    return finish(base, undefined, clock, [
      diagnostic('ca-not-found', {
        message: `no mesh CA: ${files.cert.path} does not exist`,
        hint: 'create it with `meshc certs init --mesh <path> --out <dir>`',
      }),
    ]);
  }
  for (const file of [files.cert, files.key]) {
    if (file.kind === 'missing') return invalid(`${file.path} is missing`);
    if (file.kind === 'unreadable') return invalid(`cannot read ${file.path}: ${file.reason}`);
  }
  const certText = presentText(files.cert);
  const keyText = presentText(files.key);
  const cert = parseCertificate(certText);
  if (!cert) return invalid(`${files.cert.path} is not a PEM certificate`);
  // Its text is copied into every service's bundle: one Envoy cannot read is refused here.
  const layout = layoutFinding(files.cert);
  if (layout) return invalid(layout.message, layout.hint);
  const matches = keyMatches(certText, keyText);
  if (matches === undefined) return invalid(`${files.key.path} is not a PEM private key`);
  if (!matches) return invalid(`${files.key.path} is not the key of ${files.cert.path}`);
  const unsupported = safely(() => unsupportedSigningKey(keyText));
  if (unsupported !== undefined) {
    return invalid(`${files.key.path} holds a key of type ${unsupported}; meshc signs with ECDSA P-256 (prime256v1) only`);
  }
  if (!cert.isCa || !safely(() => isIssuedBy(certText, certText))) {
    return invalid(`${files.cert.path} is not a self-signed CA certificate`);
  }
  // A CA made elsewhere may carry no URI SAN; one that names another trust domain is refused.
  if (cert.uris.length > 0 && !cert.uris.includes(expectedId)) {
    found.push(
      diagnostic('ca-trust-domain-mismatch', {
        message: `the mesh CA serves ${cert.uris.join(', ')}, but the mesh's trust domain is ${expectedId}`,
        hint: 'point --out at the certificates of this mesh, or create a CA for it with `meshc certs init --force`',
      }),
    );
  }
  found.push(...keyModeProblems(files.key, 'the mesh CA key'));
  return finish(base, cert, clock, found);
}

function caInvalid(message: string, hint?: string): Diagnostic {
  return diagnostic('ca-invalid', {
    message,
    hint: hint ?? 'restore the CA files, or create a new CA with `meshc certs init --force` and rotate every service',
  });
}

// ── A service ────────────────────────────────────────────────────────────────────────────────

export interface LeafExpectation {
  readonly trustDomain: string;
  readonly service: string;
  /** The mesh CA certificate; without it the chain and bundle checks are skipped. */
  readonly caCertPem?: string | undefined;
}

export function checkLeaf(files: LeafFiles, expect: LeafExpectation, clock: CheckClock): CertCheck {
  const expectedId = workloadIdentity(expect.trustDomain, expect.service).uri;
  const base = {
    kind: 'service' as const,
    name: expect.service,
    expectedId,
    certPath: files.cert.path,
    ...(files.generation !== undefined ? { generation: files.generation } : {}),
  };
  const rotateHint = `rotate it with \`meshc certs rotate --service ${expect.service}\``;

  const missing = [files.cert, files.key, files.bundle].filter((f) => f.kind === 'missing');
  if (missing.length > 0) {
    const message =
      missing.length === 3 ? `${expect.service} has no certificate (${files.cert.path} does not exist)` : `${expect.service} is missing ${missing.map((f) => f.path).join(', ')}`;
    return finish(base, undefined, clock, [diagnostic('cert-missing', { message, hint: 'issue it with `meshc certs issue`' })]);
  }
  const unreadable = [files.cert, files.key, files.bundle].flatMap((f) => (f.kind === 'unreadable' ? [unreadableFile(`cannot read ${f.path}: ${f.reason}`, rotateHint)] : []));
  if (unreadable.length > 0) return finish(base, undefined, clock, unreadable);

  const certText = presentText(files.cert);
  const cert = parseCertificate(certText);
  if (!cert) {
    return finish(base, undefined, clock, [unreadableFile(`${files.cert.path} is not a PEM certificate`, rotateHint)]);
  }

  const found: Diagnostic[] = [];
  for (const file of [files.cert, files.bundle]) {
    const layout = layoutFinding(file);
    if (layout) found.push(unreadableFile(layout.message, layout.hint));
  }
  const matches = keyMatches(certText, presentText(files.key));
  if (matches === undefined) found.push(unreadableFile(`${files.key.path} is not a PEM private key`, rotateHint));
  else if (!matches) {
    const message = `${files.key.path} is not the key of ${files.cert.path}`;
    found.push(diagnostic('key-mismatch', { message, hint: rotateHint }));
  }
  found.push(...identityProblems(cert, expectedId, files.cert.path, rotateHint));
  if (expect.caCertPem !== undefined) found.push(...chainProblems(files, certText, expect.caCertPem, rotateHint));
  found.push(...keyModeProblems(files.key, `the key of ${expect.service}`));
  return finish(base, cert, clock, found);
}

/** Exactly one URI SAN, the expected SPIFFE ID (X.509-SVIDs must not carry more than one). */
function identityProblems(cert: CertSummary, expectedId: string, path: string, hint: string): Diagnostic[] {
  if (cert.uris.length === 1 && cert.uris[0] === expectedId) return [];
  const actual = cert.uris.length === 0 ? 'no URI SAN' : `URI SAN ${cert.uris.join(', ')}`;
  const message = `${path} carries ${actual}, expected exactly ${expectedId}`;
  return [diagnostic('spiffe-id-mismatch', { message, hint })];
}

function chainProblems(files: LeafFiles, certText: string, caCertPem: string, hint: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (!safely(() => isIssuedBy(certText, caCertPem))) {
    const message = `${files.cert.path} was not issued by the mesh CA`;
    found.push(diagnostic('cert-not-signed-by-ca', { message, hint }));
  }
  const bundle = presentText(files.bundle);
  const inBundle = safely(() => bundleContains(bundle, caCertPem));
  if (inBundle === undefined) found.push(unreadableFile(`${files.bundle.path} is not a PEM certificate bundle`, hint));
  else if (!inBundle) {
    const message = `${files.bundle.path} does not contain the mesh CA`;
    found.push(diagnostic('ca-bundle-mismatch', { message, hint }));
  }
  return found;
}

/** A PEM file OpenSSL and Envoy cannot read because a marker is not alone on its line. */
function layoutFinding(file: FileRead): { message: string; hint: string } | undefined {
  const problem = file.kind === 'present' ? pemLayoutProblem(file.text) : undefined;
  if (!problem) return undefined;
  const where = problem.where === 'not-line-start' ? 'does not start a line' : 'is followed by other text on its line';
  return {
    message: `${file.path} line ${problem.line}: ${problem.marker} ${where}, so OpenSSL and Envoy cannot read the file`,
    hint:
      problem.where === 'not-line-start'
        ? `put a line break before ${problem.marker} on line ${problem.line} of ${file.path}`
        : `put a line break after ${problem.marker} on line ${problem.line} of ${file.path}`,
  };
}

function unreadableFile(message: string, hint: string): Diagnostic {
  return diagnostic('cert-unreadable', { message, hint });
}

// ── Refused ────────────────────────────────────────────────────────────────────────────────

/** The row of a CA or service whose files were not read because guard.ts refused its directory. */
export function refusedCheck(subject: Pick<CertCheck, 'kind' | 'name' | 'expectedId' | 'certPath'>, refusals: readonly Diagnostic[]): CertCheck {
  return { ...subject, state: stateOf(refusals), diagnostics: refusals };
}

// ── Shared ───────────────────────────────────────────────────────────────────────────────────

/** Adds the validity findings and sums everything up. */
function finish(
  base: Pick<CertCheck, 'kind' | 'name' | 'expectedId' | 'certPath' | 'generation'>,
  cert: CertSummary | undefined,
  clock: CheckClock,
  found: readonly Diagnostic[],
): CertCheck {
  if (!cert) return { ...base, state: stateOf(found), diagnostics: found };
  const remainingMs = cert.notAfter.getTime() - clock.now.getTime();
  const diagnostics = [...found, ...validityProblems(base, cert, remainingMs, clock)];
  return { ...base, cert, remainingMs, state: stateOf(diagnostics), diagnostics };
}

function validityProblems(subject: Pick<CertCheck, 'kind' | 'name'>, cert: CertSummary, remainingMs: number, clock: CheckClock): Diagnostic[] {
  const what = subject.kind === 'ca' ? 'the mesh CA' : `the certificate of ${subject.name}`;
  const until = formatInstant(cert.notAfter);
  const renew =
    subject.kind === 'ca' ? 'create a new CA with `meshc certs init --force`, then rotate every service' : `rotate it with \`meshc certs rotate --service ${subject.name}\``;
  if (cert.notBefore.getTime() > clock.now.getTime()) {
    return [
      diagnostic('cert-not-yet-valid', {
        message: `${what} is valid only from ${formatInstant(cert.notBefore)}`,
        hint: 'check the clock of the machine that issued it, then rotate',
      }),
    ];
  }
  if (remainingMs <= 0) {
    const message = `${what} expired ${formatSpan(-remainingMs)} ago, at ${until}`;
    return [diagnostic('cert-expired', { message, hint: renew })];
  }
  if (remainingMs < clock.thresholdMs) {
    const threshold = formatSpan(clock.thresholdMs);
    return [
      diagnostic('cert-expiring', {
        message: `${what} expires in ${formatSpan(remainingMs)}, at ${until} (threshold ${threshold})`,
        hint: renew,
      }),
    ];
  }
  return [];
}

function keyModeProblems(file: FileRead, what: string): Diagnostic[] {
  if (file.kind !== 'present' || (file.mode & 0o077) === 0) return [];
  return [
    diagnostic('key-file-too-open', {
      message: `${what} (${file.path}) has mode ${file.mode.toString(8).padStart(4, '0')}, readable by other users`,
      hint: `chmod 600 ${file.path}`,
    }),
  ];
}

/** The worst finding wins: a missing file over a broken one over a dated one. */
const STATE_BY_NAME: Partial<Record<DiagnosticName, CertState>> = {
  'cert-missing': 'missing',
  'ca-not-found': 'missing',
  'cert-not-yet-valid': 'not-yet-valid',
  'cert-expired': 'expired',
  'cert-expiring': 'expiring',
};
const STATE_RANK: readonly CertState[] = ['missing', 'invalid', 'not-yet-valid', 'expired', 'expiring', 'ok'];

function stateOf(diagnostics: readonly Diagnostic[]): CertState {
  const states = diagnostics.filter((d) => d.severity === 'error').map((d) => STATE_BY_NAME[d.name] ?? 'invalid');
  return STATE_RANK.find((s) => states.includes(s)) ?? 'ok';
}

function presentText(file: FileRead): string {
  // Callers return early for missing and unreadable files.
  if (file.kind !== 'present') throw new Error(`${file.path} was expected to be read`);
  return file.text;
}

function parseCertificate(pem: string): CertSummary | undefined {
  return safely(() => inspectCertificate(pem));
}

function keyMatches(certPem: string, keyPem: string): boolean | undefined {
  return safely(() => keyMatchesCertificate(certPem, keyPem));
}

/** Parsing untrusted files: a malformed one is a finding, not a crash. */
function safely<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
