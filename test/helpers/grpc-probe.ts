/**
 * A tiny gRPC service for the proxyless tests, `probe.Echo`, with JSON messages (gRPC does not
 * care how a message is encoded, and a .proto file would add nothing): backends that say who
 * they are and count attempts per request id, and a client over `xds:///<service>` with its own
 * bootstrap, as grpc-js-xds allows per channel.
 */
import { createServer } from 'node:net';
import { Client, Metadata, Server, type ServerCredentials, status, type ChannelCredentials, type ServiceError, type UntypedServiceImplementation } from '@grpc/grpc-js';

export interface Request {
  readonly id: string;
}
export interface Reply {
  readonly backend: string;
  readonly attempt: number;
}

const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
  deserialize: (bytes: Buffer) => JSON.parse(bytes.toString()) as unknown,
};

export const METHODS = ['Call', 'Flaky', 'Faulty', 'Delayed', 'Slow'] as const;
export type Method = (typeof METHODS)[number];

const SERVICE = Object.fromEntries(
  METHODS.map((m) => [
    m,
    {
      path: `/probe.Echo/${m}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: json.serialize,
      requestDeserialize: json.deserialize,
      responseSerialize: json.serialize,
      responseDeserialize: json.deserialize,
    },
  ]),
);

export const SLOW_MS = 300;

/** Attempts each backend saw, per method and request id (shared by all backends of a test). */
export type Attempts = Map<string, number>;

/**
 * An Echo backend. `Flaky` fails UNAVAILABLE on the first two attempts of each request id,
 * counted across backends; `Slow` answers after SLOW_MS.
 */
export function echoImplementation(backend: string, attempts: Attempts): UntypedServiceImplementation {
  const answer = (method: Method) => (call: { request: Request }, callback: (error: Partial<ServiceError> | null, reply?: Reply) => void) => {
    const key = `${method}/${call.request.id}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    if (method === 'Flaky' && attempt <= 2) return callback({ code: status.UNAVAILABLE, details: `flaky attempt ${attempt}` });
    if (method === 'Slow') return void setTimeout(() => callback(null, { backend, attempt }), SLOW_MS);
    callback(null, { backend, attempt });
  };
  return Object.fromEntries(METHODS.map((m) => [m, answer(m)]));
}

export function addEcho(server: Server, backend: string, attempts: Attempts): void {
  server.addService(SERVICE, echoImplementation(backend, attempts));
}

export async function startEcho(backend: string, attempts: Attempts, credentials: ServerCredentials, port = 0): Promise<{ server: Server; port: number }> {
  const server = new Server();
  addEcho(server, backend, attempts);
  const bound = await new Promise<number>((resolve, reject) => server.bindAsync(`127.0.0.1:${port}`, credentials, (error, p) => (error ? reject(error) : resolve(p))));
  return { server, port: bound };
}

/** A port free right now on loopback (for servers that must be told their port up front). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export type Outcome =
  | { readonly ok: true; readonly reply: Reply; readonly ms: number }
  | { readonly ok: false; readonly code: number; readonly details: string; readonly ms: number };

export class EchoClient {
  private readonly client: Client;

  constructor(target: string, credentials: ChannelCredentials, bootstrap: unknown) {
    this.client = new Client(target, credentials, { 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config': JSON.stringify(bootstrap) });
  }

  call(method: Method, id: string, options: { headers?: Record<string, string>; deadlineMs?: number } = {}): Promise<Outcome> {
    const metadata = new Metadata();
    for (const [k, v] of Object.entries(options.headers ?? {})) metadata.set(k, v);
    const started = performance.now();
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(
        `/probe.Echo/${method}`,
        json.serialize,
        (b: Buffer) => json.deserialize(b) as Reply,
        { id },
        metadata,
        { deadline: Date.now() + (options.deadlineMs ?? 5_000) },
        (error, reply) => {
          const ms = performance.now() - started;
          resolve(error || !reply ? { ok: false, code: error?.code ?? -1, details: error?.details ?? '', ms } : { ok: true, reply, ms });
        },
      );
    });
  }

  /** `count` calls, `parallel` at a time; how many each backend answered, and the failures. */
  async spread(count: number, parallel = 50, headers?: Record<string, string>): Promise<{ byBackend: Map<string, number>; failures: Outcome[] }> {
    const byBackend = new Map<string, number>();
    const failures: Outcome[] = [];
    for (let done = 0; done < count; done += parallel) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(parallel, count - done) }, (_, i) => this.call('Call', `spread-${done + i}`, { ...(headers ? { headers } : {}) })),
      );
      for (const outcome of batch) {
        if (outcome.ok) byBackend.set(outcome.reply.backend, (byBackend.get(outcome.reply.backend) ?? 0) + 1);
        else failures.push(outcome);
      }
    }
    return { byBackend, failures };
  }

  close(): void {
    this.client.close();
  }
}

/**
 * The start of a proxyless test mesh: the control plane on loopback in plaintext (grpc-js-xds
 * speaks only insecure to it), certificates from `certs`, and the proxyless caller `client`,
 * whose calls the test appends. Services follow.
 */
export function probeMesh(adsPort: number, certs: string, calls: string): string {
  return `apiVersion: meshc/v1
mesh:
  name: probe
  trustDomain: probe.test
  controlPlane: { address: "127.0.0.1:${adsPort}", tls: off }
  certificates: { source: files, dir: "${certs}" }
services:
  client:
    protocol: grpc
    port: 9000
    proxy: grpc
    versions: { v1: { endpoints: ["127.0.0.1:9000"] } }
    calls: ${calls}
`;
}
