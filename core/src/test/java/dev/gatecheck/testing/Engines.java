package dev.gatecheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import java.time.Duration;

/** Small helpers shared by the key-source tests: one request through the engine, timed, and verdict checks. */
public final class Engines {
    private Engines() {
    }

    /**
     * Authenticates {@code GET /api/users} with {@code token} and checks the request returned within
     * {@code bound} (a bound on waiting for the network, not a performance assertion).
     */
    public static Decision authenticateWithin(Gatecheck gatecheck, String token, Duration bound) {
        long start = System.nanoTime();
        Decision decision = gatecheck.authenticate(AuthRequest.builder("GET", "/api/users").bearer(token).build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("a request must not wait longer than %s (max-wait plus slack); this one took %s",
                bound, took).isLessThan(bound);
        return decision;
    }

    /** Asserts {@code decision} allowed the request and returns it. */
    public static Decision.Allow assertAllowed(Decision decision, String why) {
        assertThat(decision).as("%s; got %s", why, decision).isInstanceOf(Decision.Allow.class);
        return (Decision.Allow) decision;
    }

    /** Asserts {@code decision} denied the request with {@code status} and error {@code code}; returns the rejection. */
    public static Rejection assertDenied(Decision decision, int status, String code, String why) {
        assertThat(decision).as("%s; got %s", why, decision).isInstanceOf(Decision.Deny.class);
        Rejection rejection = ((Decision.Deny) decision).rejection();
        assertThat(rejection.status()).as("%s: status (rejection %s)", why, rejection).isEqualTo(status);
        assertThat(rejection.code().code()).as("%s: error code (rejection %s)", why, rejection).isEqualTo(code);
        return rejection;
    }

    /** Asserts a 503 {@code auth_unavailable} with a {@code Retry-After} header and no bearer challenge. */
    public static Rejection assertUnavailable(Decision decision, String why) {
        Rejection rejection = assertDenied(decision, 503, "auth_unavailable", why);
        assertThat(rejection.headers()).as("%s: 503 headers", why).containsKey("Retry-After")
                .doesNotContainKey("WWW-Authenticate");
        assertThat(Long.parseLong(rejection.headers().get("Retry-After"))).as("%s: Retry-After seconds", why)
                .isPositive();
        return rejection;
    }
}
