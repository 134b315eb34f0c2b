package dev.gatecheck.config;

import dev.gatecheck.internal.Cidr;
import dev.gatecheck.keys.PemByKidKeySource;
import dev.gatecheck.keys.SignatureAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link GatewayConfig} ({@code gatecheck.gateway.*}); checked when {@link GatecheckConfig.Builder#build()}
 * runs, with errors naming the key.
 */
public final class GatewaySettings {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySettings.class);
    private static final String PREFIX = "gatecheck.gateway.";
    private static final String ASSERTION = PREFIX + "assertion.";

    private List<HeaderMapping> identityHeaders = GatecheckConfig.DEFAULT_IDENTITY_HEADERS;
    private List<String> markers = List.of();
    private String onUntrusted = "strip";
    private final Map<String, byte[]> hmacKeys = new LinkedHashMap<>();
    private Duration hmacTolerance = Duration.ofSeconds(60);
    private String sharedSecretHeader;
    private List<String> sharedSecretValues = List.of();
    private List<String> trustedProxies = List.of();
    private Set<String> clientCertSubjects = Set.of();
    private Set<String> clientCertDnsNames = Set.of();
    private Set<String> clientCertUris = Set.of();
    private String preset;
    private String assertionHeader;
    private final JwtSettings assertionJwt = new JwtSettings(ASSERTION);
    private boolean assertionConfigured;
    private Set<String> albSigners = Set.of();
    private String albClient;
    private String keyUrl;
    private String assertionHeaders = "ignore";

    GatewaySettings() {
    }

    /** Headers the gateway sets and what they mean ({@code gatecheck.gateway.identity-headers}). */
    public GatewaySettings identityHeaders(HeaderMapping... mappings) {
        this.identityHeaders = List.of(mappings);
        return this;
    }

    /** Marker kinds that must all hold ({@code gatecheck.gateway.marker}). */
    public GatewaySettings markers(String... kinds) {
        this.markers = List.of(kinds);
        return this;
    }

    /** {@code strip} (default) or {@code reject} ({@code gatecheck.gateway.on-untrusted}). */
    public GatewaySettings onUntrusted(String onUntrusted) {
        this.onUntrusted = onUntrusted;
        return this;
    }

    /** An {@code hmac} marker key ({@code gatecheck.gateway.hmac.keys}); at least 32 bytes. */
    public GatewaySettings hmacKey(String keyId, byte[] secret) {
        this.hmacKeys.put(keyId, secret.clone());
        return this;
    }

    /** Accepted clock difference of {@code created} ({@code gatecheck.gateway.hmac.tolerance}, 60s). */
    public GatewaySettings hmacTolerance(Duration tolerance) {
        this.hmacTolerance = tolerance;
        return this;
    }

    /** The {@code shared-secret} marker's header and accepted values. */
    public GatewaySettings sharedSecret(String header, String... values) {
        this.sharedSecretHeader = header;
        this.sharedSecretValues = List.of(values);
        return this;
    }

    /** CIDRs the socket peer must lie in ({@code gatecheck.gateway.trusted-proxies}). */
    public GatewaySettings trustedProxies(String... cidrs) {
        this.trustedProxies = List.of(cidrs);
        return this;
    }

    /** The {@code client-cert} marker's allow-lists: subject DNs, DNS SANs, URI SANs (SPIFFE IDs). */
    public GatewaySettings clientCert(Set<String> subjects, Set<String> dnsNames, Set<String> uris) {
        this.clientCertSubjects = Set.copyOf(subjects);
        this.clientCertDnsNames = Set.copyOf(dnsNames);
        this.clientCertUris = Set.copyOf(uris);
        return this;
    }

    /** A preset: {@code google-iap}, {@code aws-alb}, {@code cloudflare-access}, {@code pomerium}. */
    public GatewaySettings preset(String preset) {
        this.preset = preset;
        this.assertionConfigured = true;
        return this;
    }

    /** The header carrying the gateway's JWT ({@code gatecheck.gateway.assertion.header}). */
    public GatewaySettings assertionHeader(String header) {
        this.assertionHeader = header;
        this.assertionConfigured = true;
        return this;
    }

    /** How the assertion is verified: issuer, audiences, algorithms, key source, claim paths. */
    public GatewaySettings assertion(Consumer<JwtSettings> settings) {
        settings.accept(assertionJwt);
        this.assertionConfigured = true;
        return this;
    }

    /** AWS ALB ARNs allowed as the assertion's {@code signer} ({@code gatecheck.gateway.assertion.signer}). */
    public GatewaySettings signers(String... arns) {
        this.albSigners = Set.copyOf(Arrays.asList(arns)); // a repeated ARN is harmless, not an error
        this.assertionConfigured = true;
        return this;
    }

    /** AWS ALB OIDC client id required in the assertion's {@code client} header parameter. */
    public GatewaySettings client(String clientId) {
        this.albClient = clientId;
        this.assertionConfigured = true;
        return this;
    }

    /** A PEM-per-{@code kid} key URL template with {@code {kid}} ({@code gatecheck.gateway.assertion.key-url}). */
    public GatewaySettings keyUrl(String template) {
        this.keyUrl = template;
        this.assertionConfigured = true;
        return this;
    }

    /** Sibling identity headers beside an assertion: {@code ignore} (default) or {@code agree}. */
    public GatewaySettings assertionHeaders(String mode) {
        this.assertionHeaders = mode;
        this.assertionConfigured = true;
        return this;
    }

    /** True when any gateway setting was given (markers or not). */
    boolean anySet() {
        return !markers.isEmpty() || !hmacKeys.isEmpty() || sharedSecretHeader != null || !trustedProxies.isEmpty()
                || !clientCertSubjects.isEmpty() || !clientCertDnsNames.isEmpty() || !clientCertUris.isEmpty()
                || assertionConfigured || !onUntrusted.equals("strip")
                || identityHeaders != GatecheckConfig.DEFAULT_IDENTITY_HEADERS;
    }

    /** True when any marker is configured. */
    boolean configured() {
        return !markers.isEmpty();
    }

    GatewayConfig build(Clock clock, GatecheckConfig.JwksSettings jwks) {
        if (markers.isEmpty()) {
            throw new ConfigException(PREFIX + "marker", "gateway mode and gateway settings need at least one marker:"
                    + " hmac, assertion, shared-secret, trusted-proxy or client-cert");
        }
        for (String marker : markers) {
            if (!GatewayConfig.MARKER_KINDS.contains(marker)) {
                throw new ConfigException(PREFIX + "marker", "'" + marker + "' is not hmac, assertion, shared-secret,"
                        + " trusted-proxy or client-cert");
            }
        }
        if (Set.copyOf(markers).size() != markers.size()) {
            throw new ConfigException(PREFIX + "marker", "lists a marker twice");
        }
        if (!onUntrusted.equals("strip") && !onUntrusted.equals("reject")) {
            throw new ConfigException(PREFIX + "on-untrusted", "'" + onUntrusted + "' is not strip or reject");
        }
        checkHmac();
        checkSharedSecret();
        checkProxies();
        if (markers.contains("client-cert") && clientCertSubjects.isEmpty() && clientCertDnsNames.isEmpty()
                && clientCertUris.isEmpty()) {
            throw new ConfigException(PREFIX + "client-cert.subjects", "the client-cert marker needs an allow-list"
                    + " (subjects, dns-names or uris)");
        }
        for (String subject : clientCertSubjects) {
            try {
                new javax.security.auth.x500.X500Principal(subject);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(PREFIX + "client-cert.subjects", "'" + subject + "' is not a distinguished"
                        + " name such as CN=gateway,O=Example");
            }
        }
        Optional<GatewayConfig.Assertion> assertion = markers.contains("assertion")
                ? Optional.of(assertion(clock, jwks)) : Optional.empty();
        if (!markers.contains("assertion") && assertionConfigured) {
            throw new ConfigException(PREFIX + "marker", "assertion settings are given but the assertion marker is"
                    + " not listed");
        }
        return new GatewayConfig(identityHeaders, markers, onUntrusted.equals("reject"), hmacKeys, hmacTolerance,
                Optional.ofNullable(sharedSecretHeader), sharedSecretValues, trustedProxies, clientCertSubjects,
                clientCertDnsNames, clientCertUris, assertion);
    }

    private void checkHmac() {
        if (!markers.contains("hmac")) {
            return;
        }
        if (hmacKeys.isEmpty()) {
            throw new ConfigException(PREFIX + "hmac.keys", "the hmac marker needs keyid:secret pairs");
        }
        hmacKeys.forEach((id, secret) -> {
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(PREFIX + "hmac.keys", "key id '" + id + "' must be letters, digits, . _ -");
            }
            if (secret.length < 32) {
                throw new ConfigException(PREFIX + "hmac.keys", "the secret of key id '" + id
                        + "' has fewer than 32 bytes");
            }
        });
        if (hmacTolerance.compareTo(Duration.ofSeconds(1)) < 0 || hmacTolerance.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(PREFIX + "hmac.tolerance", "must be between 1s and 10m");
        }
    }

    private void checkSharedSecret() {
        if (!markers.contains("shared-secret")) {
            return;
        }
        if (sharedSecretHeader == null || sharedSecretHeader.isBlank()) {
            throw new ConfigException(PREFIX + "shared-secret.header", "the shared-secret marker needs a header");
        }
        if (sharedSecretValues.isEmpty()) {
            throw new ConfigException(PREFIX + "shared-secret.values", "the shared-secret marker needs a value");
        }
        if (sharedSecretValues.stream().anyMatch(v -> v.length() < 32)) {
            throw new ConfigException(PREFIX + "shared-secret.values", "every value needs at least 32 characters");
        }
        LOG.warn("{}marker shared-secret proves that a request took the gateway's path, not who the caller is:"
                + " keep the service unreachable except through the gateway, or prefer hmac or assertion", PREFIX);
    }

    private void checkProxies() {
        if (!markers.contains("trusted-proxy")) {
            return;
        }
        if (trustedProxies.isEmpty()) {
            throw new ConfigException(PREFIX + "trusted-proxies", "the trusted-proxy marker needs CIDRs");
        }
        for (String cidr : trustedProxies) {
            try {
                Cidr.parse(cidr);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(PREFIX + "trusted-proxies", e.getMessage());
            }
        }
        if (markers.size() == 1) {
            LOG.warn("{}marker trusted-proxy alone trusts every host in {}: combine it with hmac, assertion or"
                    + " shared-secret", PREFIX, trustedProxies);
        }
    }

    private GatewayConfig.Assertion assertion(Clock clock, GatecheckConfig.JwksSettings jwks) {
        AssertionPreset p = preset == null ? AssertionPreset.NONE : AssertionPreset.named(preset)
                .orElseThrow(() -> new ConfigException(ASSERTION + "preset", "'" + preset
                        + "' is not google-iap, aws-alb, cloudflare-access or pomerium"));
        String header = assertionHeader != null ? assertionHeader : p.header();
        if (header == null) {
            throw new ConfigException(ASSERTION + "header", "the assertion marker needs a header or a preset");
        }
        if (!assertionHeaders.equals("ignore") && !assertionHeaders.equals("agree")) {
            throw new ConfigException(ASSERTION + "headers", "'" + assertionHeaders + "' is not ignore or agree");
        }
        p.applyDefaults(assertionJwt);
        Map<String, Set<String>> requiredHeaders = new LinkedHashMap<>();
        if (p == AssertionPreset.AWS_ALB) {
            if (albSigners.isEmpty()) {
                throw new ConfigException(ASSERTION + "signer", "aws-alb needs the ALB ARN(s) allowed as signer");
            }
            requiredHeaders.put("signer", albSigners);
            if (albClient != null) {
                requiredHeaders.put("client", Set.of(albClient));
            }
            if (!assertionJwt.hasKeySource()) {
                String template = keyUrl != null ? keyUrl : AssertionPreset.albKeyUrl(albSigners.iterator().next());
                try {
                    assertionJwt.keySource(new PemByKidKeySource(template, SignatureAlgorithm.ES256, jwks.timeout(),
                            clock));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(ASSERTION + "key-url", e.getMessage());
                }
            }
        } else if (keyUrl != null) {
            throw new ConfigException(ASSERTION + "key-url", "only the aws-alb preset reads keys by URL template");
        }
        IssuerConfig issuer = assertionJwt.build(clock, jwks);
        if (p.audienceRequired() && issuer.audiences().isEmpty()) {
            throw new ConfigException(ASSERTION + "audience", "the " + preset + " preset needs the audience value"
                    + " from the gateway's console");
        }
        return new GatewayConfig.Assertion(header, issuer, p == AssertionPreset.AWS_ALB, requiredHeaders,
                p.companions(), assertionHeaders.equals("agree"));
    }

    /** Parses {@code keyid:base64secret} pairs. */
    static Map<String, byte[]> parseHmacKeys(String key, List<String> pairs) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(key, "expects keyid:secret pairs (secret in base64)");
            }
            try {
                keys.put(pair.substring(0, colon).trim(), Base64.getDecoder().decode(pair.substring(colon + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "the secret of key id '" + pair.substring(0, colon).trim()
                        + "' is not base64");
            }
        }
        return keys;
    }

}
