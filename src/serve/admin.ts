/**
 * The admin port of `meshc serve` (HTTP, meant for loopback or a cluster-internal port):
 * health, readiness, Prometheus metrics, and what each node was sent, like Envoy's config dump.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Hub } from './hub.js';
import { XDS_ORDER } from '../xds/dynamic.js';

export interface AdminState {
  readonly hub: Hub;
  /** The diagnostics of the last load (mesh or endpoint files), and whether it had no errors. */
  readonly lastCompile: () => { readonly ok: boolean; readonly diagnostics: readonly Diagnostic[] } | undefined;
}

export async function startAdmin(state: AdminState, listen: { host: string; port: number }): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => send(res, 500, 'text/plain', `${(error as Error).message}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : listen.port };
}

async function handle(state: AdminState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { hub } = state;
  const path = new URL(req.url ?? '/', 'http://admin').pathname;
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'only GET\n');
  if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
  if (path === '/readyz') return hub.ready ? send(res, 200, 'text/plain', 'ready\n') : send(res, 503, 'text/plain', 'no valid mesh loaded\n');
  if (path === '/metrics') return send(res, 200, hub.metrics.registry.contentType, await hub.metrics.registry.metrics());
  if (path === '/debug/nodes') return json(res, 200, hub.describeStreams());
  if (path === '/debug/diagnostics') return json(res, 200, { meshVersion: hub.meshVersion ?? null, lastCompile: state.lastCompile() ?? null });
  if (path.startsWith('/debug/config/')) {
    const service = decodeURIComponent(path.slice('/debug/config/'.length));
    const snapshot = hub.snapshot(service);
    if (!snapshot) return json(res, 404, { error: `no service "${service}" in the served mesh`, services: hub.services() });
    const resources = Object.fromEntries(
      XDS_ORDER.map((type) => [type, [...snapshot.resources[type].values()].map((r) => ({ name: r.name, version: r.version, origin: r.origin ?? null, resource: r.value }))]),
    );
    return json(res, 200, { service, version: snapshot.version, resources });
  }
  return send(res, 404, 'text/plain', 'not found: /healthz /readyz /metrics /debug/nodes /debug/config/<service> /debug/diagnostics\n');
}

function json(res: ServerResponse, code: number, body: unknown): void {
  send(res, code, 'application/json', `${JSON.stringify(body, null, 2)}\n`);
}

function send(res: ServerResponse, code: number, type: string, body: string): void {
  res.writeHead(code, { 'content-type': type });
  res.end(body);
}
