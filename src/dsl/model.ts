/**
 * The mesh model: all schema-valid documents put together, each value still tied to where it
 * was written. Assembly is lenient (the first definition of a name wins); reporting duplicates
 * is the job of the `duplicate-service` and `duplicate-block` rules.
 */
import type { ParsedDocument } from './parse.js';
import type { Path } from './positions.js';
import type { AuthzSpec, CallSpec, DefaultsSpec, MeshDocument, MeshSpec, ServiceSpec } from './schema.js';

/** Where a value was written: a document and the path to the value in it. */
export interface NodeRef {
  readonly doc: ParsedDocument;
  readonly path: Path;
}

export interface Located<T> {
  readonly value: T;
  readonly at: NodeRef;
}

export interface ServiceDefinition {
  readonly name: string;
  readonly spec: ServiceSpec;
  readonly at: NodeRef;
}

export interface TypedDocument {
  readonly parsed: ParsedDocument;
  readonly value: MeshDocument;
}

export interface MeshModel {
  readonly documents: readonly TypedDocument[];
  readonly mesh: Located<MeshSpec> | undefined;
  readonly defaults: Located<DefaultsSpec> | undefined;
  /** The first definition of each service, sorted by name. */
  readonly services: readonly ServiceDefinition[];
  readonly serviceByName: ReadonlyMap<string, ServiceDefinition>;
}

export function assembleModel(documents: readonly TypedDocument[]): MeshModel {
  let mesh: Located<MeshSpec> | undefined;
  let defaults: Located<DefaultsSpec> | undefined;
  const serviceByName = new Map<string, ServiceDefinition>();
  for (const { parsed, value } of documents) {
    if (value.mesh && !mesh) mesh = { value: value.mesh, at: { doc: parsed, path: ['mesh'] } };
    if (value.defaults && !defaults) {
      defaults = { value: value.defaults, at: { doc: parsed, path: ['defaults'] } };
    }
    for (const [name, spec] of Object.entries(value.services ?? {})) {
      if (!serviceByName.has(name)) {
        serviceByName.set(name, { name, spec, at: { doc: parsed, path: ['services', name] } });
      }
    }
  }
  const services = [...serviceByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { documents, mesh, defaults, services, serviceByName };
}

export function refAt(ref: NodeRef, ...sub: Path): NodeRef {
  return { doc: ref.doc, path: [...ref.path, ...sub] };
}

/** The service a `calls` entry names (`catalog` or `{ service: catalog, localPort }`). */
/** A service's authz: its own, or else the mesh-wide default one (defaults.authz), with where it is written. */
export function effectiveAuthz(model: MeshModel, service: ServiceDefinition): { readonly spec: AuthzSpec; readonly at: NodeRef; readonly inherited: boolean } | undefined {
  if (service.spec.authz) return { spec: service.spec.authz, at: refAt(service.at, 'authz'), inherited: false };
  const inherited = model.defaults?.value.authz;
  return inherited && model.defaults ? { spec: inherited, at: refAt(model.defaults.at, 'authz'), inherited: true } : undefined;
}

/** Whether an authz has an allow list (the list form is one): then it refuses whatever the list does not allow. */
export function hasAllowList(spec: AuthzSpec): boolean {
  return Array.isArray(spec) || spec.allow !== undefined;
}

export function calledService(call: CallSpec): string {
  return typeof call === 'string' ? call : call.service;
}
