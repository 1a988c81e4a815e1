/**
 * The compiler's own output, checked before anything is written: every sidecar's bootstrap and
 * the files it loads (file-based SDS secrets) as one Envoy configuration, in strict mode. A
 * problem here means meshc produced configuration Envoy would refuse: a bug in meshc, reported
 * at the DSL node that produced the offending resource.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { originSpan, type Origin } from '../ir/types.js';
import type { Sidecar } from '../sidecar/sidecar.js';
import { servedResponse, type ServedConfig } from '../xds/ads.js';
import { XDS_ORDER } from '../xds/dynamic.js';
import { checkResources, type Resource } from './check.js';
import { formatPath, type CheckProblem } from './problems.js';

/** Static resource lists of a bootstrap and the origin-map prefix of their items. */
const RESOURCE_KINDS: Readonly<Record<string, string>> = { listeners: 'listener', clusters: 'cluster' };

/** With `served` (`--mode ads`), each sidecar's served resources are checked with its bootstrap. */
export function checkSidecars(sidecars: readonly Sidecar[], serviceOrigin: (service: string) => Origin, served?: ReadonlyMap<string, ServedConfig>): Diagnostic[] {
  return sidecars.flatMap((sidecar) => {
    const config = served?.get(sidecar.service);
    const responses = config ? XDS_ORDER.map((type) => ({ path: `ads ${type}s`, content: servedResponse(config, type) })) : [];
    const loaded = [...sidecar.files, ...responses];
    const resources: Resource[] = [{ typeName: 'bootstrap', value: sidecar.bootstrap }, ...loaded.map((f) => ({ typeName: 'discovery', value: f.content }))];
    const fileNames = ['bootstrap', ...loaded.map((f) => f.path)];
    return checkResources(resources, { strict: true }).map((problem) => {
      const origin = originOf(sidecar, problem) ?? serviceOrigin(sidecar.service);
      const where = `${sidecar.service}/${fileNames[problem.resource] ?? 'bootstrap'} at ${formatPath(problem.segments) || '(root)'}`;
      return diagnostic(problem.name, {
        message: `meshc produced Envoy configuration Envoy would refuse (a bug in meshc): ${where}: ${problem.message}`,
        location: originSpan(origin),
        hint: 'please report this with the mesh that produced it; the DSL position is the node the resource came from',
      });
    });
  });
}

/**
 * What meshc serve sends proxyless gRPC applications, which have no bootstrap of Envoy's: each
 * service's responses checked as one configuration, reported at the resource's DSL node.
 */
export function checkProxyless(configs: readonly ServedConfig[], serviceOrigin: (service: string) => Origin): Diagnostic[] {
  return configs.flatMap((config) => {
    const responses = XDS_ORDER.map((type) => ({ type, content: servedResponse(config, type) }));
    const problems = checkResources(
      responses.map((r) => ({ typeName: 'discovery', value: r.content })),
      { strict: true },
    );
    return problems
      .filter((p) => !isGrpcSanMatcher(p))
      .map((problem) => {
        const response = responses[problem.resource];
        const [, index] = problem.segments;
        const resource = response && typeof index === 'number' ? config.resources.filter((r) => r.type === response.type)[index] : undefined;
        const where = `${config.service} (proxyless) ${response?.type ?? 'resource'}s at ${formatPath(problem.segments) || '(root)'}`;
        return diagnostic(problem.name, {
          message: `meshc produced xDS configuration Envoy's API refuses (a bug in meshc): ${where}: ${problem.message}`,
          location: originSpan(resource?.origin ?? serviceOrigin(config.service)),
          hint: 'please report this with the mesh that produced it; the DSL position is the node the resource came from',
        });
      });
  });
}

/**
 * gRPC reads the SAN matchers only from `match_subject_alt_names`, deprecated in Envoy's API for
 * the typed form it ignores (grpc-js-xds 1.14 cluster-resource-type.ts), so the deprecation is
 * expected in what proxyless clients get.
 */
function isGrpcSanMatcher(problem: CheckProblem): boolean {
  return problem.name === 'envoy-deprecated' && problem.segments[problem.segments.length - 1] === 'match_subject_alt_names';
}

/** The DSL node behind the listener or cluster the problem is in. */
function originOf(sidecar: Sidecar, problem: CheckProblem): Origin | undefined {
  const [root, kind, index] = problem.segments;
  if (problem.resource !== 0 || root !== 'static_resources' || typeof kind !== 'string' || typeof index !== 'number') return undefined;
  const prefix = RESOURCE_KINDS[kind];
  const list = (sidecar.bootstrap.static_resources as unknown as Record<string, readonly { name?: string }[] | undefined>)[kind];
  const name = list?.[index]?.name;
  return prefix && name ? sidecar.origins.get(`${prefix}:${name}`) : undefined;
}
