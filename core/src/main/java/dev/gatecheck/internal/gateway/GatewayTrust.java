package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.config.HeaderMapping;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.internal.Cidr;
import dev.gatecheck.internal.Memo;
import dev.gatecheck.internal.jwt.TokenProfile;
import dev.gatecheck.internal.jwt.TokenResult;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.keys.KeySource;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a request's identity headers may be believed: only when every configured marker verifies.
 * Identity headers match case-insensitively with {@code _} as {@code -}; each may appear once, in its canonical
 * spelling. Built once from {@link GatewayConfig}; immutable and thread-safe.
 */
public final class GatewayTrust {
    private final List<GatewayMarker> markers;
    private final Map<String, HeaderMapping> identityHeaders;
    private final Optional<AssertionMarker> assertion;
    private final boolean headersMustAgree;
    private final Set<String> hiddenHeaders;
    private final Set<String> hiddenPrefixes;
    private final OptionalLong maxBody;
    private final Optional<String> clientCertHeader;

    private GatewayTrust(List<GatewayMarker> markers, List<HeaderMapping> identityHeaders, boolean headersMustAgree,
                         OptionalLong maxBody, Optional<String> clientCertHeader) {
        this.maxBody = maxBody;
        this.clientCertHeader = clientCertHeader.map(HeaderChanges::canonical);
        this.markers = List.copyOf(markers);
        Map<String, HeaderMapping> byName = new LinkedHashMap<>();
        identityHeaders.forEach(m -> byName.put(HeaderChanges.canonical(m.header()), m));
        this.identityHeaders = Collections.unmodifiableMap(byName);
        this.assertion = markers.stream().filter(AssertionMarker.class::isInstance).map(AssertionMarker.class::cast)
                .findFirst();
        this.headersMustAgree = headersMustAgree;
        Set<String> hidden = new HashSet<>(byName.keySet());
        markers.forEach(m -> hidden.addAll(m.markerHeaders()));
        this.clientCertHeader.ifPresent(hidden::add);
        this.hiddenHeaders = Set.copyOf(hidden);
        Set<String> prefixes = new HashSet<>();
        markers.forEach(m -> prefixes.addAll(m.markerHeaderPrefixes()));
        this.hiddenPrefixes = Set.copyOf(prefixes);
    }

    /**
     * The gateway rules of {@code config}, with time from {@code clock} and the verified-token cache bounds; an
     * assertion's verifications are told to {@code events}.
     */
    public static GatewayTrust create(GatewayConfig config, Function<IssuerConfig, KeySource> keys, Clock clock,
                                      int cacheMaxSize, java.time.Duration cacheTtl,
                                      Optional<GatecheckListener> events) {
        List<GatewayMarker> markers = new ArrayList<>();
        for (GatewayConfig.Marker kind : config.markers()) {
            markers.add(switch (kind) {
                case HMAC -> {
                    GatewayConfig.Hmac h = config.hmac().orElseThrow();
                    yield new HmacMarker(h.keys(), h.tolerance(), h.components(), clock);
                }
                case SHARED_SECRET -> {
                    GatewayConfig.SharedSecret secret = config.sharedSecret().orElseThrow();
                    yield new SharedSecretMarker(secret.header(), secret.values());
                }
                case TRUSTED_PROXY -> new TrustedProxyMarker(config.trustedProxies().stream().map(Cidr::parse)
                        .toList());
                case CLIENT_CERT -> {
                    GatewayConfig.ClientCert lists = config.clientCert().orElseThrow();
                    yield new ClientCertMarker(lists.subjects(), lists.dnsNames(), lists.uris());
                }
                case ASSERTION -> {
                    GatewayConfig.Assertion a = config.assertion().orElseThrow();
                    yield new AssertionMarker(a.header(), new TokenVerifier(List.of(a.issuer()), keys, clock,
                            TokenProfile.assertion(a.paddedSegments(), a.requiredHeaders()), cacheMaxSize, cacheTtl,
                            events),
                            a.companions(), a.companionPrefixes());
                }
            });
        }
        return new GatewayTrust(markers, config.identityHeaders(),
                config.assertion().map(GatewayConfig.Assertion::headersMustAgree).orElse(false),
                config.hmacCoversBody() ? OptionalLong.of(config.hmac().orElseThrow().maxBody()) : OptionalLong.empty(),
                config.clientCertHeader());
    }

    /** True when the gateway forwards client certificates ({@code gatecheck.gateway.client-cert-header}). */
    public boolean forwardsCertificates() {
        return clientCertHeader.isPresent();
    }

    /**
     * The client certificate the gateway forwarded in {@code gatecheck.gateway.client-cert-header} (RFC 8705), when
     * the header appears once, holds a certificate, and every marker verifies with that header counted as an
     * identity header (an {@code hmac} signature must cover it); empty otherwise.
     */
    public Optional<X509Certificate> forwardedCertificate(AuthRequest request) {
        List<String> values = clientCertHeader.map(request::headers).orElse(List.of());
        if (values.size() != 1) {
            return Optional.empty();
        }
        for (GatewayMarker marker : markers) {
            if (!(marker.check(request, Set.of(clientCertHeader.get())) instanceof MarkerResult.Pass)) {
                return Optional.empty();
            }
        }
        return ForwardedCertificate.parse(values.get(0));
    }

    /** Canonical names of every header the application must not see: identity headers and marker headers. */
    public Set<String> hiddenHeaders() {
        return hiddenHeaders;
    }

    /** Canonical name prefixes of headers the application must not see (a preset's unsigned claim headers). */
    public Set<String> hiddenPrefixes() {
        return hiddenPrefixes;
    }

    /**
     * The body a gateway route reads: present when the {@code hmac} signature must cover {@code content-digest}
     * ({@code gatecheck.gateway.hmac.max-body}).
     */
    public OptionalLong maxBody() {
        return maxBody;
    }

    /** How many verified assertions are cached (approximate). */
    public long cachedTokens() {
        return assertion.map(AssertionMarker::cachedTokens).orElse(0L);
    }

    /** The verdict on {@code request}. Never throws for bad input. */
    public GatewayOutcome evaluate(AuthRequest request) {
        Claimed claimed = claimed(request);
        boolean allPass = true;
        Optional<TokenResult.Valid> asserted = Optional.empty();
        for (GatewayMarker marker : markers) {
            MarkerResult result = marker.check(request, claimed.present.keySet());
            if (result instanceof MarkerResult.Fail fail) {
                return new GatewayOutcome.Failed(marker.kind() + ":" + fail.reason(), claimed.names);
            }
            if (result instanceof MarkerResult.Unavailable unavailable) {
                return new GatewayOutcome.Unavailable(unavailable.rejection());
            }
            if (result instanceof MarkerResult.Absent) {
                allPass = false;
            } else if (result instanceof MarkerResult.Pass pass && pass.asserted().isPresent()) {
                asserted = pass.asserted();
            }
        }
        boolean identityClaimed = !claimed.present.isEmpty() || claimed.irregular
                || assertion.map(a -> !request.headers(a.headerName()).isEmpty()).orElse(false);
        if (!allPass) {
            return identityClaimed ? new GatewayOutcome.Untrusted(claimed.names) : new GatewayOutcome.NoIdentity();
        }
        if (claimed.irregular) {
            return new GatewayOutcome.Failed("duplicate_identity_header", claimed.names);
        }
        if (asserted.isPresent()) {
            if (headersMustAgree && !claimed.present.isEmpty() && !agrees(asserted.get().identity(), claimed.present)) {
                return new GatewayOutcome.Failed("identity_headers_disagree", claimed.names);
            }
            return new GatewayOutcome.Trusted(asserted.get().identity(), asserted.get().memo());
        }
        if (claimed.present.isEmpty()) {
            return new GatewayOutcome.NoIdentity();
        }
        return fromHeaders(claimed);
    }

    /** The identity headers a request carries: canonical name to value, their names as sent, and irregularities. */
    private record Claimed(Map<String, String> present, List<String> names, boolean irregular) {
    }

    private Claimed claimed(AuthRequest request) {
        Map<String, String> present = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        boolean irregular = false;
        for (String name : request.headerNames()) {
            String canonical = HeaderChanges.canonical(name);
            if (!identityHeaders.containsKey(canonical) || !names.add(name)) {
                continue;
            }
            List<String> values = request.headers(name);
            lines.merge(canonical, values.size(), Integer::sum);
            irregular |= name.indexOf('_') >= 0; // nginx drops such names, CGI stacks merge them: never genuine
            if (!values.isEmpty()) {
                present.putIfAbsent(canonical, values.get(0));
            }
        }
        irregular |= lines.values().stream().anyMatch(n -> n > 1);
        return new Claimed(present, List.copyOf(names), irregular);
    }

    private GatewayOutcome fromHeaders(Claimed claimed) {
        Identity.Builder identity = Identity.builder(AuthMethod.GATEWAY);
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : claimed.present.entrySet()) {
            String field = identityHeaders.get(header.getKey()).field();
            // The value exactly as received: Gatecheck refuses what its header view could not show faithfully.
            String value = header.getValue();
            switch (field) {
                case "sub", "org" -> {
                    if (value.isEmpty() || value.indexOf(',') >= 0) {
                        return new GatewayOutcome.Failed("malformed_identity_header", claimed.names);
                    }
                    if (field.equals("sub")) {
                        identity.subject(value);
                    } else {
                        identity.org(value);
                    }
                    claims.put(field, value);
                }
                case "roles" -> {
                    Set<String> roles = split(value, ',');
                    identity.roles(roles);
                    claims.put("roles", List.copyOf(roles));
                }
                case "scopes", "scope" -> {
                    Set<String> scopes = split(value, ' ');
                    identity.scopes(scopes);
                    claims.put("scope", value);
                }
                default -> claims.put(field, value);
            }
        }
        if (!claims.containsKey("sub")) {
            return new GatewayOutcome.Failed("subject_header_missing", claimed.names);
        }
        return new GatewayOutcome.Trusted(identity.claims(Collections.unmodifiableMap(claims)).build(), new Memo());
    }

    private boolean agrees(Identity identity, Map<String, String> present) {
        for (Map.Entry<String, String> header : present.entrySet()) {
            String value = header.getValue();
            boolean same = switch (identityHeaders.get(header.getKey()).field()) {
                case "sub" -> value.equals(identity.subject());
                case "org" -> identity.org().map(value::equals).orElse(false);
                case "roles" -> split(value, ',').equals(identity.roles());
                default -> identity.claim(identityHeaders.get(header.getKey()).field())
                        .map(c -> c.toString().equals(value)).orElse(false);
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * The items of a list header, with the spaces around each separator removed (RFC 9110 list syntax) and empty
     * items skipped. Nothing else is removed: a tab or control character stays, and the identity is refused.
     */
    private static Set<String> split(String value, char separator) {
        Set<String> out = new LinkedHashSet<>();
        int start = 0;
        while (start <= value.length()) {
            int end = value.indexOf(separator, start);
            end = end < 0 ? value.length() : end;
            int from = start;
            int to = end;
            while (from < to && value.charAt(from) == ' ') {
                from++;
            }
            while (to > from && value.charAt(to - 1) == ' ') {
                to--;
            }
            if (from < to) {
                out.add(value.substring(from, to));
            }
            start = end + 1;
        }
        return out;
    }
}
