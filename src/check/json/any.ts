/**
 * google.protobuf.Any: `{ "@type": "type.googleapis.com/<message>", ...payload }`, the payload
 * checked recursively as its own message, PGV rules included (Envoy validates every extension
 * config it instantiates). TypedStruct (xds.type.v3 and udpa.type.v1) carries a payload as a
 * Struct under `value`, typed by `type_url`; Envoy converts it to that message, so its `value`
 * is checked as one too.
 */
import { closest } from '../../diagnostics/suggest.js';
import { child, describeValue, type PathNode } from '../problems.js';
import { isTypedStruct, type Normalized } from './index.js';
import { hasValueInAny } from './well-known-types.js';
import { isObject, nonCanonical, report, type Walker } from './walker.js';

const TYPE_KEY = '@type';
const CANONICAL_PREFIX = 'type.googleapis.com/';

export function walkAny(w: Walker, value: unknown, at: PathNode): unknown {
  if (!isObject(value)) {
    report(w, 'envoy-wrong-type', at, `expected object (google.protobuf.Any), got ${describeValue(value)}`, value);
    return undefined;
  }
  const url = value[TYPE_KEY];
  if (url === undefined) {
    if (Object.keys(value).length === 0) return {}; // an empty Any is valid proto3 JSON
    report(w, 'envoy-invalid-any', at, 'google.protobuf.Any without "@type": cannot tell what its fields are');
    return undefined;
  }
  const typeAt = child(at, TYPE_KEY);
  const typeName = typeNameOf(w, url, typeAt, 'google.protobuf.Any "@type"');
  if (typeName === undefined) return undefined;
  const plan = w.schema.message(typeName);
  if (!plan) {
    reportUnknownType(w, typeName, typeAt, false);
    return { [TYPE_KEY]: url };
  }
  let payload: unknown;
  if (hasValueInAny(typeName)) {
    for (const key in value) {
      if (key !== TYPE_KEY && key !== 'value') {
        report(w, 'envoy-unknown-field', child(at, key), `unknown field ${JSON.stringify(key)}: the ${typeName} inside an Any is under "value"`);
      }
    }
    const inner = value['value'] ?? {};
    // A well-known payload (a Duration, a Struct, …) is read by its own reader inside the walk.
    payload = w.walkMessage(w, plan, inner, child(at, 'value'), true);
  } else {
    payload = w.walkMessage(w, plan, value, at, true, TYPE_KEY);
  }
  if (!isObject(payload)) return { [TYPE_KEY]: url };
  const normalized: Normalized = { [TYPE_KEY]: url, ...payload };
  if (isTypedStruct(typeName)) walkTypedStructValue(w, value, normalized, at);
  return normalized;
}

/** The message a type URL names: the part after the last "/". */
function typeNameOf(w: Walker, url: unknown, at: PathNode, what: string): string | undefined {
  if (typeof url !== 'string' || !url.includes('/')) {
    report(w, 'envoy-invalid-any', at, `${what} must be a type URL such as "${CANONICAL_PREFIX}<message>", got ${describeValue(url)}`, url);
    return undefined;
  }
  if (!url.startsWith(CANONICAL_PREFIX)) nonCanonical(w, at, `type URLs start with "${CANONICAL_PREFIX}"`, url);
  return url.slice(url.lastIndexOf('/') + 1);
}

/**
 * Types outside Envoy's own packages in a TypedStruct are extensions of other projects (Istio's
 * filters, for one): not checkable here, and not wrong.
 */
const API_PACKAGES = /^(?:envoy|xds|udpa|google)\./;
const V2_TYPE = /^envoy\.(?:[a-z0-9_]+\.)*v2(?:alpha\d*|beta\d*)?\./;

function reportUnknownType(w: Walker, typeName: string, at: PathNode, inTypedStruct: boolean): void {
  const foreign = inTypedStruct && !API_PACKAGES.test(typeName);
  if (foreign || w.options.allowUnknownTypes) {
    report(w, 'envoy-unchecked-type', at, `type "${typeName}" is not in the image (the vendored Envoy API protos); its contents are not checked`);
    return;
  }
  const guess = V2_TYPE.test(typeName) ? undefined : closest(typeName, w.schema.messageNames());
  const why = V2_TYPE.test(typeName) ? ' (a v2 API type: Envoy accepts v3 configuration only)' : guess ? ` (did you mean "${guess}"?)` : '';
  report(w, 'envoy-unknown-type', at, `type "${typeName}" is not in the image (the vendored Envoy API protos, about Envoy 1.31)${why}`, typeName);
}

function walkTypedStructValue(w: Walker, raw: Record<string, unknown>, normalized: Normalized, at: PathNode): void {
  const urlAt = child(at, 'type_url');
  const url = raw['type_url'];
  if (url === undefined || url === '') {
    report(w, 'envoy-invalid-any', urlAt, 'TypedStruct without "type_url": cannot tell what its value configures');
    return;
  }
  const typeName = typeNameOf(w, url, urlAt, 'TypedStruct "type_url"');
  if (typeName === undefined) return;
  const plan = w.schema.message(typeName);
  if (!plan) {
    reportUnknownType(w, typeName, urlAt, true);
    return;
  }
  const payload = w.walkMessage(w, plan, raw['value'] ?? {}, child(at, 'value'), true);
  if (payload) w.index.setTypedStructPayload(normalized, payload);
}
