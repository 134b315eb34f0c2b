package dev.gatecheck.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.internal.Json;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a denial sends: status, the exact JSON body, and the headers of DESIGN "Decisions and errors". */
class RejectionTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void bodyIsExactlyErrorAndDetail(ErrorCode code) throws Json.JsonException {
        Rejection rejection = Rejection.of(code, "some_reason");

        assertThat(rejection.body()).isEqualTo("{\"error\":\"" + code.code() + "\",\"detail\":\"some_reason\"}");
        assertThat(Json.parseObject(rejection.body(), 2)).containsExactly(
                Map.entry("error", code.code()), Map.entry("detail", "some_reason"));
    }

    @Test
    void bodyEscapesTheDetail() throws Json.JsonException {
        String detail = "a \"quoted\" \\ back\nslash\u0000\u2028";
        Rejection rejection = Rejection.of(ErrorCode.INVALID_TOKEN, detail);

        assertThat(rejection.body())
                .isEqualTo("{\"error\":\"invalid_token\",\"detail\":\"a \\\"quoted\\\" \\\\ back\\nslash\\u0000\\u2028\"}");
        assertThat(Json.parseObject(rejection.body(), 2)).containsEntry("detail", detail);
    }

    @Test
    void statusFollowsTheErrorCodeTable() {
        assertThat(EnumSet.allOf(ErrorCode.class)).allSatisfy(code -> assertThat(Rejection.of(code, "x").status())
                .as(code.code()).isEqualTo(switch (code) {
                    case MISSING_AUTHORIZATION_HEADER, INVALID_TOKEN, UNTRUSTED_IDENTITY_HEADERS, INVALID_SIGNATURE,
                         INVALID_DPOP_PROOF, INSUFFICIENT_USER_AUTHENTICATION -> 401;
                    case INVALID_REQUEST -> 400;
                    case INVALID_AUDIENCE, INSUFFICIENT_SCOPE, FORBIDDEN -> 403;
                    case PAYLOAD_TOO_LARGE -> 413;
                    case AUTH_UNAVAILABLE -> 503;
                }));
    }

    @Test
    void missingCredentialChallengesWithBareBearer() {
        Rejection rejection = Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token");

        assertThat(rejection.headers()).isEqualTo(Map.of("Content-Type", "application/json",
                "Cache-Control", "no-store", "WWW-Authenticate", "Bearer"));
    }

    @Test
    void invalidTokenChallengeNamesTheError() {
        Rejection rejection = Rejection.of(ErrorCode.INVALID_TOKEN, "expired");

        assertThat(rejection.headers()).isEqualTo(Map.of("Content-Type", "application/json",
                "Cache-Control", "no-store",
                "WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\""));
    }

    @Test
    void invalidRequestChallengeNamesTheError() {
        assertThat(Rejection.of(ErrorCode.INVALID_REQUEST, "multiple_credentials").wwwAuthenticate())
                .contains("Bearer error=\"invalid_request\", error_description=\"multiple_credentials\"");
    }

    @Test
    void insufficientScopeChallengeNamesTheRequiredScopes() {
        Rejection rejection = Rejection.insufficientScope("a b");

        assertThat(rejection.status()).isEqualTo(403);
        assertThat(rejection.headers()).containsEntry("WWW-Authenticate",
                "Bearer error=\"insufficient_scope\", error_description=\"insufficient_scope\", scope=\"a b\"");
        assertThat(rejection.body()).isEqualTo("{\"error\":\"insufficient_scope\",\"detail\":\"insufficient_scope\"}");
    }

    @Test
    void forbiddenAndAudienceDenialsCarryNoChallenge() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.FORBIDDEN, ErrorCode.INVALID_AUDIENCE}) {
            Rejection rejection = Rejection.of(code, "x");

            assertThat(rejection.wwwAuthenticate()).as(code.code()).isEmpty();
            assertThat(rejection.headers()).as(code.code()).containsOnlyKeys("Content-Type", "Cache-Control");
        }
    }

    @Test
    void challengeDescriptionDropsQuotesBackslashesAndControlCharacters() {
        Rejection rejection = Rejection.of(ErrorCode.INVALID_TOKEN, "bad \"x\"\\\r\nSet-Cookie: y\u00e9");

        assertThat(rejection.wwwAuthenticate()).contains(
                "Bearer error=\"invalid_token\", error_description=\"bad xSet-Cookie: y\"");
    }

    @Test
    void unavailableCarriesRetryAfterInWholeSeconds() {
        Rejection rejection = Rejection.unavailable("keys_unavailable", Duration.ofSeconds(30));

        assertThat(rejection.status()).isEqualTo(503);
        assertThat(rejection.headers()).isEqualTo(Map.of("Content-Type", "application/json",
                "Cache-Control", "no-store", "Retry-After", "30"));
        assertThat(rejection.body()).isEqualTo("{\"error\":\"auth_unavailable\",\"detail\":\"keys_unavailable\"}");
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertThat(Rejection.unavailable("x", Duration.ofMillis(10)).headers()).containsEntry("Retry-After", "1");
        assertThat(Rejection.unavailable("x", Duration.ZERO).headers()).containsEntry("Retry-After", "1");
        assertThat(Rejection.unavailable("x", Duration.ofMillis(2500)).headers()).containsEntry("Retry-After", "2");
    }

    @Test
    void headersAreReadOnly() {
        Map<String, String> headers = Rejection.of(ErrorCode.INVALID_TOKEN, "x").headers();

        assertThatThrownBy(() -> headers.put("X", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static final Rejection.Challenges BOTH = new Rejection.Challenges(true, List.of("ES256", "EdDSA"), false,
            Optional.empty());

    @Test
    void dpopErrorGoesInTheDpopChallengeNextToABareBearer() {
        Rejection rejection = Rejection.of(ErrorCode.INVALID_DPOP_PROOF, "htu_mismatch")
                .challenging(new Rejection.Challenges(true, List.of("ES256", "EdDSA"), true, Optional.empty()));

        assertThat(rejection.wwwAuthenticate()).contains("Bearer, DPoP error=\"invalid_dpop_proof\","
                + " error_description=\"htu_mismatch\", algs=\"ES256 EdDSA\"");
    }

    @Test
    void bearerErrorKeepsTheErrorInTheBearerChallenge() {
        Rejection rejection = Rejection.of(ErrorCode.INVALID_TOKEN, "expired").challenging(BOTH);

        assertThat(rejection.wwwAuthenticate()).contains("Bearer error=\"invalid_token\","
                + " error_description=\"expired\", DPoP algs=\"ES256 EdDSA\"");
    }

    @Test
    void dpopOnlyChallengeCarriesTheErrorEvenOfABearerRefusal() {
        Rejection rejection = Rejection.of(ErrorCode.INVALID_TOKEN, "dpop_bound_token_required")
                .challenging(new Rejection.Challenges(false, List.of("ES256"), false, Optional.empty()));

        assertThat(rejection.wwwAuthenticate()).contains("DPoP error=\"invalid_token\","
                + " error_description=\"dpop_bound_token_required\", algs=\"ES256\"");
    }

    @Test
    void useDpopNonceNamesThatErrorAndSendsTheNonce() {
        Rejection rejection = Rejection.useDpopNonce("n-1").challenging(
                new Rejection.Challenges(true, List.of("ES256"), true, Optional.empty()));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.body()).isEqualTo("{\"error\":\"invalid_dpop_proof\",\"detail\":\"use_dpop_nonce\"}");
        assertThat(rejection.headers()).containsEntry("DPoP-Nonce", "n-1").containsEntry("WWW-Authenticate",
                "Bearer, DPoP error=\"use_dpop_nonce\", error_description=\"use_dpop_nonce\", algs=\"ES256\"");
    }

    @Test
    void insufficientUserAuthenticationNamesAcrValuesAndMaxAge() {
        Rejection rejection = Rejection.insufficientUserAuthentication("acr_not_accepted", Set.of("mfa", "hwk"),
                Optional.of(Duration.ofMinutes(5)));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.wwwAuthenticate()).contains("Bearer error=\"insufficient_user_authentication\","
                + " error_description=\"acr_not_accepted\", acr_values=\"hwk mfa\", max_age=\"300\"");
    }

    @Test
    void insufficientUserAuthenticationOmitsWhatTheRouteDoesNotSet() {
        assertThat(Rejection.insufficientUserAuthentication("auth_time_too_old", Set.of(),
                Optional.of(Duration.ofSeconds(60))).wwwAuthenticate()).contains("Bearer"
                + " error=\"insufficient_user_authentication\", error_description=\"auth_time_too_old\", max_age=\"60\"");
        assertThat(Rejection.insufficientUserAuthentication("acr_missing", Set.of("mfa"), Optional.empty())
                .wwwAuthenticate()).contains("Bearer error=\"insufficient_user_authentication\","
                + " error_description=\"acr_missing\", acr_values=\"mfa\"");
    }

    @Test
    void resourceMetadataIsInEveryChallengeOfA401() {
        Rejection.Challenges withMetadata = new Rejection.Challenges(true, List.of("ES256"), false,
                Optional.of("https://api.example.com/.well-known/oauth-protected-resource"));

        assertThat(Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token").challenging(withMetadata)
                .wwwAuthenticate()).contains("Bearer resource_metadata=\"https://api.example.com/.well-known/"
                + "oauth-protected-resource\", DPoP algs=\"ES256\", resource_metadata=\"https://api.example.com/"
                + ".well-known/oauth-protected-resource\"");
    }

    @Test
    void resourceMetadataIsNotInA400OrA403() {
        Rejection.Challenges withMetadata = new Rejection.Challenges(true, List.of(), false,
                Optional.of("https://api.example.com/.well-known/oauth-protected-resource"));

        assertThat(Rejection.of(ErrorCode.INVALID_REQUEST, "x").challenging(withMetadata).wwwAuthenticate())
                .contains("Bearer error=\"invalid_request\", error_description=\"x\"");
        assertThat(Rejection.insufficientScope("a").challenging(withMetadata).wwwAuthenticate())
                .contains("Bearer error=\"insufficient_scope\", error_description=\"insufficient_scope\", scope=\"a\"");
    }

    @Test
    void aChallengeOffersAtLeastOneScheme() {
        assertThatThrownBy(() -> new Rejection.Challenges(false, List.of(), false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
