/**
 * The schema stage: each parsed document is checked against the zod schema, and every zod
 * issue becomes a diagnostic with its own code, pointing at the offending key or value.
 */
import * as z from 'zod';
import { diagnostic, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import type { DiagnosticName } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { ParsedDocument } from './parse.js';
import { describePath, spanAt, type Path, type Target } from './positions.js';
import { DNS_LABEL, DURATION, MeshDocument, VERSION_NAME } from './schema.js';

type Issue = z.core.$ZodIssue;

export function checkSchema(pd: ParsedDocument): StageResult<MeshDocument | undefined> {
  const result = MeshDocument.safeParse(pd.data);
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) => issueToDiagnostics(pd, issue, []));
  return { value: undefined, diagnostics: dedupe(diagnostics) };
}

function issueToDiagnostics(pd: ParsedDocument, issue: Issue, prefix: Path): Diagnostic[] {
  const path: Path = [...prefix, ...issue.path.map(toSegment)];
  const report = (name: DiagnosticName, message: string, target: Target = 'value', hint?: string) => [diagnostic(name, { message, location: spanAt(pd, path, target), hint })];
  const value = valueAt(pd.data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        diagnostic('unknown-field', {
          message: `unknown field "${key}" in ${describePath(path)}`,
          location: spanAt(pd, [...path, key], 'key'),
          hint: didYouMean(key, knownKeys(path)) ?? listKnownKeys(path),
        }),
      );
    case 'invalid_type':
      if (path[0] === 'apiVersion' && path.length === 1) return apiVersionProblem(pd, value);
      if (value === undefined) return missingField(pd, path);
      if (isDuration(schemaAt(path))) return formatProblem(pd, path, String(DURATION), value, 'value');
      // 1e400 and .inf parse as Infinity, .nan as NaN: neither is a number a field can hold.
      if (typeof value === 'number' && !Number.isFinite(value)) {
        const what = Number.isNaN(value) ? 'not a number (NaN)' : `${value > 0 ? '' : 'negatively '}too large to be a number (YAML reads it as ${value > 0 ? '' : '-'}infinity)`;
        return report('out-of-range', `${describePath(path)} is ${what}`);
      }
      if (issue.expected === 'int' && typeof value === 'number') {
        return report('out-of-range', `${describePath(path)} must be a whole number, got ${value}`);
      }
      return report('wrong-type', `${describePath(path)} must be ${article(expectedType(issue.expected))}, got ${describeValue(value)}`);
    case 'invalid_value':
      if (path[0] === 'apiVersion' && path.length === 1) return apiVersionProblem(pd, value);
      if (value === undefined) return missingField(pd, path);
      return report(
        'invalid-value',
        `${describePath(path)} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(value)}`,
        'value',
        typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined,
      );
    case 'invalid_format':
      return formatProblem(pd, path, issue.pattern, value, 'value');
    case 'invalid_key': {
      const key = path[path.length - 1];
      const pattern = issue.issues.find((i) => i.code === 'invalid_format')?.pattern;
      return formatProblem(pd, path, pattern, key, 'key');
    }
    case 'too_small':
    case 'too_big':
      return report('out-of-range', rangeMessage(issue, path, value));
    case 'invalid_union':
      return unionProblem(pd, issue, path, value);
    default:
      return report('invalid-value', `${describePath(path)}: ${issue.message}`);
  }
}

function missingField(pd: ParsedDocument, path: Path): Diagnostic[] {
  const field = path[path.length - 1];
  return [
    diagnostic('missing-field', {
      message: `${describePath(path.slice(0, -1))} needs the field "${String(field)}"`,
      location: spanAt(pd, path.slice(0, -1), 'key'),
    }),
  ];
}

/** A duration field given something other than a string (`timeout: 5`) is a duration problem. */
function isDuration(schema: AnySchema | undefined): boolean {
  const checks = (schema?._zod.def as { checks?: { _zod: { def: { pattern?: RegExp } } }[] } | undefined)?.checks ?? [];
  return checks.some((c) => String(c._zod.def.pattern) === String(DURATION));
}

function apiVersionProblem(pd: ParsedDocument, value: unknown): Diagnostic[] {
  const missing = value === undefined;
  return [
    diagnostic('unsupported-api-version', {
      message: missing ? 'the document has no apiVersion' : `apiVersion ${describeValue(value)} is not supported`,
      location: spanAt(pd, missing ? [] : ['apiVersion']),
      hint: 'start the document with `apiVersion: meshc/v1`',
    }),
  ];
}

function formatProblem(pd: ParsedDocument, path: Path, pattern: string | undefined, value: unknown, target: Target): Diagnostic[] {
  const location = spanAt(pd, path, target);
  const shown = describeValue(value);
  if (pattern === String(DURATION)) {
    return [
      diagnostic('invalid-duration', {
        message: `${describePath(path)} must be a duration, got ${shown}`,
        location,
        hint: 'write a number with a unit: 250ms, 1s, 1.5s, 2m, 1h',
      }),
    ];
  }
  if (pattern === String(DNS_LABEL) || pattern === String(VERSION_NAME)) {
    const versionLike = pattern === String(VERSION_NAME);
    const suggestion = typeof value === 'string' ? toLabel(value) : '';
    const valid = versionLike ? VERSION_NAME : DNS_LABEL;
    return [
      diagnostic('invalid-name', {
        message: `${shown} is not a valid ${nameKind(path, target)}`,
        location,
        hint: valid.test(suggestion)
          ? `names are lowercase DNS labels: "${suggestion}"`
          : `use lowercase letters, digits and -, ${versionLike ? 'starting and ending' : 'starting with a letter and ending'} with a letter or digit (at most 63 characters)`,
      }),
    ];
  }
  const description = schemaDescription(target === 'key' ? undefined : path);
  return [
    diagnostic('invalid-format', {
      message: `${describePath(path)} has an invalid format: ${shown}${description ? ` (${description})` : ''}`,
      location,
    }),
  ];
}

/** What kind of name a path holds: "service name", "version name", … */
function nameKind(path: Path, target: Target): string {
  const [first] = path;
  const parent = path[path.length - 2];
  if (target === 'key' && path.length === 2 && first === 'services') return 'service name';
  if (target === 'key' && parent === 'versions') return 'version name';
  if (target === 'key' && parent === 'split') return 'version name in a split';
  if (target === 'key' && parent === 'providers') return 'provider name';
  if (path.length === 2 && first === 'mesh') return 'mesh name';
  return `name for ${describePath(target === 'key' ? path.slice(0, -1) : path)}`;
}

/** `orderHistory` → `order-history`, `Cart_V2` → `cart-v2`. */
function toLabel(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

function rangeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, path: Path, value: unknown): string {
  const small = issue.code === 'too_small';
  const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
  if (issue.origin === 'array') return `${describePath(path)} needs at least ${bound} entr${bound === 1 ? 'y' : 'ies'}`;
  if (issue.origin === 'string') return `${describePath(path)} must not be empty`;
  const inclusive = issue.inclusive !== false;
  const relation = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  return `${describePath(path)} must be ${relation} ${bound}, got ${describeValue(value)}`;
}

/**
 * A union failed: report the branch whose kind fits the value (a word written as a word, an
 * object as an object), not a wall of alternatives. Zod reports an enum given an object as an
 * invalid value, so "fits" is decided from the branch schemas, not from the issue codes.
 */
function unionProblem(pd: ParsedDocument, issue: z.core.$ZodIssueInvalidUnion, path: Path, value: unknown): Diagnostic[] {
  const options = unionOptions(path);
  const kind = kindOf(value);
  const fitting = issue.errors.filter((_, i) => options[i] !== undefined && acceptedKinds(options[i]).includes(kind));
  const best = [...fitting].sort((a, b) => a.length - b.length)[0];
  if (best) return best.flatMap((i) => issueToDiagnostics(pd, i, path));
  const expected = [...new Set(options.flatMap(acceptedKinds))].map((k) => article(k === 'word' ? 'word' : expectedType(k)));
  return [
    diagnostic('wrong-type', {
      message: `${describePath(path)} must be ${expected.join(' or ')}, got ${describeValue(value)}`,
      location: spanAt(pd, path),
    }),
  ];
}

type ValueKind = 'string' | 'word' | 'number' | 'boolean' | 'object' | 'array' | 'null';

function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'object';
}

/** The kinds of value a schema takes: a word (enum) takes a string. */
function acceptedKinds(schema: AnySchema): ValueKind[] {
  const def = unwrap(schema)._zod.def as { type: string; values?: unknown[] };
  switch (def.type) {
    case 'enum':
      return ['string'];
    case 'literal':
      return [...new Set((def.values ?? []).map(kindOf))];
    case 'string':
      return ['string'];
    case 'number':
    case 'int':
      return ['number'];
    case 'boolean':
      return ['boolean'];
    case 'array':
      return ['array'];
    case 'object':
    case 'record':
      return ['object'];
    case 'union':
      return ((def as { options?: AnySchema[] }).options ?? []).flatMap(acceptedKinds);
    default:
      return [];
  }
}

function unionOptions(path: Path): AnySchema[] {
  const schema = schemaAt(path);
  const def = schema?._zod.def as { type: string; options?: AnySchema[] } | undefined;
  return def?.type === 'union' ? (def.options ?? []) : [];
}

// ── Schema introspection: the keys and descriptions at a path ───────────────────────────────

type AnySchema = z.core.$ZodType;

function schemaAt(path: Path): AnySchema | undefined {
  let schema: AnySchema | undefined = MeshDocument;
  for (const segment of path) {
    schema = schema ? childSchema(unwrap(schema), segment) : undefined;
  }
  return schema ? unwrap(schema) : undefined;
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      s = def.innerType;
    } else {
      return s;
    }
  }
}

function childSchema(schema: AnySchema, segment: string | number): AnySchema | undefined {
  const def = schema._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    valueType?: AnySchema;
    element?: AnySchema;
    options?: AnySchema[];
  };
  switch (def.type) {
    case 'object':
      return def.shape?.[String(segment)];
    case 'record':
      return def.valueType;
    case 'array':
      return def.element;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childSchema(unwrap(option), segment);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

function knownKeys(path: Path): string[] {
  const schema = schemaAt(path);
  if (!schema) return [];
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown>; options?: AnySchema[] };
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const inner = unwrap(option)._zod.def as { type: string; shape?: Record<string, unknown> };
      if (inner.type === 'object') return Object.keys(inner.shape ?? {});
    }
  }
  return [];
}

function listKnownKeys(path: Path): string | undefined {
  const keys = knownKeys(path);
  return keys.length > 0 ? `known fields: ${keys.join(', ')}` : undefined;
}

function schemaDescription(path: Path | undefined): string | undefined {
  if (!path) return undefined;
  const schema = schemaAt(path);
  return schema ? z.globalRegistry.get(schema)?.description : undefined;
}

// ── Wording ─────────────────────────────────────────────────────────────────────────────────

function toSegment(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[segment];
  }
  return v;
}

function expectedType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'whole number';
    case 'record':
    case 'object':
      return 'mapping';
    case 'array':
      return 'list';
    default:
      return expected;
  }
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.location?.line}|${d.location?.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
