/**
 * _mesh/grafana-dashboard.json: a mesh overview (every edge) and a per-service view (pick a
 * service), a row of panels for each golden signal: traffic, errors, latency, saturation.
 * Every query reads the recording rules of rules.yml or Envoy's own metrics.
 */
import type { MeshIR } from '../../ir/types.js';
import { EDGE, ENVOY, QUANTILES, RECORDED, SERVICE } from './promql.js';

interface Query {
  readonly expr: string;
  readonly legend: string;
}

interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly queries: readonly Query[];
  readonly description: string;
}

const SELECTED = 'service=~"$service"';
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;

export function grafanaDashboard(mesh: MeshIR): unknown {
  const rows: [string, PanelSpec[]][] = [
    ['Mesh overview', overviewPanels()],
    ['Service $service', servicePanels()],
    ['Policy $service', policyPanels()],
  ];
  let y = 0;
  let id = 1;
  const panels: unknown[] = [];
  for (const [title, specs] of rows) {
    panels.push({ id: id++, type: 'row', title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: y++ }, panels: [] });
    specs.forEach((spec, i) => {
      panels.push(panel(id++, spec, { h: PANEL_HEIGHT, w: PANEL_WIDTH, x: (i % 2) * PANEL_WIDTH, y: y + Math.floor(i / 2) * PANEL_HEIGHT }));
    });
    y += Math.ceil(specs.length / 2) * PANEL_HEIGHT;
  }
  return {
    title: `meshc: ${mesh.name}`,
    uid: `meshc-${mesh.name}`,
    tags: ['meshc', 'envoy'],
    schemaVersion: 39,
    version: 1,
    editable: true,
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus' },
        {
          name: 'service',
          label: 'Service',
          type: 'query',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query: `label_values(${RECORDED.serviceRequests}{mesh="${mesh.name}"}, service)`,
          includeAll: true,
          multi: true,
          refresh: 2,
        },
      ],
    },
    panels,
  };
}

function panel(id: number, spec: PanelSpec, gridPos: Record<string, number>): unknown {
  return {
    id,
    type: 'timeseries',
    title: spec.title,
    description: spec.description,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos,
    fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
    targets: spec.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      expr: q.expr,
      legendFormat: q.legend,
      datasource: { type: 'prometheus', uid: '${datasource}' },
    })),
  };
}

const EDGE_LEGEND = '{{service}} → {{peer}} {{version}}';

function overviewPanels(): PanelSpec[] {
  return [
    {
      title: 'Traffic: requests per second by edge',
      unit: 'reqps',
      description: 'Requests each service sends to each version of each service it calls.',
      queries: [{ expr: `sum by (${EDGE}) (${RECORDED.edgeRequests})`, legend: EDGE_LEGEND }],
    },
    {
      title: 'Errors: 5xx ratio by edge',
      unit: 'percentunit',
      description: 'Share of requests answered with a 5xx, by edge.',
      queries: [{ expr: `${RECORDED.edgeErrorRatio}`, legend: EDGE_LEGEND }],
    },
    {
      title: 'Latency: p99 by edge',
      unit: 'ms',
      description: 'Request latency seen by the caller, 99th percentile.',
      queries: [{ expr: `${RECORDED.edgeLatency(0.99)}`, legend: EDGE_LEGEND }],
    },
    {
      title: 'Saturation: active requests and circuit breakers',
      unit: 'short',
      description: 'Requests in flight per edge, and circuit breakers that are open (limits reached).',
      queries: [
        { expr: `sum by (${EDGE}) (${ENVOY.upstreamActive})`, legend: `active ${EDGE_LEGEND}` },
        { expr: `max by (${EDGE}) (${ENVOY.circuitBreakerOpen.join(' or ')})`, legend: `breaker open ${EDGE_LEGEND}` },
      ],
    },
  ];
}

function servicePanels(): PanelSpec[] {
  return [
    {
      title: 'Traffic: requests per second received and sent',
      unit: 'reqps',
      description: 'Requests the selected services receive (inbound) and send, by callee version.',
      queries: [
        { expr: `sum by (${SERVICE}) (${RECORDED.serviceRequests}{${SELECTED}})`, legend: 'received by {{service}}' },
        { expr: `sum by (${EDGE}) (${RECORDED.edgeRequests}{${SELECTED}})`, legend: `sent ${EDGE_LEGEND}` },
      ],
    },
    {
      title: 'Errors: responses by class',
      unit: 'reqps',
      description: 'Responses to the selected services\u2019 calls, by class (2xx, 4xx, 5xx), and the inbound 5xx ratio.',
      queries: [
        { expr: `sum by (service, envoy_response_code_class) (${RECORDED.edgeResponses}{${SELECTED}})`, legend: '{{service}} {{envoy_response_code_class}}xx' },
        { expr: `${RECORDED.serviceErrorRatio}{${SELECTED}}`, legend: '{{service}} inbound 5xx ratio' },
      ],
    },
    {
      title: 'Latency: p50, p90, p99 received',
      unit: 'ms',
      description: 'Latency of requests the selected services receive, from their own sidecar.',
      queries: QUANTILES.map((q) => ({ expr: `${RECORDED.serviceLatency(q)}{${SELECTED}}`, legend: `{{service}} p${Math.round(q * 100)}` })),
    },
    {
      title: 'Saturation: sidecar memory, connections, overflows',
      unit: 'short',
      description: 'Envoy heap in use and reserved, open connections, and requests rejected because the pending queue was full.',
      queries: [
        { expr: `sum by (service) (${ENVOY.memoryAllocated}{${SELECTED}})`, legend: '{{service}} heap allocated' },
        { expr: `sum by (service) (${ENVOY.heapSize}{${SELECTED}})`, legend: '{{service}} heap size' },
        { expr: `sum by (service) (${ENVOY.downstreamConnections}{${SELECTED}})`, legend: '{{service}} connections' },
        { expr: `sum by (service) (rate(${ENVOY.upstreamPendingOverflow.replace('}', `, ${SELECTED}}`)}[5m]))`, legend: '{{service}} pending overflows/s' },
      ],
    },
  ];
}

/** Per second, summed per service, over the selected services. */
const perSecond = (selector: string): string => `sum by (service) (rate(${selector.replace('}', `, ${SELECTED}}`)}[5m]))`;

function policyPanels(): PanelSpec[] {
  return [
    {
      title: 'Rate limits: requests limited, and the rate-limit service failing',
      unit: 'reqps',
      description:
        'Requests refused (429) by the local token bucket (HTTP and TCP) and by the global limit, requests let through because the rate-limit service failed while failOpen is on, and its errors.',
      queries: [
        { expr: perSecond(ENVOY.localRateLimited), legend: '{{service}} local limited' },
        { expr: perSecond(ENVOY.tcpLocalRateLimited), legend: '{{service}} tcp local limited' },
        { expr: perSecond(ENVOY.globalOverLimit), legend: '{{service}} global over limit' },
        { expr: perSecond(ENVOY.globalFailOpen), legend: '{{service}} allowed while the rate-limit service fails' },
        { expr: perSecond(ENVOY.globalError), legend: '{{service}} rate-limit service errors' },
      ],
    },
    {
      title: 'Authorization: denied, and what dry-run rules would deny',
      unit: 'reqps',
      description: 'Requests (and TCP connections) authz denied, denied for a missing or invalid token, and those dry-run authz would deny.',
      queries: [
        { expr: perSecond(ENVOY.authzDenied), legend: '{{service}} denied' },
        { expr: perSecond(ENVOY.tcpAuthzDenied), legend: '{{service}} tcp denied' },
        { expr: perSecond(ENVOY.jwtDenied), legend: '{{service}} token refused' },
        { expr: perSecond(ENVOY.authzWouldDeny), legend: '{{service}} would deny (dry-run)' },
        { expr: perSecond(ENVOY.tcpAuthzWouldDeny), legend: '{{service}} tcp would deny (dry-run)' },
      ],
    },
  ];
}
