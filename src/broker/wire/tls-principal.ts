/**
 * The principal of an SSL connection with a verified client certificate, as Kafka's
 * DefaultKafkaPrincipalBuilder makes it with `ssl.principal.mapping.rules=DEFAULT`: `User:` and the
 * certificate subject's distinguished name in RFC 2253 form (X500Principal.getName()), e.g.
 * `CN=alice,OU=training,O=Kafka Lab`. RFC 2253 writes the RDNs last-first; node's
 * X509Certificate.subject lists them first-first, one per line.
 */
export function principalFromCertificateSubject(subject: string): string {
  return subject
    .split('\n')
    .filter((line) => line.length > 0)
    .reverse()
    .map((rdn) => {
      const eq = rdn.indexOf('=');
      if (eq < 0) return rdn;
      // RFC 2253 §2.4: escape , + " \ < > ; and a leading # or space, a trailing space.
      const value = rdn.slice(eq + 1).replace(/([,+"\\<>;])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
      return `${rdn.slice(0, eq)}=${value}`;
    })
    .join(',');
}
