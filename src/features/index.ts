/**
 * The feature registry, in the order the stages run them (rules, resolution, and the lowering
 * order among the policies, given by each lowering's `order`). A feature is added here once; the
 * schema, the diagnostic codes, the rules, the resolution and the lowering all read this list.
 */
import type { CodeEntry } from '../diagnostics/codes/entry.js';
import type { Feature, FeatureSchema } from './feature.js';
import { retries } from './retries/index.js';
import { headers } from './headers/index.js';
import { rewrite } from './rewrite/index.js';
import { websocket } from './websocket/index.js';
import { inbound } from './inbound/index.js';

export const FEATURES = [retries, headers, rewrite, websocket, inbound] as const satisfies readonly Feature[];

type Registered = (typeof FEATURES)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type LevelShape<F, L extends keyof FeatureSchema> = F extends { readonly schema: infer S } ? (S extends { readonly [K in L]: infer X } ? X : object) : never;

/** Every feature's fields of one level, typed, for the schema (dsl/schema.ts) to spread. */
export function featureFields<L extends keyof FeatureSchema>(level: L): UnionToIntersection<LevelShape<Registered, L>> {
  return Object.assign({}, ...FEATURES.map((f: Feature) => f.schema[level] ?? {})) as UnionToIntersection<LevelShape<Registered, L>>;
}

/** Every feature's diagnostic codes, for the registry of codes (diagnostics/codes.ts). */
export const FEATURE_CODES: readonly Registered['codes'][number][] = FEATURES.flatMap((f): readonly CodeEntry[] => f.codes) as Registered['codes'][number][];
