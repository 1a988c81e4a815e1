/**
 * Workload identities: SPIFFE IDs of the form `spiffe://<trustDomain>/svc/<service>`. The
 * compiler (SAN matching, RBAC principals) and `meshc certs` (certificate SANs) both use this
 * one function, so a certificate always carries the identity the configuration expects.
 */
export function spiffeId(trustDomain: string, service: string): string {
  return `${trustDomainId(trustDomain)}/svc/${service}`;
}

/** The SPIFFE ID of the trust domain itself, carried by the mesh CA: `spiffe://shop.example`. */
export function trustDomainId(trustDomain: string): string {
  return `spiffe://${trustDomain}`;
}

/**
 * Every service identity starts with this; Prometheus' identity does not, so its certificate
 * opens the metrics ports and nothing else.
 */
export function serviceIdPrefix(trustDomain: string): string {
  return `${trustDomainId(trustDomain)}/svc/`;
}

/** Prometheus' identity: the only client the metrics port admits under mTLS. */
export function scraperId(trustDomain: string): string {
  return `${trustDomainId(trustDomain)}/observability/prometheus`;
}

/** The directory and certificate name of Prometheus' identity in `meshc certs` output. */
export const PROMETHEUS_WORKLOAD = '_prometheus';

/**
 * What a workload certificate names: its SPIFFE ID (the identity every check uses) and, for
 * services, a DNS name `<service>.<trustDomain>` that Prometheus verifies as the server name
 * when it scrapes the metrics port.
 */
export function workloadIdentity(trustDomain: string, workload: string): { readonly uri: string; readonly dns: readonly string[] } {
  if (workload === PROMETHEUS_WORKLOAD) return { uri: scraperId(trustDomain), dns: [] };
  return { uri: spiffeId(trustDomain, workload), dns: [serverName(trustDomain, workload)] };
}

/** The TLS server name of a service: the SNI callers send and the name Prometheus verifies. */
export function serverName(trustDomain: string, service: string): string {
  return `${service}.${trustDomain}`;
}
