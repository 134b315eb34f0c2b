package dev.gatecheck.internal.jwt;

import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.HttpFetch.FetchException;
import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.keys.KeySource;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9701 introspection answer ({@code application/token-introspection+jwt}): a JWS of the issuer, checked by
 * the same strict pre-check and keys as its tokens, with {@code typ} {@code token-introspection+jwt}, the issuer as
 * {@code iss}, the client as {@code aud}, an {@code iat} not in the future, and the answer in
 * {@code token_introspection}. One that fails any check is an outage (a broken or impostor endpoint), not a verdict.
 */
final class SignedIntrospection {
    static final String MEDIA_TYPE = "application/token-introspection+jwt";
    private static final String TYP = "token-introspection+jwt";

    private final IssuerConfig issuer;
    private final KeySource keys;
    private final TokenPrecheck precheck;
    private final Clock clock;

    SignedIntrospection(IssuerConfig issuer, KeySource keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.precheck = new TokenPrecheck(issuer.algorithms(), false);
        this.clock = clock;
    }

    /** The introspection members of {@code jwt}, signed for {@code clientId}. */
    Map<String, Object> verify(String jwt, String clientId) {
        ParsedToken parsed;
        try {
            parsed = precheck.parse(jwt.trim());
        } catch (TokenFailure e) {
            throw refused(e.reason());
        }
        if (!(parsed.header().get("typ") instanceof String typ && ClaimRules.mediaType(typ).equals(TYP))) {
            throw refused("typ_invalid");
        }
        KeyLookup lookup = keys.find(parsed.kid(), parsed.algorithm());
        if (!(lookup instanceof KeyLookup.Found found)) {
            throw refused(lookup instanceof KeyLookup.Missing missing ? missing.reason() : "keys_unavailable");
        }
        if (!parsed.verifiedBy(found.key())) {
            throw refused("bad_signature");
        }
        Map<String, Object> claims = parsed.claims();
        if (!issuer.issuer().equals(claims.get("iss"))) {
            throw refused("issuer_invalid");
        }
        Object aud = claims.get("aud");
        if (!(clientId.equals(aud) || aud instanceof List<?> list && list.contains(clientId))) {
            throw refused("audience_invalid");
        }
        Long iat;
        try {
            iat = ClaimRules.numericDate(claims, "iat");
        } catch (IllegalArgumentException e) {
            throw refused("iat_invalid");
        }
        if (iat == null || iat > clock.millis() / 1000 + issuer.clockSkew().toSeconds()) {
            throw refused("iat_invalid");
        }
        if (!(claims.get("token_introspection") instanceof Map<?, ?> answer)) {
            throw refused("no token_introspection claim");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) answer;
        return members;
    }

    private static FetchException refused(String reason) {
        return new FetchException("signed answer refused: " + reason);
    }
}
