/**
 * A feature unit: everything one feature of the mesh language is, in one folder
 * (src/features/<feature>/): its schema fragment, its inheritance and defaults, its semantic rules
 * and their diagnostic codes, its IR resolution and its Envoy lowering. The pipeline stages stay
 * where they are and call the registered units (index.ts) in the order written there.
 *
 * Feature files import only leaf modules (dsl/primitives, dsl/effective, dsl/model, envoy/*, and
 * types from anywhere): the stages import the registry, so a feature importing a stage at run
 * time would close a cycle (test/layering.test.ts keeps it so).
 */
import type { ZodType } from 'zod';
import type { CodeEntry } from '../diagnostics/codes/entry.js';
import type { LocatedLayer } from '../dsl/effective.js';
import type { MeshModel, ServiceDefinition } from '../dsl/model.js';
import type { RouteIR, ServiceIR } from '../ir/types.js';
import type { PolicyModule } from '../policies/policy.js';
import type { Rule } from '../validate/context.js';

type Shape = Readonly<Record<string, ZodType>>;

/** Where a feature's fields are written. */
export interface FeatureSchema {
  /** Traffic policy of `defaults` and of each service, inherited by its routes. */
  readonly policy?: Shape;
  /** Fields of a service alone (not inherited from defaults). */
  readonly service?: Shape;
  /** Fields of a route. */
  readonly route?: Shape;
}

/** A service being resolved. */
export interface ServiceInput {
  readonly model: MeshModel;
  readonly service: ServiceDefinition;
}

/** One route of a service, or its implicit route when it declares none. */
export interface RouteInput {
  readonly model: MeshModel;
  readonly service: ServiceDefinition;
  /** Absent for the implicit route. */
  readonly routeIndex?: number;
  /** defaults ← service ← route, most general first. */
  readonly chain: readonly LocatedLayer[];
}

export interface Feature<S extends FeatureSchema = FeatureSchema, C extends readonly CodeEntry[] = readonly CodeEntry[]> {
  /** kebab-case, the folder's name. */
  readonly id: string;
  readonly schema: S;
  /** The diagnostics its rules report (band MC2xxx). */
  readonly codes: C;
  readonly rules: readonly Rule[];
  /**
   * Fields (dotted paths below a service or a route) that do nothing on a tcp service;
   * http-feature-on-tcp reports them where written.
   */
  readonly httpOnly?: readonly string[];
  /** Fields a proxyless gRPC caller ignores; ignored-by-grpc reports them where written. */
  readonly grpcIgnores?: readonly string[];
  /** Fields of a service that a proxyless gRPC server ignores; ignored-by-grpc reports them. */
  readonly grpcServerIgnores?: readonly string[];
  /** The feature's fields of a service's IR (ServiceIR is augmented in the feature's ir.ts). */
  readonly resolveService?: (input: ServiceInput) => Partial<ServiceIR> | undefined;
  /** The feature's fields of a route's IR (RouteIR is augmented in the feature's ir.ts). */
  readonly resolveRoute?: (input: RouteInput) => Partial<RouteIR> | undefined;
  /** Its Envoy lowering; its `order` places it among the policies (policies/index.ts). */
  readonly lower?: PolicyModule;
}

export function defineFeature<const S extends FeatureSchema, const C extends readonly CodeEntry[]>(feature: Feature<S, C>): Feature<S, C> {
  return feature;
}
