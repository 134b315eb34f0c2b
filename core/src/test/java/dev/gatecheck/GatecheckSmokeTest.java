package dev.gatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GatecheckSmokeTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final KeyPair RSA = TestKeys.rsa();

    private final Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
            .jwt(j -> j.issuer("https://issuer.test").audiences("api").publicKeyPem(TestKeys.pem(RSA.getPublic())))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build());

    @Test
    void allowsValidRs256Token() {
        String token = Tokens.signWithKid("RS256", RSA.getPrivate(), "k1",
                Tokens.claims("https://issuer.test", "alice", "api", NOW.getEpochSecond(), 300, "\"roles\":[\"admin\"]"));
        Decision decision = gatecheck.authenticate(AuthRequest.builder("GET", "/api/users").bearer(token).build());
        assertThat(decision).isInstanceOf(Decision.Allow.class);
        Decision.Allow allow = (Decision.Allow) decision;
        assertThat(allow.identity()).get().extracting(Identity::subject).isEqualTo("alice");
        assertThat(allow.headers().valueOf("X-User-Roles")).contains("admin");
    }

    @Test
    void rejectsMissingToken() {
        Decision decision = gatecheck.authenticate(AuthRequest.builder("GET", "/api/users").build());
        assertThat(decision).isInstanceOfSatisfying(Decision.Deny.class, d -> {
            assertThat(d.rejection().status()).isEqualTo(401);
            assertThat(d.rejection().wwwAuthenticate()).contains("Bearer");
        });
    }
}
