/**
 * Every duration the language accepts must be one Envoy accepts and means the same by. Envoy
 * reads durations in whole milliseconds (PROTOBUF_GET_MS_*), so `0.5ms` would become `0s`,
 * which most fields read as "disabled"; protobuf's Duration ends at 315,576,000,000 s; and some
 * fields must be positive (protoc-gen-validate `gt: {}` in Envoy's API protos) or have a floor of
 * their own. Found through the schema, so every Duration field is bounded wherever it is written.
 */
import type { Rule } from '../context.js';
import { exactDuration, MAX_DURATION_MS } from '../../dsl/duration.js';
import { hasPattern, valuesWhere } from '../../dsl/schema-walk.js';
import { DURATION, MeshDocument } from '../../dsl/schema.js';
import type { Path } from '../../dsl/positions.js';

interface Bound {
  /** The last keys of the field's path. */
  readonly field: readonly string[];
  /** Smallest value Envoy accepts, in ms (1: positive). */
  readonly minMs: bigint;
  /** Largest value, in ms, when below protobuf's. */
  readonly maxMs?: bigint;
  /** Where the bound comes from. */
  readonly why: string;
}

const POSITIVE = 1n;

/** Fields Envoy (or Prometheus) refuses at zero or below a floor; the rest take 0 as "off". */
const BOUNDS: readonly Bound[] = [
  { field: ['connectTimeout'], minMs: POSITIVE, why: 'Cluster.connect_timeout must be > 0' },
  { field: ['backoff', 'base'], minMs: POSITIVE, why: 'RetryBackOff.base_interval must be > 0' },
  { field: ['backoff', 'max'], minMs: POSITIVE, why: 'RetryBackOff.max_interval must be > 0' },
  { field: ['outlierDetection', 'interval'], minMs: POSITIVE, why: 'OutlierDetection.interval must be > 0' },
  { field: ['outlierDetection', 'baseEjectionTime'], minMs: POSITIVE, why: 'OutlierDetection.base_ejection_time must be > 0' },
  { field: ['healthCheck', 'interval'], minMs: POSITIVE, why: 'HealthCheck.interval must be > 0' },
  { field: ['healthCheck', 'timeout'], minMs: POSITIVE, why: 'HealthCheck.timeout must be > 0' },
  { field: ['delay', 'duration'], minMs: POSITIVE, why: 'FaultDelay.fixed_delay must be > 0' },
  {
    field: ['cacheDuration'],
    minMs: POSITIVE,
    maxMs: 9_000_000_000_000n - 1n,
    why: 'RemoteJwks.cache_duration must be at least 1ms and below 9,000,000,000s',
  },
  {
    field: ['local', 'per'],
    minMs: 50n,
    why: 'Envoy refuses a local rate-limit token bucket that refills more often than every 50ms (source/extensions/filters/common/local_ratelimit/local_ratelimit_impl.cc)',
  },
  { field: ['scrapeInterval'], minMs: POSITIVE, why: 'Prometheus needs a positive scrape interval' },
  { field: ['certificateExpiry'], minMs: POSITIVE, why: 'the alert needs a positive lead time' },
];

const isDuration = (schema: Parameters<typeof hasPattern>[0]): boolean => hasPattern(schema, DURATION);

export const durationOutOfRange: Rule = {
  id: 'duration-out-of-range',
  scope: 'document',
  check({ model, report }) {
    for (const { parsed, value } of model.documents) {
      for (const found of valuesWhere(MeshDocument, value, isDuration)) {
        const text = String(found.value);
        const problem = problemOf(text, boundOf(found.path));
        if (problem) report('duration-out-of-range', { at: { doc: parsed, path: found.path }, ...problem });
      }
    }
  },
};

function boundOf(path: Path): Bound | undefined {
  const keys = path.filter((k): k is string => typeof k === 'string');
  return BOUNDS.find((b) => b.field.every((key, i) => keys[keys.length - b.field.length + i] === key));
}

function problemOf(text: string, bound: Bound | undefined): { message: string; hint: string } | undefined {
  const { numerator, denominator } = exactDuration(text);
  if (numerator % denominator !== 0n) {
    return {
      message: `${text} is not a whole number of milliseconds; Envoy reads durations in milliseconds and would truncate it`,
      hint: numerator < denominator ? 'write at least 1ms (or 0s where 0 means "off")' : 'round it to whole milliseconds',
    };
  }
  const ms = numerator / denominator;
  const max = bound?.maxMs ?? MAX_DURATION_MS;
  if (ms > max) {
    return {
      message: `${text} is longer than ${bound?.maxMs !== undefined ? bound.why : "protobuf's largest duration (315576000000s, 10,000 years)"}`,
      hint: 'write a smaller duration',
    };
  }
  if (bound && ms < bound.minMs) {
    return {
      message: `${text} is too short: ${bound.why}`,
      hint: bound.minMs === POSITIVE ? 'write a positive duration, or leave the field out for the default' : `write ${bound.minMs}ms or more`,
    };
  }
  return undefined;
}
