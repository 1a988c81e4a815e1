/**
 * How Envoy turns a stat name into a Prometheus series, for the tag extractors meshc relies
 * on: every extractor runs on the full name; the first capture group of a match is removed
 * from the name, the second (or the first) is the tag value (source/common/stats/
 * tag_producer_impl.cc, source/common/config/well_known_names.cc). Then the remaining name is
 * prefixed with envoy_ and every character outside [a-zA-Z0-9_] becomes _.
 */
export interface Extractor {
  readonly tag: string;
  readonly regex: string;
}

/** The Envoy defaults that apply to the stats meshc's rules read. */
export const ENVOY_DEFAULT_EXTRACTORS: readonly Extractor[] = [
  { tag: 'envoy_response_code', regex: '_rq(_(\\d{3}))$' },
  { tag: 'envoy_response_code_class', regex: '_rq_(\\d)xx$' },
  { tag: 'envoy_cluster_name', regex: '^cluster\\.(([^\\.]+)\\.).*' },
  { tag: 'envoy_http_conn_manager_prefix', regex: '^http\\.((.*?)\\.)' },
  { tag: 'envoy_listener_address', regex: '^listener\\.(((?:[_.0-9]*|[_\\[\\]aAbBcCdDeEfF0-9]*))\\.)' },
];

export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function toSeries(stat: string, extractors: readonly Extractor[], fixed: Readonly<Record<string, string>> = {}): Series {
  const labels: Record<string, string> = { ...fixed };
  const removed = new Array<boolean>(stat.length).fill(false);
  for (const { tag, regex } of extractors) {
    if (labels[tag] !== undefined) continue; // the first extractor of a tag name that matches wins
    const match = new RegExp(regex, 'd').exec(stat);
    const indices = match?.indices;
    const group1 = indices?.[1];
    if (!match || !group1) continue;
    labels[tag] = match[2] ?? match[1] ?? '';
    for (let i = group1[0]; i < group1[1]; i++) removed[i] = true;
  }
  const rest = [...stat].filter((_, i) => !removed[i]).join('');
  return { name: `envoy_${rest.replace(/[^a-zA-Z0-9_]/g, '_')}`, labels };
}
