/**
 * xDS messages travel over gRPC, which refuses messages above 4 MiB by default. Every checked
 * resource that is an xDS message (a DiscoveryResponse, or a single resource: the smallest
 * message that can carry it) is measured on its protobuf encoding, made by protobufjs from the
 * normalized form. A bootstrap is a file, not a message, and is not measured.
 */
import type protobuf from 'protobufjs';
import { TYPES, type Invariant } from './context.js';

const MiB = 1024 * 1024;
export const ERROR_BYTES = 4 * MiB;
export const WARNING_BYTES = 1 * MiB;

export const messageSize: Invariant = {
  names: ['message-too-large', 'message-large'],
  check(ctx) {
    for (const root of ctx.roots) {
      if (root.type === TYPES.bootstrap || !root.value || !root.instance) continue;
      const type = ctx.schema.message(root.type)?.type;
      if (!type) continue;
      const bytes = encodedSize(type, root.value);
      if (bytes === undefined) continue;
      const size = `${(bytes / MiB).toFixed(2)} MiB (${bytes} bytes)`;
      if (bytes >= ERROR_BYTES) {
        ctx.report('message-too-large', root.instance, [], `the encoded ${root.type} is ${size}: gRPC refuses messages of 4 MiB and more`);
      } else if (bytes >= WARNING_BYTES) {
        ctx.report('message-large', root.instance, [], `the encoded ${root.type} is ${size}, a quarter of gRPC's 4 MiB limit or more`);
      }
    }
  },
};

/** Undefined when the value cannot be encoded (it has structural errors, reported already). */
function encodedSize(type: protobuf.Type, value: object): number | undefined {
  try {
    return type.encode(type.fromObject(value)).finish().length;
  } catch {
    return undefined;
  }
}
