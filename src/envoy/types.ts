/**
 * The part of Envoy's v3 API that meshc emits, written as proto3 JSON (snake_case field names,
 * durations as "1.5s" strings, 64-bit integers as strings). These types keep our builders
 * honest at compile time; the checker (src/check) validates the output against the real
 * protos, so a field missing here is a compile error, never a silently wrong config.
 */

/** google.protobuf.Duration in proto3 JSON, e.g. "0.250s". */
export type Duration = string;

/** A google.protobuf.Any: the payload's fields next to its `@type`. */
export interface Any {
  readonly '@type': string;
  readonly [field: string]: unknown;
}

export interface TypedExtensionConfig {
  readonly name: string;
  readonly typed_config: Any;
}

export interface FractionalPercent {
  readonly numerator: number;
  readonly denominator?: 'HUNDRED' | 'TEN_THOUSAND' | 'MILLION';
}

export interface RuntimeFractionalPercent {
  readonly default_value: FractionalPercent;
}

// ── core ────────────────────────────────────────────────────────────────────────────────────

export interface SocketAddress {
  readonly address: string;
  readonly port_value: number;
}

export type Address = { readonly socket_address: SocketAddress } | { readonly pipe: { readonly path: string } };

export interface Locality {
  readonly zone?: string;
}

export interface Node {
  readonly id: string;
  readonly cluster: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly locality?: Locality;
}

export interface HeaderValueOption {
  readonly header: { readonly key: string; readonly value: string };
  readonly append_action?: 'APPEND_IF_EXISTS_OR_ADD' | 'ADD_IF_ABSENT' | 'OVERWRITE_IF_EXISTS_OR_ADD';
}

export interface StringMatcher {
  readonly exact?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly safe_regex?: RegexMatcher;
  readonly ignore_case?: boolean;
}

export interface RegexMatcher {
  readonly regex: string;
}

// ── bootstrap ───────────────────────────────────────────────────────────────────────────────

export interface Bootstrap {
  readonly node: Node;
  readonly admin: Admin;
  readonly static_resources: StaticResources;
  /** LDS and CDS from files (compile --mode xds-files). */
  readonly dynamic_resources?: Readonly<Record<string, unknown>>;
  readonly overload_manager?: Readonly<Record<string, unknown>>;
  readonly stats_config?: Readonly<Record<string, unknown>>;
  readonly stats_sinks?: readonly TypedExtensionConfig[];
  readonly layered_runtime?: Readonly<Record<string, unknown>>;
}

export interface Admin {
  readonly address: Address;
  readonly access_log?: readonly AccessLog[];
}

export interface StaticResources {
  readonly listeners: readonly Listener[];
  readonly clusters: readonly Cluster[];
  readonly secrets?: readonly Secret[];
}

export interface AccessLog {
  readonly name: string;
  readonly filter?: unknown;
  readonly typed_config: Any;
}

export interface Secret {
  readonly name: string;
  readonly tls_certificate?: Readonly<Record<string, unknown>>;
  readonly validation_context?: Readonly<Record<string, unknown>>;
}

export interface SdsSecretConfig {
  readonly name: string;
  readonly sds_config: ConfigSource;
}

export interface ConfigSource {
  readonly resource_api_version: 'V3';
  readonly path_config_source?: { readonly path: string; readonly watched_directory?: { readonly path: string } };
  readonly api_config_source?: {
    readonly api_type: 'GRPC';
    readonly transport_api_version: 'V3';
    readonly grpc_services: readonly { readonly envoy_grpc: { readonly cluster_name: string } }[];
  };
  /** From the bootstrap's ADS stream (`dynamic_resources.ads_config`). */
  readonly ads?: Readonly<Record<string, never>>;
  readonly initial_fetch_timeout?: Duration;
}

// ── listener ────────────────────────────────────────────────────────────────────────────────

export interface Listener {
  readonly name: string;
  readonly address: Address;
  readonly filter_chains: readonly FilterChain[];
  readonly listener_filters?: readonly ListenerFilter[];
  readonly per_connection_buffer_limit_bytes?: number;
  readonly traffic_direction?: 'INBOUND' | 'OUTBOUND';
  readonly bypass_overload_manager?: boolean;
  readonly ignore_global_conn_limit?: boolean;
}

export interface ListenerFilter {
  readonly name: string;
  readonly typed_config: Any;
}

export interface FilterChain {
  readonly name?: string;
  readonly filter_chain_match?: { readonly transport_protocol?: string };
  readonly filters: readonly Filter[];
  readonly transport_socket?: TransportSocket;
  readonly transport_socket_connect_timeout?: Duration;
}

export interface Filter {
  readonly name: string;
  readonly typed_config: Any;
}

export interface TransportSocket {
  readonly name: string;
  readonly typed_config: Any;
}

export interface HttpConnectionManager {
  readonly stat_prefix: string;
  readonly codec_type: 'AUTO';
  readonly route_config: RouteConfiguration;
  readonly http_filters: readonly HttpFilter[];
  readonly normalize_path?: boolean;
  readonly merge_slashes?: boolean;
  readonly path_with_escaped_slashes_action?: string;
  readonly common_http_protocol_options?: Readonly<Record<string, unknown>>;
  readonly http2_protocol_options?: Readonly<Record<string, unknown>>;
  readonly request_headers_timeout?: Duration;
  readonly request_timeout?: Duration;
  readonly stream_idle_timeout?: Duration;
  readonly access_log?: readonly AccessLog[];
  readonly tracing?: Readonly<Record<string, unknown>>;
  readonly use_remote_address?: boolean;
  readonly internal_address_config?: { readonly unix_sockets?: boolean; readonly cidr_ranges?: readonly { readonly address_prefix: string; readonly prefix_len: number }[] };
  readonly forward_client_cert_details?: string;
  readonly set_current_client_cert_details?: Readonly<Record<string, unknown>>;
  readonly upgrade_configs?: readonly UpgradeConfig[];
}

export interface HttpFilter {
  readonly name: string;
  readonly typed_config: Any;
  readonly disabled?: boolean;
}

// ── route ───────────────────────────────────────────────────────────────────────────────────

export interface RouteConfiguration {
  readonly name: string;
  readonly virtual_hosts: readonly VirtualHost[];
  readonly validate_clusters?: boolean;
}

export interface VirtualHost {
  readonly name: string;
  readonly domains: readonly string[];
  readonly routes: readonly Route[];
}

export type Route = ForwardingRoute | DirectResponseRoute;

export interface DirectResponseRoute {
  readonly name: string;
  readonly match: RouteMatch;
  readonly direct_response: { readonly status: number };
}

export interface ForwardingRoute {
  readonly name: string;
  /** Turns on per-route stats: vhost.<virtual host>.route.<stat_prefix>.* */
  readonly stat_prefix?: string;
  readonly match: RouteMatch;
  readonly route: RouteAction;
  readonly typed_per_filter_config?: Readonly<Record<string, Any>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly request_headers_to_add?: readonly HeaderValueOption[];
  readonly request_headers_to_remove?: readonly string[];
  readonly response_headers_to_add?: readonly HeaderValueOption[];
  readonly response_headers_to_remove?: readonly string[];
}

export interface RouteMatch {
  readonly prefix?: string;
  readonly path?: string;
  readonly safe_regex?: RegexMatcher;
  readonly headers?: readonly HeaderMatcher[];
  readonly query_parameters?: readonly QueryParameterMatcher[];
  readonly grpc?: Readonly<Record<string, never>>;
  /** A BoolValue; false matches `path`/`prefix` regardless of case. */
  readonly case_sensitive?: boolean;
}

export interface HeaderMatcher {
  readonly name: string;
  readonly string_match?: StringMatcher;
  readonly present_match?: boolean;
  readonly invert_match?: boolean;
}

export interface QueryParameterMatcher {
  readonly name: string;
  readonly string_match?: StringMatcher;
  readonly present_match?: boolean;
}

export interface RouteAction {
  readonly cluster?: string;
  readonly weighted_clusters?: WeightedCluster;
  readonly timeout?: Duration;
  readonly idle_timeout?: Duration;
  readonly retry_policy?: RetryPolicy;
  readonly request_mirror_policies?: readonly RequestMirrorPolicy[];
  readonly hash_policy?: readonly HashPolicy[];
  readonly rate_limits?: readonly { readonly actions: readonly unknown[] }[];
  readonly prefix_rewrite?: string;
  readonly regex_rewrite?: { readonly pattern: RegexMatcher; readonly substitution: string };
  readonly host_rewrite_literal?: string;
  readonly upgrade_configs?: readonly UpgradeConfig[];
}

export interface UpgradeConfig {
  readonly upgrade_type: string;
}

export interface WeightedCluster {
  readonly clusters: readonly { readonly name: string; readonly weight: number }[];
}

export interface RetryPolicy {
  readonly retry_on: string;
  readonly num_retries: number;
  readonly per_try_timeout?: Duration;
  readonly retriable_status_codes?: readonly number[];
  readonly retry_back_off?: { readonly base_interval: Duration; readonly max_interval?: Duration };
  readonly retry_host_predicate?: readonly TypedExtensionConfig[];
  readonly host_selection_retry_max_attempts?: string;
}

export interface RequestMirrorPolicy {
  readonly cluster: string;
  readonly runtime_fraction?: RuntimeFractionalPercent;
}

export interface HashPolicy {
  readonly header?: { readonly header_name: string };
  readonly cookie?: { readonly name: string; readonly ttl?: Duration; readonly path?: string };
  readonly connection_properties?: { readonly source_ip: boolean };
  readonly query_parameter?: { readonly name: string };
  readonly terminal?: boolean;
}

// ── cluster ─────────────────────────────────────────────────────────────────────────────────

export interface Cluster {
  readonly name: string;
  readonly type: 'STATIC' | 'STRICT_DNS' | 'LOGICAL_DNS' | 'EDS';
  readonly connect_timeout: Duration;
  readonly load_assignment?: ClusterLoadAssignment;
  readonly eds_cluster_config?: { readonly eds_config: ConfigSource };
  readonly load_balancing_policy?: { readonly policies: readonly { readonly typed_extension_config: TypedExtensionConfig }[] };
  readonly circuit_breakers?: CircuitBreakers;
  readonly outlier_detection?: Readonly<Record<string, unknown>>;
  readonly health_checks?: readonly HealthCheck[];
  readonly typed_extension_protocol_options?: Readonly<Record<string, Any>>;
  readonly transport_socket?: TransportSocket;
  readonly dns_lookup_family?: 'AUTO' | 'V4_ONLY' | 'V6_ONLY' | 'V4_PREFERRED' | 'ALL';
  readonly per_connection_buffer_limit_bytes?: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface CircuitBreakers {
  readonly thresholds: readonly Readonly<Record<string, unknown>>[];
}

export interface HealthCheck {
  readonly timeout: Duration;
  readonly interval: Duration;
  readonly healthy_threshold: number;
  readonly unhealthy_threshold: number;
  readonly http_health_check?: { readonly host: string; readonly path: string; readonly codec_client_type?: 'HTTP1' | 'HTTP2' };
  readonly grpc_health_check?: { readonly service_name?: string; readonly authority: string };
  readonly tcp_health_check?: Readonly<Record<string, never>>;
}

// ── endpoint ────────────────────────────────────────────────────────────────────────────────

export interface ClusterLoadAssignment {
  readonly cluster_name: string;
  readonly endpoints: readonly LocalityLbEndpoints[];
}

export interface LocalityLbEndpoints {
  readonly locality?: Locality;
  readonly lb_endpoints: readonly LbEndpoint[];
}

export interface LbEndpoint {
  readonly endpoint: { readonly address: Address };
  readonly load_balancing_weight?: number;
  readonly health_status?: 'HEALTHY' | 'DRAINING';
}

// ── network filters ─────────────────────────────────────────────────────────────────────────

export interface TcpProxy {
  readonly stat_prefix: string;
  readonly access_log?: readonly AccessLog[];
  readonly cluster?: string;
  readonly weighted_clusters?: WeightedCluster;
  readonly idle_timeout?: Duration;
  readonly hash_policy?: readonly { readonly source_ip: Readonly<Record<string, never>> }[];
  /** Connection attempts to the upstream, the first included (UInt32Value, at least 1; default 1). */
  readonly max_connect_attempts?: number;
}
