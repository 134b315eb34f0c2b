package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.internal.jwt.TokenResult;
import dev.gatecheck.internal.jwt.TokenVerifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code assertion} marker: a JWT the gateway signed, carried in a header and verified by the same strict
 * verifier as bearer tokens (pinned algorithms, key source, {@code iss}, {@code aud}, {@code exp}). Its claims are
 * the identity.
 */
final class AssertionMarker implements GatewayMarker {
    private final String header;
    private final TokenVerifier verifier;
    private final Set<String> hiddenCompanions;
    private final Set<String> hiddenCompanionPrefixes;

    /**
     * @param hiddenCompanions unsigned headers the same gateway sends beside its assertion (IAP's
     *                         {@code x-goog-authenticated-user-email}), hidden from the application
     * @param hiddenCompanionPrefixes name prefixes of such headers (Pomerium's {@code x-pomerium-claim-})
     */
    AssertionMarker(String header, TokenVerifier verifier, Set<String> hiddenCompanions,
                    Set<String> hiddenCompanionPrefixes) {
        this.header = header;
        this.verifier = verifier;
        this.hiddenCompanions = Set.copyOf(hiddenCompanions);
        this.hiddenCompanionPrefixes = Set.copyOf(hiddenCompanionPrefixes);
    }

    String headerName() {
        return header;
    }

    /** How many verified assertions are cached (approximate). */
    long cachedTokens() {
        return verifier.cachedTokens();
    }

    @Override
    public String kind() {
        return "assertion";
    }

    @Override
    public Set<String> markerHeaders() {
        Set<String> names = new java.util.HashSet<>(hiddenCompanions);
        names.add(HeaderChanges.canonical(header));
        return Set.copyOf(names);
    }

    @Override
    public Set<String> markerHeaderPrefixes() {
        return hiddenCompanionPrefixes;
    }

    @Override
    public MarkerResult check(AuthRequest request, Set<String> identityHeaders) {
        List<String> sent = request.headers(header);
        if (sent.isEmpty()) {
            return MarkerResult.Absent.INSTANCE;
        }
        if (sent.size() != 1) {
            return new MarkerResult.Fail("assertion_not_single");
        }
        String token = sent.get(0).trim();
        if (token.length() > 16384) {
            return new MarkerResult.Fail("assertion_too_large");
        }
        TokenResult result = verifier.verify(token);
        if (result instanceof TokenResult.Valid valid) {
            return new MarkerResult.Pass(Optional.of(valid));
        }
        TokenResult.Invalid invalid = (TokenResult.Invalid) result;
        return invalid.rejection().status() == 503 ? new MarkerResult.Unavailable(invalid.rejection())
                : new MarkerResult.Fail("assertion_" + invalid.rejection().detail());
    }
}
