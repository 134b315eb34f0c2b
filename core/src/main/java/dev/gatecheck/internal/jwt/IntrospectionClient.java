package dev.gatecheck.internal.jwt;

import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.config.IssuerConfig.Introspection;
import dev.gatecheck.internal.HttpFetch;
import dev.gatecheck.internal.HttpFetch.FetchException;
import dev.gatecheck.internal.Json;
import dev.gatecheck.internal.OidcDiscovery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Asks one issuer's RFC 7662 endpoint about a token: a form POST under {@link HttpFetch}'s rules (https except
 * loopback, no redirects, the timeout, a 64 KiB body cap), the client authenticated by {@code client_secret_basic}
 * or {@code private_key_jwt}, the endpoint configured or found by OIDC discovery. A JSON answer is read strictly;
 * an RFC 9701 signed answer is verified with the issuer's keys by {@link SignedIntrospection}. Anything else (a
 * status other than 200, another media type, {@code active} not a boolean) fails the future with a
 * {@link FetchException}: an outage, never a verdict on the token.
 */
final class IntrospectionClient {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String JSON = "application/json";
    private static final String ACCEPT = SignedIntrospection.MEDIA_TYPE + ", " + JSON;
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    private final IssuerConfig issuer;
    private final Introspection settings;
    private final HttpFetch fetch;
    private final SignedIntrospection signed;
    private final Clock clock;
    private volatile URI endpoint;

    IntrospectionClient(IssuerConfig issuer, HttpFetch fetch, SignedIntrospection signed, Clock clock) {
        this.issuer = issuer;
        this.settings = issuer.introspection().orElseThrow();
        this.fetch = fetch;
        this.signed = signed;
        this.clock = clock;
        this.endpoint = settings.uri().orElse(null);
    }

    /** Where the endpoint is, for logs: its URL, or the discovery document until discovery succeeded. */
    String describe() {
        URI known = endpoint;
        return known != null ? known.toString() : OidcDiscovery.documentOf(issuer.issuer()) + " (discovery)";
    }

    /**
     * The endpoint's answer about {@code token}: the members of an active answer (signed or not), or empty for an
     * inactive one; fails with a {@link FetchException} on any outage.
     */
    CompletableFuture<Optional<Map<String, Object>>> introspect(String token) {
        return endpoint().thenCompose(uri -> fetch.post(uri, form(token, uri), headers()))
                .thenApply(this::answer);
    }

    private CompletableFuture<URI> endpoint() {
        URI known = endpoint;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return fetch.get(OidcDiscovery.documentOf(issuer.issuer())).thenApply(response -> {
            URI found = OidcDiscovery.endpoint(response.body(), issuer.issuer(), "introspection_endpoint");
            endpoint = found;
            return found;
        });
    }

    private Map<String, String> form(String token, URI uri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", "access_token");
        if (settings.privateKey().isPresent()) {
            form.put("client_id", settings.clientId());
            form.put("client_assertion_type", ASSERTION_TYPE);
            form.put("client_assertion", assertion(uri));
        }
        return form;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        settings.clientSecret().ifPresent(secret -> headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((HttpFetch.formEncode(settings.clientId()) + ":" + HttpFetch.formEncode(secret))
                        .getBytes(StandardCharsets.UTF_8))));
        return headers;
    }

    /** The RFC 7523 client assertion: the client as issuer and subject, the endpoint called as audience. */
    private String assertion(URI uri) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.clientId());
        claims.setSubject(settings.clientId());
        claims.setAudience(uri.toString());
        claims.setJwtId(UUID.randomUUID().toString());
        long now = clock.millis() / 1000;
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + ASSERTION_LIFETIME.toSeconds()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(settings.privateKey().orElseThrow());
        jws.setAlgorithmHeaderValue(Introspection.assertionAlgorithm(settings.privateKey().get()).name());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new FetchException("client assertion could not be signed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Optional<Map<String, Object>> answer(HttpFetch.Response response) {
        String type = response.mediaType().orElse("none");
        Map<String, Object> members;
        if (type.equals(JSON)) {
            members = parse(response.body());
        } else if (type.equals(SignedIntrospection.MEDIA_TYPE)) {
            members = signed.verify(response.body(), settings.clientId());
        } else {
            throw new FetchException("answered media type " + printable(type) + ", not " + ACCEPT);
        }
        Object active = members.get("active");
        if (!(active instanceof Boolean)) {
            throw new FetchException("answer has no boolean active member");
        }
        return (Boolean) active ? Optional.of(members) : Optional.empty();
    }

    private static Map<String, Object> parse(String body) {
        try {
            return Json.parseObject(body, 16);
        } catch (Json.JsonException e) {
            throw new FetchException("answer is not a well-formed JSON object (" + e.getMessage() + ")");
        }
    }

    private static String printable(String s) {
        String clipped = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return clipped.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
