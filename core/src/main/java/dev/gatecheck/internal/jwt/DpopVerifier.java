package dev.gatecheck.internal.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.DpopConfig;
import dev.gatecheck.internal.Base64Url;
import dev.gatecheck.internal.ClockTicker;
import dev.gatecheck.internal.TargetUri;
import dev.gatecheck.internal.webhook.ReplayCheck;
import dev.gatecheck.keys.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the DPoP proof of a request that presents a DPoP-bound token (RFC 9449 §4.3, §7.1): exactly one
 * {@code DPoP} header of at most {@value #MAX_PROOF_CHARS} characters, the strict pre-check of every token (an
 * embedded {@code jwk} is the one header it allows here), {@code typ} {@code dpop+jwt}, an asymmetric {@code alg} of
 * {@code gatecheck.dpop.algorithms}, a public {@code jwk} that passes key ingest and made the signature, {@code htm}
 * and {@code htu} of this request, a recent {@code iat}, {@code ath} of the token, the server's nonce when
 * required, the token's {@code cnf.jkt}, and last a {@code jti} never seen before (the replay guard). Checked on every
 * request, whatever the verified-token cache holds. Immutable apart from its key cache; thread-safe.
 */
public final class DpopVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(DpopVerifier.class);
    /** Longer proofs are refused before any parsing. */
    static final int MAX_PROOF_CHARS = 8192;
    private static final int MAX_JTI_CHARS = 256;

    private final DpopConfig config;
    private final TokenPrecheck precheck;
    private final ReplayCheck replays;
    private final Clock clock;
    private final Optional<String> publicBaseUrl;
    private final Optional<DpopNonces> nonces;
    /** Proof keys already read, by thumbprint and algorithm: a client signs every proof with one key. */
    private final Cache<String, VerificationKey> keys;

    /**
     * A verifier under {@code config}, remembering {@code jti}s in {@code replays}, with time from {@code clock};
     * {@code publicBaseUrl} (when given) replaces the scheme and authority the container saw.
     */
    public DpopVerifier(DpopConfig config, ReplayCheck replays, Clock clock, Optional<String> publicBaseUrl) {
        this.config = config;
        this.precheck = new TokenPrecheck(EnumSet.copyOf(config.algorithms()), false, true);
        this.replays = replays;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
        this.nonces = config.nonce()
                ? Optional.of(new DpopNonces(config.nonceSecret(), config.maxAge(), clock)) : Optional.empty();
        this.keys = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller: no thread outside the engine's
                .ticker(ClockTicker.of(clock))
                .maximumSize(10_000)
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    /** The proof algorithms, for the {@code DPoP} challenge's {@code algs}. */
    public List<String> algorithms() {
        return config.algorithms().stream().map(Enum::name).toList();
    }

    /**
     * Why the proof of {@code request} does not prove possession of the key {@code token} is bound to
     * ({@code jkt}, its {@code cnf.jkt}), or empty when it does; {@code clockSkew} is the token issuer's. A
     * rejection is 401 {@code invalid_dpop_proof} (with a fresh nonce when one is missing), or 503 when the replay
     * store cannot answer.
     */
    public Optional<Rejection> verify(AuthRequest request, String token, String jkt, Duration clockSkew) {
        List<String> headers = request.headers("DPoP");
        if (headers.size() != 1) {
            return invalid(headers.isEmpty() ? "proof_missing" : "multiple_proofs");
        }
        String proof = headers.get(0);
        if (proof.length() > MAX_PROOF_CHARS) {
            return invalid("proof_too_large");
        }
        ParsedToken parsed;
        try {
            parsed = precheck.parse(proof);
        } catch (TokenFailure e) {
            return invalid(e.reason());
        }
        if (!(parsed.header().get("typ") instanceof String typ && ClaimRules.mediaType(typ).equals("dpop+jwt"))) {
            return invalid("typ_invalid");
        }
        Map<?, ?> jwk = (Map<?, ?>) parsed.header().get("jwk");
        Optional<String> thumbprint = JwkThumbprint.of(jwk);
        Optional<VerificationKey> key = thumbprint.flatMap(t -> key(t, jwk, parsed));
        if (key.isEmpty()) {
            return invalid("jwk_refused");
        }
        if (!parsed.verifiedBy(key.get())) {
            return invalid("bad_signature");
        }
        Optional<Rejection> claims = claimFailure(parsed.claims(), request, token, clockSkew);
        if (claims.isPresent()) {
            return claims;
        }
        if (!thumbprint.get().equals(jkt)) {
            return invalid("jkt_mismatch");
        }
        return replayed(thumbprint.get() + ":" + parsed.claims().get("jti"), clockSkew);
    }

    /** The proof's key: read once per thumbprint and algorithm, its members checked on every proof. */
    private Optional<VerificationKey> key(String thumbprint, Map<?, ?> rawJwk, ParsedToken parsed) {
        @SuppressWarnings("unchecked")
        Map<String, ?> jwk = (Map<String, ?>) rawJwk;
        Optional<String> refusal = VerificationKey.jwkRefusal(jwk);
        if (refusal.isPresent() || (jwk.containsKey("alg") && !parsed.algorithm().name().equals(jwk.get("alg")))) {
            LOG.debug("DPoP proof key refused: {}", refusal.orElse("its alg is another"));
            return Optional.empty();
        }
        try {
            return Optional.of(keys.get(thumbprint + " " + parsed.algorithm(),
                    k -> VerificationKey.fromJwk(jwk, parsed.algorithm())));
        } catch (IllegalArgumentException e) {
            LOG.debug("DPoP proof key refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Rejection> claimFailure(Map<String, Object> claims, AuthRequest request, String token,
                                             Duration clockSkew) {
        if (!request.method().equals(claims.get("htm"))) {
            return invalid("htm_mismatch");
        }
        Optional<String> expected = publicBaseUrl.or(request::origin).flatMap(base -> TargetUri.normalise(base
                + request.path()));
        if (!(claims.get("htu") instanceof String htu) || expected.isEmpty()
                || !TargetUri.normalise(htu).equals(expected)) {
            return invalid("htu_mismatch");
        }
        Long iat;
        try {
            iat = ClaimRules.numericDate(claims, "iat");
        } catch (IllegalArgumentException notANumber) {
            iat = null;
        }
        long now = clock.millis() / 1000;
        if (iat == null || iat > now + clockSkew.toSeconds()) {
            return invalid("iat_invalid");
        }
        if (iat < now - config.maxAge().toSeconds() - clockSkew.toSeconds()) {
            return invalid("iat_too_old");
        }
        if (!(claims.get("jti") instanceof String jti) || jti.isEmpty() || jti.length() > MAX_JTI_CHARS) {
            return invalid("jti_invalid");
        }
        String hash = Base64Url.encode(JwkThumbprint.sha256(token.getBytes(StandardCharsets.US_ASCII)));
        if (!hash.equals(claims.get("ath"))) {
            return invalid("ath_mismatch");
        }
        if (nonces.isPresent() && !(claims.get("nonce") instanceof String nonce && nonces.get().accepts(nonce))) {
            return Optional.of(Rejection.useDpopNonce(nonces.get().current()));
        }
        return Optional.empty();
    }

    /** Records the proof; a second sighting within the time its {@code iat} stays acceptable is a replay. */
    private Optional<Rejection> replayed(String key, Duration clockSkew) {
        Duration window = config.maxAge().plus(clockSkew.multipliedBy(2));
        return switch (replays.check("dpop:", key, window)) {
            case FIRST -> Optional.empty();
            case REPLAYED -> invalid("jti_replayed");
            case UNAVAILABLE -> Optional.of(ReplayCheck.unavailable());
        };
    }

    private static Optional<Rejection> invalid(String reason) {
        LOG.debug("DPoP proof refused: {}", reason);
        return Optional.of(Rejection.of(ErrorCode.INVALID_DPOP_PROOF, reason));
    }
}
