package dev.gatecheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway tests share: one route per mode ({@code /gw/*} gateway, {@code /mixed/*} gateway-or-token,
 * {@code /token/*} token, {@code /public/*} public), a bearer-token issuer with a real RSA key, request helpers and
 * decision assertions whose messages say what was expected.
 */
public final class GatewayFixtures {
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    public static final long T = NOW.getEpochSecond();
    public static final String TOKEN_ISSUER = "https://issuer.test";
    public static final String TOKEN_AUDIENCE = "api";
    public static final KeyPair TOKEN_KEY = TestKeys.rsa();

    public static final String GATEWAY_PATH = "/gw/orders";
    public static final String MIXED_PATH = "/mixed/orders";
    public static final String TOKEN_PATH = "/token/orders";
    public static final String PUBLIC_PATH = "/public/info";

    private GatewayFixtures() {
    }

    /** A builder with the four routes and the bearer-token issuer; the caller adds the gateway settings. */
    public static GatecheckConfig.Builder config(Clock clock) {
        return GatecheckConfig.builder()
                .clock(clock)
                .jwt(j -> j.issuer(TOKEN_ISSUER).audiences(TOKEN_AUDIENCE).publicKeyPem(TestKeys.pem(TOKEN_KEY.getPublic())))
                .route(new Route("gw", List.of("/gw/*"), Set.of(), AuthMode.GATEWAY, Requirements.NONE))
                .route(new Route("mixed", List.of("/mixed/*"), Set.of(), AuthMode.GATEWAY_OR_TOKEN, Requirements.NONE))
                .route(new Route("token", List.of("/token/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE))
                .route(new Route("public", List.of("/public/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE));
    }

    /** The same routes and issuer as DESIGN configuration keys (a mutable map), for the loader's tests. */
    public static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("gatecheck.jwt.issuer", TOKEN_ISSUER);
        keys.put("gatecheck.jwt.audiences", TOKEN_AUDIENCE);
        keys.put("gatecheck.jwt.jwks", TestKeys.jwks(TestKeys.jwk(TOKEN_KEY.getPublic(), "token-key", "RS256")));
        keys.put("gatecheck.routes.gw.paths", "/gw/*");
        keys.put("gatecheck.routes.gw.auth", "gateway");
        keys.put("gatecheck.routes.mixed.paths", "/mixed/*");
        keys.put("gatecheck.routes.mixed.auth", "gateway-or-token");
        keys.put("gatecheck.routes.token.paths", "/token/*");
        keys.put("gatecheck.routes.token.auth", "token");
        keys.put("gatecheck.routes.public.paths", "/public/*");
        keys.put("gatecheck.routes.public.auth", "public");
        return keys;
    }

    /** A valid RS256 bearer token of the token issuer for {@code subject}, issued at {@link #NOW} for 5 minutes. */
    public static String bearerToken(String subject) {
        return Tokens.signWithKid("RS256", TOKEN_KEY.getPrivate(), "token-key",
                Tokens.claims(TOKEN_ISSUER, subject, TOKEN_AUDIENCE, T, 300, "\"roles\":[\"reader\"]"));
    }

    /** {@code n} random bytes (HMAC keys, secrets). */
    public static byte[] randomBytes(int n) {
        return Bytes.random(n);
    }

    /** Identity headers in a stable order; null values are left out. */
    public static Map<String, String> identity(String user, String org, String roles) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (user != null) {
            headers.put("X-User-ID", user);
        }
        if (org != null) {
            headers.put("X-User-Org", org);
        }
        if (roles != null) {
            headers.put("X-User-Roles", roles);
        }
        return headers;
    }

    /** The identity headers plus the {@code Signature-Input} and {@code Signature} that {@code signer} gives them. */
    public static Map<String, String> signedHeaders(GatewaySigner signer, String method, String path, String query,
                                                    Map<String, String> identity) {
        Map<String, String> headers = new LinkedHashMap<>(identity);
        headers.putAll(signer.sign(method, path, Optional.ofNullable(query), identity));
        return headers;
    }

    /** A request builder carrying {@code headers} (one line each). */
    public static AuthRequest.Builder request(String method, String path, String query,
                                                    Map<String, String> headers) {
        AuthRequest.Builder builder = AuthRequest.builder(method, path);
        if (query != null) {
            builder.query(query);
        }
        headers.forEach(builder::header);
        return builder;
    }

    /**
     * A request as a servlet container presents it: header lines in order with their names as sent, so two spellings
     * of one name ({@code x-user-id}, {@code X-User-ID}) are both listed by {@code headerNames()}, while
     * {@code headers(name)} matches case-insensitively (but never treats {@code _} as {@code -}). The builder lists
     * a name once, in its first spelling: this is what tests of core against containers' listings need instead.
     */
    public static AuthRequest containerRequest(String method, String path, String query, String peer,
                                               List<Map.Entry<String, String>> lines) {
        List<Map.Entry<String, String>> copy = List.copyOf(lines);
        return new AuthRequest() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public Optional<String> rawQuery() {
                return Optional.ofNullable(query);
            }

            @Override
            public List<String> headers(String name) {
                return copy.stream().filter(l -> l.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
            }

            @Override
            public List<String> headerNames() {
                return copy.stream().map(Map.Entry::getKey).distinct().toList();
            }

            @Override
            public Optional<String> peerAddress() {
                return Optional.ofNullable(peer);
            }
        };
    }

    /** Asserts {@code decision} allows the request, and returns it. */
    public static Decision.Allow allowed(Decision decision, String what) {
        assertThat(decision).as("%s: expected the request to be allowed", what).isInstanceOf(Decision.Allow.class);
        return (Decision.Allow) decision;
    }

    /** Asserts {@code decision} denies with {@code status} and {@code code}, and returns the rejection. */
    public static Rejection denied(Decision decision, int status, String code, String what) {
        assertThat(decision).as("%s: expected %d %s", what, status, code).isInstanceOf(Decision.Deny.class);
        Rejection rejection = ((Decision.Deny) decision).rejection();
        assertThat(rejection.status() + " " + rejection.code().code())
                .as("%s: status and code (detail '%s')", what, rejection.detail())
                .isEqualTo(status + " " + code);
        return rejection;
    }

    /** Asserts a 401 {@code untrusted_identity_headers}. */
    public static Rejection untrusted(Decision decision, String what) {
        return denied(decision, 401, "untrusted_identity_headers", what);
    }

    /** Asserts a 401 {@code missing_authorization_header}: no identity was believed and none was required to be. */
    public static Rejection missing(Decision decision, String what) {
        return denied(decision, 401, "missing_authorization_header", what);
    }

    /** The roles of an {@code X-User-Roles} value, order-free. */
    public static Set<String> roles(String headerValue) {
        return Set.of(headerValue.split(","));
    }
}
