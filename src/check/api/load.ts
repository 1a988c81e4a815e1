/**
 * Loads the Envoy API once per process, on first use: the prebuilt descriptor written by
 * build-descriptor.ts next to the compiled checker or, when it is missing or stale (e.g. after
 * `tsc` alone, or an upgrade of the protos), the protos themselves, which is slower.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { buildEnvoyRoot } from './build.js';
import { Schema } from './schema.js';

/** `dist/src/check/envoy-api.json`: inside `dist/src`, so it ships with the package. */
export const DESCRIPTOR_PATH = fileURLToPath(new URL('../envoy-api.json', import.meta.url));

/** Bump when the descriptor's content changes for the same protos (options.ts, build.ts). */
const FORMAT = 2;

export interface Descriptor {
  /** What the descriptor was built from; a different stamp means it is stale. */
  readonly stamp: string;
  readonly root: protobuf.INamespace;
}

export function descriptorStamp(): string {
  const require = createRequire(import.meta.url);
  const version = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;
  return `format ${FORMAT}, @grpc/grpc-js-xds ${version('@grpc/grpc-js-xds')}, protobufjs ${version('protobufjs')}`;
}

let loaded: Schema | undefined;

export function envoySchema(): Schema {
  loaded ??= new Schema(loadRoot());
  return loaded;
}

function loadRoot(): protobuf.Root {
  if (existsSync(DESCRIPTOR_PATH)) {
    const descriptor = JSON.parse(readFileSync(DESCRIPTOR_PATH, 'utf8')) as Partial<Descriptor>;
    if (descriptor.stamp === descriptorStamp() && descriptor.root) return protobuf.Root.fromJSON(descriptor.root);
  }
  return buildEnvoyRoot();
}
