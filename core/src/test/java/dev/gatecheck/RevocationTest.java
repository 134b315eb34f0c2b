package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.RevocationList;
import dev.gatecheck.auth.RevocationList.Revocation;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import dev.gatecheck.testing.IntrospectionServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The revocation hook: after a token verifies (signature or introspection, cache hit or not) the revocation list is
 * asked by {@code iss}+{@code jti}, {@code iss}+{@code sid} or {@code sub}; {@code Gatecheck.revoke} records a
 * revocation and drops the cached verdicts it covers at once.
 */
class RevocationTest {
    private static final String ISSUER = "https://issuer.test";
    private static final KeyPair KEY = TestKeys.rsa();

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T12:00:00Z"));
    private final AtomicInteger keyLookups = new AtomicInteger();
    private Gatecheck gatecheck;
    private IntrospectionServer server;

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void engine(Consumer<GatecheckConfig.Builder> more) {
        VerificationKey key = VerificationKey.of(java.util.Optional.of("k1"), KEY.getPublic(), SignatureAlgorithm.RS256);
        KeySource counting = (kid, alg) -> {
            keyLookups.incrementAndGet();
            return KeySource.of(List.of(key)).find(kid, alg);
        };
        GatecheckConfig.Builder config = GatecheckConfig.builder().clock(clock)
                .jwt(j -> j.issuer(ISSUER).keySource(counting));
        more.accept(config);
        gatecheck = Gatecheck.create(config.build());
    }

    private String jwt(String sub, String jti, String sid) {
        long now = clock.millis() / 1000;
        return Tokens.signWithKid("RS256", KEY.getPrivate(), "k1", Tokens.claims(ISSUER, sub, "api", now, 600,
                "\"jti\":\"" + jti + "\",\"sid\":\"" + sid + "\""));
    }

    private Decision get(String token) {
        return gatecheck.authenticate(AuthRequest.builder("GET", "/api/x").bearer(token).build());
    }

    private void assertRevoked(String token, String why) {
        assertThat(assertDenied(get(token), 401, "invalid_token", why).detail()).as("reason").isEqualTo("revoked");
    }

    @Test
    void aJwtWhoseJtiIsRevokedIsRefusedEvenWhenItWasCached() {
        engine(c -> { });
        String token = jwt("alice", "jti-1", "sid-1");
        assertAllowed(get(token), "before revocation");
        assertAllowed(get(token), "a cache hit");

        gatecheck.revoke(Revocation.token(ISSUER, "jti-1"));

        assertRevoked(token, "the same token after its jti was revoked");
        assertAllowed(get(jwt("alice", "jti-2", "sid-1")), "another token of the same session");
    }

    @Test
    void aRevokedJtiOfAnotherIssuerRevokesNothing() {
        engine(c -> { });
        gatecheck.revoke(Revocation.token("https://other.test", "jti-1"));

        assertAllowed(get(jwt("alice", "jti-1", "sid-1")), "same jti, other issuer");
    }

    @Test
    void aSessionLogoutRevokesEveryTokenOfThatSession() {
        engine(c -> { });
        gatecheck.revoke(Revocation.session(ISSUER, "sid-1"));

        assertRevoked(jwt("alice", "jti-1", "sid-1"), "a token of the logged out session");
        assertRevoked(jwt("alice", "jti-2", "sid-1"), "another token of the logged out session");
        assertAllowed(get(jwt("alice", "jti-3", "sid-2")), "a token of another session");
    }

    @Test
    void aSubjectRevocationRevokesCredentialsIssuedUntilThenButNotALaterLogin() {
        engine(c -> { });
        String before = jwt("alice", "jti-1", "sid-1");
        gatecheck.revoke(Revocation.subject("alice"));

        assertRevoked(before, "issued before the subject was revoked");
        clock.advance(Duration.ofSeconds(5));
        assertAllowed(get(jwt("alice", "jti-2", "sid-2")), "issued after the revocation (a new login)");
        assertAllowed(get(jwt("bob", "jti-3", "sid-3")), "another subject");
    }

    @Test
    void theInMemoryListForgetsARevocationAfterItsRetention() {
        engine(c -> c.revocations(RevocationList.inMemory(clock, Duration.ofHours(1), 100)));
        gatecheck.revoke(Revocation.token(ISSUER, "jti-1"));
        assertRevoked(jwt("alice", "jti-1", "sid-1"), "within the retention");

        clock.advance(Duration.ofMinutes(61));

        assertAllowed(get(jwt("alice", "jti-1", "sid-1")), "a token of the same jti past the retention");
    }

    @Test
    void theApplicationsOwnListIsConsultedOnEveryRequest() {
        RevocationList shared = new RevocationList() {
            @Override
            public boolean isRevoked(Identity identity) {
                return identity.subject().equals("mallory");
            }

            @Override
            public void revoke(Revocation revocation) {
            }
        };
        engine(c -> c.revocations(shared));

        String token = jwt("mallory", "jti-1", "sid-1");
        assertRevoked(token, "the shared list names the subject");
        assertAllowed(get(jwt("alice", "jti-2", "sid-2")), "a subject the list does not name");
    }

    @Test
    void revokeDropsTheCachedVerificationSoTheNextRequestVerifiesAgain() {
        engine(c -> c.revocations(new RevocationList() { // records nothing: only the eviction is observed
            @Override
            public boolean isRevoked(Identity identity) {
                return false;
            }

            @Override
            public void revoke(Revocation revocation) {
            }
        }));
        String token = jwt("alice", "jti-1", "sid-1");
        assertAllowed(get(token), "first request");
        assertAllowed(get(token), "cache hit");
        assertThat(keyLookups).as("key lookups: the second request hit the cache").hasValue(1);

        gatecheck.revoke(Revocation.token(ISSUER, "jti-1"));

        assertAllowed(get(token), "the list does not name it");
        assertThat(keyLookups).as("key lookups: the cached verification was dropped").hasValue(2);
    }

    @Test
    void revokeDropsTheCachedIntrospectionAnswerSoTheIssuerIsAskedAgain() {
        server = IntrospectionServer.start("api", "secret")
                .activate("op_token", "\"sub\":\"alice\",\"jti\":\"op-jti\",\"iss\":\"" + ISSUER + "\"");
        engine(c -> c.jwt(j -> j.introspection(i -> i.uri(server.uri()).clientId("api").clientSecret("secret"))));
        assertAllowed(get("op_token"), "active");
        assertAllowed(get("op_token"), "cached");
        assertThat(server.calls()).isEqualTo(1);
        server.deactivate("op_token");

        gatecheck.revoke(Revocation.token(ISSUER, "op-jti"));

        assertThat(assertDenied(get("op_token"), 401, "invalid_token", "the revoked introspected token").detail())
                .as("reason: the issuer, asked again, says inactive").isEqualTo("inactive");
        assertThat(server.calls()).as("the cached answer was dropped: the issuer was asked again").isEqualTo(2);
    }
}
