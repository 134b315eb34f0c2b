package dev.gatecheck.testing;

import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.jwt.TokenProfile;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.keys.KeySources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Token verifiers over configured issuers, for tests of verification below the engine. */
public final class Verifiers {
    /** Static keys start nothing here; a remote source's daemon threads live as long as the test JVM. */
    private static final EngineResources RESOURCES = new EngineResources();

    private Verifiers() {
    }

    /** A bearer-token verifier of {@code issuers} without a verified-token cache. */
    public static TokenVerifier bearer(List<IssuerConfig> issuers, Clock clock) {
        return bearer(issuers, clock, 0);
    }

    /** A bearer-token verifier of {@code issuers} caching up to {@code cacheMaxSize} tokens for 60 s each. */
    public static TokenVerifier bearer(List<IssuerConfig> issuers, Clock clock, int cacheMaxSize) {
        return new TokenVerifier(issuers, issuer -> KeySources.start(issuer.keys(), issuer.hmacKey(),
                issuer.algorithms(), JwksSettings.DEFAULTS, clock, RESOURCES), clock, TokenProfile.BEARER,
                cacheMaxSize, Duration.ofSeconds(60));
    }
}
