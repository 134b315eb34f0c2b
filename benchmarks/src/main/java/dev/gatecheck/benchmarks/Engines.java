package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import java.time.Duration;

/** Gatecheck as an application configures it, and the checks every benchmark's setup runs before measuring. */
final class Engines {
    /** The token route every Gatecheck benchmark calls (the default mode, {@code token}, covers every path). */
    static final String METHOD = "GET";
    static final String PATH = "/api/orders/42";

    private Engines() {
    }

    /**
     * Gatecheck accepting {@link Fixture#ISSUER} and {@link Fixture#AUDIENCE} with the fixture's inline JWKS and the
     * default algorithm allow-list; without {@code cache} the verified-token cache is off ({@code tokenCache(0, ..)}),
     * with it the defaults (10,000 tokens, 60 s) apply.
     */
    static Gatecheck gatecheck(Fixture fixture, boolean cache) {
        GatecheckConfig.Builder config = GatecheckConfig.builder()
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks));
        if (!cache) {
            config.tokenCacheMaxSize(0);
        }
        return Gatecheck.create(config.build());
    }

    /** The request an adapter hands to Gatecheck for {@code token}. */
    static AuthRequest request(String token) {
        return AuthRequest.builder(METHOD, PATH).bearer(token).build();
    }

    /** Fails unless {@code decision} allows {@link Fixture#SUBJECT}. */
    static Decision.Allow allowed(String what, Decision decision) {
        if (decision instanceof Decision.Allow allow && allow.identity().isPresent()
                && allow.identity().get().subject().equals(Fixture.SUBJECT)) {
            return allow;
        }
        throw new IllegalStateException(what + ": Gatecheck did not accept the valid token: " + describe(decision));
    }

    /** Fails unless {@code decision} denies with the reason {@code detail}. */
    static void denied(String what, Decision decision, String detail) {
        if (!(decision instanceof Decision.Deny deny) || !deny.rejection().detail().equals(detail)) {
            throw new IllegalStateException(what + ": Gatecheck should deny with " + detail + " but gave "
                    + describe(decision));
        }
    }

    static String describe(Decision decision) {
        return decision instanceof Decision.Deny deny
                ? "Deny(" + deny.rejection().code() + ", " + deny.rejection().detail() + ")"
                : "Allow(" + ((Decision.Allow) decision).identity().map(i -> i.subject()).orElse("anonymous") + ")";
    }
}
