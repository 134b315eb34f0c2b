package dev.gatecheck.test;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatecheckConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The kit's issuer, as Gatecheck's real engine sees its tokens and configuration. */
class TestIssuerTest {
    private static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    /** One issuer per algorithm for the whole class: keys are costly to generate and never change. */
    private static final Map<String, TestIssuer> BY_ALGORITHM = new java.util.concurrent.ConcurrentHashMap<>();

    private static TestIssuer issuer(String alg) {
        return BY_ALGORITHM.computeIfAbsent(alg, a -> TestIssuer.builder().algorithm(a).build());
    }

    private static Decision authenticate(Gatecheck gatecheck, String token) {
        return gatecheck.authenticate(AuthRequest.builder("GET", "/api/orders").bearer(token).build());
    }

    /** Allowed once served keys are loaded: the first request waits for them at most a second, a busy JVM longer. */
    static Decision.Allow allowedOnceLoaded(Gatecheck gatecheck, String token, String why) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertAllowed(authenticate(gatecheck, token), why));
        return assertAllowed(authenticate(gatecheck, token), why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void tokensOfEveryKeyKindAreAcceptedWithTheirIdentity(String alg) {
        TestIssuer issuer = issuer(alg);
        try (Gatecheck gatecheck = Gatecheck.create(issuer.config().build())) {
            String token = issuer.token().subject("alice").roles("admin", "ops").scopes("orders:read", "orders:write")
                    .org("acme").build();

            Identity identity = assertAllowed(authenticate(gatecheck, token), alg + " token of the kit's issuer")
                    .identity().orElseThrow();

            assertThat(identity.subject()).isEqualTo("alice");
            assertThat(identity.roles()).containsExactlyInAnyOrder("admin", "ops");
            assertThat(identity.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
            assertThat(identity.org()).contains("acme");
            assertThat(identity.issuer()).contains(TestIssuer.DEFAULT_ISSUER);
        }
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void eachHostileVariantIsAnsweredAsItSays(Hostile variant) {
        for (String alg : List.of("RS256", "ES256", "EdDSA")) {
            TestIssuer issuer = issuer(alg);
            try (Gatecheck gatecheck = Gatecheck.create(issuer.config().build())) {
                assertDenied(authenticate(gatecheck, issuer.hostile(variant)), variant.status(), variant.error(),
                        alg + " " + variant);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void aHostileVariantKeepsWhatElseWasSetAndAddsOnlyItsFlaw(Hostile variant) {
        TestIssuer issuer = issuer("RS256");
        try (Gatecheck gatecheck = Gatecheck.create(issuer.config().build())) {
            TokenBuilder admin = issuer.token().subject("root").roles("admin").claim("exp",
                    Instant.now().plus(Duration.ofMinutes(1)).getEpochSecond());

            assertAllowed(authenticate(gatecheck, admin.build()), "the admin token without a flaw");
            assertDenied(authenticate(gatecheck, admin.hostile(variant)), variant.status(), variant.error(),
                    "the admin token with " + variant + " (an exp given as a claim must not hide the flaw)");
        }
    }

    @Test
    void aServedIssuerIsTrustedThroughItsJwksUrl() {
        try (TestIssuer issuer = TestIssuer.builder().ec().served().build();
             Gatecheck gatecheck = Gatecheck.create(issuer.config().build())) {
            assertThat(issuer.issuer()).startsWith("http://127.0.0.1:");
            assertThat(issuer.jwksUri()).contains(issuer.issuer() + "/jwks");

            allowedOnceLoaded(gatecheck, issuer.token().build(), "a token of the served issuer");
            assertDenied(authenticate(gatecheck, issuer.hostile(Hostile.UNKNOWN_KID)), 401, "invalid_token",
                    "a kid the served JWKS does not have");
        }
    }

    @Test
    void aServedIssuerAnswersOidcDiscoveryUnderItsPath() {
        try (TestIssuer issuer = TestIssuer.builder().served("/realms/demo").build();
             Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                     .jwt(jwt -> jwt.issuer(issuer.issuer()).audiences(issuer.audience()).discovery(true)).build())) {
            assertThat(issuer.issuer()).endsWith("/realms/demo");

            allowedOnceLoaded(gatecheck, issuer.token().build(), "a token found through discovery");
        }
    }

    @Test
    void theKeysArePropertiesLoadLikeTheBuilderPreset() {
        TestIssuer inline = TestIssuer.builder().ed25519().build();
        try (TestIssuer served = TestIssuer.builder().served().build()) {
            for (TestIssuer issuer : List.of(inline, served)) {
                try (Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.fromMap(issuer.properties()))) {
                    allowedOnceLoaded(gatecheck, issuer.token().build(), "configured from " + issuer.properties().keySet());
                }
            }
        }
    }

    @Test
    void itsPublicKeyPemVerifiesItsTokens() {
        TestIssuer issuer = issuer("ES256");
        try (Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder().jwt(jwt -> jwt.issuer(issuer.issuer())
                .audiences(issuer.audience()).publicKeyPem(issuer.publicKeyPem())).build())) {
            assertAllowed(authenticate(gatecheck, issuer.token().build()), "a token checked with the issuer's PEM key");
        }
    }

    @Test
    void aGivenClockDrivesTheTokensAndTheConfiguration() {
        Clock past = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        TestIssuer issuer = TestIssuer.builder().clock(past).build();
        try (Gatecheck gatecheck = Gatecheck.create(issuer.config().build())) {
            String token = issuer.token().build();

            assertAllowed(authenticate(gatecheck, token), "a 2020 token under the same 2020 clock");
            try (Gatecheck today = Gatecheck.create(GatecheckConfig.builder().jwt(issuer::configure).build())) {
                assertDenied(authenticate(today, token), 401, "invalid_token", "a 2020 token today");
            }
            assertThat(Jwt.claims(issuer, token)).containsEntry("iat", 1577836800L)
                    .containsEntry("exp", 1577836800L + 300);
        }
    }

    @Test
    void anotherAlgorithmThanTheKeysIsRefusedBecauseTheJwkBindsIt() {
        TestIssuer issuer = TestIssuer.create();
        try (Gatecheck gatecheck = Gatecheck.create(issuer.config().build())) {
            assertDenied(authenticate(gatecheck, issuer.token().algorithm("PS256").build()), 401, "invalid_token",
                    "a PS256 token for a key published as RS256");
        }
    }

    @Test
    void anyClaimIsWrittenAsJsonNestedAndEscaped() {
        TestIssuer issuer = TestIssuer.create();
        String token = issuer.token().subject("quote\" back\\slash \u00e9 \u0001")
                .claim("realm_access", Map.of("roles", List.of("admin")))
                .claim("n", 42).claim("flag", true).claim("nothing", null).audience("a", "b").without("exp").build();

        Map<String, Object> claims = Jwt.claims(issuer, token);
        assertThat(claims).containsEntry("sub", "quote\" back\\slash \u00e9 \u0001")
                .containsEntry("realm_access", Map.of("roles", List.of("admin")))
                .containsEntry("n", 42L).containsEntry("flag", true).containsEntry("nothing", null)
                .containsEntry("aud", List.of("a", "b")).doesNotContainKey("exp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void tokensVerifyWithJose4jAgainstThePublishedJwks(String alg) {
        TestIssuer issuer = TestIssuer.builder().algorithm(alg).kid("k-" + alg).build();

        assertThat(Jwt.claims(issuer, issuer.token().subject("bob").build()))
                .as("a second verifier (jose4j) accepts the kit's %s token and JWKS", alg)
                .containsEntry("sub", "bob").containsEntry("iss", issuer.issuer()).containsEntry("aud", "api");
        assertThat(Jwt.header(issuer.token().build())).containsEntry("alg", alg).containsEntry("kid", "k-" + alg)
                .containsEntry("typ", "JWT");
    }

    @Test
    void anAlgorithmTheKitCannotSignWithIsRefusedAtOnce() {
        assertThatThrownBy(() -> TestIssuer.builder().algorithm("HS256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HS256");
        assertThatThrownBy(() -> TestIssuer.create().token().algorithm("none"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ALGORITHMS).allSatisfy(alg -> assertThat(Jose.family(alg)).isNotEmpty());
    }

    @Test
    void theBearerHeaderCarriesTheTokenAndItsTextDoesNot() {
        Bearer bearer = TestIssuer.create().token().bearer();

        assertThat(bearer.name()).isEqualTo("Authorization");
        assertThat(bearer.value()).isEqualTo("Bearer " + bearer.token());
        assertThat(bearer.toString()).doesNotContain(bearer.token());
        assertThat(bearer.addTo(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/")))
                .build().headers().firstValue("Authorization")).contains(bearer.value());
    }
}
