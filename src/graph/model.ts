/**
 * The picture of a mesh as plain data: services with their versions, and one edge per
 * (caller, callee version, route) carrying the route's condition, its share of traffic and its
 * timeouts and retries. Renderers (mermaid.ts, dot.ts) only lay this out.
 */
import type { AuthzRuleIR, MeshIR, RouteIR, ServiceIR } from '../ir/types.js';

export interface GraphService {
  readonly name: string;
  readonly label: string;
  readonly versions: readonly { readonly name: string; readonly label: string }[];
  /** Who authz admits; undefined when the service has no authz. */
  readonly allow?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly version: string;
  readonly label: string;
  /** Every request of this edge would be denied by the callee's authz. */
  readonly denied: boolean;
}

export interface MeshGraph {
  readonly name: string;
  readonly services: readonly GraphService[];
  readonly edges: readonly GraphEdge[];
}

export function meshGraph(mesh: MeshIR): MeshGraph {
  const byName = new Map(mesh.services.map((s) => [s.name, s]));
  return {
    name: mesh.name,
    services: mesh.services.map(graphService),
    edges: mesh.services.flatMap((caller) =>
      caller.calls.flatMap((call) => {
        const callee = byName.get(call.service);
        return callee ? callEdges(caller, callee) : [];
      }),
    ),
  };
}

function graphService(s: ServiceIR): GraphService {
  const allow = s.authz ? allowList(s) : undefined;
  return {
    name: s.name,
    label: `${s.name} (${s.protocol} :${s.port}${s.mtls === 'strict' ? ', mTLS' : s.mtls === 'permissive' ? ', mTLS permissive' : ''})`,
    versions: s.versions.map((v) => ({
      name: v.name,
      label: `${v.name} · ${v.discovery.kind === 'dns' ? v.discovery.host : plural(v.discovery.endpoints.length, 'endpoint')}`,
    })),
    ...(allow !== undefined ? { allow } : {}),
  };
}

/** Who the allow rules name (anyone without an allow list), and who deny rules name. */
function allowList(s: ServiceIR): string {
  const allowed = s.authz?.rules ? callersOf(s.authz.rules) || 'nobody' : 'anyone';
  const denied = callersOf(s.authz?.deny ?? []);
  const who = denied ? `${allowed}; denies ${denied}` : allowed;
  return s.authz?.mode === 'dry-run' ? `${who} (dry-run)` : who;
}

function callersOf(rules: readonly AuthzRuleIR[]): string {
  const callers = new Set<string>();
  for (const rule of rules) {
    if (!rule.from) callers.add('anyone');
    else if (rule.from.kind === 'any-mesh') callers.add('any mesh workload');
    else for (const id of rule.from.identities) callers.add(id.slice(id.lastIndexOf('/') + 1));
  }
  return [...callers].sort().join(', ');
}

function callEdges(caller: ServiceIR, callee: ServiceIR): GraphEdge[] {
  const denied = isDenied(caller, callee);
  const multipleRoutes = callee.routes.length > 1;
  return callee.routes.flatMap((route) =>
    destinations(route).map(({ version, percent }) => ({
      from: caller.name,
      to: callee.name,
      version,
      denied,
      label: callee.protocol === 'tcp' ? tcpEdgeLabel(route, percent) : edgeLabel(route, percent, multipleRoutes),
    })),
  );
}

function destinations(route: RouteIR): { version: string; percent: number }[] {
  return route.action.kind === 'version'
    ? [{ version: route.action.version, percent: 100 }]
    : route.action.weights.filter((w) => w.percent > 0).map((w) => ({ version: w.version, percent: w.percent }));
}

function edgeLabel(route: RouteIR, percent: number, namedRoute: boolean): string {
  const parts: string[] = [];
  if (namedRoute) parts.push(route.name + matchSummary(route));
  if (percent < 100) parts.push(`${percent}%`);
  if (route.timeoutMs > 0) parts.push(`timeout ${seconds(route.timeoutMs)}`);
  if (route.retries) {
    const perTry = route.retries.perTryTimeoutMs !== undefined ? ` × ${seconds(route.retries.perTryTimeoutMs)}` : '';
    parts.push(`retries ${route.retries.attempts}${perTry}`);
  }
  if (route.fault) parts.push('fault');
  if (route.mirror) parts.push(`mirror ${route.mirror.percent}% → ${route.mirror.version}`);
  return parts.join(' · ');
}

/** A TCP proxy has no request timeout: its split, its idle timeout and its connection attempts apply. */
function tcpEdgeLabel(route: RouteIR, percent: number): string {
  const parts: string[] = [];
  if (percent < 100) parts.push(`${percent}%`);
  if (route.idleTimeoutMs !== undefined && route.idleTimeoutMs > 0) parts.push(`idle ${seconds(route.idleTimeoutMs)}`);
  if (route.retries) parts.push(`connect retries ${route.retries.attempts}`);
  return parts.join(' · ');
}

function matchSummary(route: RouteIR): string {
  const m = route.match;
  const conditions = [
    ...(m.path ? [`${m.path.kind} ${m.path.value}`] : []),
    ...m.headers.map((h) => (h.value !== undefined ? `${h.name}=${h.value}` : `${h.name} ${h.kind}`)),
    ...(m.methods.length > 0 ? [m.methods.join('|')] : []),
    ...m.query.map((q) => `?${q.name}`),
  ];
  return conditions.length > 0 ? `: ${conditions.join(', ')}` : '';
}

/** Whether authz refuses every call from `caller`: no allow rule names it, or a deny rule refuses it whatever it asks. */
function isDenied(caller: ServiceIR, callee: ServiceIR): boolean {
  if (!callee.authz || callee.authz.mode === 'dry-run') return false;
  const names = (r: AuthzRuleIR) => !r.from || r.from.kind === 'any-mesh' || r.from.identities.includes(caller.identity);
  const unconditional = (r: AuthzRuleIR) => !r.methods && !r.paths && r.headers.length === 0 && r.claims.length === 0;
  if (callee.authz.deny.some((r) => names(r) && unconditional(r))) return true;
  return callee.authz.rules !== undefined && !callee.authz.rules.some(names);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
