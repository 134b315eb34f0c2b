package dev.gatecheck.internal.token;

import static dev.gatecheck.testing.SpecFixture.allowed;
import static dev.gatecheck.testing.SpecFixture.denied;
import static dev.gatecheck.testing.SpecFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.testing.SpecFixture;
import dev.gatecheck.token.TokenSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a bearer credential may come from and what shape it must have (RFC 6750 and DESIGN). */
class CredentialExtractorTest {
    private static final String TOKEN = token();
    private final CredentialExtractor headerOnly = new CredentialExtractor(List.of(TokenSource.HEADER), 8192);
    private final CredentialExtractor everywhere = new CredentialExtractor(List.of(TokenSource.HEADER,
            TokenSource.parse("query:access_token"), TokenSource.parse("cookie:at")), 8192);
    private final Gatecheck gatecheck = SpecFixture.gatecheck();

    private static AuthRequest.Builder request() {
        return AuthRequest.builder("GET", "/api/users");
    }

    private static AuthRequest authorization(String value) {
        return request().header("Authorization", value).build();
    }

    // --- Authorization header --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Bearer", "bearer", "BEARER", "bEaReR"})
    void bearerSchemeIsCaseInsensitive(String scheme) {
        assertThat(headerOnly.extract(authorization(scheme + " " + TOKEN))).isEqualTo(new Credential.Bearer(TOKEN));
        allowed(gatecheck.authenticate(authorization(scheme + " " + TOKEN)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DPoP", "dpop", "DPOP"})
    void dpopSchemeIsCaseInsensitiveAndMarksTheCredential(String scheme) {
        assertThat(headerOnly.extract(authorization(scheme + " " + TOKEN))).isEqualTo(new Credential.Bearer(TOKEN, true));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"DPoP", "DPoP\tTOKEN"})
    void malformedDpopHeaderIsNoOtherScheme(String value) {
        assertThat(headerOnly.extract(authorization(value)))
                .as("'%s'", value).isNotInstanceOf(Credential.OtherScheme.class)
                .isNotInstanceOf(Credential.Bearer.class);
    }

    @Test
    void dpopTokenAndQueryTokenAreTwoCredentials() {
        AuthRequest request = request().header("Authorization", "DPoP " + TOKEN).query("access_token=" + TOKEN).build();

        assertThat(everywhere.extract(request)).isEqualTo(new Credential.Malformed("multiple_credentials"));
    }

    @Test
    void headerNameIsCaseInsensitive() {
        AuthRequest request = request().header("authorization", "Bearer " + TOKEN).build();

        assertThat(headerOnly.extract(request)).isEqualTo(new Credential.Bearer(TOKEN));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"abc", "a-b_c.d~e+f/g", "abc=", "abc==", "A0.b1.c2", "x"})
    void acceptsEveryB64TokenShape(String credential) {
        assertThat(headerOnly.extract(authorization("Bearer " + credential)))
                .as("'%s' is a b64token", credential).isEqualTo(new Credential.Bearer(credential));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Bearer  TOKEN", "Bearer TOKEN ", "Bearer  ", "Bearer ", "Bearer", "Bearer =abc",
            "Bearer ab=c", "Bearer a b", "Bearer a,b", "Bearer \"TOKEN\"", "Bearer TOKEN\r\n", "Bearer a%2Eb",
            "Bearer a@b", "Bearer ab\u00e9", ""})
    void malformedBearerHeaderIsABadRequest(String header) {
        String value = header.replace("TOKEN", TOKEN);

        Rejection rejection = denied(gatecheck.authenticate(authorization(value)), 400, "invalid_request");
        assertThat(rejection.wwwAuthenticate()).get().asString().startsWith("Bearer error=\"invalid_request\"");
    }

    @Test
    void twoAuthorizationHeadersAreABadRequest() {
        AuthRequest twice = request().header("Authorization", "Bearer " + TOKEN)
                .header("Authorization", "Bearer " + TOKEN).build();

        assertThat(headerOnly.extract(twice)).isEqualTo(new Credential.Malformed("multiple_authorization_headers"));
        denied(gatecheck.authenticate(twice), 400, "invalid_request");
    }

    @Test
    void bearerAndBasicHeadersTogetherAreABadRequest() {
        AuthRequest both = request().header("Authorization", "Basic dXNlcjpwdw==")
                .header("authorization", "Bearer " + TOKEN).build();

        denied(gatecheck.authenticate(both), 400, "invalid_request");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Basic dXNlcjpwdw==", "Digest username=\"x\"", "Token abc", "Negotiate YII=", "Basic"})
    void otherSchemeIsUnauthorizedWithABareBearerChallenge(String header) {
        assertThat(headerOnly.extract(authorization(header))).isInstanceOf(Credential.OtherScheme.class);

        Rejection rejection = denied(gatecheck.authenticate(authorization(header)), 401,
                "missing_authorization_header");
        assertThat(rejection.wwwAuthenticate()).as("no error= when no bearer credential was sent").contains("Bearer");
        assertThat(rejection.headers()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void absentCredentialIsUnauthorizedWithABareBearerChallenge() {
        assertThat(headerOnly.extract(request().build())).isInstanceOf(Credential.None.class);

        Rejection rejection = denied(gatecheck.authenticate(request().build()), 401, "missing_authorization_header");
        assertThat(rejection.wwwAuthenticate()).contains("Bearer");
    }

    // --- length cap ------------------------------------------------------------------------------------------

    @Test
    void credentialOverMaxLengthIsRefusedAsTooLarge() {
        String huge = "a".repeat(8193);

        assertThat(headerOnly.extract(authorization("Bearer " + huge))).isInstanceOf(Credential.TooLong.class);
        Rejection rejection = denied(gatecheck.authenticate(authorization("Bearer " + huge)), 401, "invalid_token");
        assertThat(rejection.detail()).isEqualTo("too_large");
    }

    @Test
    void credentialOfExactlyMaxLengthIsExtracted() {
        String atLimit = "a".repeat(8192);

        assertThat(headerOnly.extract(authorization("Bearer " + atLimit))).isEqualTo(new Credential.Bearer(atLimit));
    }

    @Test
    void configuredMaxLengthApplies() {
        Gatecheck small = SpecFixture.gatecheck("gatecheck.token.max-length", "256");

        Rejection rejection = denied(small.authenticate(authorization("Bearer " + TOKEN)), 401, "invalid_token");
        assertThat(rejection.detail()).as("an RS256 token is longer than 256 characters").isEqualTo("too_large");
    }

    @Test
    void overlongQueryAndCookieCredentialsAreTooLarge() {
        String huge = "a".repeat(8193);

        assertThat(everywhere.extract(request().query("access_token=" + huge).build()))
                .isInstanceOf(Credential.TooLong.class);
        assertThat(everywhere.extract(request().header("Cookie", "at=" + huge).build()))
                .isInstanceOf(Credential.TooLong.class);
    }

    // --- query and cookie sources ----------------------------------------------------------------------------

    @Test
    void queryTokenIsIgnoredUnlessConfigured() {
        AuthRequest query = request().query("access_token=" + TOKEN).build();

        assertThat(headerOnly.extract(query)).isInstanceOf(Credential.None.class);
        denied(gatecheck.authenticate(query), 401, "missing_authorization_header");
    }

    @Test
    void cookieTokenIsIgnoredUnlessConfigured() {
        AuthRequest cookie = request().header("Cookie", "at=" + TOKEN).build();

        assertThat(headerOnly.extract(cookie)).isInstanceOf(Credential.None.class);
        denied(gatecheck.authenticate(cookie), 401, "missing_authorization_header");
    }

    @Test
    void queryTokenIsAcceptedWhenConfigured() {
        Gatecheck withQuery = SpecFixture.gatecheck("gatecheck.token.sources", "header,query:access_token");

        allowed(withQuery.authenticate(request().query("page=2&access_token=" + TOKEN + "&x=y").build()));
    }

    @Test
    void queryParameterNameIsMatchedAfterDecoding() {
        assertThat(everywhere.extract(request().query("access%5Ftoken=" + TOKEN).build()))
                .isEqualTo(new Credential.Bearer(TOKEN));
    }

    @Test
    void queryParameterWithAnotherNameIsIgnored() {
        assertThat(everywhere.extract(request().query("token=" + TOKEN + "&access_token_x=" + TOKEN).build()))
                .isInstanceOf(Credential.None.class);
    }

    @Test
    void cookieTokenIsAcceptedWhenConfigured() {
        Gatecheck withCookie = SpecFixture.gatecheck("gatecheck.token.sources", "cookie:at");

        allowed(withCookie.authenticate(request().header("Cookie", "theme=dark; at=" + TOKEN + "; lang=en").build()));
    }

    @Test
    void quotedCookieValueIsUnquoted() {
        assertThat(everywhere.extract(request().header("Cookie", "at=\"" + TOKEN + "\"").build()))
                .isEqualTo(new Credential.Bearer(TOKEN));
    }

    @Test
    void onlyTheConfiguredSourcesAreRead() {
        Gatecheck cookieOnly = SpecFixture.gatecheck("gatecheck.token.sources", "cookie:at");

        denied(cookieOnly.authenticate(authorization("Bearer " + TOKEN)), 401, "missing_authorization_header");
    }

    @Test
    void headerAndQueryTogetherAreABadRequest() {
        Gatecheck withQuery = SpecFixture.gatecheck("gatecheck.token.sources", "header,query:access_token");
        AuthRequest both = request().bearer(TOKEN).query("access_token=" + TOKEN).build();

        assertThat(everywhere.extract(both)).isEqualTo(new Credential.Malformed("multiple_credentials"));
        denied(withQuery.authenticate(both), 400, "invalid_request");
    }

    @Test
    void headerAndCookieTogetherAreABadRequest() {
        AuthRequest both = request().bearer(TOKEN).header("Cookie", "at=" + TOKEN).build();

        assertThat(everywhere.extract(both)).isInstanceOf(Credential.Malformed.class);
    }

    @Test
    void repeatedQueryParameterIsABadRequest() {
        Gatecheck withQuery = SpecFixture.gatecheck("gatecheck.token.sources", "query:access_token");
        AuthRequest twice = request().query("access_token=" + TOKEN + "&access_token=" + TOKEN).build();

        denied(withQuery.authenticate(twice), 400, "invalid_request");
    }

    @Test
    void repeatedCookieIsABadRequest() {
        AuthRequest twice = request().header("Cookie", "at=" + TOKEN + "; at=" + TOKEN).build();

        assertThat(everywhere.extract(twice)).isEqualTo(new Credential.Malformed("multiple_credentials"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"access_token=", "access_token", "access_token=a%20b", "access_token=a%ZZ"})
    void malformedQueryCredentialIsABadRequest(String query) {
        Gatecheck withQuery = SpecFixture.gatecheck("gatecheck.token.sources", "query:access_token");

        denied(withQuery.authenticate(request().query(query).build()), 400, "invalid_request");
    }

    @Test
    void credentialToStringHidesTheToken() {
        assertThat(new Credential.Bearer(TOKEN).toString()).doesNotContain(TOKEN);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"header", "query:access_token", "cookie:at", "cookie:__Host-at"})
    void tokenSourceSpellingRoundTrips(String spec) {
        assertThat(TokenSource.parse(spec).toString()).isEqualTo(spec);
    }
}
