/**
 * Walks a schema-valid value together with its zod schema, yielding every value a given leaf
 * schema describes, with its path. Rules that bound one kind of value wherever the language
 * allows it (every Duration, say) use it instead of listing the fields by hand, so a field added
 * to the schema is bounded too.
 */
import type { z } from 'zod';
import type { Path } from './positions.js';

export interface Found {
  readonly path: Path;
  readonly value: unknown;
}

/** zod 4 keeps each schema's definition on `_zod.def`; only the kinds the language uses are read. */
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly getter?: () => z.ZodType;
  readonly in?: z.ZodType;
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly pattern?: RegExp } } }[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A string schema checked by `pattern` (how the language's Duration, HostPort… are written). */
export function hasPattern(schema: z.ZodType, pattern: RegExp): boolean {
  const def = defOf(schema);
  return def.type === 'string' && (def.checks ?? []).some((c) => c._zod.def.pattern?.source === pattern.source);
}

export function* valuesWhere(schema: z.ZodType, value: unknown, leaf: (schema: z.ZodType) => boolean, path: Path = []): Generator<Found> {
  if (value === undefined) return;
  if (leaf(schema)) {
    yield { path, value };
    return;
  }
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      if (!isRecord(value) || !def.shape) return;
      for (const [key, child] of Object.entries(def.shape)) yield* valuesWhere(child, value[key], leaf, [...path, key]);
      return;
    case 'record':
      if (!isRecord(value) || !def.valueType) return;
      for (const [key, child] of Object.entries(value)) yield* valuesWhere(def.valueType, child, leaf, [...path, key]);
      return;
    case 'array':
      if (!Array.isArray(value) || !def.element) return;
      for (const [i, child] of value.entries()) yield* valuesWhere(def.element, child, leaf, [...path, i]);
      return;
    case 'union': {
      // The value passed the schema, so the first option that takes it is the one that did.
      const option = def.options?.find((o) => o.safeParse(value).success);
      if (option) yield* valuesWhere(option, value, leaf, path);
      return;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      if (def.innerType) yield* valuesWhere(def.innerType, value, leaf, path);
      return;
    case 'lazy':
      if (def.getter) yield* valuesWhere(def.getter(), value, leaf, path);
      return;
    case 'pipe':
      if (def.in) yield* valuesWhere(def.in, value, leaf, path);
      return;
    case 'intersection':
      if (def.left) yield* valuesWhere(def.left, value, leaf, path);
      if (def.right) yield* valuesWhere(def.right, value, leaf, path);
      return;
    default:
      return;
  }
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
