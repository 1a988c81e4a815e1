/** MC55xx: certificate tooling (`meshc certs ...`). */
import type { CodeEntry } from './entry.js';

export const CERT_CODES = [
  // ── Setting up and issuing (MC5501–MC5509) ─────────────────────────────────────────────────
  {
    code: 'MC5501',
    name: 'ca-exists',
    severity: 'error',
    summary: 'A mesh CA already exists in the output directory.',
  },
  {
    code: 'MC5502',
    name: 'ca-not-found',
    severity: 'error',
    summary: 'The output directory has no mesh CA.',
  },
  {
    code: 'MC5503',
    name: 'ca-invalid',
    severity: 'error',
    summary: 'The mesh CA cannot be used.',
  },
  {
    code: 'MC5504',
    name: 'ca-trust-domain-mismatch',
    severity: 'error',
    summary: 'The mesh CA belongs to another trust domain.',
  },
  {
    code: 'MC5505',
    name: 'unknown-cert-service',
    severity: 'error',
    summary: '`--service` names a service that is not in the mesh.',
  },
  {
    code: 'MC5506',
    name: 'leaf-outlives-ca',
    severity: 'error',
    summary: 'A requested certificate would be valid longer than the CA that signs it.',
  },
  {
    code: 'MC5507',
    name: 'cert-write-failed',
    severity: 'error',
    summary: 'Certificate files could not be written.',
  },
  // ── Checking (MC5510–MC5529) ───────────────────────────────────────────────────────────────
  {
    code: 'MC5510',
    name: 'cert-missing',
    severity: 'error',
    summary: 'A service has no certificate, or one of its files is missing.',
  },
  {
    code: 'MC5511',
    name: 'cert-expiring',
    severity: 'error',
    summary: 'A certificate expires within the threshold.',
  },
  {
    code: 'MC5512',
    name: 'cert-expired',
    severity: 'error',
    summary: 'A certificate has expired.',
  },
  {
    code: 'MC5513',
    name: 'cert-not-yet-valid',
    severity: 'error',
    summary: 'A certificate is not valid yet.',
  },
  {
    code: 'MC5514',
    name: 'key-mismatch',
    severity: 'error',
    summary: 'A private key does not belong to its certificate.',
  },
  {
    code: 'MC5515',
    name: 'cert-not-signed-by-ca',
    severity: 'error',
    summary: 'A certificate was not issued by the mesh CA.',
  },
  {
    code: 'MC5516',
    name: 'ca-bundle-mismatch',
    severity: 'error',
    summary: 'A service trusts a CA bundle without the mesh CA.',
  },
  {
    code: 'MC5517',
    name: 'spiffe-id-mismatch',
    severity: 'error',
    summary: 'A certificate does not carry the expected SPIFFE ID.',
  },
  {
    code: 'MC5518',
    name: 'cert-unreadable',
    severity: 'error',
    summary: 'A certificate or key file cannot be read or parsed.',
  },
  {
    code: 'MC5519',
    name: 'key-file-too-open',
    severity: 'warning',
    summary: 'A private key file can be read by other users.',
  },
  // ── The tree on disk (MC5530–MC5539): refused before anything is read or written ───────────
  {
    code: 'MC5530',
    name: 'cert-path-symlink',
    severity: 'error',
    summary: 'A directory or file meshc owns in the certificate tree is a symbolic link.',
  },
  {
    code: 'MC5531',
    name: 'cert-path-writable',
    severity: 'error',
    summary: 'A directory or file in the certificate tree is writable by its group or by others.',
  },
  {
    code: 'MC5532',
    name: 'cert-path-foreign-owner',
    severity: 'error',
    summary: 'A directory or file in the certificate tree belongs to another user.',
  },
] as const satisfies readonly CodeEntry[];
