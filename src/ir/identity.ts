/**
 * Workload identities: SPIFFE IDs of the form `spiffe://<trustDomain>/svc/<service>`. The
 * compiler (SAN matching, RBAC principals) and `meshc certs` (certificate SANs) both use this
 * one function, so a certificate always carries the identity the configuration expects.
 */
export function spiffeId(trustDomain: string, service: string): string {
  return `spiffe://${trustDomain}/svc/${service}`;
}

/** Every identity of the trust domain starts with this. */
export function trustDomainPrefix(trustDomain: string): string {
  return `spiffe://${trustDomain}/`;
}
