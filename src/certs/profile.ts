/**
 * What every certificate meshc issues has in common: validity window and serial number.
 * The certificate profiles themselves live in ca.ts and leaf.ts.
 */
import { randomBytes } from 'node:crypto';

/** notBefore is set this far in the past, so a peer whose clock lags still accepts a new cert. */
export const BACKDATE_MS = 5 * 60_000;

export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Valid from a little before `now` until `now + ttlMs`; the backdating does not shorten the TTL. */
export function validityFrom(now: Date, ttlMs: number): Validity {
  return {
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + ttlMs),
  };
}

/**
 * 128 random bits as hex. RFC 5280 asks for unique positive serials of at most 20 octets;
 * @peculiar/x509 adds the leading zero octet that keeps the DER integer positive.
 */
export function randomSerial(): string {
  return randomBytes(16).toString('hex');
}

/**
 * PEM text as meshc writes it: ending with a line break. @peculiar/x509 and PemConverter end on
 * `-----END ...-----` without one, so `cat a.pem b.pem` glued the two blocks on one line, which
 * OpenSSL and Envoy cannot read (test/certs/bundle.test.ts).
 */
export function pemFile(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

/** A certificate and its private key, both PEM. */
export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}
