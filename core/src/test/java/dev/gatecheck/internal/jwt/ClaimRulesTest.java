package dev.gatecheck.internal.jwt;

import static dev.gatecheck.testing.SpecFixture.ISSUER;
import static dev.gatecheck.testing.SpecFixture.NOW_S;
import static dev.gatecheck.testing.SpecFixture.allowed;
import static dev.gatecheck.testing.SpecFixture.denied;
import static dev.gatecheck.testing.SpecFixture.get;
import static dev.gatecheck.testing.SpecFixture.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.SpecFixture;
import dev.gatecheck.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claim rules on a correctly signed token, at a fixed instant with the default 30 s skew and 24 h maximum
 * lifetime: boundaries are tested on both sides.
 */
class ClaimRulesTest {
    private static final long SKEW = 30;
    private static final long DAY = 24 * 3600;
    private final Gatecheck gatecheck = SpecFixture.gatecheck();

    /** Claims JSON: the fixture iss, sub and aud, then {@code members} verbatim. */
    private static String claims(String members) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"aud\":\"api\"" + (members.isEmpty() ? "" : "," + members)
                + "}";
    }

    private static String times(Long iat, Long nbf, Long exp) {
        StringBuilder s = new StringBuilder();
        if (iat != null) {
            s.append("\"iat\":").append(iat);
        }
        if (nbf != null) {
            s.append(s.length() > 0 ? "," : "").append("\"nbf\":").append(nbf);
        }
        if (exp != null) {
            s.append(s.length() > 0 ? "," : "").append("\"exp\":").append(exp);
        }
        return s.toString();
    }

    private Decision authenticate(String claimsJson) {
        return gatecheck.authenticate(get("/x", signed(claimsJson)));
    }

    private Decision authenticate(Gatecheck engine, String claimsJson) {
        return engine.authenticate(get("/x", signed(claimsJson)));
    }

    private static void refused(Decision decision, String reason) {
        Rejection rejection = denied(decision, 401, "invalid_token");
        assertThat(rejection.detail()).as("reason").isEqualTo(reason);
    }

    // --- exp -----------------------------------------------------------------------------------------------

    @Test
    void acceptsTokenExpiringWithinTheSkew() {
        allowed(authenticate(claims(times(NOW_S - 600, null, NOW_S - SKEW + 1))));
    }

    @Test
    void rejectsTokenExpiredExactlyByTheSkew() {
        refused(authenticate(claims(times(NOW_S - 600, null, NOW_S - SKEW))), "expired");
    }

    @Test
    void rejectsTokenExpiredLongAgo() {
        refused(authenticate(claims(times(NOW_S - 7200, null, NOW_S - 3600))), "expired");
    }

    @Test
    void rejectsTokenWithoutExp() {
        refused(authenticate(claims(times(NOW_S, null, null))), "missing_claim");
    }

    @ParameterizedTest(name = "exp = {0}")
    @ValueSource(strings = {"\"9999999999\"", "true", "[1]", "{}", "null"})
    void rejectsExpThatIsNotANumber(String exp) {
        Decision decision = authenticate(claims("\"exp\":" + exp));

        assertThat(denied(decision, 401, "invalid_token").detail()).isIn("claim_invalid", "missing_claim");
    }

    @Test
    void readsFractionalExp() {
        allowed(authenticate(claims(times(NOW_S, null, null) + ",\"exp\":" + (NOW_S + 60) + ".75")));
    }

    @ParameterizedTest(name = "claim {0}")
    @ValueSource(strings = {"\"n\":1e9999999999", "\"exp\":1e9999999999", "\"n\":-1E2147483648"})
    void numberWithOverflowingExponentIsUnauthorizedNotAnException(String member) {
        String exp = member.startsWith("\"exp\"") ? "" : ",\"exp\":" + (NOW_S + 60);
        String json = claims("\"iat\":" + NOW_S + exp + "," + member);

        Rejection rejection = denied(authenticate(json), 401, "invalid_token");
        assertThat(rejection.detail()).isEqualTo("malformed");
    }

    @Test
    void appliesAConfiguredSkew() {
        Gatecheck tight = SpecFixture.gatecheck("gatecheck.jwt.clock-skew", "0s");

        refused(authenticate(tight, claims(times(NOW_S - 60, null, NOW_S))), "expired");
        allowed(authenticate(tight, claims(times(NOW_S - 60, null, NOW_S + 1))));
    }

    // --- nbf -----------------------------------------------------------------------------------------------

    @Test
    void acceptsTokenValidFromWithinTheSkew() {
        allowed(authenticate(claims(times(NOW_S, NOW_S + SKEW, NOW_S + 600))));
    }

    @Test
    void rejectsTokenNotValidBeforeTheSkew() {
        refused(authenticate(claims(times(NOW_S, NOW_S + SKEW + 1, NOW_S + 600))), "not_yet_valid");
    }

    // --- iat -----------------------------------------------------------------------------------------------

    @Test
    void acceptsTokenIssuedWithinTheSkewInTheFuture() {
        allowed(authenticate(claims(times(NOW_S + SKEW, null, NOW_S + 600))));
    }

    @Test
    void rejectsTokenIssuedBeyondTheSkewInTheFuture() {
        refused(authenticate(claims(times(NOW_S + SKEW + 1, null, NOW_S + 600))), "iat_invalid");
    }

    @Test
    void rejectsTokenIssuedAfterItExpires() {
        refused(authenticate(claims(times(NOW_S + 20, null, NOW_S + 10))), "iat_invalid");
    }

    @Test
    void acceptsTokenWithoutIat() {
        allowed(authenticate(claims(times(null, null, NOW_S + 600))));
    }

    // --- max lifetime --------------------------------------------------------------------------------------

    @Test
    void acceptsLifetimeOfExactlyTheMaximum() {
        allowed(authenticate(claims(times(NOW_S - 60, null, NOW_S - 60 + DAY))));
    }

    @Test
    void rejectsLifetimeOneSecondOverTheMaximum() {
        refused(authenticate(claims(times(NOW_S - 60, null, NOW_S - 60 + DAY + 1))), "lifetime_too_long");
    }

    @Test
    void measuresLifetimeFromNowWithoutIat() {
        allowed(authenticate(claims(times(null, null, NOW_S + DAY))));
        refused(authenticate(claims(times(null, null, NOW_S + DAY + 1))), "lifetime_too_long");
    }

    /** A cached token keeps its times as longs with Long.MIN_VALUE for "absent": no claim value may read as that. */
    @ParameterizedTest
    @ValueSource(strings = {"-9223372036854775808", "-1e300"})
    void anIatFarInThePastIsStillAnIatAndBoundsTheLifetime(String iat) {
        refused(authenticate(claims("\"iat\":" + iat + ",\"exp\":" + (NOW_S + 600))), "lifetime_too_long");
    }

    @Test
    void appliesAConfiguredMaximumLifetime() {
        Gatecheck shortLived = SpecFixture.gatecheck("gatecheck.jwt.max-lifetime", "10m");

        allowed(authenticate(shortLived, claims(times(NOW_S, null, NOW_S + 600))));
        refused(authenticate(shortLived, claims(times(NOW_S, null, NOW_S + 601))), "lifetime_too_long");
    }

    // --- required claims -----------------------------------------------------------------------------------

    @Test
    void requiresConfiguredClaims() {
        Gatecheck strict = SpecFixture.gatecheck("gatecheck.jwt.required-claims", "exp,sub,jti");

        refused(authenticate(strict, claims(times(NOW_S, null, NOW_S + 60))), "missing_claim");
        allowed(authenticate(strict, claims(times(NOW_S, null, NOW_S + 60) + ",\"jti\":\"id-1\"")));
    }

    @Test
    void requiredClaimWithNullValueCountsAsMissing() {
        Gatecheck strict = SpecFixture.gatecheck("gatecheck.jwt.required-claims", "exp,jti");

        refused(authenticate(strict, claims(times(NOW_S, null, NOW_S + 60) + ",\"jti\":null")), "missing_claim");
    }

    @Test
    void expStaysRequiredWhenRequiredClaimsOmitsIt() {
        // DESIGN "Token validation, strictly": exp is required. Listing other claims adds to that rule.
        Gatecheck strict = SpecFixture.gatecheck("gatecheck.jwt.required-claims", "sub,jti");

        refused(authenticate(strict, claims("\"iat\":" + NOW_S + ",\"jti\":\"id-1\"")), "missing_claim");
        allowed(authenticate(strict, claims(times(NOW_S, null, NOW_S + 60) + ",\"jti\":\"id-1\"")));
    }

    // --- iss -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "iss = {0}")
    @ValueSource(strings = {"\"https://issuer.test/\"", "\"https://ISSUER.test\"", "\"https://issuer.test.evil\"",
            "[\"https://issuer.test\"]", "null", "1"})
    void rejectsIssuerThatIsNotExactlyTheConfiguredOne(String iss) {
        String json = "{\"iss\":" + iss + ",\"sub\":\"alice\",\"aud\":\"api\"," + times(NOW_S, null, NOW_S + 60) + "}";

        refused(authenticate(json), "issuer_invalid");
    }

    // --- typ -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT", "Application/AT+JWT"})
    void acceptsEverySpellingOfTheRequiredTyp(String typ) {
        Gatecheck atJwt = SpecFixture.gatecheck("gatecheck.jwt.typ", "at+jwt");

        allowed(atJwt.authenticate(get("/x", signed("{\"alg\":\"RS256\",\"typ\":\"" + typ + "\"}",
                claims(times(NOW_S, null, NOW_S + 60))))));
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JWT", "jwt", "id_token+jwt", "at+jwt2", "application/jwt"})
    void rejectsAnotherTypWhenOneIsRequired(String typ) {
        Gatecheck atJwt = SpecFixture.gatecheck("gatecheck.jwt.typ", "at+jwt");

        refused(atJwt.authenticate(get("/x", signed("{\"alg\":\"RS256\",\"typ\":\"" + typ + "\"}",
                claims(times(NOW_S, null, NOW_S + 60))))), "typ_invalid");
    }

    @Test
    void rejectsAbsentTypWhenOneIsRequired() {
        Gatecheck atJwt = SpecFixture.gatecheck("gatecheck.jwt.typ", "application/at+jwt");

        refused(atJwt.authenticate(get("/x", signed(claims(times(NOW_S, null, NOW_S + 60))))), "typ_invalid");
    }

    @Test
    void ignoresTypWhenNoneIsRequired() {
        allowed(gatecheck.authenticate(get("/x", signed("{\"alg\":\"RS256\",\"typ\":\"whatever\"}",
                claims(times(NOW_S, null, NOW_S + 60))))));
    }

    // --- aud -----------------------------------------------------------------------------------------------

    private static String withAud(String aud) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\"" + (aud == null ? "" : ",\"aud\":" + aud) + ","
                + times(NOW_S, null, NOW_S + 60) + "}";
    }

    @Test
    void acceptsAudienceString() {
        Gatecheck two = SpecFixture.gatecheck("gatecheck.jwt.audiences", "api,admin-api");

        allowed(authenticate(two, withAud("\"admin-api\"")));
    }

    @Test
    void acceptsAudienceArrayNamingAnyAcceptedAudience() {
        Gatecheck two = SpecFixture.gatecheck("gatecheck.jwt.audiences", "api,admin-api");

        allowed(authenticate(two, withAud("[\"other\",\"api\"]")));
    }

    @Test
    void rejectsValidTokenForAnotherAudienceAsForbidden() {
        Rejection rejection = denied(authenticate(withAud("\"billing\"")), 403, "invalid_audience");

        assertThat(rejection.wwwAuthenticate()).isEmpty();
        denied(authenticate(withAud("[\"billing\",\"crm\"]")), 403, "invalid_audience");
    }

    @Test
    void audienceIsComparedExactly() {
        denied(authenticate(withAud("\"API\"")), 403, "invalid_audience");
        denied(authenticate(withAud("\"api \"")), 403, "invalid_audience");
    }

    @ParameterizedTest(name = "aud = {0}")
    @ValueSource(strings = {"[]", "1", "[1]", "{}", "null", "[\"api\",1]"})
    void rejectsMissingOrMalformedAudienceAsUnauthorized(String aud) {
        refused(authenticate(withAud(aud)), "audience_missing");
    }

    @Test
    void rejectsTokenWithoutAudienceWhenAudiencesAreConfigured() {
        refused(authenticate(withAud(null)), "audience_missing");
    }

    @Test
    void acceptsAnyAudienceWhenNoneIsConfigured() {
        Gatecheck anyAudience = Gatecheck.create(GatecheckConfig.builder()
                .clock(SpecFixture.CLOCK)
                .jwt(j -> j.issuer(ISSUER).publicKeyPem(TestKeys.pem(SpecFixture.RSA.getPublic())))
                .build());

        allowed(authenticate(anyAudience, withAud(null)));
        allowed(authenticate(anyAudience, withAud("\"billing\"")));
    }

    @Test
    void checksAudienceLastSoAnExpiredTokenForAnotherAudienceIsUnauthorized() {
        String expiredForBilling = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"aud\":\"billing\","
                + times(NOW_S - 7200, null, NOW_S - 3600) + "}";

        refused(authenticate(expiredForBilling), "expired");
    }
}
