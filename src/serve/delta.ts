/**
 * An incremental (delta) ADS stream, which Envoy's `api_type: DELTA_GRPC` speaks: each response
 * carries only the resources whose version differs from what the client holds, and the names of
 * those it must drop. What the client holds starts from `initial_resource_versions` when it
 * reconnects, so a client that fails over to another replica is sent only what changed.
 *
 * Make before break: types go in XDS_ORDER, and the removal of clusters waits until the client
 * has acknowledged the listeners and route tables of the change.
 */
import type { XdsType } from '../xds/dynamic.js';
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse } from './protocol.js';
import { XDS_ORDER } from '../xds/dynamic.js';
import { TYPE_URL, type SnapshotResource } from './snapshot.js';
import { AdsStream, CONTROL_PLANE_ID, WILDCARD_TYPES } from './stream.js';

interface TypeState {
  wildcard: boolean;
  readonly subscribed: Set<string>;
  /** Name → version of what the client holds (as far as this server has sent or been told). */
  readonly known: Map<string, string>;
  /** Subscribed names this server has already told the client do not exist. */
  readonly absent: Set<string>;
  /** Responses not answered yet, by nonce. */
  readonly pending: Map<string, { readonly resources: readonly SnapshotResource[]; readonly since: number }>;
  nacked: boolean;
  acked: number;
}

interface Diff {
  readonly changed: readonly SnapshotResource[];
  readonly removed: readonly string[];
}

export class DeltaStream extends AdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {
  readonly api = 'delta';
  private readonly types = new Map<XdsType, TypeState>();

  protected handle(type: XdsType, request: DeltaDiscoveryRequest): void {
    let state = this.types.get(type);
    if (state === undefined) {
      state = {
        // An empty first subscription to listeners or clusters is the legacy wildcard.
        wildcard: WILDCARD_TYPES.has(type) && request.resource_names_subscribe.length === 0,
        subscribed: new Set(),
        known: new Map(Object.entries(request.initial_resource_versions)),
        absent: new Set(),
        pending: new Map(),
        nacked: false,
        acked: 0,
      };
      this.types.set(type, state);
    }
    this.subscribe(state, request);
    if (request.response_nonce !== '') this.settle(type, state, request);
    this.push();
  }

  private subscribe(state: TypeState, request: DeltaDiscoveryRequest): void {
    for (const name of request.resource_names_subscribe) {
      if (name === '*') state.wildcard = true;
      else state.subscribed.add(name);
    }
    for (const name of request.resource_names_unsubscribe) {
      if (name === '*') state.wildcard = false;
      state.subscribed.delete(name);
      state.known.delete(name);
      state.absent.delete(name);
    }
  }

  private settle(type: XdsType, state: TypeState, request: DeltaDiscoveryRequest): void {
    const answered = state.pending.get(request.response_nonce);
    if (answered === undefined) return;
    state.pending.delete(request.response_nonce);
    const service = this.service ?? '';
    state.nacked = Boolean(request.error_detail);
    if (request.error_detail) {
      const version = answered.resources.map((r) => `${r.name}@${r.version}`).join(',') || 'removal';
      this.hub.reject(this.node, service, type, version, request.error_detail, answered.resources);
      return;
    }
    state.acked++;
    this.hub.metrics.acks.inc({ service, type });
    this.hub.metrics.pushLatency.observe({ type }, (performance.now() - answered.since) / 1000);
  }

  push(): void {
    if (this.closed) return;
    for (const type of XDS_ORDER) {
      const state = this.types.get(type);
      if (state === undefined) continue;
      const diff = this.diff(type, state);
      if (diff.changed.length === 0 && diff.removed.length === 0) continue;
      const nonce = String(++this.nonces);
      for (const r of diff.changed) state.known.set(r.name, r.version);
      for (const name of diff.removed) {
        state.known.delete(name);
        if (state.subscribed.has(name)) state.absent.add(name);
      }
      state.pending.set(nonce, { resources: diff.changed, since: performance.now() });
      this.hub.metrics.pushes.inc({ service: this.service ?? '', type });
      this.call.write({
        system_version_info: this.hub.snapshot(this.service ?? '')?.version ?? '',
        resources: diff.changed.map((r) => ({ name: r.name, version: r.version, resource: r.any })),
        type_url: TYPE_URL[type],
        removed_resources: diff.removed,
        nonce,
        control_plane: { identifier: CONTROL_PLANE_ID },
      });
    }
  }

  /** What to send for a type: resources the client lacks or holds at another version, and names to drop. */
  private diff(type: XdsType, state: TypeState): Diff {
    const all = this.hub.snapshot(this.service ?? '')?.resources[type] ?? new Map<string, SnapshotResource>();
    const wanted = state.wildcard ? new Set([...all.keys(), ...state.subscribed]) : state.subscribed;
    const changed: SnapshotResource[] = [];
    const removed = new Set<string>();
    for (const name of [...wanted].sort()) {
      const r = all.get(name);
      if (r !== undefined && state.known.get(name) !== r.version) changed.push(r);
      // A subscribed name that does not exist is said so once, so the client need not wait for it.
      if (r === undefined && state.subscribed.has(name) && !state.absent.has(name)) removed.add(name);
    }
    const keepRemoved = type === 'cluster' && !this.routesSettled();
    for (const name of state.known.keys()) {
      if (!all.has(name) && !keepRemoved) removed.add(name);
    }
    return { changed, removed: [...removed] };
  }

  /** Whether the listeners and route tables the client holds are the current ones, and accepted. */
  private routesSettled(): boolean {
    return (['listener', 'routeConfiguration'] as const).every((type) => {
      const state = this.types.get(type);
      if (state === undefined) return true;
      const diff = this.diff(type, state);
      return state.pending.size === 0 && !state.nacked && diff.changed.length === 0 && diff.removed.length === 0;
    });
  }

  protected describeTypes(): Readonly<Record<string, unknown>> {
    const types: Record<string, unknown> = {};
    for (const [type, s] of this.types) {
      types[type] = {
        subscribed: s.wildcard ? ['*', ...s.subscribed] : [...s.subscribed],
        known: Object.fromEntries([...s.known].sort()),
        pending: s.pending.size,
        acked: s.acked,
        nacked: s.nacked,
      };
    }
    return types;
  }
}
