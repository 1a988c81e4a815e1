/**
 * Parses Envoy's API protos into a protobufjs Root with compact options. Slow (about a second
 * for some 450 files), so it runs at build time (build-descriptor.ts) and only as a fallback at
 * run time, when the prebuilt descriptor is missing.
 */
import protobuf from 'protobufjs';
import { compactOptions } from './options.js';
import { envoyProtoTree, findProto, isBuiltInProto, type ProtoTree } from './proto-files.js';

export function buildEnvoyRoot(tree: ProtoTree = envoyProtoTree()): protobuf.Root {
  const root = new protobuf.Root();
  // Built-in well-known types must keep their bare name: protobufjs recognises them by it.
  root.resolvePath = (_origin, target) => (isBuiltInProto(target) ? target : (findProto(tree.includeDirs, target) ?? target));
  root.loadSync([...tree.files], { keepCase: true });
  snakeCaseValue(root);
  root.resolveAll();
  compactOptions(root);
  return root;
}

/**
 * protobufjs defines its built-in google.protobuf.Value with lowerCamel field names
 * (`stringValue`) whatever `keepCase` says; every other field has its proto name. Redefine it
 * with proto names before anything resolves to it, so that all field names follow one rule.
 */
function snakeCaseValue(root: protobuf.Root): void {
  const value = root.lookup('google.protobuf.Value');
  if (!(value instanceof protobuf.Type)) return; // struct.proto not imported
  const fields: Record<string, protobuf.IField> = {};
  for (const field of value.fieldsArray) {
    const protoName = (field as protobuf.Field & { protoName?: string }).protoName ?? field.name;
    fields[protoName] = { type: field.type, id: field.id };
  }
  const parent = value.parent as protobuf.Namespace;
  parent.remove(value);
  parent.add(protobuf.Type.fromJSON('Value', { oneofs: { kind: { oneof: Object.keys(fields) } }, fields }));
}
