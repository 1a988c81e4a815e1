/**
 * A test client speaking ADS as Envoy does, over real gRPC with Envoy's own protos (the service
 * definition meshc serve uses, from the vendored API descriptor): it sends DiscoveryRequests
 * and hands out responses in arrival order. Resources are decoded with protobufjs, so a test
 * sees what a client would decode, not what the server meant to send.
 */
import { credentials, makeGenericClientConstructor, type ChannelCredentials, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { envoySchema } from '../../src/check/api/load.js';
import {
  adsServiceDefinition,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
  type PackedAny,
} from '../../src/serve/protocol.js';
import { TYPE_URL } from '../../src/serve/snapshot.js';

export const CDS = TYPE_URL.cluster;
export const EDS = TYPE_URL.clusterLoadAssignment;
export const LDS = TYPE_URL.listener;
export const RDS = TYPE_URL.routeConfiguration;
export const SHORT: Readonly<Record<string, string>> = { [CDS]: 'CDS', [EDS]: 'EDS', [LDS]: 'LDS', [RDS]: 'RDS' };

type AdsClient = {
  StreamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>;
  DeltaAggregatedResources(): ClientDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;
  close(): void;
};

export function adsClient(port: number, creds: ChannelCredentials = credentials.createInsecure(), options: Record<string, unknown> = {}): AdsClient {
  const Client = makeGenericClientConstructor(adsServiceDefinition(), 'AggregatedDiscoveryService');
  return new Client(`127.0.0.1:${port}`, creds, options) as unknown as AdsClient;
}

/** Responses (or the stream's end) in arrival order, awaited one at a time. */
class Inbox<T> {
  private readonly queue: T[] = [];
  private waiting: ((value: T | ServiceError) => void) | undefined;
  error: ServiceError | undefined;

  push(value: T): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(value);
    } else this.queue.push(value);
  }

  fail(error: ServiceError): void {
    this.error = error;
    if (this.waiting) this.waiting(error);
  }

  /** The next response; rejects after `ms` or when the stream ends with an error. */
  next(ms = 3_000): Promise<T> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`no response within ${ms} ms`));
      }, ms);
      this.waiting = (value) => {
        clearTimeout(timer);
        if (value instanceof Error) reject(value);
        else resolve(value as T);
      };
    });
  }

  /** Resolves with the responses that arrive within `ms` (none expected, usually). */
  async drain(ms: number): Promise<T[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.queue.splice(0);
  }

  /** The status the stream ended with. */
  async ended(ms = 3_000): Promise<ServiceError> {
    if (this.error) return this.error;
    for (;;) {
      try {
        await this.next(ms);
      } catch (error) {
        return error as ServiceError;
      }
    }
  }
}

export interface SotwSession {
  readonly inbox: Inbox<DiscoveryResponse>;
  send(request: Partial<DiscoveryRequest> & { type_url: string }): void;
  /** ACKs (or NACKs, with `error`) a response with the names it was for. */
  reply(response: DiscoveryResponse, names: readonly string[], error?: string): void;
  close(): void;
}

export function sotw(client: AdsClient, node: { id: string; cluster: string }): SotwSession {
  const call = client.StreamAggregatedResources();
  const inbox = new Inbox<DiscoveryResponse>();
  call.on('data', (r: DiscoveryResponse) => inbox.push(r));
  call.on('error', (e: ServiceError) => inbox.fail(e));
  let first = true;
  const send = (request: Partial<DiscoveryRequest> & { type_url: string }) => {
    call.write({ version_info: '', resource_names: [], response_nonce: '', ...(first ? { node } : {}), ...request });
    first = false;
  };
  return {
    inbox,
    send,
    reply: (response, names, error) =>
      send({
        type_url: response.type_url,
        version_info: response.version_info,
        response_nonce: response.nonce,
        resource_names: [...names],
        ...(error !== undefined ? { error_detail: { code: 14, message: error } } : {}),
      }),
    close: () => call.cancel(),
  };
}

export interface DeltaSession {
  readonly inbox: Inbox<DeltaDiscoveryResponse>;
  send(request: Partial<DeltaDiscoveryRequest> & { type_url: string }): void;
  ack(response: DeltaDiscoveryResponse, error?: string): void;
  close(): void;
}

export function delta(client: AdsClient, node: { id: string; cluster: string }): DeltaSession {
  const call = client.DeltaAggregatedResources();
  const inbox = new Inbox<DeltaDiscoveryResponse>();
  call.on('data', (r: DeltaDiscoveryResponse) => inbox.push(r));
  call.on('error', (e: ServiceError) => inbox.fail(e));
  let first = true;
  const send = (request: Partial<DeltaDiscoveryRequest> & { type_url: string }) => {
    call.write({ resource_names_subscribe: [], resource_names_unsubscribe: [], initial_resource_versions: {}, response_nonce: '', ...(first ? { node } : {}), ...request });
    first = false;
  };
  return {
    inbox,
    send,
    ack: (response, error) => send({ type_url: response.type_url, response_nonce: response.nonce, ...(error !== undefined ? { error_detail: { code: 3, message: error } } : {}) }),
    close: () => call.cancel(),
  };
}

/** A resource as a client decodes it, in protobufjs' object form (snake_case, enums as names). */
export function decode(any: PackedAny): Record<string, unknown> {
  const name = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
  const type = envoySchema().message(name)?.type;
  if (!type) throw new Error(`decode: unknown type ${name}`);
  return type.toObject(type.decode(any.value), { enums: String, longs: String }) as Record<string, unknown>;
}

export const namesOf = (response: DiscoveryResponse): string[] =>
  response.resources.map((r) => {
    const decoded = decode(r);
    return String(decoded['name'] ?? decoded['cluster_name']);
  });
