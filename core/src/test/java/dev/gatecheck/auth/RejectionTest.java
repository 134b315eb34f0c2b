package dev.gatecheck.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.internal.Json;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
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
                    case MISSING_AUTHORIZATION_HEADER, INVALID_TOKEN, UNTRUSTED_IDENTITY_HEADERS, INVALID_SIGNATURE -> 401;
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
}
