/**
 * What both ADS streams share: the call's life cycle, admission on the first request (node and
 * identity), the resource type of each request, and ending with a status. The protocols differ
 * only in `handle` (a request of a known type from an admitted node), `push` and `describe`.
 */
import type { status, ServerDuplexStream } from '@grpc/grpc-js';
import type { XdsType } from '../xds/dynamic.js';
import { guarded, type Hub, type PeerIdentity, type Stream } from './hub.js';
import type { NodeInfo } from './protocol.js';
import { xdsTypeOf } from './snapshot.js';

/** Listeners and clusters may be asked for all at once (an empty or `*` subscription). */
export const WILDCARD_TYPES: ReadonlySet<XdsType> = new Set(['listener', 'cluster']);
export const CONTROL_PLANE_ID = 'meshc';

interface Request {
  readonly node?: NodeInfo | null;
  readonly type_url: string;
}

export abstract class AdsStream<Req extends Request, Res> implements Stream {
  abstract readonly api: 'sotw' | 'delta';
  readonly id: number;
  service: string | undefined;
  protected node = '';
  protected nonces = 0;
  protected closed = false;

  constructor(
    protected readonly hub: Hub,
    protected readonly call: ServerDuplexStream<Req, Res>,
    private readonly peer: PeerIdentity,
  ) {
    this.id = hub.streamId();
    call.on('data', (request: Req) => guarded(this, hub, () => this.onRequest(request)));
    const gone = () => this.hub.remove(this);
    call.on('end', () => {
      gone();
      call.end();
    });
    call.on('cancelled', gone);
    call.on('error', gone);
  }

  private onRequest(request: Req): void {
    if (this.closed) return;
    if (this.service === undefined) {
      const refusal = this.hub.admit(this, request.node, this.peer);
      if (refusal) return this.close(refusal.code, refusal.details);
      this.service = request.node?.cluster ?? '';
      this.node = request.node?.id ?? '';
      this.hub.add(this);
    }
    const type = xdsTypeOf(request.type_url);
    if (type === undefined) {
      this.hub.log('warn', 'unknown resource type requested', { stream: this.id, service: this.service, type_url: request.type_url });
      return;
    }
    this.handle(type, request);
  }

  protected abstract handle(type: XdsType, request: Req): void;
  abstract push(): void;
  protected abstract describeTypes(): Readonly<Record<string, unknown>>;

  close(code: status, details: string): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this);
    this.call.emit('error', { code, details });
  }

  describe(): Readonly<Record<string, unknown>> {
    return { stream: this.id, api: this.api, node: this.node, service: this.service, types: this.describeTypes(), rejections: this.hub.rejectionsOf(this.node) };
  }
}
