package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.GatecheckConfig.Preflight;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.token.TokenSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults DESIGN "Configuration contract" documents, for a configuration naming only an issuer and a key. */
class ConfigDefaultsTest {
    private static final String PEM = TestKeys.pem(TestKeys.ec("secp256r1").getPublic());

    private final GatecheckConfig config = GatecheckConfig.builder()
            .jwt(j -> j.issuer("https://issuer.test").publicKeyPem(PEM))
            .build();
    private final IssuerConfig issuer = config.issuers().get(0);

    @Test
    void defaultModeIsToken() {
        assertThat(config.mode()).isEqualTo(AuthMode.TOKEN);
        assertThat(config.routes().fallback().mode()).as("unmatched paths need a token").isEqualTo(AuthMode.TOKEN);
    }

    @Test
    void defaultClockSkewIs30Seconds() {
        assertThat(issuer.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultMaxLifetimeIs24Hours() {
        assertThat(issuer.maxLifetime()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void defaultRequiredClaimsIsExp() {
        assertThat(issuer.requiredClaims()).containsExactly("exp");
    }

    @Test
    void defaultClaimNamesAreRolesScopeOrg() {
        assertThat(issuer.rolesClaims()).containsExactly("roles");
        assertThat(issuer.scopeClaim()).isEqualTo("scope");
        assertThat(issuer.orgClaim()).isEqualTo("org");
    }

    @Test
    void noTypAndNoAudienceAreRequiredByDefault() {
        assertThat(issuer.typ()).isEmpty();
        assertThat(issuer.audiences()).isEmpty();
    }

    @Test
    void defaultAlgorithmsAreTheAsymmetricOnes() {
        assertThat(issuer.algorithms()).isEqualTo(EnumSet.complementOf(
                EnumSet.of(SignatureAlgorithm.HS256, SignatureAlgorithm.HS384, SignatureAlgorithm.HS512)));
    }

    @Test
    void defaultAlgorithmWithOnlyAnHmacSecretIsHs256Alone() {
        IssuerConfig hmacOnly = GatecheckConfig.builder()
                .jwt(j -> j.issuer("https://issuer.test").hmacSecret(TestKeys.hmacSecret()))
                .build().issuers().get(0);

        assertThat(hmacOnly.algorithms()).containsExactly(SignatureAlgorithm.HS256);
    }

    @Test
    void defaultTokenSourceIsTheAuthorizationHeaderOnly() {
        assertThat(config.tokenSources()).containsExactly(TokenSource.HEADER);
    }

    @Test
    void defaultMaxLengthIs8192() {
        assertThat(config.tokenMaxLength()).isEqualTo(8192);
    }

    @Test
    void defaultForwardHeadersAreUserIdOrgAndRoles() {
        assertThat(config.forwardHeaders()).containsExactly(new HeaderMapping("X-User-ID", "sub"),
                new HeaderMapping("X-User-Org", "org"), new HeaderMapping("X-User-Roles", "roles"));
    }

    @Test
    void authorizationIsHiddenByDefault() {
        assertThat(config.hideAuthorization()).isTrue();
    }

    @Test
    void preflightIsSkippedByDefault() {
        assertThat(config.preflight()).isEqualTo(Preflight.SKIP);
    }

    @Test
    void defaultJwksSettingsAre10mTtl30sCooldown24hMaxStale3sTimeout() {
        assertThat(config.jwks()).isEqualTo(new JwksSettings(Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofSeconds(3)));
    }

    @Test
    void defaultTokenCacheIs10000EntriesFor60Seconds() {
        assertThat(config.tokenCacheMaxSize()).isEqualTo(10_000);
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void noRoutesAreConfiguredByDefault() {
        assertThat(config.routes().routes()).isEmpty();
    }

    @Test
    void loaderAppliesTheSameDefaultsAsTheBuilder() {
        GatecheckConfig loaded = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.jwks", TestKeys.jwk(TestKeys.ec("secp256r1").getPublic(), null, null)));
        IssuerConfig loadedIssuer = loaded.issuers().get(0);

        assertThat(loaded.mode()).isEqualTo(config.mode());
        assertThat(loaded.tokenSources()).isEqualTo(config.tokenSources());
        assertThat(loaded.tokenMaxLength()).isEqualTo(config.tokenMaxLength());
        assertThat(loaded.forwardHeaders()).isEqualTo(config.forwardHeaders());
        assertThat(loaded.hideAuthorization()).isEqualTo(config.hideAuthorization());
        assertThat(loaded.preflight()).isEqualTo(config.preflight());
        assertThat(loaded.jwks()).isEqualTo(config.jwks());
        assertThat(loaded.tokenCacheMaxSize()).isEqualTo(config.tokenCacheMaxSize());
        assertThat(loaded.tokenCacheTtl()).isEqualTo(config.tokenCacheTtl());
        assertThat(loadedIssuer.clockSkew()).isEqualTo(issuer.clockSkew());
        assertThat(loadedIssuer.maxLifetime()).isEqualTo(issuer.maxLifetime());
        assertThat(loadedIssuer.requiredClaims()).isEqualTo(issuer.requiredClaims());
        assertThat(loadedIssuer.algorithms()).isEqualTo(issuer.algorithms());
        assertThat(loadedIssuer.rolesClaims()).isEqualTo(issuer.rolesClaims());
        assertThat(loadedIssuer.scopeClaim()).isEqualTo(issuer.scopeClaim());
        assertThat(loadedIssuer.orgClaim()).isEqualTo(issuer.orgClaim());
    }
}
