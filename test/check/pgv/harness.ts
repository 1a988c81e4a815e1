/**
 * PGV rule tests run against small messages written for the test, one ruled field `v` each, so
 * that every rule kind can be exercised, including those Envoy's protos do not use.
 */
import type { Schema } from '../../../src/check/api/schema.js';
import type { CheckOptions } from '../../../src/check/check.js';
import { checkIn, testSchema } from '../helpers.js';

const HEADER = `
syntax = "proto3";
package meshc.test;
import "validate/validate.proto";
import "google/protobuf/any.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
enum Color { COLOR_UNSET = 0; RED = 1; GREEN = 2; BLUE = 3; }
message Item { string name = 1 [(validate.rules).string.min_len = 1]; }
`;

/** Message name → the declaration of its field `v` (and anything else the message holds). */
export function ruleSchema(messages: Readonly<Record<string, string>>): Schema {
  const body = Object.entries(messages)
    .map(([name, fields]) => `message ${name} { ${fields} }`)
    .join('\n');
  return testSchema(HEADER + body);
}

/** The problems of `{ v: value }` (or `{}` when value is undefined) as `name@path`. */
export function verdict(schema: Schema, message: string, value?: unknown, options: CheckOptions = {}): string[] {
  return checkIn(schema, `meshc.test.${message}`, value === undefined ? {} : { v: value }, options);
}
