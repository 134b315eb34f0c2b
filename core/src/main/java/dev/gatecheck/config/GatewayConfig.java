package dev.gatecheck.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated gateway settings ({@code gatecheck.gateway.*}): which identity headers a gateway sets, which
 * markers prove a request came through it (all must hold), and what happens to identity headers without one.
 * Plain data, built by {@link GatewaySettings}.
 *
 * @param identityHeaders the headers the gateway sets and what they mean ({@code header:field})
 * @param markers the marker kinds, in configuration order
 * @param onUntrusted what happens to identity headers without a marker
 * @param hmac the {@code hmac} marker's settings
 * @param sharedSecret the {@code shared-secret} marker's settings
 * @param trustedProxies CIDRs of the {@code trusted-proxy} marker
 * @param clientCert the {@code client-cert} marker's allow-lists
 * @param assertion the {@code assertion} marker's settings
 * @param clientCertHeader the header in which the gateway forwards the client's TLS certificate (RFC 8705
 *                         certificate-bound tokens), believed only when every marker verifies
 */
public record GatewayConfig(List<HeaderMapping> identityHeaders, List<Marker> markers, OnUntrusted onUntrusted,
                            Optional<Hmac> hmac, Optional<SharedSecret> sharedSecret, List<String> trustedProxies,
                            Optional<ClientCert> clientCert, Optional<Assertion> assertion,
                            Optional<String> clientCertHeader) {

    public GatewayConfig {
        identityHeaders = List.copyOf(identityHeaders);
        markers = List.copyOf(markers);
        Objects.requireNonNull(onUntrusted, "onUntrusted");
        Objects.requireNonNull(hmac, "hmac");
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(clientCert, "clientCert");
        Objects.requireNonNull(assertion, "assertion");
        Objects.requireNonNull(clientCertHeader, "clientCertHeader");
    }

    /** A kind of proof that a request came through the gateway ({@code gatecheck.gateway.marker}). */
    public enum Marker {
        HMAC, ASSERTION, SHARED_SECRET, TRUSTED_PROXY, CLIENT_CERT;

        /** The configuration spelling, e.g. {@code shared-secret}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The marker of a configuration value. */
        public static Optional<Marker> fromKey(String key) {
            for (Marker marker : values()) {
                if (marker.key().equals(key)) {
                    return Optional.of(marker);
                }
            }
            return Optional.empty();
        }
    }

    /** What happens to identity headers that come without any marker ({@code gatecheck.gateway.on-untrusted}). */
    public enum OnUntrusted {
        /** They are hidden and the request continues anonymous. */
        STRIP,
        /** 401 {@code untrusted_identity_headers}. */
        REJECT
    }

    /** Identity headers sent beside an assertion ({@code gatecheck.gateway.assertion.headers}). */
    public enum SiblingHeaders {
        /** They are hidden; the assertion alone is the identity. */
        IGNORE,
        /** They must agree with the assertion's claims, else the request is refused. */
        AGREE
    }

    /** True when {@code on-untrusted=reject}. */
    public boolean rejectUntrusted() {
        return onUntrusted == OnUntrusted.REJECT;
    }

    /** True when the {@code hmac} signature must cover the body's digest, so gateway routes read the body. */
    public boolean hmacCoversBody() {
        return hmac.map(h -> h.components().contains(Hmac.CONTENT_DIGEST)).orElse(false);
    }

    /**
     * The {@code hmac} marker (RFC 9421).
     *
     * @param keys {@code keyid} to secret
     * @param tolerance accepted clock difference of {@code created}
     * @param components components the signature must cover besides {@code @method}, {@code @path},
     *                   {@code @query} and the identity headers: {@code @authority}, {@code content-digest}
     * @param maxBody the largest body read to check {@code content-digest}, in bytes
     */
    public record Hmac(Map<String, byte[]> keys, Duration tolerance, Set<String> components, long maxBody) {
        /** The component that binds the body. */
        public static final String CONTENT_DIGEST = "content-digest";
        /** The components {@code gatecheck.gateway.hmac.components} may name. */
        public static final Set<String> COMPONENTS = Set.of("@authority", CONTENT_DIGEST);

        public Hmac {
            keys = Map.copyOf(keys);
            Objects.requireNonNull(tolerance, "tolerance");
            components = Set.copyOf(components);
        }
    }

    /**
     * The {@code shared-secret} marker.
     *
     * @param header the header the gateway sets
     * @param values its accepted values (several for rotation)
     */
    public record SharedSecret(String header, List<String> values) {
        public SharedSecret {
            Objects.requireNonNull(header, "header");
            values = List.copyOf(values);
        }

        @Override
        public String toString() {
            return "SharedSecret[header=" + header + ", " + values.size() + " value(s)]";
        }
    }

    /**
     * The {@code client-cert} marker's allow-lists.
     *
     * @param subjects allowed subject DNs
     * @param dnsNames allowed DNS SANs
     * @param uris allowed URI SANs (SPIFFE IDs)
     */
    public record ClientCert(Set<String> subjects, Set<String> dnsNames, Set<String> uris) {
        public ClientCert {
            subjects = Set.copyOf(subjects);
            dnsNames = Set.copyOf(dnsNames);
            uris = Set.copyOf(uris);
        }
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
     * @param siblingHeaders what identity headers beside the assertion mean
     */
    public record Assertion(String header, IssuerConfig issuer, boolean paddedSegments,
                            Map<String, Set<String>> requiredHeaders, Set<String> companions,
                            Set<String> companionPrefixes, SiblingHeaders siblingHeaders) {
        public Assertion {
            requiredHeaders = Map.copyOf(requiredHeaders);
            companions = Set.copyOf(companions);
            companionPrefixes = Set.copyOf(companionPrefixes);
            Objects.requireNonNull(siblingHeaders, "siblingHeaders");
        }

        /** True when sibling identity headers must agree with the assertion. */
        public boolean headersMustAgree() {
            return siblingHeaders == SiblingHeaders.AGREE;
        }
    }
}
