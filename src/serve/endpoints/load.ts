/**
 * Reads a directory of endpoint files and checks them against the mesh being served. A file
 * with any problem keeps the endpoints it last gave (its diagnostics are reported), so a bad
 * export never removes workloads; a file that is deleted gives its versions back to the mesh.
 */
import { isIP } from 'node:net';
import { existsSync } from 'node:fs';
import { diagnostic, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseSource } from '../../dsl/parse.js';
import { spanAt } from '../../dsl/positions.js';
import { readSources } from '../../dsl/source.js';
import type { MeshIR, Origin } from '../../ir/types.js';
import { EndpointsDocument, type FileEndpoint } from './schema.js';

export interface EndpointSet {
  readonly service: string;
  readonly version: string;
  readonly endpoints: readonly FileEndpoint[];
  readonly origin: Origin;
}

/** Per file, the endpoint sets it last gave without a problem. */
export type EndpointFiles = ReadonlyMap<string, readonly EndpointSet[]>;

export function loadEndpointFiles(dir: string, mesh: MeshIR, previous: EndpointFiles): { files: EndpointFiles; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, readonly EndpointSet[]>();
  if (!existsSync(dir)) return { files, diagnostics };
  const read = readSources([dir]);
  // An empty directory is a registry that has written nothing yet, not a mistake.
  diagnostics.push(...read.diagnostics.filter((d) => d.name !== 'no-input-files'));
  const claimed = new Map<string, Origin>();
  for (const source of read.value) {
    const checked = readFile(source, mesh, claimed);
    diagnostics.push(...checked.diagnostics);
    const kept = hasErrors(checked.diagnostics) ? previous.get(source.name) : checked.sets;
    if (kept === undefined) continue;
    files.set(source.name, kept);
    for (const set of kept) claimed.set(`${set.service}|${set.version}`, set.origin);
  }
  return { files, diagnostics };
}

function readFile(source: { name: string; text: string }, mesh: MeshIR, claimed: ReadonlyMap<string, Origin>): { sets: EndpointSet[]; diagnostics: Diagnostic[] } {
  const parsed = parseSource(source);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const sets: EndpointSet[] = [];
  for (const pd of parsed.value) {
    const result = EndpointsDocument.safeParse(pd.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
        diagnostics.push(diagnostic('invalid-endpoint-file', { message: `${path.join('.') || 'the document'}: ${issue.message}`, location: spanAt(pd, path) }));
      }
      continue;
    }
    for (const [service, versions] of Object.entries(result.data.endpoints)) {
      for (const [version, endpoints] of Object.entries(versions)) {
        const at = (...sub: (string | number)[]) => spanAt(pd, ['endpoints', service, version, ...sub], sub.length === 0 ? 'key' : 'value');
        const problem = targetProblem(mesh, service, version);
        const here = at();
        if (problem) {
          diagnostics.push(
            diagnostic('unknown-endpoint-target', { message: problem, location: here, hint: 'endpoint files give the workloads of versions the mesh declares with endpoints' }),
          );
          continue;
        }
        const first = claimed.get(`${service}|${version}`);
        if (first) {
          diagnostics.push(
            diagnostic('invalid-endpoint-file', { message: `the endpoints of ${service} ${version} are already given in ${first.file}:${first.line}`, location: here }),
          );
          continue;
        }
        endpoints.forEach((e, i) => {
          if (isIP(e.address) === 0)
            diagnostics.push(
              diagnostic('invalid-endpoint-file', {
                message: `"${e.address}" is not an IP literal`,
                location: at(i, 'address'),
                hint: 'EDS endpoints are addresses; a host name belongs in the mesh as `dns:`',
              }),
            );
        });
        sets.push({ service, version, endpoints, origin: { file: here.file, line: here.line, column: here.column, path: `endpoints.${service}.${version}` } });
      }
    }
  }
  return { sets, diagnostics };
}

function targetProblem(mesh: MeshIR, service: string, version: string): string | undefined {
  const svc = mesh.services.find((s) => s.name === service);
  if (!svc) return `no service "${service}" in the mesh`;
  const ver = svc.versions.find((v) => v.name === version);
  if (!ver) return `no version "${version}" of ${service} in the mesh (it has ${svc.versions.map((v) => v.name).join(', ')})`;
  if (ver.discovery.kind === 'dns') return `version "${version}" of ${service} is found by DNS (${ver.discovery.host}); endpoint files give endpoints of versions that list them`;
  return undefined;
}
