/**
 * The proto options the checker needs, boiled down to a compact form stored in each reflection
 * object's `options`. protobufjs records options twice: flattened in `options` (lossy: an empty
 * `gt {}` disappears and a repeated `in` keeps only its last value) and structured in
 * `parsedOptions`; this reads the structured form once, at build time, so that the descriptor
 * JSON carries exactly what the checker reads and nothing else.
 *
 * protobufjs keeps options the vendored validate.proto does not declare (for example
 * `ignore_empty` on StringRules, newer than that file) because it does not check option names
 * against their extension's type; they arrive here like any other rule.
 */
import protobuf from 'protobufjs';
import type { FieldRules } from '../pgv/rules.js';

/** The options kept on a field. */
export interface CompactFieldOptions {
  readonly rules?: FieldRules;
  /** `deprecated = true`: a warning when set. */
  readonly deprecated?: true;
  /** `(envoy.annotations.disallowed_by_default)`: deprecated and refused unless a runtime flag allows it. */
  readonly disallowed?: true;
  readonly json_name?: string;
  /** protobufjs marks proto3 `optional` fields this way; it makes presence explicit. */
  readonly proto3_optional?: true;
}

export interface CompactMessageOptions {
  /** `(validate.disabled)`: no PGV rule applies to this message or below it. */
  readonly disabled?: true;
  /** `(validate.ignored)`: PGV generates nothing for this message. */
  readonly ignored?: true;
}

export interface CompactOneofOptions {
  /** `(validate.required)`: exactly one member must be set. */
  readonly required?: true;
}

export interface CompactEnumValueOptions {
  readonly deprecated?: true;
  /** `(envoy.annotations.disallowed_by_default_enum)`. */
  readonly disallowed?: true;
}

type Options = Record<string, unknown>;

/** Rewrites every option under `root` into the compact form, in place. */
export function compactOptions(root: protobuf.Root): void {
  visit(root);
}

function visit(ns: protobuf.NamespaceBase): void {
  for (const child of ns.nestedArray) {
    if (child instanceof protobuf.Type) compactType(child);
    else if (child instanceof protobuf.Enum) compactEnum(child);
    else if (child instanceof protobuf.Service)
      ns.remove(child); // services are not configuration
    else if (child instanceof protobuf.Field)
      setOptions(child, undefined); // extension fields
    else if (child instanceof protobuf.Namespace) setOptions(child, undefined); // package options (java_package, …)
    if (child instanceof protobuf.Namespace || child instanceof protobuf.Type) visit(child);
  }
}

function compactType(type: protobuf.Type): void {
  const merged = mergeParsed(type.parsedOptions, type.options);
  setOptions(type, clean({ disabled: merged['(validate.disabled)'], ignored: merged['(validate.ignored)'] }));
  for (const field of type.fieldsArray) compactField(field);
  for (const oneof of type.oneofsArray) {
    const parsed = mergeParsed(oneof.parsedOptions, oneof.options);
    setOptions(oneof, clean({ required: parsed['(validate.required)'] }));
  }
}

function compactField(field: protobuf.Field): void {
  const merged = mergeParsed(field.parsedOptions, field.options);
  const rules = merged['(validate.rules)'];
  setOptions(
    field,
    clean({
      rules: isObject(rules) ? normalizeRules(rules) : undefined,
      deprecated: merged['deprecated'],
      disallowed: merged['(envoy.annotations.disallowed_by_default)'],
      json_name: merged['json_name'],
      proto3_optional: merged['proto3_optional'],
    }),
  );
}

function compactEnum(en: protobuf.Enum): void {
  setOptions(en, undefined);
  const values = en.valuesOptions;
  if (!values) return;
  const kept: Record<string, CompactEnumValueOptions> = {};
  for (const [name, options] of Object.entries(values)) {
    const compact = clean({
      deprecated: options['deprecated'],
      disallowed: options['(envoy.annotations.disallowed_by_default_enum)'],
    });
    if (compact) kept[name] = compact;
  }
  if (Object.keys(kept).length > 0) en.valuesOptions = kept;
  else delete en.valuesOptions;
}

/** All of an object's options as one nested object; structured entries win over flattened ones. */
function mergeParsed(parsed: readonly Options[] | undefined, flat: Options | undefined): Options {
  const out: Options = {};
  for (const [key, value] of Object.entries(flat ?? {})) {
    if (!key.includes('.') && !key.includes('(')) out[key] = value;
  }
  for (const entry of parsed ?? []) deepMerge(out, entry);
  return out;
}

const LIST_RULES = new Set(['in', 'not_in']);

function deepMerge(target: Options, source: Options): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (LIST_RULES.has(key)) target[key] = [...toList(existing), ...toList(value)];
    else if (isObject(existing) && isObject(value)) deepMerge(existing, value);
    else target[key] = isObject(value) ? copy(value) : value;
  }
}

function copy(value: Options): Options {
  const out: Options = {};
  deepMerge(out, value);
  return out;
}

/** `in` and `not_in` are always lists, even when the proto names a single value. */
function normalizeRules(rules: Options): FieldRules {
  const out = copy(rules);
  const fix = (o: Options): void => {
    for (const [key, value] of Object.entries(o)) {
      if (LIST_RULES.has(key)) o[key] = toList(value);
      else if (isObject(value)) fix(value);
    }
  };
  fix(out);
  return out as FieldRules;
}

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function clean<T extends Record<string, unknown>>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined && v !== false);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

function isObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setOptions(object: protobuf.ReflectionObject, options: object | undefined): void {
  if (options) object.options = options as Options;
  else delete object.options;
  delete object.parsedOptions;
}
