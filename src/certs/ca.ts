/**
 * The mesh CA: a self-signed ECDSA P-256 root that signs every workload certificate directly.
 * It names its trust domain as a URI SAN (`spiffe://<trustDomain>`), as SPIFFE signing
 * certificates do, so a bundle can be told apart from the bundle of another mesh.
 */
import { generateKeyPair, privateKeyToPem } from './keys.js';
import { pemFile, randomSerial, validityFrom, type PemPair } from './profile.js';
import { trustDomainId } from '../ir/identity.js';
import { SIGNING_ALGORITHM, x509 } from './x509.js';

export interface CaOptions {
  readonly trustDomain: string;
  readonly ttlMs: number;
  readonly now: Date;
}

export async function createCa(options: CaOptions): Promise<PemPair> {
  const keys = await generateKeyPair();
  const { notBefore, notAfter } = validityFrom(options.now, options.ttlMs);
  const subjectKeyId = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: caSubject(options.trustDomain),
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      // pathLen 0: this root signs workloads only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      subjectKeyId,
      new x509.AuthorityKeyIdentifierExtension(subjectKeyId.keyId),
      new x509.SubjectAlternativeNameExtension([{ type: 'url', value: trustDomainId(options.trustDomain) }]),
    ],
  });
  return { certPem: pemFile(cert.toString('pem')), keyPem: await privateKeyToPem(keys.privateKey) };
}

function caSubject(trustDomain: string): x509.JsonName {
  return [{ O: [trustDomain] }, { CN: [`meshc CA ${trustDomain}`] }];
}
