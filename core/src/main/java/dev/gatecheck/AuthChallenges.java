package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.route.Route;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code WWW-Authenticate} challenges a refusal carries. On a route that takes tokens: {@code Bearer} unless
 * DPoP is required there, and {@code DPoP} (with its {@code algs}) where DPoP is accepted and the client used it, the
 * error is DPoP's, or only DPoP will do; the error goes in the scheme the client used. On every 401, RFC 9728's
 * {@code resource_metadata} when the metadata is published. A plain bearer client on the default configuration
 * sees the plain RFC 6750 challenge.
 */
final class AuthChallenges {
    private final List<String> dpopAlgorithms;
    private final boolean bearerAccepted;
    private final Optional<String> resourceMetadata;

    /** {@code dpopAlgorithms}: the proofs' {@code algs}; {@code resourceMetadata}: the metadata URL, if published. */
    AuthChallenges(List<IssuerConfig> issuers, List<String> dpopAlgorithms, Optional<String> resourceMetadata) {
        boolean dpopAccepted = issuers.stream().anyMatch(i -> i.dpop() != IssuerConfig.Dpop.DISABLED);
        this.dpopAlgorithms = dpopAccepted ? List.copyOf(dpopAlgorithms) : List.of();
        this.bearerAccepted = issuers.stream().anyMatch(i -> i.dpop() != IssuerConfig.Dpop.REQUIRED);
        this.resourceMetadata = resourceMetadata;
    }

    /** {@code decision}, a refusal with the challenges {@code route} and {@code request} call for. */
    Decision apply(Decision decision, AuthRequest request, Route route) {
        if (!(decision instanceof Decision.Deny deny)) {
            return decision;
        }
        Rejection rejection = deny.rejection();
        boolean tokens = route.mode().verifiesTokens();
        boolean bearer = !tokens || !route.requirements().dpop() && bearerAccepted;
        boolean usedDpop = usesDpopScheme(request) || rejection.code() == ErrorCode.INVALID_DPOP_PROOF;
        boolean dpop = tokens && !dpopAlgorithms.isEmpty() && (usedDpop || !bearer);
        if (bearer && !dpop && resourceMetadata.isEmpty()) {
            return decision;
        }
        return new Decision.Deny(rejection.challenging(new Rejection.Challenges(bearer || !dpop,
                dpop ? dpopAlgorithms : List.of(), usedDpop, resourceMetadata)), deny.route());
    }

    /** True when the request's {@code Authorization} names the {@code DPoP} scheme. */
    private static boolean usesDpopScheme(AuthRequest request) {
        List<String> values = request.headers("Authorization");
        return values.size() == 1 && values.get(0).regionMatches(true, 0, "DPoP", 0, 4)
                && (values.get(0).length() == 4 || values.get(0).charAt(4) == ' ');
    }
}
