package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.internal.token.B64Token;
import dev.gatecheck.route.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which tokens are introspected, and by whom. A token without the shape of a JWT (three dot-separated parts) goes to
 * the issuer the route names, else to the one issuer with introspection; on a route with {@code introspect=always}
 * a JWT that verified is introspected too, by its own issuer, and keeps its identity only while the issuer says it
 * is active. Built only when an issuer introspects, so the JWT path is untouched otherwise.
 */
final class Introspection {
    private final Map<String, IssuerIntrospection> byIssuer = new HashMap<>();
    private final Map<String, IssuerIntrospection> byReference = new HashMap<>();
    private final IssuerIntrospection single;

    /** Introspection by each of {@code issuers}, known by their {@code iss} and their configuration name. */
    Introspection(List<IssuerIntrospection> issuers) {
        for (IssuerIntrospection issuer : issuers) {
            byIssuer.put(issuer.issuer().issuer(), issuer);
            byReference.put(issuer.issuer().issuer(), issuer);
            issuer.issuer().configName().ifPresent(name -> byReference.put(name, issuer));
        }
        this.single = issuers.size() == 1 ? issuers.get(0) : null;
    }

    /** The verdict on {@code token} on a route with {@code rule}; {@code jwt} verifies JWTs. */
    TokenResult verify(String token, Route.Introspection rule, Function<String, TokenResult> jwt) {
        if (hasJwtShape(token)) {
            TokenResult result = jwt.apply(token);
            if (!rule.always() || !(result instanceof TokenResult.Valid valid)) {
                return result;
            }
            IssuerIntrospection issuer = valid.identity().issuer().map(byIssuer::get).orElse(null);
            if (issuer == null) {
                return invalid("not_introspectable");
            }
            TokenResult recheck = issuer.introspect(token);
            return recheck instanceof TokenResult.Valid ? result : recheck;
        }
        if (!B64Token.matches(token)) {
            // RFC 6750: a bearer token outside the b64token grammar is a malformed request, as on the JWT path.
            return new TokenResult.Invalid(Rejection.of(ErrorCode.INVALID_REQUEST, "malformed_token"));
        }
        IssuerIntrospection issuer = rule.issuer().map(byReference::get).orElse(single);
        return issuer == null ? invalid("no_introspection_issuer") : issuer.introspect(token);
    }

    /** Drops the cached answers whose identity {@code covered} matches. */
    void evict(Predicate<Identity> covered) {
        byIssuer.values().forEach(issuer -> issuer.evict(covered));
    }

    /** Three dot-separated parts (a JWS) or five (a JWE, which the JWT path refuses). */
    static boolean hasJwtShape(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots == 2 || dots == 4;
    }

    static TokenResult.Invalid invalid(String reason) {
        return new TokenResult.Invalid(Rejection.of(ErrorCode.INVALID_TOKEN, reason));
    }
}
