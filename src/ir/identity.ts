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

/** Every identity of the trust domain starts with this. */
export function trustDomainPrefix(trustDomain: string): string {
  return `${trustDomainId(trustDomain)}/`;
}
