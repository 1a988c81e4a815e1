/**
 * A state-of-the-world ADS stream (what Envoy's `api_type: GRPC` and gRPC's xDS clients speak).
 * Per type it remembers the subscription, the last nonce and what was sent, and sends a type
 * again only when what it would send differs from what was sent: a rejected (NACKed) response
 * is never re-sent, and a client that reconnects (to this or another replica) already holding
 * the current version is sent nothing, because versions are hashes of exactly what is sent.
 *
 * Make before break: within a push, types go in XDS_ORDER; and clusters a wildcard CDS client
 * received stay in its CDS responses, after a mesh change dropped them, until it has
 * acknowledged the listeners and route tables that stopped naming them.
 */
import type { XdsType } from '../xds/dynamic.js';
import type { DiscoveryRequest, DiscoveryResponse } from './protocol.js';
import { XDS_ORDER } from '../xds/dynamic.js';
import { setVersion, TYPE_URL, type SnapshotResource } from './snapshot.js';
import { AdsStream, CONTROL_PLANE_ID, WILDCARD_TYPES } from './stream.js';

interface TypeState {
  wildcard: boolean;
  names: readonly string[];
  nonce: string;
  /** What the client holds or is being sent: the last response. */
  sent?: { readonly version: string; readonly resources: ReadonlyMap<string, SnapshotResource>; readonly since: number };
  acked?: string;
  nacked?: string;
}

export class SotwStream extends AdsStream<DiscoveryRequest, DiscoveryResponse> {
  readonly api = 'sotw';
  private readonly types = new Map<XdsType, TypeState>();

  protected handle(type: XdsType, request: DiscoveryRequest): void {
    const state = this.types.get(type) ?? { wildcard: false, names: [], nonce: '' };
    this.types.set(type, state);
    // A reply to an older response: the client will reply to the newest one too (Envoy issue #10363).
    if (request.response_nonce !== '' && request.response_nonce !== state.nonce) return;
    state.wildcard = WILDCARD_TYPES.has(type) && (request.resource_names.length === 0 || request.resource_names.includes('*'));
    state.names = request.resource_names.filter((n) => n !== '*');
    if (request.response_nonce !== '') this.settle(type, state, request);
    else if (state.sent === undefined && request.version_info !== '') this.resume(state, type, request.version_info);
    this.push();
  }

  /** An ACK, or a NACK: detected by error_detail, never by version (gRFC A46 may advance it). */
  private settle(type: XdsType, state: TypeState, request: DiscoveryRequest): void {
    const sent = state.sent;
    if (sent === undefined) return;
    const service = this.service ?? '';
    if (request.error_detail) {
      state.nacked = sent.version;
      this.hub.reject(this.node, service, type, sent.version, request.error_detail, [...sent.resources.values()]);
      return;
    }
    if (state.acked !== sent.version) {
      this.hub.metrics.acks.inc({ service, type });
      this.hub.metrics.pushLatency.observe({ type }, (performance.now() - sent.since) / 1000);
    }
    state.acked = sent.version;
  }

  /**
   * A new stream from a client that already holds a version (it reconnected): when that is what
   * it would be sent now, it is recorded as sent and acknowledged instead of being sent again.
   */
  private resume(state: TypeState, type: XdsType, held: string): void {
    const wanted = this.response(type, state);
    if (wanted && wanted.version === held) {
      state.sent = { ...wanted, since: performance.now() };
      state.acked = wanted.version;
    }
  }

  push(): void {
    if (this.closed) return;
    for (const type of XDS_ORDER) {
      const state = this.types.get(type);
      if (state === undefined) continue;
      const next = this.response(type, state);
      if (next === undefined || next.version === state.sent?.version) continue;
      state.nonce = String(++this.nonces);
      state.sent = { ...next, since: performance.now() };
      this.hub.metrics.pushes.inc({ service: this.service ?? '', type });
      this.call.write({
        version_info: next.version,
        resources: [...next.resources.values()].map((r) => r.any),
        type_url: TYPE_URL[type],
        nonce: state.nonce,
        control_plane: { identifier: CONTROL_PLANE_ID },
      });
    }
  }

  /** What the client should hold now for a type, with its version; undefined without a snapshot. */
  private response(type: XdsType, state: TypeState): { version: string; resources: ReadonlyMap<string, SnapshotResource> } | undefined {
    const snapshot = this.hub.snapshot(this.service ?? '');
    if (snapshot === undefined) return undefined;
    const all = snapshot.resources[type];
    const resources = new Map<string, SnapshotResource>();
    const names = state.wildcard ? [...all.keys()] : state.names;
    for (const name of names) {
      const r = all.get(name);
      if (r) resources.set(name, r);
    }
    if (type === 'cluster' && state.wildcard && state.sent && !this.routesSettled()) {
      for (const [name, r] of state.sent.resources) if (!resources.has(name)) resources.set(name, r);
    }
    return { version: setVersion(resources.values()), resources };
  }

  /** Whether the client has acknowledged the current listeners and route tables (those it asked for). */
  private routesSettled(): boolean {
    return (['listener', 'routeConfiguration'] as const).every((type) => {
      const state = this.types.get(type);
      return state === undefined || state.acked === this.response(type, state)?.version;
    });
  }

  protected describeTypes(): Readonly<Record<string, unknown>> {
    const types: Record<string, unknown> = {};
    for (const [type, s] of this.types) {
      types[type] = { subscribed: s.wildcard ? ['*'] : s.names, sent: s.sent?.version ?? null, acked: s.acked ?? null, nacked: s.nacked ?? null };
    }
    return types;
  }
}
