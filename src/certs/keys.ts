/** ECDSA P-256 key pairs as PKCS#8 PEM, and whether a key belongs to a certificate. */
import { createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
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
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** A signing key from PKCS#8 PEM; throws when the text is not a P-256 PKCS#8 key. */
export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

/** True when the private key is the one whose public half the certificate carries. */
export function keyMatchesCertificate(certPem: string, keyPem: string): boolean {
  const fromCert = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  const fromKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  return fromCert.equals(fromKey);
}
