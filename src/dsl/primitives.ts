/**
 * The scalar types of the mesh language (names, durations, ports, paths), shared by the schema
 * (schema.ts) and by the features' schema fragments (src/features/<feature>/schema.ts), which
 * must not import the composed schema.
 */
import * as z from 'zod';

export const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const VERSION_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
export const DNS_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
export const HTTP_PATH = /^\//;
export const ABSOLUTE_PATH = /^\/[^\0]*$/;
export const HOST_PORT = /^[^\s:]+:[0-9]{1,5}$/;
export const HEADER_NAME = /^:?[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export const ServiceName = z.string().regex(DNS_LABEL).meta({ id: 'ServiceName', description: 'A service name: a DNS label (lowercase letters, digits, -).' });
export const VersionName = z.string().regex(VERSION_NAME).meta({ id: 'VersionName', description: 'A version name such as v1 or canary (lowercase letters, digits, -).' });
export const Duration = z.string().regex(DURATION).meta({ id: 'Duration', description: 'A duration: 250ms, 1s, 1.5s, 2m, 1h or combinations such as 1m30s.' });
export const Percent = z.number().min(0).max(100).meta({ id: 'Percent', description: 'A percentage from 0 to 100.' });
export const Port = z.int().min(1).max(65535).meta({ id: 'Port', description: 'A TCP port, 1-65535.' });
export const Count = z.int().min(0).max(4294967295);
export const HttpPath = z.string().regex(HTTP_PATH).meta({ id: 'HttpPath', description: 'A request path starting with /.' });
export const HeaderName = z.string().regex(HEADER_NAME).meta({ id: 'HeaderName', description: 'An HTTP header name.' });
export const AbsolutePath = z.string().regex(ABSOLUTE_PATH).meta({ id: 'AbsolutePath', description: 'An absolute file path.' });
