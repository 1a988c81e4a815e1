/**
 * A real mutual-TLS handshake between two Node TLS endpoints with issued certificates: the
 * server requires and verifies a client certificate; the client verifies the server's chain and
 * its SPIFFE ID, the way a sidecar checks the identity of the service it calls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createCa, issueLeaf, spiffeId, type PemPair } from '../../src/certs/index.js';

const TRUST_DOMAIN = 'shop.example';
const DAY = 86_400_000;
const TIMEOUT_MS = 5_000;

interface Endpoint {
  readonly leaf: PemPair;
  /** The CA certificates this endpoint verifies its peer with. */
  readonly trusts: readonly string[];
}

interface Outcome {
  /** The server accepted the client and the client read the server's answer. */
  readonly connected: boolean;
  /** The client SAN the server verified, as the server answered it. */
  readonly serverSawClient?: string;
  readonly clientSawServer?: string;
  readonly clientError?: string;
  /** Connections the server dropped; Node's server does not say why, only that it did. */
  readonly serverErrors: readonly string[];
}

/** The URI SANs of a certificate: its SPIFFE IDs (a service certificate also has a DNS name). */
function uriSans(subjectaltname: string | undefined): string[] {
  return (subjectaltname ?? '').split(', ').flatMap((san) => (san.startsWith('URI:') ? [san.slice(4)] : []));
}

/** Only the SPIFFE ID the sidecar expects, and no other, is accepted. */
function expectSpiffeId(expected: string): (host: string, cert: PeerCertificate) => Error | undefined {
  return (_host, cert) => {
    const ids = uriSans(cert.subjectaltname);
    return ids.length === 1 && ids[0] === expected ? undefined : new Error(`peer is ${ids.join(', ') || 'without a SPIFFE ID'}, expected ${expected}`);
  };
}

/**
 * The server answers with the identity it verified; the handshake counts as working only when
 * the client reads that answer.
 */
async function handshake(server: Endpoint, client: Endpoint, expectedServerId: string): Promise<Outcome> {
  const serverErrors: string[] = [];
  const tlsServer = createServer(
    {
      key: server.leaf.keyPem,
      cert: server.leaf.certPem,
      ca: [...server.trusts],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (socket: TLSSocket) => {
      const peer = socket.getPeerCertificate();
      socket.end(socket.authorized ? `authorized ${peer.subjectaltname ?? ''}` : 'unauthorized');
    },
  );
  tlsServer.on('tlsClientError', (error) => serverErrors.push(error.message));
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const { port } = tlsServer.address() as AddressInfo;
  try {
    return await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve({ connected: false, clientError: 'timeout', serverErrors }), TIMEOUT_MS);
      const socket = connect({
        host: '127.0.0.1',
        port,
        key: client.leaf.keyPem,
        cert: client.leaf.certPem,
        ca: [...client.trusts],
        rejectUnauthorized: true,
        checkServerIdentity: expectSpiffeId(expectedServerId),
      });
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      const finish = (clientError?: string): void => {
        clearTimeout(timer);
        const sawServer = socket.getPeerCertificate()?.subjectaltname;
        socket.destroy();
        // Let the server's side of a failure arrive before reporting.
        setTimeout(() => {
          const connected = clientError === undefined && received.startsWith('authorized ');
          resolve({
            connected,
            ...(connected ? { serverSawClient: uriSans(received.slice('authorized '.length)).join(', ') } : {}),
            ...(sawServer !== undefined ? { clientSawServer: uriSans(sawServer).join(', ') } : {}),
            ...(clientError !== undefined ? { clientError } : {}),
            serverErrors,
          });
        }, 20);
      };
      socket.on('error', (error) => finish(error.message));
      socket.on('end', () => finish());
    });
  } finally {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  }
}

async function meshWith(services: readonly string[]): Promise<{ caPem: string; leaves: Map<string, PemPair> }> {
  const now = new Date();
  const ca = await createCa({ trustDomain: TRUST_DOMAIN, ttlMs: 3650 * DAY, now });
  const leaves = new Map<string, PemPair>();
  for (const service of services) leaves.set(service, await issueLeaf(ca, { trustDomain: TRUST_DOMAIN, service, ttlMs: DAY, now }));
  return { caPem: ca.certPem, leaves };
}

function leafOf(mesh: { leaves: Map<string, PemPair> }, service: string): PemPair {
  const leaf = mesh.leaves.get(service);
  assert.ok(leaf, service);
  return leaf;
}

test('frontend calls catalog over mutual TLS with issued certificates', async () => {
  const mesh = await meshWith(['frontend', 'catalog']);
  const outcome = await handshake(
    { leaf: leafOf(mesh, 'catalog'), trusts: [mesh.caPem] },
    { leaf: leafOf(mesh, 'frontend'), trusts: [mesh.caPem] },
    spiffeId(TRUST_DOMAIN, 'catalog'),
  );
  assert.deepEqual(outcome, {
    connected: true,
    serverSawClient: spiffeId(TRUST_DOMAIN, 'frontend'),
    clientSawServer: spiffeId(TRUST_DOMAIN, 'catalog'),
    serverErrors: [],
  });
});

test('the server refuses a client whose certificate comes from another CA', async () => {
  const mesh = await meshWith(['frontend', 'catalog']);
  // Same trust domain, same service name, same profile: only the issuing CA differs.
  const impostor = await meshWith(['frontend']);
  const server = { leaf: leafOf(mesh, 'catalog'), trusts: [mesh.caPem] };
  const client = { leaf: leafOf(impostor, 'frontend'), trusts: [mesh.caPem] };
  const refused = await handshake(server, client, spiffeId(TRUST_DOMAIN, 'catalog'));
  assert.equal(refused.connected, false);
  assert.equal(refused.serverSawClient, undefined);
  assert.equal(refused.serverErrors.length, 1, 'the server dropped the connection');
  // Control: the very same client gets in once the server also trusts its CA.
  const trusted = await handshake({ ...server, trusts: [mesh.caPem, impostor.caPem] }, client, spiffeId(TRUST_DOMAIN, 'catalog'));
  assert.equal(trusted.connected, true, JSON.stringify(trusted));
});

test('the client refuses a server whose SPIFFE ID is not the one it expects', async () => {
  const mesh = await meshWith(['frontend', 'catalog', 'cart']);
  // cart's certificate is valid and from the right CA, but frontend meant to call catalog.
  const outcome = await handshake(
    { leaf: leafOf(mesh, 'cart'), trusts: [mesh.caPem] },
    { leaf: leafOf(mesh, 'frontend'), trusts: [mesh.caPem] },
    spiffeId(TRUST_DOMAIN, 'catalog'),
  );
  assert.equal(outcome.connected, false);
  assert.equal(outcome.clientError, `peer is ${spiffeId(TRUST_DOMAIN, 'cart')}, expected ${spiffeId(TRUST_DOMAIN, 'catalog')}`);
});

test('the client refuses a server certificate from another CA', async () => {
  const mesh = await meshWith(['frontend']);
  const impostor = await meshWith(['catalog']);
  const outcome = await handshake(
    { leaf: leafOf(impostor, 'catalog'), trusts: [impostor.caPem] },
    { leaf: leafOf(mesh, 'frontend'), trusts: [mesh.caPem] },
    spiffeId(TRUST_DOMAIN, 'catalog'),
  );
  assert.equal(outcome.connected, false);
  assert.match(outcome.clientError ?? '', /unable to verify|self[- ]signed|unknown ca/i);
});
