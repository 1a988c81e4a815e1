/**
 * The gRPC side of `meshc serve`: the ADS service over mutual TLS (the server's certificate and
 * the trust bundle from `meshc certs`, reloaded on rotation; every client must present a mesh
 * certificate), or plaintext with `insecure`, which the CLI allows only on loopback.
 */
import { experimental, Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import type { Hub, PeerIdentity } from './hub.js';
import { adsServiceDefinition, type DeltaDiscoveryRequest, type DeltaDiscoveryResponse, type DiscoveryRequest, type DiscoveryResponse } from './protocol.js';
import { SotwStream } from './sotw.js';
import { DeltaStream } from './delta.js';

export interface TlsFiles {
  readonly certificate: string;
  readonly privateKey: string;
  readonly trustBundle: string;
}

/** How often the certificate files are re-read: `meshc certs rotate` swaps them in place. */
const CERTIFICATE_REFRESH_MS = 60_000;

export async function startXdsServer(hub: Hub, listen: string, tls: TlsFiles | undefined): Promise<{ server: Server; port: number }> {
  // Keepalives find clients that vanished without closing their stream.
  const server = new Server({ 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000, 'grpc.max_concurrent_streams': 100_000 });
  const peer = (call: { getAuthContext?: () => { sslPeerCertificate?: { subjectaltname?: string } } | null }): PeerIdentity =>
    tls === undefined ? { secure: false } : { secure: true, uris: spiffeUris(call.getAuthContext?.()?.sslPeerCertificate?.subjectaltname) };
  server.addService(adsServiceDefinition(), {
    StreamAggregatedResources: (call: ServerDuplexStream<DiscoveryRequest, DiscoveryResponse>) => void new SotwStream(hub, call, peer(call)),
    DeltaAggregatedResources: (call: ServerDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>) => void new DeltaStream(hub, call, peer(call)),
  });
  const creds = tls === undefined ? ServerCredentials.createInsecure() : await loadedCredentials(tls);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(listen, creds, (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return { server, port };
}

/**
 * Credentials that re-read the files on rotation. The files are read in the background, and a
 * connection before the first read is dropped, so this waits for the first read of both.
 */
async function loadedCredentials(tls: TlsFiles): Promise<ServerCredentials> {
  const files = new experimental.FileWatcherCertificateProvider({
    certificateFile: tls.certificate,
    privateKeyFile: tls.privateKey,
    caCertificateFile: tls.trustBundle,
    refreshIntervalMs: CERTIFICATE_REFRESH_MS,
  });
  // One provider in both roles: grpc-js 1.14 passes this function's (ca, identity) arguments to a
  // constructor taking (identity, ca) (server-credentials.js), so two providers would be swapped.
  const creds = experimental.createCertificateProviderServerCredentials(files, files, true);
  await Promise.all([
    firstUpdate(
      (l) => files.addIdentityCertificateListener(l),
      (l) => files.removeIdentityCertificateListener(l),
      tls.certificate,
    ),
    firstUpdate(
      (l) => files.addCaCertificateListener(l),
      (l) => files.removeCaCertificateListener(l),
      tls.trustBundle,
    ),
  ]);
  return creds;
}

function firstUpdate<T>(add: (listener: (update: T | null) => void) => void, remove: (listener: (update: T | null) => void) => void, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (update: T | null) => {
      remove(listener);
      if (update === null) reject(new Error(`cannot read ${file}`));
      else resolve();
    };
    add(listener);
  });
}

/** The URI SANs of a peer certificate, as Node prints them: `URI:spiffe://…, DNS:…`. */
export function spiffeUris(subjectAltName: string | undefined): string[] {
  return (subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('URI:'))
    .map((entry) => entry.slice('URI:'.length));
}

export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Streams never end on their own: after a grace period they are cut.
    const force = setTimeout(() => server.forceShutdown(), 2_000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
