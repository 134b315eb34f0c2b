package dev.gatecheck.config;

import dev.gatecheck.config.GatewayConfig.Marker;
import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.internal.Cidr;
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
 * Builds the {@link GatewayConfig} ({@code gatecheck.gateway.*}): each setting once, typed; checked when
 * {@link GatecheckConfig.Builder#build()} runs, with errors naming the key.
 */
public final class GatewaySettings {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySettings.class);
    private static final String PREFIX = "gatecheck.gateway.";

    private final Setting<List<HeaderMapping>> identityHeaders = new Setting<>(PREFIX + "identity-headers",
            GatecheckConfig.DEFAULT_IDENTITY_HEADERS);
    private final Setting<List<Marker>> markers = new Setting<>(PREFIX + "marker", List.of());
    private final Setting<GatewayConfig.OnUntrusted> onUntrusted = new Setting<>(PREFIX + "on-untrusted",
            GatewayConfig.OnUntrusted.STRIP);
    private final Map<String, byte[]> hmacKeys = new LinkedHashMap<>();
    private final Setting<Duration> hmacTolerance = new Setting<>(PREFIX + "hmac.tolerance", Duration.ofSeconds(60));
    private final Setting<List<String>> hmacComponents = new Setting<>(PREFIX + "hmac.components", List.of());
    private final Setting<Long> hmacMaxBody = new Setting<>(PREFIX + "hmac.max-body", 1024L * 1024);
    private final Setting<String> sharedSecretHeader = Setting.required(PREFIX + "shared-secret.header");
    private final Setting<List<String>> sharedSecretValues = new Setting<>(PREFIX + "shared-secret.values", List.of());
    private final Setting<List<String>> trustedProxies = new Setting<>(PREFIX + "trusted-proxies", List.of());
    private final Setting<GatewayConfig.ClientCert> clientCert = Setting.required(PREFIX + "client-cert.subjects");
    private final AssertionSettings assertion = new AssertionSettings();
    private final Setting<String> clientCertHeader = Setting.required(PREFIX + "client-cert-header");

    GatewaySettings() {
    }

    /** Headers the gateway sets and what they mean ({@code gatecheck.gateway.identity-headers}). */
    public GatewaySettings identityHeaders(HeaderMapping... mappings) {
        identityHeaders.set(mappings, ConfigValues.nonEmpty(identityHeaders.key()));
        return this;
    }

    /** Marker kinds that must all hold ({@code gatecheck.gateway.marker}). */
    public GatewaySettings markers(Marker... kinds) {
        markers.set(kinds, ConfigValues.nonEmpty(markers.key()));
        return this;
    }

    /** Identity headers without any marker: {@code STRIP} (default) or {@code REJECT}. */
    public GatewaySettings onUntrusted(GatewayConfig.OnUntrusted onUntrusted) {
        this.onUntrusted.set(onUntrusted);
        return this;
    }

    /** An {@code hmac} marker key ({@code gatecheck.gateway.hmac.keys}); at least 32 bytes; each id once. */
    public GatewaySettings hmacKey(String keyId, byte[] secret) {
        ConfigValues.nonBlank(PREFIX + "hmac.keys", keyId);
        if (hmacKeys.putIfAbsent(keyId, secret.clone()) != null) {
            throw new ConfigException(PREFIX + "hmac.keys", "key id '" + keyId + "' is given twice");
        }
        return this;
    }

    /** Accepted clock difference of {@code created} ({@code gatecheck.gateway.hmac.tolerance}, 60s). */
    public GatewaySettings hmacTolerance(Duration tolerance) {
        hmacTolerance.set(tolerance);
        return this;
    }

    /**
     * Components the {@code hmac} signature must also cover: {@code @authority}, {@code content-digest}
     * ({@code gatecheck.gateway.hmac.components}).
     */
    public GatewaySettings hmacComponents(String... components) {
        hmacComponents.set(components, v -> ConfigValues.nonBlankList(hmacComponents.key(), v));
        return this;
    }

    /** The largest body read to check {@code content-digest} ({@code gatecheck.gateway.hmac.max-body}, 1MiB). */
    public GatewaySettings hmacMaxBody(long bytes) {
        hmacMaxBody.set(bytes);
        return this;
    }

    /** The {@code shared-secret} marker's header and accepted values. */
    public GatewaySettings sharedSecret(String header, String... values) {
        sharedSecretHeader.set(header, v -> ConfigValues.nonBlank(sharedSecretHeader.key(), v));
        sharedSecretValues.set(values, v -> ConfigValues.nonBlankList(sharedSecretValues.key(), v));
        return this;
    }

    /** CIDRs the socket peer must lie in ({@code gatecheck.gateway.trusted-proxies}). */
    public GatewaySettings trustedProxies(String... cidrs) {
        trustedProxies.set(cidrs, v -> ConfigValues.nonBlankList(trustedProxies.key(), v));
        return this;
    }

    /** The {@code client-cert} marker's allow-lists: subject DNs, DNS SANs, URI SANs (SPIFFE IDs). */
    public GatewaySettings clientCert(Set<String> subjects, Set<String> dnsNames, Set<String> uris) {
        // An empty subject DN is a valid X.500 name, so a blank entry would let in certificates that have none.
        subjects.forEach(s -> ConfigValues.nonBlank(PREFIX + "client-cert.subjects", s));
        dnsNames.forEach(s -> ConfigValues.nonBlank(PREFIX + "client-cert.dns-names", s));
        uris.forEach(s -> ConfigValues.nonBlank(PREFIX + "client-cert.uris", s));
        clientCert.set(new GatewayConfig.ClientCert(subjects, dnsNames, uris));
        return this;
    }

    /**
     * The header in which the gateway forwards the client's TLS certificate, for certificate-bound tokens (RFC 8705;
     * {@code gatecheck.gateway.client-cert-header}): RFC 9440 {@code Client-Cert} ({@code :base64 DER:}) or a
     * URL-encoded PEM (nginx {@code $ssl_client_escaped_cert}, AWS ALB). Believed only when every marker verifies.
     */
    public GatewaySettings clientCertHeader(String header) {
        clientCertHeader.set(header, v -> {
            if (!ConfigValues.nonBlank(clientCertHeader.key(), v).matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new ConfigException(clientCertHeader.key(), "'" + v + "' is not a header name");
            }
            return v;
        });
        return this;
    }

    /** A preset for the assertion marker ({@code gatecheck.gateway.assertion.preset}). */
    public GatewaySettings preset(GatewayPreset preset) {
        assertion.preset.set(preset);
        assertion.configured = true;
        return this;
    }

    /** The header carrying the gateway's JWT ({@code gatecheck.gateway.assertion.header}). */
    public GatewaySettings assertionHeader(String header) {
        assertion.header.set(header, v -> ConfigValues.nonBlank(assertion.header.key(), v));
        assertion.configured = true;
        return this;
    }

    /** How the assertion is verified: issuer, audiences, algorithms, key source, claim paths. */
    public GatewaySettings assertion(Consumer<JwtSettings> settings) {
        settings.accept(assertion.jwt);
        assertion.configured = true;
        return this;
    }

    /**
     * AWS ALB ARNs allowed as the assertion's {@code signer} ({@code gatecheck.gateway.assertion.signer}), all of
     * one region unless {@link #keyUrl} is given.
     */
    public GatewaySettings signers(String... arns) {
        assertion.signers(arns);
        return this;
    }

    /** AWS ALB OIDC client id required in the assertion's {@code client} header parameter. */
    public GatewaySettings client(String clientId) {
        assertion.client.set(clientId, v -> ConfigValues.nonBlank(assertion.client.key(), v));
        assertion.configured = true;
        return this;
    }

    /** A PEM-per-{@code kid} key URL template with {@code {kid}} ({@code gatecheck.gateway.assertion.key-url}). */
    public GatewaySettings keyUrl(String template) {
        assertion.keyUrl.set(template, v -> ConfigValues.nonBlank(assertion.keyUrl.key(), v));
        assertion.configured = true;
        return this;
    }

    /** What identity headers beside an assertion mean ({@code gatecheck.gateway.assertion.headers}, ignore). */
    public GatewaySettings assertionHeaders(GatewayConfig.SiblingHeaders mode) {
        assertion.siblingHeaders.set(mode);
        assertion.configured = true;
        return this;
    }

    /** True when any gateway setting was given (markers or not). */
    boolean anySet() {
        return markers.given() || !hmacKeys.isEmpty() || sharedSecretHeader.given() || trustedProxies.given()
                || clientCert.given() || assertion.configured || onUntrusted.given() || identityHeaders.given()
                || hmacComponents.given() || hmacTolerance.given() || hmacMaxBody.given() || clientCertHeader.given();
    }

    /** True when any marker is configured. */
    boolean configured() {
        return markers.given();
    }

    GatewayConfig build() {
        List<Marker> kinds = markers.get();
        if (kinds.isEmpty()) {
            throw new ConfigException(markers.key(), "gateway mode and gateway settings need at least one marker:"
                    + " hmac, assertion, shared-secret, trusted-proxy or client-cert");
        }
        if (Set.copyOf(kinds).size() != kinds.size()) {
            throw new ConfigException(markers.key(), "lists a marker twice");
        }
        if (!kinds.contains(Marker.ASSERTION) && assertion.configured) {
            throw new ConfigException(markers.key(), "assertion settings are given but the assertion marker is not"
                    + " listed");
        }
        return new GatewayConfig(identityHeaders.get(), kinds, onUntrusted.get(), hmac(kinds), sharedSecret(kinds),
                trustedProxies(kinds), clientCert(kinds),
                kinds.contains(Marker.ASSERTION) ? Optional.of(assertion.build()) : Optional.empty(),
                Optional.ofNullable(clientCertHeader.get()));
    }

    private Optional<GatewayConfig.Hmac> hmac(List<Marker> kinds) {
        if (!kinds.contains(Marker.HMAC)) {
            for (Setting<?> setting : List.of(hmacComponents, hmacMaxBody)) {
                if (setting.given()) {
                    throw new ConfigException(setting.key(), "is set but the hmac marker is not listed");
                }
            }
            return Optional.empty();
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
        Duration tolerance = hmacTolerance.get();
        if (tolerance.compareTo(Duration.ofSeconds(1)) < 0 || tolerance.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(hmacTolerance.key(), "must be between 1s and 10m");
        }
        List<String> components = hmacComponents.get();
        for (String component : components) {
            if (!GatewayConfig.Hmac.COMPONENTS.contains(component)) {
                throw new ConfigException(hmacComponents.key(), "'" + component + "' is not @authority or"
                        + " content-digest");
            }
        }
        if (Set.copyOf(components).size() != components.size()) {
            throw new ConfigException(hmacComponents.key(), "lists a component twice");
        }
        if (hmacMaxBody.get() < 1 || hmacMaxBody.get() > 64L * 1024 * 1024) {
            throw new ConfigException(hmacMaxBody.key(), "must be between 1 byte and 64MiB");
        }
        return Optional.of(new GatewayConfig.Hmac(hmacKeys, tolerance, Set.copyOf(components), hmacMaxBody.get()));
    }

    private Optional<GatewayConfig.SharedSecret> sharedSecret(List<Marker> kinds) {
        if (!kinds.contains(Marker.SHARED_SECRET)) {
            return Optional.empty();
        }
        if (!sharedSecretHeader.given()) {
            throw new ConfigException(sharedSecretHeader.key(), "the shared-secret marker needs a header");
        }
        if (sharedSecretValues.get().stream().anyMatch(v -> v.length() < 32)) {
            throw new ConfigException(sharedSecretValues.key(), "every value needs at least 32 characters");
        }
        LOG.warn("{}marker shared-secret proves that a request took the gateway's path, not who the caller is:"
                + " keep the service unreachable except through the gateway, or prefer hmac or assertion", PREFIX);
        return Optional.of(new GatewayConfig.SharedSecret(sharedSecretHeader.get(), sharedSecretValues.get()));
    }

    private List<String> trustedProxies(List<Marker> kinds) {
        if (!kinds.contains(Marker.TRUSTED_PROXY)) {
            return List.of();
        }
        List<String> cidrs = trustedProxies.get();
        if (cidrs.isEmpty()) {
            throw new ConfigException(trustedProxies.key(), "the trusted-proxy marker needs CIDRs");
        }
        List<String> everyAddress = new java.util.ArrayList<>();
        for (String cidr : cidrs) {
            try {
                if (Cidr.parse(cidr).matchesEverything()) {
                    everyAddress.add(cidr);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(trustedProxies.key(), e.getMessage());
            }
        }
        if (!everyAddress.isEmpty()) {
            // Said even beside another marker: that marker then stands alone, whatever the configuration suggests.
            LOG.warn("{} {} match every address: the trusted-proxy marker proves nothing", trustedProxies.key(),
                    everyAddress);
        }
        if (kinds.size() == 1) {
            LOG.warn("{}marker trusted-proxy alone trusts every host in {}: combine it with hmac, assertion or"
                    + " shared-secret", PREFIX, cidrs);
        }
        return cidrs;
    }

    private Optional<GatewayConfig.ClientCert> clientCert(List<Marker> kinds) {
        if (!kinds.contains(Marker.CLIENT_CERT)) {
            return Optional.empty();
        }
        GatewayConfig.ClientCert lists = clientCert.get();
        if (lists == null || lists.subjects().isEmpty() && lists.dnsNames().isEmpty() && lists.uris().isEmpty()) {
            throw new ConfigException(clientCert.key(), "the client-cert marker needs an allow-list (subjects,"
                    + " dns-names or uris)");
        }
        for (String subject : lists.subjects()) {
            try {
                new javax.security.auth.x500.X500Principal(subject);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(clientCert.key(), "'" + subject + "' is not a distinguished name such as"
                        + " CN=gateway,O=Example");
            }
        }
        return Optional.of(lists);
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
