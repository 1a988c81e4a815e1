/**
 * Endpoint and host notation: `10.0.0.1`, `10.0.0.1:15006`, `[fd00::1]:15006`, `::1`,
 * `cart.internal`, `cart.internal:8443`.
 */
import { isIP } from 'node:net';
import type { EndpointSpec } from './schema.js';

export interface AddressPort {
  readonly address: string;
  readonly port: number | undefined;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export function splitHostPort(text: string): Parsed<AddressPort> {
  const bracketed = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2]);
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':');
    return withPort(host ?? '', port);
  }
  return { ok: true, value: { address: text, port: undefined } };
}

function withPort(address: string, port: string | undefined): Parsed<AddressPort> {
  if (port === undefined) return { ok: true, value: { address, port: undefined } };
  const n = /^[0-9]{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(n >= 1 && n <= 65535)) return { ok: false, reason: `port "${port}" is not a number from 1 to 65535` };
  return { ok: true, value: { address, port: n } };
}

export interface EndpointAddress {
  readonly address: string;
  readonly port: number | undefined;
  readonly weight: number | undefined;
}

/** An endpoint with a valid IP literal, or the reason it is not one. */
export function parseEndpoint(spec: EndpointSpec): Parsed<EndpointAddress> {
  if (typeof spec === 'string') {
    const split = splitHostPort(spec);
    if (!split.ok) return split;
    return checkIp({ ...split.value, weight: undefined }, spec);
  }
  if (spec.address.startsWith('[') || (spec.address.includes(':') && isIP(spec.address) === 0)) {
    return { ok: false, reason: `"${spec.address}" is not an IP literal; give the port in the port field` };
  }
  return checkIp({ address: spec.address, port: spec.port, weight: spec.weight }, spec.address);
}

function checkIp(endpoint: EndpointAddress, written: string): Parsed<EndpointAddress> {
  if (isIP(endpoint.address) === 0) {
    return { ok: false, reason: `"${written}" is not an IPv4 or IPv6 literal` };
  }
  return { ok: true, value: endpoint };
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\.?$/i;

/** A `dns` value: a host name (not an IP), optionally with a port. */
/** Why a `host:port` cannot be connected to, if it cannot: a port outside 1-65535, or a bad host. */
export function hostPortProblem(text: string): string | undefined {
  const split = splitHostPort(text);
  if (!split.ok) return split.reason;
  const host = split.value.address;
  if (isIP(host) === 0 && !HOSTNAME.test(host)) return `"${host}" is neither an IP literal nor a valid host name`;
  return undefined;
}

export function parseDnsTarget(text: string): Parsed<AddressPort> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { ok: false, reason: `"${text}" is a URL; dns takes only a host name` };
  }
  const split = splitHostPort(text);
  if (!split.ok) return split;
  if (isIP(split.value.address) !== 0) {
    return { ok: false, reason: `"${split.value.address}" is an IP literal; list it under endpoints instead` };
  }
  if (!HOSTNAME.test(split.value.address)) {
    return { ok: false, reason: `"${split.value.address}" is not a valid host name` };
  }
  return split;
}

/** A host on the workload's own machine: plaintext to it does not cross the network. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** An IP range as RBAC matches connections: `10.0.0.0/8`, `2001:db8::/32`, or one address (a /32 or /128). */
export function parseCidr(text: string): Parsed<{ readonly address: string; readonly prefixLength: number }> {
  const [address = '', prefix, extra] = text.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return { ok: false, reason: `"${text}" is not an IP address or CIDR range` };
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return { ok: true, value: { address, prefixLength: max } };
  const length = /^[0-9]{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  if (!(length >= 0 && length <= max)) return { ok: false, reason: `"${text}": the prefix length of an IPv${family} range is 0 to ${max}` };
  return { ok: true, value: { address, prefixLength: length } };
}
