/**
 * Workload certificates (X.509-SVIDs): one per service (and one for Prometheus), identified by
 * their SPIFFE ID and usable both as a TLS server and a TLS client, since every sidecar is both.
 * Services also carry the DNS name <service>.<trustDomain>, which Prometheus verifies.
 */
import { generateKeyPair, privateKeyFromPem, privateKeyToPem } from './keys.js';
import { pemFile, randomSerial, validityFrom, type PemPair } from './profile.js';
import { workloadIdentity } from '../ir/identity.js';
import { SIGNING_ALGORITHM, x509 } from './x509.js';

export interface LeafOptions {
  readonly trustDomain: string;
  readonly service: string;
  readonly ttlMs: number;
  readonly now: Date;
}

export async function issueLeaf(ca: PemPair, options: LeafOptions): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await privateKeyFromPem(ca.keyPem);
  const keys = await generateKeyPair();
  const { notBefore, notAfter } = validityFrom(options.now, options.ttlMs);
  const id = workloadIdentity(options.trustDomain, options.service);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    // The SPIFFE ID is the identity; the CN is only for people reading the certificate.
    subject: [{ CN: [options.service] }],
    issuer: caCert.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // ECDSA keys only sign in TLS; keyEncipherment is an RSA usage, keyAgreement one of the
      // static-ECDH suites nobody negotiates any more.
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await authorityKeyId(caCert),
      new x509.SubjectAlternativeNameExtension([{ type: 'url', value: id.uri }, ...id.dns.map((value) => ({ type: 'dns' as const, value }))]),
    ],
  });
  return { certPem: pemFile(cert.toString('pem')), keyPem: await privateKeyToPem(keys.privateKey) };
}

/** The CA's own key identifier when it has one, so chain builders can match the two exactly. */
async function authorityKeyId(caCert: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  if (ski) return new x509.AuthorityKeyIdentifierExtension(ski.keyId);
  return x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey);
}
