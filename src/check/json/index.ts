/**
 * Every message instance the walker met, by type, with its path: what the invariants query
 * ("all RouteConfigurations", "all HTTP connection managers") instead of re-walking the config.
 * Values are in normalized form (see walk.ts).
 */
import type { PathNode } from '../problems.js';

export type Normalized = Record<string, unknown>;

export interface Instance {
  /** Full message name, without the leading dot. */
  readonly type: string;
  readonly value: Normalized;
  readonly path: PathNode;
  /** Index of the checked resource the instance belongs to. */
  readonly resource: number;
}

export class InstanceIndex {
  private readonly byType = new Map<string, Instance[]>();
  private readonly byPath = new Map<PathNode, Instance>();
  /** TypedStruct (normalized) → the message its `value` describes, when the type is known. */
  private readonly typedStructPayloads = new WeakMap<object, Normalized>();
  resource = 0;

  add(type: string, value: Normalized, path: PathNode): void {
    const instance: Instance = { type, value, path, resource: this.resource };
    const list = this.byType.get(type);
    if (list) list.push(instance);
    else this.byType.set(type, [instance]);
    this.byPath.set(path, instance);
  }

  /** The instance recorded at exactly this path node. */
  at(path: PathNode): Instance | undefined {
    return this.byPath.get(path);
  }

  of(type: string): readonly Instance[] {
    return this.byType.get(type) ?? [];
  }

  /** The nearest enclosing instance of `type` (not the instance at `path` itself). */
  ancestor(path: PathNode, type: string): Instance | undefined {
    for (let node = path.parent; node; node = node.parent) {
      const found = this.byPath.get(node);
      if (found?.type === type) return found;
    }
    return undefined;
  }

  /**
   * Whether the instance is a resource of its own: the root of a checked resource or a resource
   * of a DiscoveryResponse, rather than nested in another message (a route configuration inline
   * in an HCM, a static secret in a bootstrap).
   */
  isTopLevel(instance: Instance, container: string): boolean {
    for (let node = instance.path.parent; node; node = node.parent) {
      const enclosing = this.byPath.get(node);
      if (enclosing && enclosing.type !== container) return false;
    }
    return true;
  }

  setTypedStructPayload(typedStruct: object, payload: Normalized): void {
    this.typedStructPayloads.set(typedStruct, payload);
  }

  /**
   * The configuration an Any carries: the Any itself (its normalized form holds the payload's
   * fields next to `@type`) or, for a TypedStruct, the message its `value` was read as.
   */
  payloadOf(any: unknown): Normalized | undefined {
    if (typeof any !== 'object' || any === null) return undefined;
    return this.typedStructPayloads.get(any) ?? (any as Normalized);
  }
}

const TYPED_STRUCTS = new Set(['xds.type.v3.TypedStruct', 'udpa.type.v1.TypedStruct']);

export function isTypedStruct(typeName: string): boolean {
  return TYPED_STRUCTS.has(typeName);
}

/** The type an Any (normalized) configures: its `@type`, or the `type_url` of a TypedStruct. */
export function anyTypeName(any: unknown): string | undefined {
  if (typeof any !== 'object' || any === null) return undefined;
  const url = (any as Normalized)['@type'];
  if (typeof url !== 'string') return undefined;
  const name = url.slice(url.lastIndexOf('/') + 1);
  if (!isTypedStruct(name)) return name;
  const inner = (any as Normalized)['type_url'];
  return typeof inner === 'string' ? inner.slice(inner.lastIndexOf('/') + 1) : undefined;
}
