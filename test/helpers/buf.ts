/**
 * buf (the real binary from @bufbuild/buf) as an independent proto3 JSON parser: `buf convert`
 * reads JSON with Go's protojson, strictly. Use it as a second opinion on any Envoy config:
 *
 *   const verdict = bufConvert('envoy.config.cluster.v3.Cluster', JSON.stringify(cluster));
 *   if (!verdict.ok) console.log(verdict.error);
 *
 * The Envoy API image is built once (same proto files as the checker's descriptor) into a temp
 * directory named after its inputs, so later processes reuse it. The vendored validate.proto is
 * older than the Envoy protos (Envoy sets `ignore_empty`, which it does not declare); protoc-style
 * compilers refuse that, so the workspace gets a copy that declares the newer fields.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { envoyProtoTree, findProto } from '../../src/check/api/proto-files.js';

export interface BufResult {
  readonly ok: boolean;
  /** buf's message when it refused the input. */
  readonly error?: string;
}

/** The buf binary, or why there is none. */
export function bufBinary(): { readonly path: string } | { readonly reason: string } {
  const require = createRequire(import.meta.url);
  try {
    const platformPackage = `@bufbuild/buf-${process.platform}-${process.arch === 'x64' ? 'x64' : process.arch}`;
    const path = join(dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', 'buf');
    if (existsSync(path)) return { path };
    return { reason: `${path} is missing` };
  } catch (error) {
    return { reason: `the buf binary is not installed: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
}

let image: string | undefined;

/** The path of the Envoy API image (built on first use), or throws when buf cannot build it. */
export function bufImage(): string {
  if (image) return image;
  const binary = bufBinary();
  if (!('path' in binary)) throw new Error(binary.reason);
  const tree = envoyProtoTree();
  const files = tree.files.filter((f) => !f.startsWith('google/protobuf/')); // buf has its own well-known types
  const version = spawnSync(binary.path, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const key = createHash('sha256')
    .update(`${version}\n${VALIDATE_PATCH_VERSION}\n${files.join('\n')}`)
    .digest('hex')
    .slice(0, 16);
  const cached = join(tmpdir(), `meshc-buf-image-${key}`);
  const path = join(cached, 'envoy.binpb');
  if (!existsSync(path)) buildImage(binary.path, tree.includeDirs, files, cached);
  image = path;
  return path;
}

function buildImage(buf: string, includeDirs: readonly string[], files: readonly string[], target: string): void {
  const work = mkdtempSync(join(tmpdir(), 'meshc-buf-build-'));
  try {
    for (const file of files) {
      const source = findProto(includeDirs, file);
      if (!source) throw new Error(`proto ${file} not found`);
      const copy = join(work, 'proto', file);
      mkdirSync(dirname(copy), { recursive: true });
      if (file === 'validate/validate.proto') writeFileSync(copy, patchValidateProto(readFileSync(source, 'utf8')));
      else copyFileSync(source, copy);
    }
    writeFileSync(join(work, 'buf.yaml'), 'version: v2\nmodules:\n  - path: proto\n');
    const built = spawnSync(buf, ['build', '-o', join(work, 'envoy.binpb')], { cwd: work, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`buf build failed: ${built.stderr}`);
    mkdirSync(join(work, 'out'));
    renameSync(join(work, 'envoy.binpb'), join(work, 'out', 'envoy.binpb'));
    try {
      renameSync(join(work, 'out'), target);
    } catch {
      // Another process built it meanwhile: theirs is as good as ours.
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const VALIDATE_PATCH_VERSION = 1;

/** Field numbers of `ignore_empty` in protoc-gen-validate's newer validate.proto. */
const IGNORE_EMPTY: Readonly<Record<string, number>> = {
  StringRules: 26,
  BytesRules: 16,
  RepeatedRules: 5,
  MapRules: 6,
  ...Object.fromEntries(['Float', 'Double', 'Int32', 'Int64', 'UInt32', 'UInt64', 'SInt32', 'SInt64', 'Fixed32', 'Fixed64', 'SFixed32', 'SFixed64'].map((n) => [`${n}Rules`, 8])),
};

/** Declares `ignore_empty` where the newer protoc-gen-validate has it (the old file lacks it). */
export function patchValidateProto(text: string): string {
  let out = text;
  for (const [message, number] of Object.entries(IGNORE_EMPTY)) {
    const head = `message ${message} {`;
    if (!out.includes(head)) throw new Error(`validate.proto has no ${message}`);
    if (new RegExp(`message ${message} \\{[^}]*ignore_empty`).test(out)) continue;
    out = out.replace(head, `${head}\n    optional bool ignore_empty = ${number};`);
  }
  return out;
}

function convertArgs(typeName: string): string[] {
  return ['convert', bufImage(), '--type', typeName, '--from', '-#format=json', '--to', '-#format=binpb'];
}

function verdict(status: number | null, stderr: string): BufResult {
  return status === 0 ? { ok: true } : { ok: false, error: stderr.trim().replace(/^Failure: /, '') };
}

/** Whether buf (protojson) accepts `jsonText` as a `typeName`. */
export function bufConvert(typeName: string, jsonText: string): BufResult {
  const binary = bufBinary();
  if (!('path' in binary)) throw new Error(binary.reason);
  const r = spawnSync(binary.path, convertArgs(typeName), { input: jsonText, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return verdict(r.status, r.stderr);
}

/** The same, without blocking, to run several conversions at once. */
export function bufConvertAsync(typeName: string, jsonText: string): Promise<BufResult> {
  const binary = bufBinary();
  if (!('path' in binary)) return Promise.reject(new Error(binary.reason));
  return new Promise((resolve) => {
    const child = execFile(binary.path, convertArgs(typeName), { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, _stdout, stderr) => {
      resolve(verdict(error ? ((error as { code?: number }).code ?? 1) : 0, stderr.toString('utf8')));
    });
    child.stdin?.end(jsonText);
  });
}
