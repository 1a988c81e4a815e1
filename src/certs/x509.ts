/**
 * @peculiar/x509 bound to Node's WebCrypto. Every module that builds or parses certificates
 * imports the library from here, so the provider is always set before first use.
 */
// @peculiar/x509 registers its algorithms with tsyringe, which needs the Reflect metadata API
// before @peculiar/x509 is evaluated (ES modules evaluate imports in order).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export { x509 };

/** ECDSA P-256 with SHA-256: small keys, fast handshakes, supported by every Envoy build. */
export const KEY_ALGORITHM: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const SIGNING_ALGORITHM: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
