package dev.gatecheck.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated gateway settings ({@code gatecheck.gateway.*}): which identity headers a gateway sets, which
 * markers prove a request came through it (all must hold), and what happens to identity headers without one.
 *
 * @param identityHeaders the headers the gateway sets and what they mean ({@code header:field})
 * @param markers the marker kinds, in configuration order
 * @param rejectUntrusted {@code on-untrusted=reject}: 401 instead of stripping
 * @param hmacKeys {@code keyid} to secret, for the {@code hmac} marker
 * @param hmacTolerance accepted clock difference of {@code created}
 * @param hmacComponents components the {@code hmac} signature must cover besides {@code @method}, {@code @path},
 *                       {@code @query} and the identity headers: {@code @authority}, {@code content-digest}
 * @param hmacMaxBody the largest body read to check {@code content-digest}, in bytes
 * @param sharedSecretHeader the header of the {@code shared-secret} marker
 * @param sharedSecretValues its accepted values
 * @param trustedProxies CIDRs of the {@code trusted-proxy} marker
 * @param clientCertSubjects allowed subject DNs of the {@code client-cert} marker
 * @param clientCertDnsNames allowed DNS SANs
 * @param clientCertUris allowed URI SANs (SPIFFE IDs)
 * @param assertion the {@code assertion} marker's settings
 */
public record GatewayConfig(List<HeaderMapping> identityHeaders, List<String> markers, boolean rejectUntrusted,
                            Map<String, byte[]> hmacKeys, Duration hmacTolerance, Set<String> hmacComponents,
                            long hmacMaxBody, Optional<String> sharedSecretHeader,
                            List<String> sharedSecretValues, List<String> trustedProxies,
                            Set<String> clientCertSubjects, Set<String> clientCertDnsNames, Set<String> clientCertUris,
                            Optional<Assertion> assertion) {

    /** The marker kinds Gatecheck knows. */
    public static final Set<String> MARKER_KINDS = Set.of("hmac", "assertion", "shared-secret", "trusted-proxy",
            "client-cert");

    /** The components {@code gatecheck.gateway.hmac.components} may name. */
    public static final Set<String> HMAC_COMPONENTS = Set.of("@authority", "content-digest");

    /** True when the {@code hmac} signature must cover the body's digest, so gateway routes read the body. */
    public boolean hmacCoversBody() {
        return markers.contains("hmac") && hmacComponents.contains("content-digest");
    }

    public GatewayConfig {
        identityHeaders = List.copyOf(identityHeaders);
        markers = List.copyOf(markers);
        hmacKeys = Map.copyOf(hmacKeys);
        hmacComponents = Set.copyOf(hmacComponents);
        sharedSecretValues = List.copyOf(sharedSecretValues);
        trustedProxies = List.copyOf(trustedProxies);
        clientCertSubjects = Set.copyOf(clientCertSubjects);
        clientCertDnsNames = Set.copyOf(clientCertDnsNames);
        clientCertUris = Set.copyOf(clientCertUris);
    }

    /**
     * The {@code assertion} marker: a gateway-signed JWT in {@code header}, verified as {@code issuer}.
     *
     * @param header the header carrying the JWT
     * @param issuer verification settings (pinned algorithms, key source, iss, aud, lifetimes, claim paths)
     * @param paddedSegments accept base64 padding in the segments (AWS ALB)
     * @param requiredHeaders JWS header parameters that must hold one of the values (ALB {@code signer})
     * @param companions unsigned headers the same gateway sends beside the assertion, hidden from the application
     * @param companionPrefixes name prefixes of such headers ({@code x-pomerium-claim-}), hidden likewise
     * @param headersMustAgree sibling identity headers must agree with the assertion's claims (else they are ignored)
     */
    public record Assertion(String header, IssuerConfig issuer, boolean paddedSegments,
                            Map<String, Set<String>> requiredHeaders, Set<String> companions,
                            Set<String> companionPrefixes, boolean headersMustAgree) {
        public Assertion {
            requiredHeaders = Map.copyOf(requiredHeaders);
            companions = Set.copyOf(companions);
            companionPrefixes = Set.copyOf(companionPrefixes);
        }
    }
}
