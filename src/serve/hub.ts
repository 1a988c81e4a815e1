/**
 * The state `meshc serve` shares between its streams: the current snapshot of every service,
 * the connected streams by service, and the rejections clients reported. A new snapshot is
 * pushed only to the streams of services whose snapshot changed.
 */
import { status } from '@grpc/grpc-js';
import { spiffeId } from '../ir/identity.js';
import type { Origin } from '../ir/types.js';
import type { XdsType } from '../xds/dynamic.js';
import type { Logger } from './log.js';
import type { ServeMetrics } from './metrics.js';
import type { ErrorDetail, NodeInfo } from './protocol.js';
import type { ServiceSnapshot, SnapshotResource } from './snapshot.js';

/** One client's stream, state of the world or incremental. */
export interface Stream {
  readonly id: number;
  readonly api: 'sotw' | 'delta';
  readonly service: string | undefined;
  /** The stream's service has a new snapshot. */
  push(): void;
  /** Ends the stream with a gRPC status (the service left the mesh, the server stops). */
  close(code: status, details: string): void;
  describe(): Readonly<Record<string, unknown>>;
}

export interface Rejection {
  readonly node: string;
  readonly service: string;
  readonly type: XdsType;
  readonly version: string;
  readonly message: string;
  /** `file:line:col` of the DSL nodes behind the rejected resources. */
  readonly origins: readonly string[];
}

/** Who may ask for what: the SPIFFE IDs of the client certificate, absent on an insecure server. */
export type PeerIdentity = { readonly secure: false } | { readonly secure: true; readonly uris: readonly string[] };

export class Hub {
  private snapshots = new Map<string, ServiceSnapshot>();
  private trustDomain = '';
  private readonly streams = new Set<Stream>();
  private readonly rejections = new Map<string, Rejection>();
  private nextStreamId = 0;
  meshVersion: string | undefined;

  constructor(
    readonly log: Logger,
    readonly metrics: ServeMetrics,
  ) {}

  get ready(): boolean {
    return this.meshVersion !== undefined;
  }

  streamId(): number {
    return ++this.nextStreamId;
  }

  snapshot(service: string): ServiceSnapshot | undefined {
    return this.snapshots.get(service);
  }

  services(): readonly string[] {
    return [...this.snapshots.keys()].sort();
  }

  /** Replaces the served snapshots; returns the services whose configuration changed. */
  setSnapshots(snapshots: Map<string, ServiceSnapshot>, trustDomain: string, meshVersion: string): string[] {
    const changed = [...new Set([...this.snapshots.keys(), ...snapshots.keys()])].filter((s) => this.snapshots.get(s)?.version !== snapshots.get(s)?.version).sort();
    const affected = new Set(changed);
    const previous = this.meshVersion;
    this.snapshots = snapshots;
    this.trustDomain = trustDomain;
    this.meshVersion = meshVersion;
    if (previous !== undefined) this.metrics.snapshot.remove(previous);
    this.metrics.snapshot.set({ version: meshVersion }, 1);
    this.metrics.services.set(snapshots.size);
    for (const stream of [...this.streams]) {
      if (stream.service === undefined || !affected.has(stream.service)) continue;
      if (snapshots.has(stream.service)) stream.push();
      else stream.close(status.NOT_FOUND, `service "${stream.service}" is no longer in the mesh`);
    }
    return changed;
  }

  /**
   * A stream's first request names its node: `node.cluster` is the service whose configuration
   * it gets, and on a secure server the client certificate must be that service's. Returns the
   * gRPC status to close the stream with, or undefined when admitted.
   */
  admit(stream: Stream, node: NodeInfo | null | undefined, peer: PeerIdentity): { code: status; details: string } | undefined {
    const refuse = (reason: string, code: status, details: string) => {
      this.metrics.refused.inc({ reason });
      this.log('warn', 'stream refused', { stream: stream.id, node: node?.id ?? '', service: node?.cluster ?? '', reason, details });
      return { code, details };
    };
    if (!this.ready) return refuse('not-ready', status.UNAVAILABLE, 'meshc serve has no valid mesh loaded yet');
    const service = node?.cluster ?? '';
    if (service === '') return refuse('no-node', status.INVALID_ARGUMENT, 'the first request must carry node.cluster: the name of the service whose configuration the node wants');
    if (peer.secure) {
      const wanted = spiffeId(this.trustDomain, service);
      if (!peer.uris.includes(wanted)) {
        const presented = peer.uris.length > 0 ? peer.uris.join(', ') : 'no SPIFFE ID';
        return refuse('identity', status.PERMISSION_DENIED, `node.cluster "${service}" needs a client certificate for ${wanted}; this one is ${presented}`);
      }
    }
    if (!this.snapshots.has(service)) return refuse('unknown-service', status.NOT_FOUND, `no service "${service}" in the mesh (node.cluster names the service)`);
    return undefined;
  }

  add(stream: Stream): void {
    this.streams.add(stream);
    if (stream.service !== undefined) this.metrics.streams.inc({ service: stream.service, api: stream.api });
    this.log('info', 'stream connected', { stream: stream.id, service: stream.service, api: stream.api });
  }

  remove(stream: Stream): void {
    if (!this.streams.delete(stream)) return;
    if (stream.service !== undefined) this.metrics.streams.dec({ service: stream.service, api: stream.api });
    this.log('info', 'stream closed', { stream: stream.id, service: stream.service, api: stream.api });
  }

  /** A rejection is logged and counted once per node, type and version, however often it is repeated. */
  reject(node: string, service: string, type: XdsType, version: string, detail: ErrorDetail, sent: readonly SnapshotResource[]): void {
    const key = `${node}\u0000${type}\u0000${version}`;
    if (this.rejections.has(key)) return;
    const origins = [...new Set(blamed(detail.message, sent).flatMap((r) => (r.origin ? [where(r.origin)] : [])))];
    const rejection: Rejection = { node, service, type, version, message: detail.message, origins };
    this.rejections.set(key, rejection);
    this.metrics.nacks.inc({ service, type });
    this.log('error', 'configuration rejected', { ...rejection });
  }

  rejectionsOf(node: string): readonly Rejection[] {
    return [...this.rejections.values()].filter((r) => r.node === node);
  }

  describeStreams(): readonly Readonly<Record<string, unknown>>[] {
    return [...this.streams].sort((a, b) => a.id - b.id).map((s) => s.describe());
  }

  closeAll(code: status, details: string): void {
    for (const stream of [...this.streams]) stream.close(code, details);
  }
}

/** A request a stream cannot handle is a meshc bug: it ends that stream, never the server. */
export function guarded(stream: Stream, hub: Hub, handle: () => void): void {
  try {
    handle();
  } catch (error) {
    hub.log('error', 'internal error handling a request (a bug in meshc)', { stream: stream.id, service: stream.service ?? null, error: String((error as Error).stack ?? error) });
    stream.close(status.INTERNAL, 'meshc serve failed to handle the request; the error is in its log');
  }
}

/**
 * The resources a rejection is about: gRPC names them by index in the response ("resource index
 * 1: ..."), Envoy by name; when neither says, every resource of the response.
 */
function blamed(message: string, sent: readonly SnapshotResource[]): readonly SnapshotResource[] {
  const indexes = [...message.matchAll(/resource index (\d+)/g)].map((m) => sent[Number(m[1])]).filter((r) => r !== undefined);
  if (indexes.length > 0) return indexes;
  const named = sent.filter((r) => message.includes(r.name));
  return named.length > 0 ? named : sent;
}

function where(origin: Origin): string {
  return `${origin.file}:${origin.line}:${origin.column}`;
}
