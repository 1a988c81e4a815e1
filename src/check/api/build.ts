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
  root.resolvePath = (_origin, target) =>
    isBuiltInProto(target) ? target : (findProto(tree.includeDirs, target) ?? target);
  root.loadSync([...tree.files], { keepCase: true });
  root.resolveAll();
  compactOptions(root);
  return root;
}
