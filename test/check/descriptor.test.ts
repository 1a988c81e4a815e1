/** The prebuilt descriptor says what the protos say (it is only a faster way to load them). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { buildEnvoyRoot } from '../../src/check/api/build.js';
import { DESCRIPTOR_PATH, descriptorStamp, envoySchema, type Descriptor } from '../../src/check/api/load.js';
import { Schema } from '../../src/check/api/schema.js';

const skip = existsSync(DESCRIPTOR_PATH) ? false : 'no prebuilt descriptor: run `npm run build` (the checker then parses the protos)';

test('the descriptor is current and loads the same API as the protos', { skip }, () => {
  const descriptor = JSON.parse(readFileSync(DESCRIPTOR_PATH, 'utf8')) as Descriptor;
  assert.equal(descriptor.stamp, descriptorStamp());
  const fromDescriptor = envoySchema();
  const fromProtos = new Schema(buildEnvoyRoot());
  assert.deepEqual([...fromDescriptor.messageNames()].sort(), [...fromProtos.messageNames()].sort());
  for (const name of ['envoy.config.cluster.v3.Cluster', 'envoy.config.core.v3.HeaderValue', 'envoy.config.route.v3.RouteMatch', 'google.protobuf.Value']) {
    const a = fromDescriptor.message(name);
    const b = fromProtos.message(name);
    const shape = (plan: typeof a) =>
      plan?.fields.map((f) => ({ name: f.name, json: f.jsonName, label: f.label, rules: f.rules, deprecated: f.deprecated, oneof: f.oneof?.name, required: f.oneof?.required }));
    assert.deepEqual(shape(a), shape(b), name);
  }
});

test('the API has what configs name: v3 types, the OpenTelemetry access logger, no v2 types', () => {
  const schema = envoySchema();
  assert.ok(schema.message('envoy.config.bootstrap.v3.Bootstrap'));
  assert.ok(schema.message('envoy.extensions.access_loggers.open_telemetry.v3.OpenTelemetryAccessLogConfig'));
  assert.ok(schema.message('xds.type.v3.TypedStruct') && schema.message('udpa.type.v1.TypedStruct'));
  assert.equal(schema.message('envoy.config.resource_monitor.fixed_heap.v2alpha.FixedHeapConfig'), undefined);
  assert.deepEqual(
    schema.message('google.protobuf.Value')?.fields.map((f) => f.name),
    ['null_value', 'number_value', 'string_value', 'bool_value', 'struct_value', 'list_value'],
  );
});
