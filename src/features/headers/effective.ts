/**
 * A route's header changes: for each direction and header name (compared in lower case, as
 * Envoy does), the change written at the closest level (route ← service ← defaults) is the one
 * made. Computed once per service definition for the rules and resolution.
 */
import { perRouteOfService, type LocatedLayer } from '../../dsl/effective.js';
import type { NodeRef } from '../../dsl/model.js';
import type { HeaderChangeIR, HeadersIR } from './ir.js';
import { HEADER_DIRECTIONS, HEADER_OPERATIONS, type HeaderDirection, type HeaderMutationSpec, type HeaderOperation } from './schema.js';

/** One change as written: where, and under which key of the block. */
export interface WrittenChange extends HeaderChangeIR {
  readonly direction: HeaderDirection;
  /** The header as written (case kept), for positions and messages. */
  readonly written: string;
  /** The layer's node; the change is at headers.<direction>.<operation>.<written> (or the index in remove). */
  readonly layer: NodeRef;
  /** The path below the layer to the change's key. */
  readonly path: readonly (string | number)[];
}

/** Every change one layer writes, in the order written. */
export function writtenChanges(layer: NodeRef, headers: { readonly [D in HeaderDirection]?: HeaderMutationSpec | undefined } | undefined): WrittenChange[] {
  const changes: WrittenChange[] = [];
  for (const direction of HEADER_DIRECTIONS) {
    const mutation = headers?.[direction];
    if (!mutation) continue;
    for (const operation of HEADER_OPERATIONS) changes.push(...changesOf(layer, direction, operation, mutation));
  }
  return changes;
}

function changesOf(layer: NodeRef, direction: HeaderDirection, operation: HeaderOperation, mutation: HeaderMutationSpec): WrittenChange[] {
  const base = ['headers', direction, operation];
  if (operation === 'remove') {
    return (mutation.remove ?? []).map((written, i) => ({ direction, name: written.toLowerCase(), operation, written, layer, path: [...base, i] }));
  }
  return Object.entries(mutation[operation] ?? {}).map(([written, value]) => ({
    direction,
    name: written.toLowerCase(),
    operation,
    value,
    written,
    layer,
    path: [...base, written],
  }));
}

/** The changes a chain makes, closest level first wins per direction and name; sorted by name. */
export function effectiveHeaders(chain: readonly LocatedLayer[]): HeadersIR | undefined {
  const chosen = new Map<string, WrittenChange>();
  for (const { at, source } of chain) {
    // Within one level a header is changed once (header-changed-twice); the first is kept.
    const level = new Map<string, WrittenChange>();
    for (const change of writtenChanges(at, source.headers)) {
      const key = `${change.direction} ${change.name}`;
      if (!level.has(key)) level.set(key, change);
    }
    for (const [key, change] of level) chosen.set(key, change);
  }
  if (chosen.size === 0) return undefined;
  const of = (direction: HeaderDirection): HeaderChangeIR[] =>
    [...chosen.values()]
      .filter((c) => c.direction === direction)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(({ name, operation, value }) => (value === undefined ? { name, operation } : { name, operation, value }));
  return { request: of('request'), response: of('response') };
}

/** Each route's header changes (the implicit route's when the service declares none). */
export const routeHeaders = perRouteOfService(effectiveHeaders);
