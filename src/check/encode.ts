/**
 * Envoy JSON to protobuf bytes, for serving resources over gRPC. protobufjs' `fromObject` is
 * not a proto3-JSON parser (it wants Durations as {seconds, nanos}, wrappers as {value}, and
 * drops fields it does not know), so the value is first read by the checker's walker, whose
 * normalized form is exactly what `fromObject` takes; Any payloads (`@type`) are packed by
 * protobufjs' Any wrapper from the same root. Meant for resources that passed the checker: a
 * value the walker refuses is a caller's bug and throws.
 */
import { envoySchema } from './api/load.js';
import { InstanceIndex } from './json/index.js';
import { createWalker, walkMessage } from './json/walk.js';
import { formatPath, ProblemSink, rootNode } from './problems.js';

export function encodeMessage(typeName: string, value: unknown): Uint8Array {
  const schema = envoySchema();
  const plan = schema.message(typeName);
  if (!plan) throw new Error(`encodeMessage: unknown message type ${typeName}`);
  const sink = new ProblemSink();
  const walker = createWalker(schema, { strict: false, allowUnknownTypes: false }, sink, new InstanceIndex());
  const normalized = walkMessage(walker, plan, value, rootNode(), true);
  const problem = sink.problems.find((p) => p.severity === 'error');
  if (problem || normalized === undefined) {
    throw new Error(`encodeMessage: ${typeName} is not valid Envoy JSON: ${problem ? `${formatPath(problem.segments)}: ${problem.message}` : 'unreadable'}`);
  }
  return plan.type.encode(plan.type.fromObject(normalized)).finish();
}
