package dev.gatecheck.config;

import dev.gatecheck.internal.jwt.TokenResult;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.testing.Verifiers;
import java.time.Clock;
import java.util.List;

/** Checks which secret a loaded configuration really verifies with, by presenting an HS256 token signed with it. */
final class HmacProbe {
    private HmacProbe() {
    }

    static boolean accepts(IssuerConfig config, byte[] secret) {
        Clock clock = Clock.systemUTC();
        long now = clock.instant().getEpochSecond();
        String alg = config.algorithms().stream().filter(a -> a.isSymmetric()).findFirst().orElseThrow().name();
        String token = Tokens.signWithKid(alg, Tokens.hmacKey(secret), null,
                Tokens.claims(config.issuer(), "alice", "api", now, 60, ""));
        return Verifiers.bearer(List.of(config), clock).verify(token) instanceof TokenResult.Valid;
    }
}
