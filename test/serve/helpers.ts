/** A mesh in a temporary directory, served by meshc serve on loopback ports, for the serve tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeHandle, type ServeOptions } from '../../src/serve/serve.js';
import { silentLogger, type Logger } from '../../src/serve/log.js';

/** web calls catalog (split between v1 and v2) and search; catalog calls nothing. */
export const MESH = (split = '{ v1: 90, v2: 10 }', versions = 'v1: { endpoints: [10.20.1.1] }, v2: { endpoints: [10.20.1.2] }') => `apiVersion: meshc/v1
mesh:
  name: store
  trustDomain: store.example
  controlPlane: { address: "127.0.0.1:18000", tls: off }
services:
  web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.20.0.1] } }, calls: [catalog, search] }
  catalog:
    protocol: http
    port: 9090
    versions: { ${versions} }
    routes: [{ split: ${split} }]
  search: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.20.2.1] } } }
`;

export interface Served {
  readonly handle: ServeHandle;
  readonly dir: string;
  readonly file: string;
  readonly logs: { level: string; msg: string; fields: Record<string, unknown> }[];
  /** Rewrites the mesh file and reloads. */
  edit(text: string): ReturnType<ServeHandle['reload']>;
}

export async function serveMesh(text: string = MESH(), options: Partial<ServeOptions> = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'meshc-serve-'));
  const file = join(dir, 'mesh.yaml');
  writeFileSync(file, text);
  const logs: Served['logs'] = [];
  const log: Logger = (level, msg, fields = {}) => void logs.push({ level, msg, fields: { ...fields } });
  const handle = await startServe({ input: [dir], listen: '127.0.0.1:0', watch: false, log: options.log ?? log ?? silentLogger, ...options });
  return {
    handle,
    dir,
    file,
    logs,
    edit(next) {
      writeFileSync(file, next);
      return handle.reload();
    },
  };
}
