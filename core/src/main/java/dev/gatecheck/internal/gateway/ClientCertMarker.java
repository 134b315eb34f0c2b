package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthRequest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The {@code client-cert} marker: the TLS client certificate the container verified names an allowed subject DN,
 * DNS SAN or URI SAN (SPIFFE ID). No certificate is no marker; a certificate of anyone else is a failure.
 */
final class ClientCertMarker implements GatewayMarker {
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private final Set<String> subjects;
    private final Set<String> dnsNames;
    private final Set<String> uris;

    ClientCertMarker(Set<String> subjects, Set<String> dnsNames, Set<String> uris) {
        this.subjects = subjects.stream().map(s -> new X500Principal(s).getName(X500Principal.RFC2253))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.dnsNames = Set.copyOf(dnsNames);
        this.uris = Set.copyOf(uris);
    }

    @Override
    public String kind() {
        return "client-cert";
    }

    @Override
    public Set<String> markerHeaders() {
        return Set.of();
    }

    @Override
    public MarkerResult check(AuthRequest request, Set<String> identityHeaders) {
        List<X509Certificate> chain = request.clientCertificates();
        if (chain.isEmpty()) {
            return MarkerResult.Absent.INSTANCE;
        }
        X509Certificate leaf = chain.get(0);
        if (subjects.contains(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253))) {
            return MarkerResult.Pass.PLAIN;
        }
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    Object value = san.get(1);
                    if ((type == SAN_DNS && dnsNames.contains(value)) || (type == SAN_URI && uris.contains(value))) {
                        return MarkerResult.Pass.PLAIN;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return new MarkerResult.Fail("unreadable_client_certificate");
        }
        return new MarkerResult.Fail("client_certificate_not_allowed");
    }
}
