package dev.gatecheck.config;

import dev.gatecheck.internal.Cidr;
import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private List<String> hmacComponents = List.of();
    private long hmacMaxBody = 1024L * 1024;
    private String sharedSecretHeader;
    private List<String> sharedSecretValues = List.of();
    private List<String> trustedProxies = List.of();
    private Set<String> clientCertSubjects = Set.of();
    private Set<String> clientCertDnsNames = Set.of();
    private Set<String> clientCertUris = Set.of();
    private String preset;
    private String assertionHeader;
    private final JwtSettings assertionJwt = new JwtSettings(ASSERTION, ASSERTION + "audience");
    private boolean assertionConfigured;
    private Set<String> albSigners = Set.of();
    private String albClient;
    private String keyUrl;
    private String assertionHeaders = "ignore";

    GatewaySettings() {
    }

    /** Headers the gateway sets and what they mean ({@code gatecheck.gateway.identity-headers}). */
    public GatewaySettings identityHeaders(HeaderMapping... mappings) {
        if (mappings.length == 0) {
            throw new ConfigException(PREFIX + "identity-headers", "lists no header; to keep the default, leave it out");
        }
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

    /**
     * Components the {@code hmac} signature must also cover: {@code @authority}, {@code content-digest}
     * ({@code gatecheck.gateway.hmac.components}).
     */
    public GatewaySettings hmacComponents(String... components) {
        this.hmacComponents = List.of(components);
        return this;
    }

    /** The largest body read to check {@code content-digest} ({@code gatecheck.gateway.hmac.max-body}, 1MiB). */
    public GatewaySettings hmacMaxBody(long bytes) {
        this.hmacMaxBody = bytes;
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
        this.trustedProxies = ConfigValues.nonBlankList(PREFIX + "trusted-proxies", cidrs);
        return this;
    }

    /** The {@code client-cert} marker's allow-lists: subject DNs, DNS SANs, URI SANs (SPIFFE IDs). */
    public GatewaySettings clientCert(Set<String> subjects, Set<String> dnsNames, Set<String> uris) {
        // An empty subject DN is a valid X.500 name, so a blank entry would let in certificates that have none.
        this.clientCertSubjects = Set.copyOf(nonBlank(PREFIX + "client-cert.subjects", subjects));
        this.clientCertDnsNames = Set.copyOf(nonBlank(PREFIX + "client-cert.dns-names", dnsNames));
        this.clientCertUris = Set.copyOf(nonBlank(PREFIX + "client-cert.uris", uris));
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
        this.assertionHeader = ConfigValues.nonBlank(ASSERTION + "header", header);
        this.assertionConfigured = true;
        return this;
    }

    /** How the assertion is verified: issuer, audiences, algorithms, key source, claim paths. */
    public GatewaySettings assertion(Consumer<JwtSettings> settings) {
        settings.accept(assertionJwt);
        this.assertionConfigured = true;
        return this;
    }

    /**
     * AWS ALB ARNs allowed as the assertion's {@code signer} ({@code gatecheck.gateway.assertion.signer}), all of
     * one region unless {@link #keyUrl} is given.
     */
    public GatewaySettings signers(String... arns) {
        this.albSigners = Collections.unmodifiableSet(new LinkedHashSet<>(
                ConfigValues.nonBlankList(ASSERTION + "signer", arns)));
        this.assertionConfigured = true;
        return this;
    }

    /** AWS ALB OIDC client id required in the assertion's {@code client} header parameter. */
    public GatewaySettings client(String clientId) {
        this.albClient = ConfigValues.nonBlank(ASSERTION + "client", clientId);
        this.assertionConfigured = true;
        return this;
    }

    /** A PEM-per-{@code kid} key URL template with {@code {kid}} ({@code gatecheck.gateway.assertion.key-url}). */
    public GatewaySettings keyUrl(String template) {
        this.keyUrl = ConfigValues.nonBlank(ASSERTION + "key-url", template);
        this.assertionConfigured = true;
        return this;
    }

    /** Sibling identity headers beside an assertion: {@code ignore} (default) or {@code agree}. */
    public GatewaySettings assertionHeaders(String mode) {
        this.assertionHeaders = mode;
        this.assertionConfigured = true;
        return this;
    }

    /** {@code values} (any number, none included), each checked not to be blank. */
    private static Set<String> nonBlank(String key, Set<String> values) {
        values.forEach(value -> ConfigValues.nonBlank(key, value));
        return values;
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

    GatewayConfig build() {
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
        checkHmacCoverage();
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
                ? Optional.of(assertion()) : Optional.empty();
        if (!markers.contains("assertion") && assertionConfigured) {
            throw new ConfigException(PREFIX + "marker", "assertion settings are given but the assertion marker is"
                    + " not listed");
        }
        return new GatewayConfig(identityHeaders, markers, onUntrusted.equals("reject"), hmacKeys, hmacTolerance,
                Set.copyOf(hmacComponents), hmacMaxBody, Optional.ofNullable(sharedSecretHeader), sharedSecretValues, trustedProxies, clientCertSubjects,
                clientCertDnsNames, clientCertUris, assertion);
    }

    /** {@code hmac.components} and {@code hmac.max-body}: known components, once each, with the hmac marker. */
    private void checkHmacCoverage() {
        if (!hmacComponents.isEmpty() && !markers.contains("hmac")) {
            throw new ConfigException(PREFIX + "hmac.components", "is set but the hmac marker is not listed");
        }
        for (String component : hmacComponents) {
            if (!GatewayConfig.HMAC_COMPONENTS.contains(component)) {
                throw new ConfigException(PREFIX + "hmac.components", "'" + component + "' is not @authority or"
                        + " content-digest");
            }
        }
        if (Set.copyOf(hmacComponents).size() != hmacComponents.size()) {
            throw new ConfigException(PREFIX + "hmac.components", "lists a component twice");
        }
        if (hmacMaxBody < 1 || hmacMaxBody > 64L * 1024 * 1024) {
            throw new ConfigException(PREFIX + "hmac.max-body", "must be between 1 byte and 64MiB");
        }
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
        List<String> everyAddress = new java.util.ArrayList<>();
        for (String cidr : trustedProxies) {
            try {
                if (Cidr.parse(cidr).matchesEverything()) {
                    everyAddress.add(cidr);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(PREFIX + "trusted-proxies", e.getMessage());
            }
        }
        if (!everyAddress.isEmpty()) {
            // Said even beside another marker: that marker then stands alone, whatever the configuration suggests.
            LOG.warn("{}trusted-proxies {} match every address: the trusted-proxy marker proves nothing", PREFIX,
                    everyAddress);
        }
        if (markers.size() == 1) {
            LOG.warn("{}marker trusted-proxy alone trusts every host in {}: combine it with hmac, assertion or"
                    + " shared-secret", PREFIX, trustedProxies);
        }
    }

    private GatewayConfig.Assertion assertion() {
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
            albSigners.forEach(AssertionPreset::albKeyUrl); // each is an ALB ARN
            requiredHeaders.put("signer", albSigners);
            if (albClient != null) {
                requiredHeaders.put("client", Set.of(albClient));
            }
            if (!assertionJwt.hasKeySource()) {
                String template = keyUrl != null ? keyUrl : AssertionPreset.albKeyUrl(albSigners);
                try {
                    assertionJwt.keyUrl(new KeySpec.PemByKid(template, SignatureAlgorithm.ES256));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(ASSERTION + "key-url", e.getMessage());
                }
            }
        } else if (keyUrl != null) {
            throw new ConfigException(ASSERTION + "key-url", "only the aws-alb preset reads keys by URL template");
        }
        IssuerConfig issuer = assertionJwt.build();
        if (p.audienceRequired() && issuer.audiences().isEmpty()) {
            throw new ConfigException(ASSERTION + "audience", "the " + preset + " preset needs the audience value"
                    + " from the gateway's console");
        }
        return new GatewayConfig.Assertion(header, issuer, p == AssertionPreset.AWS_ALB, requiredHeaders,
                p.companions(), p.companionPrefixes(), assertionHeaders.equals("agree"));
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
