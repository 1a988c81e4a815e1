/**
 * The protoc-gen-validate rules as they appear in a field's compact options: a plain-data
 * mirror of validate.proto's FieldRules (snake_case keys, `in`/`not_in` always lists). Numbers
 * of 64-bit rules may arrive as numbers or decimal strings; durations and timestamps as
 * `{ seconds?, nanos? }` where an empty object means zero.
 */

export type RuleNumber = number | string;

export interface NumericRules {
  readonly const?: RuleNumber;
  readonly lt?: RuleNumber;
  readonly lte?: RuleNumber;
  readonly gt?: RuleNumber;
  readonly gte?: RuleNumber;
  readonly in?: readonly RuleNumber[];
  readonly not_in?: readonly RuleNumber[];
  readonly ignore_empty?: boolean;
}

export type KnownRegex = 'UNKNOWN' | 'HTTP_HEADER_NAME' | 'HTTP_HEADER_VALUE';

export interface StringRules {
  readonly const?: string;
  readonly len?: RuleNumber;
  readonly min_len?: RuleNumber;
  readonly max_len?: RuleNumber;
  readonly len_bytes?: RuleNumber;
  readonly min_bytes?: RuleNumber;
  readonly max_bytes?: RuleNumber;
  readonly pattern?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly contains?: string;
  readonly not_contains?: string;
  readonly in?: readonly string[];
  readonly not_in?: readonly string[];
  readonly email?: boolean;
  readonly hostname?: boolean;
  readonly ip?: boolean;
  readonly ipv4?: boolean;
  readonly ipv6?: boolean;
  readonly uri?: boolean;
  readonly uri_ref?: boolean;
  readonly address?: boolean;
  readonly uuid?: boolean;
  readonly well_known_regex?: KnownRegex;
  /** With well_known_regex: the strict RFC 7230 form (default) or only "no NUL, CR, LF". */
  readonly strict?: boolean;
  readonly ignore_empty?: boolean;
}

export interface BytesRules {
  readonly const?: string;
  readonly len?: RuleNumber;
  readonly min_len?: RuleNumber;
  readonly max_len?: RuleNumber;
  readonly pattern?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly contains?: string;
  readonly in?: readonly string[];
  readonly not_in?: readonly string[];
  readonly ip?: boolean;
  readonly ipv4?: boolean;
  readonly ipv6?: boolean;
  readonly ignore_empty?: boolean;
}

export interface EnumRules {
  readonly const?: number;
  readonly defined_only?: boolean;
  readonly in?: readonly number[];
  readonly not_in?: readonly number[];
}

export interface MessageRules {
  readonly skip?: boolean;
  readonly required?: boolean;
}

export interface RepeatedRules {
  readonly min_items?: RuleNumber;
  readonly max_items?: RuleNumber;
  readonly unique?: boolean;
  readonly items?: FieldRules;
  readonly ignore_empty?: boolean;
}

export interface MapRules {
  readonly min_pairs?: RuleNumber;
  readonly max_pairs?: RuleNumber;
  readonly no_sparse?: boolean;
  readonly keys?: FieldRules;
  readonly values?: FieldRules;
  readonly ignore_empty?: boolean;
}

export interface AnyRules {
  readonly required?: boolean;
  readonly in?: readonly string[];
  readonly not_in?: readonly string[];
}

export interface DurationValue {
  readonly seconds?: RuleNumber;
  readonly nanos?: number;
}

export interface DurationRules {
  readonly required?: boolean;
  readonly const?: DurationValue;
  readonly lt?: DurationValue;
  readonly lte?: DurationValue;
  readonly gt?: DurationValue;
  readonly gte?: DurationValue;
  readonly in?: readonly DurationValue[];
  readonly not_in?: readonly DurationValue[];
}

export interface TimestampRules {
  readonly required?: boolean;
  readonly const?: DurationValue;
  readonly lt?: DurationValue;
  readonly lte?: DurationValue;
  readonly gt?: DurationValue;
  readonly gte?: DurationValue;
  readonly lt_now?: boolean;
  readonly gt_now?: boolean;
  readonly within?: DurationValue;
}

/** Scalar rule kinds, named as in FieldRules' `type` oneof. */
export const NUMERIC_RULE_KINDS = ['float', 'double', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64'] as const;
export type NumericRuleKind = (typeof NUMERIC_RULE_KINDS)[number];

export interface FieldRules extends Partial<Record<NumericRuleKind, NumericRules>> {
  readonly message?: MessageRules;
  readonly bool?: { readonly const?: boolean };
  readonly string?: StringRules;
  readonly bytes?: BytesRules;
  readonly enum?: EnumRules;
  readonly repeated?: RepeatedRules;
  readonly map?: MapRules;
  readonly any?: AnyRules;
  readonly duration?: DurationRules;
  readonly timestamp?: TimestampRules;
}
