package dev.gatecheck.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.T;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.roles;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.AuthMethod;
import dev.gatecheck.AuthRequest;
import dev.gatecheck.Decision;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.Identity;
import dev.gatecheck.Rejection;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.LoopbackServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The assertion presets with tokens shaped like the vendors' (reference notes A1-A4), signed with test keys whose
 * public halves a loopback server publishes where the preset's override keys point: {@code .jwks-uri} for IAP,
 * Cloudflare and Pomerium, {@code .key-url} (PEM by {@code kid}) for ALB.
 */
class AssertionPresetTest {
    private static final KeyPair IAP_KEY = TestKeys.ec("secp256r1");
    private static final KeyPair ALB_KEY = TestKeys.ec("secp256r1");
    private static final KeyPair CLOUDFLARE_KEY = TestKeys.rsa();
    private static final KeyPair POMERIUM_KEY = TestKeys.ec("secp256r1");
    private static final KeyPair OTHER_EC = TestKeys.ec("secp256r1");
    private static LoopbackServer server;

    @BeforeAll
    static void startKeyServer() {
        server = LoopbackServer.start()
                .serve("/iap/verify/public_key-jwk", TestKeys.jwks(TestKeys.jwk(IAP_KEY.getPublic(), Iap.KID, "ES256")))
                .serve("/alb/" + Alb.KID, TestKeys.pem(ALB_KEY.getPublic()))
                .serve("/cf/cdn-cgi/access/certs", "{\"keys\":[" + TestKeys.jwk(CLOUDFLARE_KEY.getPublic(),
                        Cloudflare.KID, "RS256") + "],\"public_cert\":{\"kid\":\"" + Cloudflare.KID + "\",\"cert\":"
                        + "\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"},\"public_certs\":[]}")
                .serve("/pomerium/.well-known/pomerium/jwks.json",
                        TestKeys.jwks(TestKeys.jwk(POMERIUM_KEY.getPublic(), Pomerium.KID, "ES256")));
    }

    @AfterAll
    static void stopKeyServer() {
        server.close();
    }

    private static Gatecheck engine(String... settings) {
        return Gatecheck.create(config(settings));
    }

    private static GatecheckConfig config(String... settings) {
        return config(new MutableClock(NOW), settings);
    }

    private static GatecheckConfig config(MutableClock clock, String... settings) {
        Map<String, String> keys = GatewayFixtures.keys();
        keys.put("gatecheck.gateway.marker", "assertion");
        for (int i = 0; i < settings.length; i += 2) {
            if (settings[i + 1] == null) {
                keys.remove(settings[i]);
            } else {
                keys.put(settings[i], settings[i + 1]);
            }
        }
        return GatecheckConfig.fromMap(keys, clock);
    }

    private static Decision send(Gatecheck engine, String path, String header, String token, String... more) {
        var request = AuthRequest.builder("GET", path).header(header, token);
        for (int i = 0; i < more.length; i += 2) {
            request.header(more[i], more[i + 1]);
        }
        return engine.authenticate(request.build());
    }

    // ---- Google IAP (A1) -------------------------------------------------------------------------------------------

    @Nested
    class Iap {
        static final String KID = "0oeLcQ";
        static final String HEADER = "x-goog-iap-jwt-assertion";
        static final String AUDIENCE = "/projects/123456789012/global/backendServices/9876543210987654321";
        static final String SUB = "accounts.google.com:112233445566778899001";

        private final Gatecheck engine = engine("gatecheck.gateway.assertion.preset", "google-iap",
                "gatecheck.gateway.assertion.audience", AUDIENCE,
                "gatecheck.gateway.assertion.jwks-uri", server.url("/iap/verify/public_key-jwk"));

        static String token(KeyPair key, String alg, String iss, String aud, long iat, long exp) {
            return Tokens.sign(alg, key.getPrivate(), "{\"alg\":\"" + alg + "\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}",
                    "{\"aud\":\"" + aud + "\",\"email\":\"alice@example.com\",\"exp\":" + exp + ",\"google\":"
                            + "{\"access_levels\":[\"accessPolicies/518551280924/accessLevels/corp\"]},"
                            + "\"hd\":\"example.com\",\"iat\":" + iat + ",\"iss\":\"" + iss + "\",\"sub\":\"" + SUB + "\"}");
        }

        static String valid() {
            return token(IAP_KEY, "ES256", "https://cloud.google.com/iap", AUDIENCE, T - 5, T + 595);
        }

        @Test
        void aSignedHeaderOfIapMakesItsSubjectTheCallerAndHidesTheCompatibilityHeaders() {
            Decision.Allow allow = allowed(send(engine, GATEWAY_PATH, "X-Goog-IAP-JWT-Assertion", valid(),
                    "X-Goog-Authenticated-User-Email", "accounts.google.com:admin@example.com",
                    "X-Goog-Authenticated-User-Id", "accounts.google.com:1"), "IAP signed header");
            Identity caller = allow.identity().orElseThrow();
            assertThat(caller.subject()).isEqualTo(SUB);
            assertThat(caller.claim("email")).contains("alice@example.com");
            assertThat(caller.method()).isEqualTo(AuthMethod.GATEWAY);
            assertThat(allow.headers().valueOf("X-User-ID")).contains(SUB);
            assertThat(List.of(HEADER, "X-Goog-Authenticated-User-Email", "x-goog-authenticated-user-id"))
                    .as("assertion and unsigned compatibility headers hidden").allMatch(allow.headers()::hides);
        }

        static Stream<Arguments> refused() {
            return Stream.of(
                    Arguments.of("another audience", token(IAP_KEY, "ES256", "https://cloud.google.com/iap",
                            "/projects/1/apps/other", T, T + 600), "assertion:assertion_invalid_audience"),
                    Arguments.of("another issuer", token(IAP_KEY, "ES256", "https://accounts.google.com", AUDIENCE, T,
                            T + 600), "assertion:assertion_issuer_invalid"),
                    Arguments.of("RS256 (IAP signs ES256 only)", token(CLOUDFLARE_KEY, "RS256",
                            "https://cloud.google.com/iap", AUDIENCE, T, T + 600), "assertion:assertion_alg_not_allowed"),
                    Arguments.of("another key", token(OTHER_EC, "ES256", "https://cloud.google.com/iap", AUDIENCE, T,
                            T + 600), "assertion:assertion_bad_signature"),
                    Arguments.of("expired", token(IAP_KEY, "ES256", "https://cloud.google.com/iap", AUDIENCE, T - 700,
                            T - 100), "assertion:assertion_expired"),
                    Arguments.of("an hour-long lifetime", token(IAP_KEY, "ES256", "https://cloud.google.com/iap",
                            AUDIENCE, T, T + 3600), "assertion:assertion_lifetime_too_long"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refused")
        void aSignedHeaderThatIsNotIapsIsRefused(String name, String token, String detail) {
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token), "IAP assertion with " + name);
            assertThat(r.detail()).isEqualTo(detail);
        }

        @Test
        void theCompatibilityHeaderAloneIsNeverBelieved() {
            GatewayFixtures.missing(engine.authenticate(AuthRequest.builder("GET", GATEWAY_PATH)
                    .header("X-Goog-Authenticated-User-Email", "accounts.google.com:admin@example.com").build()),
                    "X-Goog-Authenticated-User-Email without the signed header");
        }
    }

    // ---- AWS ALB (A2) ----------------------------------------------------------------------------------------------

    @Nested
    class Alb {
        static final String KID = "7c2f8e4a-1b3d-4c5e-9f60-a1b2c3d4e5f6";
        static final String HEADER = "x-amzn-oidc-data";
        static final String ARN = "arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/orders/50dc6c495c0c9188";
        static final String OTHER_ARN = "arn:aws:elasticloadbalancing:us-east-2:999999999999:loadbalancer/app/evil/1111111111111111";
        static final String ISSUER = "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbCdEfGhI";
        static final String CLIENT = "6hqc3m8d1s0lq4j0b1u2v3w4x5";
        static final String SUB = "a1b2c3d4-0000-4000-8000-1234567890ab";

        private final Gatecheck engine = albEngine();

        static Gatecheck albEngine() {
            return engine("gatecheck.gateway.assertion.preset", "aws-alb",
                    "gatecheck.gateway.assertion.signer", ARN,
                    "gatecheck.gateway.assertion.client", CLIENT,
                    "gatecheck.gateway.assertion.issuer", ISSUER,
                    "gatecheck.gateway.assertion.key-url", server.url("/alb/{kid}"));
        }

        /** Base64url WITH padding, as ALB writes it. */
        static String padded(String json) {
            return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        /** {@code json} made one byte longer when needed, so its base64 needs padding. */
        static String needingPadding(String json) {
            return json.getBytes(StandardCharsets.UTF_8).length % 3 == 0 ? json.replaceFirst("\\{", "{ ") : json;
        }

        static String token(KeyPair key, String kid, String signer, String client, long exp) {
            String header = needingPadding("{\"typ\":\"JWT\",\"kid\":\"" + kid + "\",\"alg\":\"ES256\",\"iss\":\""
                    + ISSUER + "\",\"client\":\"" + client + "\",\"signer\":\"" + signer + "\",\"exp\":" + exp + "}");
            String payload = needingPadding("{\"sub\":\"" + SUB + "\",\"email_verified\":\"true\",\"email\":"
                    + "\"alice@example.com\",\"username\":\"alice\",\"exp\":" + exp + ",\"iss\":\"" + ISSUER + "\"}");
            String signingInput = padded(header) + "." + padded(payload);
            byte[] signature = Tokens.signature("ES256", key.getPrivate(), signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().encodeToString(signature);
        }

        static String valid() {
            return token(ALB_KEY, KID, ARN, CLIENT, T + 120);
        }

        @Test
        void theTokenIsShapedLikeAlbs() throws Exception {
            String token = valid();
            assertThat(token.split("\\.")).as("every segment keeps its base64 padding")
                    .hasSize(3).allMatch(segment -> segment.endsWith("="));
            String input = token.substring(0, token.lastIndexOf('.'));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
            Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
            jdk.initVerify(ALB_KEY.getPublic());
            jdk.update(input.getBytes(StandardCharsets.US_ASCII));
            assertThat(jdk.verify(signature)).as("JDK: the signature covers the padded text").isTrue();
            jdk.initVerify(ALB_KEY.getPublic());
            jdk.update(input.replace("=", "").getBytes(StandardCharsets.US_ASCII));
            assertThat(jdk.verify(signature)).as("JDK: the signature does not cover the unpadded text").isFalse();
        }

        @Test
        void aPaddedAlbTokenVerifiesAsReceived() {
            for (String path : List.of(GATEWAY_PATH, MIXED_PATH)) {
                Decision.Allow allow = allowed(send(engine, path, "X-Amzn-Oidc-Data", valid(),
                        "X-Amzn-Oidc-Identity", "admin", "X-Amzn-Oidc-Accesstoken", "opaque-idp-token"),
                        "ALB token with padding on " + path);
                Identity caller = allow.identity().orElseThrow();
                assertThat(caller.subject()).isEqualTo(SUB);
                assertThat(caller.claim("email")).contains("alice@example.com");
                assertThat(List.of(HEADER, "x-amzn-oidc-identity", "X-Amzn-Oidc-Accesstoken"))
                        .as("assertion and unsigned ALB headers hidden").allMatch(allow.headers()::hides);
            }
        }

        @Test
        void theSameTokenWithItsPaddingStrippedIsRefused() {
            String stripped = valid().replace("=", "");
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, stripped), "ALB token, padding removed");
            assertThat(r.detail()).isEqualTo("assertion:assertion_bad_signature");
        }

        @Test
        void aTokenOfAnotherLoadBalancerIsRefused() {
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token(ALB_KEY, KID, OTHER_ARN, CLIENT, T + 120)),
                    "signer is another ALB's ARN");
            assertThat(r.detail()).isEqualTo("assertion:assertion_signer_not_allowed");
        }

        @Test
        void aTokenForAnotherClientIsRefused() {
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token(ALB_KEY, KID, ARN, "other-client", T + 120)),
                    "client is another OIDC client");
            assertThat(r.detail()).isEqualTo("assertion:assertion_client_not_allowed");
        }

        @Test
        void aTokenSignedWithAnotherKeyUnderTheKidIsRefused() {
            untrusted(send(engine, GATEWAY_PATH, HEADER, token(OTHER_EC, KID, ARN, CLIENT, T + 120)), "forged signature");
        }

        @Test
        void anExpiredTokenIsRefused() {
            untrusted(send(engine, GATEWAY_PATH, HEADER, token(ALB_KEY, KID, ARN, CLIENT, T - 60)), "exp passed");
        }

        @Test
        void theKeyIsFetchedOnceByKidAsPemFromTheKeyUrl() {
            Gatecheck fresh = albEngine();
            long before = server.requests("/alb/");
            allowed(send(fresh, GATEWAY_PATH, HEADER, valid()), "first request");
            allowed(send(fresh, GATEWAY_PATH, HEADER, valid()), "second request");
            assertThat(server.requests("/alb/") - before).as("PEM fetches for two requests").isEqualTo(1);
            assertThat(server.requestedPaths()).as("the URL template filled with the kid").contains("/alb/" + KID);
        }

        @Test
        void anUnknownKidIsRefused() {
            String kid = "00000000-0000-4000-8000-000000000000";
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token(ALB_KEY, kid, ARN, CLIENT, T + 120)),
                    "a kid the key URL does not know (404)");
            assertThat(r.detail()).isEqualTo("assertion:assertion_unknown_key");
        }

        @Test
        void anUnreachableKeyServerIsA503NotA401() {
            Gatecheck down = Gatecheck.create(config("gatecheck.gateway.assertion.preset", "aws-alb",
                    "gatecheck.gateway.assertion.signer", ARN, "gatecheck.gateway.assertion.issuer", ISSUER,
                    "gatecheck.gateway.assertion.key-url", "http://127.0.0.1:1/{kid}"));
            Rejection r = GatewayFixtures.denied(send(down, GATEWAY_PATH, HEADER, valid()), 503, "auth_unavailable",
                    "ALB key URL refusing connections");
            assertThat(r.retryAfter()).as("Retry-After").isPresent();
            assertThat(down.spoofAttempts()).as("an outage is no spoof attempt").isZero();
        }

        @Test
        void aKeyServerErrorIsA503AndTheKeyIsFetchedAgainAfterRetryAfter() {
            MutableClock clock = new MutableClock(NOW);
            String kid = "5e0c1d2b-3a4f-4e5d-8c7b-6a5f4e3d2c1b";
            server.fail("/alb-flaky/" + kid, 500);
            Gatecheck engine = Gatecheck.create(config(clock, "gatecheck.gateway.assertion.preset", "aws-alb",
                    "gatecheck.gateway.assertion.signer", ARN, "gatecheck.gateway.assertion.issuer", ISSUER,
                    "gatecheck.gateway.assertion.key-url", server.url("/alb-flaky/{kid}")));
            String token = token(ALB_KEY, kid, ARN, CLIENT, T + 300);
            Rejection r = GatewayFixtures.denied(send(engine, GATEWAY_PATH, HEADER, token), 503, "auth_unavailable",
                    "ALB key URL answering 500");
            assertThat(engine.spoofAttempts()).as("an outage is no spoof attempt").isZero();

            server.serve("/alb-flaky/" + kid, TestKeys.pem(ALB_KEY.getPublic()));
            clock.advance(java.time.Duration.ofSeconds(Long.parseLong(r.headers().get("Retry-After"))));
            allowed(send(engine, GATEWAY_PATH, HEADER, token), "the key server answers again after Retry-After");
        }

        static Stream<Arguments> hostileKids() {
            return Stream.of(
                    Arguments.of("../../etc/passwd"),
                    Arguments.of("../" + KID),
                    Arguments.of("..%2F..%2Fadmin"),
                    Arguments.of("a/b"),
                    Arguments.of(KID + "?x=1"),
                    Arguments.of(KID + "#x"),
                    Arguments.of("@evil.example"),
                    Arguments.of("kid with spaces"),
                    Arguments.of("k".repeat(65)));
        }

        @ParameterizedTest(name = "kid {0}")
        @MethodSource("hostileKids")
        void aKidThatIsNotAnIdIsRefusedWithoutAnyFetch(String kid) {
            int before = server.requestedPaths().size();
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token(ALB_KEY, kid, ARN, CLIENT, T + 120)),
                    "kid '" + kid + "'");
            assertThat(r.detail()).isEqualTo("assertion:assertion_unknown_key");
            assertThat(server.requestedPaths().size()).as("requests to the key server").isEqualTo(before);
        }
    }

    // ---- Cloudflare Access (A3) ------------------------------------------------------------------------------------

    @Nested
    class Cloudflare {
        static final String KID = "b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3";
        static final String HEADER = "Cf-Access-Jwt-Assertion";
        static final String TEAM = "https://gatecheck-test.cloudflareaccess.com";
        static final String AUD_TAG = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";

        private final Gatecheck engine = engine("gatecheck.gateway.assertion.preset", "cloudflare-access",
                "gatecheck.gateway.assertion.issuer", TEAM,
                "gatecheck.gateway.assertion.audience", AUD_TAG,
                "gatecheck.gateway.assertion.jwks-uri", server.url("/cf/cdn-cgi/access/certs"));

        static String token(KeyPair key, String alg, String audArray) {
            return Tokens.sign(alg, key.getPrivate(), "{\"alg\":\"" + alg + "\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}",
                    "{\"aud\":" + audArray + ",\"email\":\"alice@example.com\",\"exp\":" + (T + 600) + ",\"iat\":" + T
                            + ",\"nbf\":" + T + ",\"iss\":\"" + TEAM + "\",\"type\":\"app\",\"identity_nonce\":"
                            + "\"6ei69kawdKzMIAPF\",\"sub\":\"7335d417-61da-459d-899c-0a01c76a2f94\",\"country\":\"US\"}");
        }

        @Test
        void anAccessTokenWhoseAudArrayContainsTheTagMakesItsSubjectTheCaller() {
            for (String aud : List.of("[\"" + AUD_TAG + "\"]", "[\"0000\",\"" + AUD_TAG + "\"]")) {
                Decision.Allow allow = allowed(send(engine, GATEWAY_PATH, HEADER, token(CLOUDFLARE_KEY, "RS256", aud),
                        "Cf-Access-Authenticated-User-Email", "admin@example.com"), "Cloudflare token, aud " + aud);
                assertThat(allow.identity()).map(Identity::subject).contains("7335d417-61da-459d-899c-0a01c76a2f94");
                assertThat(List.of(HEADER, "cf-access-authenticated-user-email"))
                        .as("assertion and unsigned e-mail header hidden").allMatch(allow.headers()::hides);
            }
        }

        @Test
        void anAudArrayWithoutTheTagIsRefused() {
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER,
                    token(CLOUDFLARE_KEY, "RS256", "[\"" + AUD_TAG.replace('4', '5') + "\"]")), "aud of another app");
            assertThat(r.detail()).isEqualTo("assertion:assertion_invalid_audience");
            untrusted(send(engine, GATEWAY_PATH, HEADER, token(CLOUDFLARE_KEY, "RS256", "[]")), "empty aud array");
        }

        @Test
        void anEs256TokenIsRefused() {
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token(OTHER_EC, "ES256", "[\"" + AUD_TAG + "\"]")),
                    "ES256 where Cloudflare signs RS256");
            assertThat(r.detail()).isEqualTo("assertion:assertion_alg_not_allowed");
        }
    }

    // ---- Pomerium (A4) ---------------------------------------------------------------------------------------------

    @Nested
    class Pomerium {
        static final String KID = "pomerium-signing-key-1";
        static final String HEADER = "X-Pomerium-Jwt-Assertion";
        static final String HOST = "orders.corp.example.com";

        private final Gatecheck engine = engine("gatecheck.gateway.assertion.preset", "pomerium",
                "gatecheck.gateway.assertion.issuer", HOST,
                "gatecheck.gateway.assertion.audience", HOST,
                "gatecheck.gateway.assertion.roles-claim", "groups",
                "gatecheck.gateway.assertion.jwks-uri", server.url("/pomerium/.well-known/pomerium/jwks.json"));

        static String token(String aud) {
            return Tokens.signWithKid("ES256", POMERIUM_KEY.getPrivate(), KID, "{\"iss\":\"" + HOST + "\",\"aud\":\""
                    + aud + "\",\"exp\":" + (T + 300) + ",\"iat\":" + T + ",\"sub\":\"user-4711\",\"email\":"
                    + "\"alice@example.com\",\"groups\":[\"admins\",\"staff\"],\"name\":\"Alice\"}");
        }

        @Test
        void thePomeriumAssertionsGroupsBecomeRoles() {
            Decision.Allow allow = allowed(send(engine, GATEWAY_PATH, HEADER, token(HOST)), "Pomerium assertion");
            Identity caller = allow.identity().orElseThrow();
            assertThat(caller.subject()).isEqualTo("user-4711");
            assertThat(caller.roles()).as("roles from the groups claim").containsExactlyInAnyOrder("admins", "staff");
            assertThat(allow.headers().valueOf("X-User-Roles").map(GatewayFixtures::roles)).contains(roles("admins,staff"));
            assertThat(allow.headers().hides(HEADER)).isTrue();
        }

        @Test
        void anAssertionForAnotherRouteHostIsRefused() {
            Rejection r = untrusted(send(engine, GATEWAY_PATH, HEADER, token("billing.corp.example.com")),
                    "aud of another route host");
            assertThat(r.detail()).isEqualTo("assertion:assertion_invalid_audience");
        }
    }

    // ---- preset configuration ------------------------------------------------------------------------------------

    static Stream<Arguments> presetsNeedingAnAudience() {
        return Stream.of(
                Arguments.of("google-iap", new String[] {"gatecheck.gateway.assertion.jwks-uri", "/iap/verify/public_key-jwk"}),
                Arguments.of("cloudflare-access", new String[] {"gatecheck.gateway.assertion.issuer", Cloudflare.TEAM,
                        "gatecheck.gateway.assertion.jwks-uri", "/cf/cdn-cgi/access/certs"}),
                Arguments.of("pomerium", new String[] {"gatecheck.gateway.assertion.issuer", Pomerium.HOST,
                        "gatecheck.gateway.assertion.jwks-uri", "/pomerium/.well-known/pomerium/jwks.json"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presetsNeedingAnAudience")
    void aPresetNeedingAnAudienceRefusesToStartWithoutIt(String preset, String[] settings) {
        String[] all = new String[settings.length + 2];
        all[0] = "gatecheck.gateway.assertion.preset";
        all[1] = preset;
        for (int i = 0; i < settings.length; i += 2) {
            all[i + 2] = settings[i];
            all[i + 3] = settings[i].endsWith("jwks-uri") ? server.url(settings[i + 1]) : settings[i + 1];
        }
        assertThatThrownBy(() -> config(all)).as(preset + " without an audience")
                .isInstanceOfSatisfying(ConfigException.class, e ->
                        assertThat(e.key()).isEqualTo("gatecheck.gateway.assertion.audience"));
    }

    @Test
    void awsAlbRefusesToStartWithoutTheSignerArn() {
        assertThatThrownBy(() -> config("gatecheck.gateway.assertion.preset", "aws-alb",
                "gatecheck.gateway.assertion.issuer", Alb.ISSUER,
                "gatecheck.gateway.assertion.key-url", server.url("/alb/{kid}")))
                .isInstanceOfSatisfying(ConfigException.class, e ->
                        assertThat(e.key()).isEqualTo("gatecheck.gateway.assertion.signer"));
    }

    @Test
    void awsAlbRefusesASignerThatIsNotAnAlbArn() {
        assertThatThrownBy(() -> config("gatecheck.gateway.assertion.preset", "aws-alb",
                "gatecheck.gateway.assertion.issuer", Alb.ISSUER,
                "gatecheck.gateway.assertion.signer", "arn:aws:s3:::my-bucket"))
                .isInstanceOfSatisfying(ConfigException.class, e ->
                        assertThat(e.key()).isEqualTo("gatecheck.gateway.assertion.signer"));
    }

    /** Like a repeated audience: harmless, not a crash of the loader (Set.of refused duplicates). */
    @Test
    void awsAlbTakesASignerArnListedTwice() {
        GatecheckConfig config = config("gatecheck.gateway.assertion.preset", "aws-alb",
                "gatecheck.gateway.assertion.issuer", Alb.ISSUER,
                "gatecheck.gateway.assertion.signer", Alb.ARN + "," + Alb.ARN,
                "gatecheck.gateway.assertion.key-url", server.url("/alb/{kid}"));
        assertThat(config.gateway()).as("the gateway configuration with the ARN twice").isPresent();
    }

    @Test
    void anUnknownPresetRefusesToStart() {
        assertThatThrownBy(() -> config("gatecheck.gateway.assertion.preset", "azure-app-service",
                "gatecheck.gateway.assertion.issuer", "https://login.example", "gatecheck.gateway.assertion.jwks-uri",
                server.url("/iap/verify/public_key-jwk")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("gatecheck.gateway.assertion.preset");
                    assertThat(e.getMessage()).contains("azure-app-service");
                });
    }

    @Test
    void aKeyUrlTemplateBelongsToAwsAlbOnly() {
        assertThatThrownBy(() -> config("gatecheck.gateway.assertion.preset", "google-iap",
                "gatecheck.gateway.assertion.audience", Iap.AUDIENCE,
                "gatecheck.gateway.assertion.jwks-uri", server.url("/iap/verify/public_key-jwk"),
                "gatecheck.gateway.assertion.key-url", server.url("/alb/{kid}")))
                .isInstanceOfSatisfying(ConfigException.class, e ->
                        assertThat(e.key()).isEqualTo("gatecheck.gateway.assertion.key-url"));
    }

    @Test
    void anAlbKeyUrlMustBeHttpsOrLoopback() {
        assertThatThrownBy(() -> config("gatecheck.gateway.assertion.preset", "aws-alb",
                "gatecheck.gateway.assertion.issuer", Alb.ISSUER, "gatecheck.gateway.assertion.signer", Alb.ARN,
                "gatecheck.gateway.assertion.key-url", "http://keys.example.com/{kid}"))
                .isInstanceOfSatisfying(ConfigException.class, e ->
                        assertThat(e.key()).isEqualTo("gatecheck.gateway.assertion.key-url"));
    }
}
