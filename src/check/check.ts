/**
 * The checker's library entry points, pure (no file or network access; the Envoy API descriptor
 * is loaded once, on first use). A config is given as plain data, the way it would be written
 * to JSON or YAML; problems come back with JSON paths.
 */
import { envoySchema } from './api/load.js';
import type { Schema } from './api/schema.js';
import { InstanceIndex } from './json/index.js';
import { createWalker, walkMessage } from './json/walk.js';
import { InvariantContext, type RootResource } from './invariants/context.js';
import { INVARIANTS } from './invariants/index.js';
import { descend, ProblemSink, rootNode, type CheckProblem, type Segment } from './problems.js';
import { resolveMessageName } from './types.js';

export interface CheckOptions {
  /**
   * Demand canonical proto3 JSON (exact enum names, lists as lists, 64-bit integers as strings,
   * canonical Durations, snake_case field names) instead of accepting what Envoy's parser
   * accepts. meshc checks its own output this way.
   */
  readonly strict?: boolean;
  /** Report Any payloads whose type is not in the vendored protos as warnings, left unchecked. */
  readonly allowUnknownTypes?: boolean;
}

/** One resource to check: its message type and the message as plain data. */
export interface Resource {
  /** A full name (`envoy.config.cluster.v3.Cluster`) or an alias (`cluster`, see MESSAGE_ALIASES). */
  readonly typeName: string;
  readonly value: unknown;
}

/**
 * Checks one message (a Bootstrap, a Listener, a DiscoveryResponse, …): its structure, the PGV
 * rules inside it and in every Any payload, and the invariants that apply to it.
 */
export function checkMessage(typeName: string, value: unknown, options: CheckOptions = {}): CheckProblem[] {
  return checkResources([{ typeName, value }], options);
}

/**
 * Checks resources that make up one Envoy's configuration together (a bootstrap and the xDS
 * resources it loads, say): each is checked as `checkMessage` does, and the invariants also
 * relate them, e.g. a route in one naming a cluster in another. Problems carry the index of
 * their resource. Throws only for a `typeName` the API does not have (a caller's mistake).
 */
export function checkResources(resources: readonly Resource[], options: CheckOptions = {}): CheckProblem[] {
  return checkWithSchema(envoySchema(), resources, options);
}

/** The same, against any protobufjs schema (tests use small ones with their own PGV rules). */
export function checkWithSchema(schema: Schema, resources: readonly Resource[], options: CheckOptions = {}): CheckProblem[] {
  const sink = new ProblemSink();
  const index = new InstanceIndex();
  const walker = createWalker(schema, { strict: options.strict === true, allowUnknownTypes: options.allowUnknownTypes === true }, sink, index);
  const roots: RootResource[] = resources.map((resource, i) => {
    const plan = schema.message(resolveMessageName(resource.typeName));
    if (!plan) throw new Error(`unknown message type ${resource.typeName}`);
    sink.resource = i;
    index.resource = i;
    const root = rootNode();
    const deep = tooDeepAt(resource.value);
    if (deep !== undefined) {
      sink.report('envoy-too-deep', descend(root, ...deep), `nested more than ${MAX_JSON_DEPTH} objects and lists deep; Envoy's JSON parser stops at ${MAX_JSON_DEPTH}`);
      return { resource: i, type: plan.fullName, value: undefined, instance: undefined };
    }
    const value = walkMessage(walker, plan, resource.value, root, true);
    return { resource: i, type: plan.fullName, value, instance: index.at(root) };
  });
  const ctx = new InvariantContext(schema, index, roots, sink);
  for (const invariant of INVARIANTS) invariant.check(ctx);
  return sink.problems;
}

/**
 * Envoy reads every config as JSON through protobuf's parser, which refuses content nested more
 * than 100 objects and lists deep ("JSON content was too deeply nested": ParseOptions::kDefaultDepth
 * in protobuf src/google/protobuf/json/internal/lexer.h). Checking this first also keeps the
 * recursive walk below within the stack for any input.
 */
export const MAX_JSON_DEPTH = 100;

/** The path to the first object or list past MAX_JSON_DEPTH, found without recursion. */
function tooDeepAt(value: unknown): Segment[] | undefined {
  const stack: { readonly node: unknown; readonly path: Segment[] }[] = [{ node: value, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, path } = next;
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return path;
    const children: [Segment, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, child] of children.reverse()) stack.push({ node: child, path: [...path, key] });
  }
  return undefined;
}
