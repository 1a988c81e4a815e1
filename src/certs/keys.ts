/** ECDSA P-256 key pairs as PKCS#8 PEM, and whether a key belongs to a certificate. */
import { createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
import { firstCertificatePem } from './inspect.js';
import { pemFile } from './profile.js';
import { KEY_ALGORITHM, x509 } from './x509.js';

export type CryptoKeyPair = webcrypto.CryptoKeyPair;
export type CryptoKey = webcrypto.CryptoKey;

/** A fresh key pair; extractable, because the private key is written to a file. */
export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/** `-----BEGIN PRIVATE KEY-----` (PKCS#8), the form Envoy and OpenSSL read. */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return pemFile(x509.PemConverter.encode(der, 'PRIVATE KEY'));
}

/**
 * A signing key from PEM: PKCS#8, or SEC1 (`-----BEGIN EC PRIVATE KEY-----`, what
 * `openssl ecparam -genkey` writes), which WebCrypto cannot import and is converted first.
 * Throws when the text is not a P-256 key; checkCa refuses such a CA key before this is reached.
 */
export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

/** OpenSSL's name of P-256, as node:crypto reports it in asymmetricKeyDetails. */
const P256 = 'prime256v1';

/**
 * The type of a private key meshc cannot sign with (`EC secp384r1`, `RSA`), or undefined for a
 * P-256 key it can. Throws when the text is not a private key at all.
 */
export function unsupportedSigningKey(keyPem: string): string | undefined {
  const key = createPrivateKey(keyPem);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === 'ec' && curve === P256) return undefined;
  if (key.asymmetricKeyType === 'ec') return `EC ${curve ?? 'with explicit curve parameters'}`;
  return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
}

/**
 * True when the private key is the one whose public half the certificate carries. Only the first
 * certificate of `certPem` counts, as everywhere else, so a file holding more (a CA file with
 * the CA twice) is not mistaken for a bad key.
 */
export function keyMatchesCertificate(certPem: string, keyPem: string): boolean {
  const fromCert = new X509Certificate(firstCertificatePem(certPem)).publicKey.export({ type: 'spki', format: 'der' });
  const fromKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  return fromCert.equals(fromKey);
}
