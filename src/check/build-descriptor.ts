/**
 * Build step (run by `npm run build` after tsc): parses Envoy's API protos once and writes the
 * reflection as JSON next to the compiled checker, so that a CLI start loads one JSON file
 * instead of parsing some 400 protos (see the measurements in test/bench/check-envoy.ts).
 *
 *   node dist/src/check/build-descriptor.js
 */
import { writeFileSync } from 'node:fs';
import { buildEnvoyRoot } from './api/build.js';
import { DESCRIPTOR_PATH, descriptorStamp, type Descriptor } from './api/load.js';
import { envoyProtoTree } from './api/proto-files.js';

const started = performance.now();
const tree = envoyProtoTree();
const root = buildEnvoyRoot(tree);
const descriptor: Descriptor = { stamp: descriptorStamp(), root: root.toJSON({ keepComments: false }) };
const json = JSON.stringify(descriptor);
writeFileSync(DESCRIPTOR_PATH, json);
const ms = Math.round(performance.now() - started);
process.stdout.write(
  `envoy-api.json: ${tree.files.length} protos (${tree.skipped.length} left out: v2 or missing imports), ` + `${Math.round(json.length / 1024)} KiB in ${ms} ms\n`,
);
