/**
 * The Envoy API as the checker sees it: for each message a plan (its fields under both JSON
 * names, oneofs, rules, deprecation), built from the protobufjs reflection on first use and
 * cached, so that walking a config is map lookups rather than reflection calls.
 */
import protobuf from 'protobufjs';
import type { FieldRules } from '../pgv/rules.js';
import type { CompactEnumValueOptions, CompactFieldOptions, CompactMessageOptions, CompactOneofOptions } from './options.js';

export type ScalarKind =
  | 'double'
  | 'float'
  | 'int32'
  | 'int64'
  | 'uint32'
  | 'uint64'
  | 'sint32'
  | 'sint64'
  | 'fixed32'
  | 'fixed64'
  | 'sfixed32'
  | 'sfixed64'
  | 'bool'
  | 'string'
  | 'bytes';

export type ValuePlan =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'enum'; readonly enumType: EnumPlan }
  | { readonly kind: 'message'; readonly typeName: string };

export interface FieldPlan {
  /** The proto field name (snake_case), as Envoy's YAML and docs write it. */
  readonly name: string;
  /** The proto3 JSON name (lowerCamel), which Envoy's parser accepts too. */
  readonly jsonName: string;
  readonly label: 'single' | 'repeated' | 'map';
  /** The element type (the map's value type for maps). */
  readonly value: ValuePlan;
  readonly mapKey?: ScalarKind;
  /** The real oneof the field belongs to (not the synthetic one of a proto3 `optional`). */
  readonly oneof?: OneofPlan;
  /** Set only when present: oneof members, proto3 `optional` fields. Scalars otherwise always have a value. */
  readonly explicitPresence: boolean;
  readonly rules?: FieldRules;
  readonly deprecated: boolean;
  readonly disallowed: boolean;
  readonly ownerName: string;
}

export interface OneofPlan {
  readonly name: string;
  readonly members: readonly FieldPlan[];
  readonly required: boolean;
}

export interface MessagePlan {
  /** Full name without the leading dot: `envoy.config.cluster.v3.Cluster`. */
  readonly fullName: string;
  readonly fields: readonly FieldPlan[];
  /** Both names of every field. */
  readonly byKey: ReadonlyMap<string, FieldPlan>;
  readonly oneofs: readonly OneofPlan[];
  /** The fields that carry PGV rules, and the oneofs PGV requires: what validation visits. */
  readonly ruledFields: readonly FieldPlan[];
  readonly requiredOneofs: readonly OneofPlan[];
  /** `(validate.disabled)` or `(validate.ignored)`: no PGV rules here or below. */
  readonly validationDisabled: boolean;
  readonly type: protobuf.Type;
}

export interface EnumPlan {
  readonly fullName: string;
  readonly names: readonly string[];
  readonly numberOf: ReadonlyMap<string, number>;
  /** Upper-cased name → name, for Envoy's case-insensitive enum parsing (see json/enums.ts). */
  readonly byUpperCase: ReadonlyMap<string, string>;
  /** Number → its first name. */
  readonly nameOf: ReadonlyMap<number, string>;
  readonly valueOptions: ReadonlyMap<string, CompactEnumValueOptions>;
}

export class Schema {
  private readonly messages = new Map<string, MessagePlan | null>();
  private readonly enums = new Map<string, EnumPlan>();
  private allNames: string[] | undefined;

  constructor(readonly root: protobuf.Root) {}

  /** The plan of a message, or undefined when the API has no such message. */
  message(fullName: string): MessagePlan | undefined {
    const cached = this.messages.get(fullName);
    if (cached !== undefined) return cached ?? undefined;
    const type = this.lookupType(fullName);
    const plan = type ? this.planMessage(type) : null;
    this.messages.set(fullName, plan);
    return plan ?? undefined;
  }

  /** Full names of every message, for "did you mean" on unknown types. */
  messageNames(): readonly string[] {
    this.allNames ??= collectTypeNames(this.root);
    return this.allNames;
  }

  private lookupType(fullName: string): protobuf.Type | undefined {
    try {
      const found = this.root.lookup(fullName);
      return found instanceof protobuf.Type ? found : undefined;
    } catch {
      return undefined;
    }
  }

  private planMessage(type: protobuf.Type): MessagePlan {
    const fullName = type.fullName.slice(1);
    const typeOptions = (type.options ?? {}) as CompactMessageOptions;
    const oneofByName = new Map<string, { name: string; members: FieldPlan[]; required: boolean }>();
    for (const oneof of type.oneofsArray) {
      const options = (oneof.options ?? {}) as CompactOneofOptions;
      const synthetic = oneof.fieldsArray.length === 1 && isProto3Optional(oneof.fieldsArray[0]);
      if (!synthetic) oneofByName.set(oneof.name, { name: oneof.name, members: [], required: options.required === true });
    }
    const fields: FieldPlan[] = [];
    const byKey = new Map<string, FieldPlan>();
    for (const field of type.fieldsArray) {
      const oneof = field.partOf ? oneofByName.get(field.partOf.name) : undefined;
      const plan = this.planField(field, fullName, oneof);
      oneof?.members.push(plan);
      fields.push(plan);
      byKey.set(plan.name, plan);
      byKey.set(plan.jsonName, plan);
    }
    return {
      fullName,
      fields,
      byKey,
      oneofs: [...oneofByName.values()],
      ruledFields: fields.filter((f) => f.rules !== undefined),
      requiredOneofs: [...oneofByName.values()].filter((o) => o.required),
      validationDisabled: typeOptions.disabled === true || typeOptions.ignored === true,
      type,
    };
  }

  private planField(field: protobuf.Field, ownerName: string, oneof: OneofPlan | undefined): FieldPlan {
    const options = (field.options ?? {}) as CompactFieldOptions;
    field.resolve();
    const isMap = field instanceof protobuf.MapField;
    const value = this.planValue(field);
    return {
      name: field.name,
      jsonName: options.json_name ?? jsonNameOf(field.name),
      label: isMap ? 'map' : field.repeated ? 'repeated' : 'single',
      value,
      ...(isMap ? { mapKey: (field as protobuf.MapField).keyType as ScalarKind } : {}),
      ...(oneof ? { oneof } : {}),
      explicitPresence: oneof !== undefined || options.proto3_optional === true,
      ...(options.rules ? { rules: options.rules } : {}),
      deprecated: options.deprecated === true,
      disallowed: options.disallowed === true,
      ownerName,
    };
  }

  private planValue(field: protobuf.Field): ValuePlan {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) return { kind: 'message', typeName: resolved.fullName.slice(1) };
    if (resolved instanceof protobuf.Enum) return { kind: 'enum', enumType: this.planEnum(resolved) };
    return { kind: 'scalar', scalar: field.type as ScalarKind };
  }

  private planEnum(en: protobuf.Enum): EnumPlan {
    const fullName = en.fullName.slice(1);
    const cached = this.enums.get(fullName);
    if (cached) return cached;
    const names = Object.keys(en.values);
    const nameOf = new Map<number, string>();
    for (const name of names) {
      const number = en.values[name] as number;
      if (!nameOf.has(number)) nameOf.set(number, name);
    }
    const plan: EnumPlan = {
      fullName,
      names,
      numberOf: new Map(names.map((n) => [n, en.values[n] as number])),
      byUpperCase: new Map(names.map((n) => [n.toUpperCase(), n])),
      nameOf,
      valueOptions: new Map(Object.entries((en.valuesOptions ?? {}) as Record<string, CompactEnumValueOptions>)),
    };
    this.enums.set(fullName, plan);
    return plan;
  }
}

function isProto3Optional(field: protobuf.Field | undefined): boolean {
  return (field?.options as CompactFieldOptions | undefined)?.proto3_optional === true;
}

/** protoc's default JSON name: `connect_timeout` → `connectTimeout`. */
export function jsonNameOf(protoName: string): string {
  let out = '';
  let upper = false;
  for (const ch of protoName) {
    if (ch === '_') {
      upper = true;
    } else {
      out += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return out;
}

function collectTypeNames(ns: protobuf.NamespaceBase, out: string[] = []): string[] {
  for (const child of ns.nestedArray) {
    if (child instanceof protobuf.Type) out.push(child.fullName.slice(1));
    if (child instanceof protobuf.Namespace || child instanceof protobuf.Type) collectTypeNames(child, out);
  }
  return out;
}
