/**
 * What the checker reports: a problem at a JSON path. Paths are built while walking as a linked
 * list of nodes (one small object per visited value, no array copies) and turned into strings
 * only for the problems actually reported.
 */
import { codeByName, type Severity } from '../diagnostics/codes.js';
import type { CHECK_CODES } from '../diagnostics/codes/check.js';

export type CheckName = (typeof CHECK_CODES)[number]['name'];
export type CheckCode = (typeof CHECK_CODES)[number]['code'];

export type Segment = string | number;

/** One step of a path; the root of a resource has no parent and no key. */
export interface PathNode {
  readonly parent: PathNode | undefined;
  readonly key: Segment | undefined;
}

/** A new root: each checked resource has its own, so that nodes identify one position. */
export function rootNode(): PathNode {
  return { parent: undefined, key: undefined };
}

export function child(parent: PathNode, key: Segment): PathNode {
  return { parent, key };
}

/** `child` over several keys at once, for paths below a node the walker recorded. */
export function descend(parent: PathNode, ...keys: readonly Segment[]): PathNode {
  let node = parent;
  for (const key of keys) node = child(node, key);
  return node;
}

export function segmentsOf(node: PathNode): Segment[] {
  const out: Segment[] = [];
  for (let n: PathNode | undefined = node; n && n.key !== undefined; n = n.parent) out.push(n.key);
  return out.reverse();
}

const IDENTIFIER = /^[A-Za-z_@][A-Za-z0-9_@]*$/;

/** `static_resources.clusters[3].connect_timeout`; keys that are not identifiers are quoted: `metadata["envoy.lb"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export interface CheckProblem {
  readonly code: CheckCode;
  readonly name: CheckName;
  readonly severity: Severity;
  readonly message: string;
  /** JSON path from the root of the checked resource, `""` for the root itself. */
  readonly path: string;
  /** The same path as keys and indexes, for mapping back to a source position. */
  readonly segments: readonly Segment[];
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** Index of the resource in `checkResources` input (0 for `checkMessage`). */
  readonly resource: number;
  /** Another place the problem involves, e.g. the first of two duplicates. */
  readonly related?: RelatedProblemPlace;
}

export interface RelatedProblemPlace {
  readonly message: string;
  readonly resource: number;
  readonly path: string;
  readonly segments: readonly Segment[];
}

/** Collects problems; shared by the walker, the PGV rules and the invariants. */
export class ProblemSink {
  readonly problems: CheckProblem[] = [];
  /** The resource being walked; problems found meanwhile belong to it. */
  resource = 0;

  report(name: CheckName, at: PathNode, message: string, value?: unknown, resource = this.resource, related?: Related): void {
    const entry = codeByName(name);
    const segments = segmentsOf(at);
    this.problems.push({
      code: entry.code as CheckCode,
      name,
      severity: entry.severity,
      message,
      path: formatPath(segments),
      segments,
      ...(value !== undefined ? { value } : {}),
      resource,
      ...(related ? { related: placeOf(related) } : {}),
    });
  }
}

/** Where a related place is, as the reporter knows it. */
export interface Related {
  readonly message: string;
  readonly at: PathNode;
  readonly resource: number;
}

function placeOf(related: Related): RelatedProblemPlace {
  const segments = segmentsOf(related.at);
  return { message: related.message, resource: related.resource, path: formatPath(segments), segments };
}

/** A value as it appears in a message: `"250ms"`, `42`, `an object`. Long values are shortened. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
