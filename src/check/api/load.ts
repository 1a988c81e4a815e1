/**
 * Loads the Envoy API once per process, on first use: the prebuilt descriptor written by
 * build-descriptor.ts next to the compiled checker, or (when it is missing, e.g. running from a
 * fresh checkout before the build step) the protos themselves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { buildEnvoyRoot } from './build.js';
import { Schema } from './schema.js';

/** `dist/src/check/envoy-api.json`: inside `dist/src`, so it ships with the package. */
export const DESCRIPTOR_PATH = fileURLToPath(new URL('../envoy-api.json', import.meta.url));

let loaded: Schema | undefined;

export function envoySchema(): Schema {
  loaded ??= new Schema(loadRoot());
  return loaded;
}

function loadRoot(): protobuf.Root {
  if (!existsSync(DESCRIPTOR_PATH)) return buildEnvoyRoot();
  const json = JSON.parse(readFileSync(DESCRIPTOR_PATH, 'utf8')) as protobuf.INamespace;
  return protobuf.Root.fromJSON(json);
}
