package dev.gatecheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every adapter must do, written once: each adapter's test module runs this table on every container or
 * runtime it supports, through a subclass that names its {@link AdapterUnderTest}. The engine, callers and
 * assertions are {@link ScenarioFixture}'s; the application only reports what it saw ({@link Seen}).
 */
public abstract class AdapterScenarios extends ScenarioFixture {
    private static final String ALICE = "\"org\":\"acme\",\"roles\":[\"user\"]";
    private static final byte[] SIXTEEN_BYTES = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    protected AdapterScenarios(AdapterUnderTest adapter) {
        super(adapter);
    }

    // The caller, as the application's API shows it

    @Test
    void showsTheTokenCallerThroughEveryNameAccessor() {
        Map<String, String> seen = get("/api/users", bearer("alice", ALICE)).seen();

        assertCaller(seen, "alice");
        assertThat(seen).containsEntry("auth-type", "BEARER");
    }

    @Test
    void answersIsUserInRoleFromTheTokenRoles() {
        Map<String, String> seen = get("/api/users", bearer("alice", ALICE)).seen();

        assertThat(seen).containsEntry("role:user", "true").containsEntry("role:admin", "false")
                .as("** is any authenticated caller").containsEntry("role:**", "true");
    }

    @Test
    void showsIdentityHeadersDerivedFromTheToken() {
        Map<String, String> seen = get("/api/users", bearer("alice", ALICE)).seen();

        assertThat(seen).containsEntry("header:x-user-id", "alice").containsEntry("header:x-user-org", "acme")
                .containsEntry("header:x-user-roles", "user");
    }

    @Test
    void joinsListClaimsWithCommas() {
        String roles = get("/api/users", bearer("bob", "\"roles\":[\"reader\",\"writer\"]")).seen()
                .get("header:x-user-roles");

        assertThat(Set.of(roles.split(","))).containsExactlyInAnyOrder("reader", "writer");
    }

    @Test
    void replacesClientCopiesOfIdentityHeadersWithTheTokenValues() {
        Map<String, String> seen = get("/api/users", bearer("alice", ALICE, "X-User-ID", "admin", "x-user-id", "root",
                "X-User-Roles", "admin")).seen();

        assertThat(seen).as("one value each, the token's").containsEntry("header:x-user-id", "alice")
                .containsEntry("header:x-user-roles", "user").containsEntry("role:admin", "false");
    }

    @Test
    void hidesClientIdentityHeadersInAnySpelling() {
        Map<String, String> seen = get("/api/users", bearer("alice", ALICE, "X_User_ID", "admin", "x_user_roles",
                "admin")).seen();

        assertThat(seen).containsEntry("header:x_user_id", "").containsEntry("header:x_user_roles", "");
        assertThat(names(seen)).doesNotContain("x_user_id", "x_user_roles");
    }

    @Test
    void hidesIdentityHeadersTheTokenDoesNotProvide() {
        Map<String, String> seen = get("/api/users", bearer("root", "", "X-User-Org", "acme")).seen();

        assertThat(seen).containsEntry("header:x-user-org", "");
        assertThat(names(seen)).doesNotContain("x-user-org");
    }

    @Test
    void hidesTheAuthorizationHeaderAndShowsEveryOtherOne() {
        Map<String, String> seen = get("/api/users", bearer("alice", ALICE, "X-Trace", "t-1")).seen();

        assertThat(seen).containsEntry("header:authorization", "").containsEntry("header:x-trace", "t-1");
        assertThat(names(seen)).contains("x-user-id", "x-user-org", "x-user-roles", "x-trace")
                .doesNotContain("authorization");
    }

    @Test
    void refusesATokenWhoseClaimAnIdentityHeaderCouldNotShow() {
        assertRefused(get("/api/users", bearer("mallory", "\"org\":\"acme\\r\\nX-Admin: true\"")), 401,
                "invalid_token", "claim_invalid");
    }

    // Missing and bad credentials

    @Test
    void asksACallerWithoutATokenToAuthenticate() {
        Answer answer = get("/api/users");

        assertRefused(answer, 401, "missing_authorization_header", "no_bearer_token");
        assertThat(answer.reply().header("WWW-Authenticate")).as("a challenge without error=").contains("Bearer");
    }

    @Test
    void refusesATokenSignedByAnUnknownKey() {
        Answer answer = get("/api/users", Http.bearer(token(strangerKey, ISSUER, "alice", T, "")));

        assertRefused(answer, 401, "invalid_token", "bad_signature");
        assertThat(answer.reply().header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void refusesAnExpiredTokenWithTheRfc6750Challenge() {
        Answer answer = get("/api/users", Http.bearer(token(issuerKey, ISSUER, "alice", T - 600, "")));

        assertRefused(answer, 401, "invalid_token", "expired");
        assertThat(answer.reply().header("WWW-Authenticate"))
                .contains("Bearer error=\"invalid_token\", error_description=\"expired\"");
    }

    @Test
    void refusesTwoAuthorizationHeaders() {
        assertRefused(get("/api/users", "Authorization", "Bearer " + token("alice", ""), "Authorization",
                "Bearer " + token("root", "")), 400, "invalid_request", "multiple_authorization_headers");
    }

    @Test
    void refusesABearerHeaderWithoutAToken() {
        assertRefused(get("/api/users", "Authorization", "Bearer"), 400, "invalid_request", "missing_token");
    }

    @Test
    void neverShowsARefusedTokenInTheAnswer() {
        String forged = token(strangerKey, ISSUER, "alice", T, "");
        String expired = token(issuerKey, ISSUER, "alice", T - 600, "");

        for (String token : new String[] {forged, expired, forged + "x"}) {
            Http.Reply reply = get("/api/users", Http.bearer(token)).reply();
            String answer = reply.headerLines() + "\n" + reply.body();
            for (String segment : token.split("\\.")) {
                assertThat(answer).as("the answer to a refused token").doesNotContain(segment);
            }
        }
    }

    @Test
    void answers503WithRetryAfterWhenTheIssuersKeysAreUnavailable() {
        Answer answer = get("/api/users", Http.bearer(token(strangerKey, DOWN_ISSUER, "alice", T, "")));

        assertThat(answer.status()).as(answer.reply().body()).isEqualTo(503);
        assertThat(answer.reply().body()).startsWith("{\"error\":\"auth_unavailable\"");
        assertThat(answer.reply().header("Retry-After")).as("Retry-After seconds")
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(answer.reply().header("WWW-Authenticate")).as("an outage is no bad credential").isEmpty();
        assertThat(answer.applicationRan()).isFalse();
    }

    // Routes

    @Test
    void refusesACallerWithoutTheRouteRole() {
        Answer answer = get("/admin/users", bearer("alice", ALICE));

        assertRefused(answer, 403, "forbidden", "missing_role");
        assertThat(answer.reply().header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void letsACallerWithTheRouteRoleIn() {
        Map<String, String> seen = get("/admin/users", bearer("root", "\"roles\":[\"admin\"]")).seen();

        assertCaller(seen, "root");
        assertThat(seen).containsEntry("role:admin", "true");
    }

    @Test
    void letsAnyAuthenticatedCallerIntoADoubleStarRoute() {
        assertCaller(get("/members/list", bearer("carol", "")).seen(), "carol");
        assertRefused(get("/members/list"), 401, "missing_authorization_header", "no_bearer_token");
    }

    @Test
    void refusesATokenWithoutTheRouteScope() {
        Answer answer = get("/reports/daily", bearer("alice", "\"scope\":\"reports:list\""));

        assertRefused(answer, 403, "insufficient_scope", "insufficient_scope");
        assertThat(answer.reply().header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"reports:read\""));
        assertCaller(get("/reports/daily", bearer("alice", "\"scope\":\"reports:read\"")).seen(), "alice");
    }

    @Test
    void refusesEveryoneOnADenyRoute() {
        assertRefused(get("/closed/x"), 403, "forbidden", "route_denied");
        assertRefused(get("/closed/x", bearer("root", "\"roles\":[\"admin\"]")), 403, "forbidden", "route_denied");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/admin;x=1/users, missing_role", "/%61dmin/users, missing_role", "/health/../admin/users, missing_role",
        "/admin/users;x=1, missing_role", "/closed;x=1/y;z=2, route_denied", "/%63losed/y, route_denied"})
    void appliesTheRouteToEverySpellingOfItsPath(String path, String detail) {
        assertRefused(get(path, bearer("alice", ALICE)), 403, "forbidden", detail);
    }

    @Test
    void protectsHeadLikeGet() {
        assertThat(send("HEAD", "/api/users").status()).isEqualTo(401);
        assertThat(send("HEAD", "/api/users", bearer("alice", ALICE)).status()).isEqualTo(200);
    }

    // Public routes

    @Test
    void servesAPublicRouteToAnAnonymousCaller() {
        Map<String, String> seen = get("/health").seen();

        assertCaller(seen, "null");
        assertThat(seen).containsEntry("auth-type", "null").containsEntry("role:**", "false");
    }

    @Test
    void identifiesACallerWhoSendsATokenToAPublicRoute() {
        assertCaller(get("/health", bearer("alice", ALICE)).seen(), "alice");
    }

    @Test
    void refusesABrokenTokenOnAPublicRoute() {
        assertRefused(get("/health", Http.bearer(token(issuerKey, ISSUER, "alice", T - 600, ""))), 401,
                "invalid_token", "expired");
    }

    @Test
    void hidesSpoofedIdentityHeadersOnAPublicRoute() {
        Map<String, String> seen = get("/health", "X-User-ID", "admin", "X-User-Roles", "admin").seen();

        assertCaller(seen, "null");
        assertThat(seen).containsEntry("header:x-user-id", "").containsEntry("header:x-user-roles", "")
                .containsEntry("role:admin", "false");
    }

    // Behind a gateway

    @Test
    void believesTheIdentityAGatewayAssertionVouchesFor() {
        Map<String, String> seen = get("/gw/orders", ASSERTION, assertion(gatewayKey, "ada")).seen();

        assertCaller(seen, "ada");
        assertThat(seen).containsEntry("auth-type", "GATEWAY").containsEntry("header:x-user-id", "ada");
        assertThat(names(seen)).as("the marker is not the application's").doesNotContain("x-pomerium-jwt-assertion");
    }

    @Test
    void stripsSpoofedIdentityHeadersWithoutAGatewayAssertion() {
        assertRefused(get("/gw/orders", "X-User-ID", "admin", "X-User-Roles", "admin"), 401,
                "missing_authorization_header", "no_gateway_identity");
    }

    @Test
    void refusesAGatewayAssertionThatDoesNotVerify() {
        Answer answer = get("/gw/orders", ASSERTION, assertion(TestKeys.ec("secp256r1"), "ada"), "X-User-ID", "ada");

        assertThat(answer.status()).as(answer.reply().body()).isEqualTo(401);
        assertThat(answer.reply().body()).startsWith("{\"error\":\"untrusted_identity_headers\"");
        assertThat(answer.applicationRan()).isFalse();
    }

    @Test
    void hidesTheGatewaysUnsignedClaimHeaders() {
        Map<String, String> seen = get("/health", "X-Pomerium-Claim-Email", "ceo@corp.example.com",
                "X_Pomerium_Claim_Groups", "admin").seen();

        assertThat(seen).containsEntry("header:x-pomerium-claim-email", "");
        assertThat(seen.get("names")).as("no X-Pomerium-Claim-* among the header names").doesNotContain("pomerium");
    }

    // CORS preflights

    @Test
    void letsACorsPreflightThroughAnonymously() {
        Map<String, String> seen = send("OPTIONS", "/admin/users", preflightAnd("X-User-ID", "admin")).seen();

        assertCaller(seen, "null");
        assertThat(seen).containsEntry("header:x-user-id", "").containsEntry("role:admin", "false");
    }

    @Test
    void refusesAPreflightToADenyRoute() {
        assertRefused(send("OPTIONS", "/closed/x", PREFLIGHT), 403, "forbidden", "route_denied");
    }

    @Test
    void authenticatesAnOptionsRequestThatIsNoPreflight() {
        assertRefused(send("OPTIONS", "/api/users"), 401, "missing_authorization_header", "no_bearer_token");
        assertRefused(send("OPTIONS", "/api/users", "Origin", "", "Access-Control-Request-Method", ""), 401,
                "missing_authorization_header", "no_bearer_token");
    }

    @Test
    void authenticatesAnOptionsRequestCarryingACredential() {
        assertRefused(send("OPTIONS", "/api/users", preflightAnd("Authorization", "Bearer junk")), 401,
                "invalid_token", "malformed");
        assertThat(send("OPTIONS", "/api/users", preflightAnd("Cookie", "session=1")).status()).isEqualTo(401);
        assertCaller(send("OPTIONS", "/admin/users", preflightAnd(bearer("root", "\"roles\":[\"admin\"]"))).seen(),
                "root");
    }

    @ParameterizedTest(name = "chunked {0}")
    @ValueSource(booleans = {false, true})
    void authenticatesAnOptionsRequestWithABody(boolean chunked) {
        Answer answer = sendExpectingContinue("OPTIONS", "/api/users", SIXTEEN_BYTES, chunked, PREFLIGHT);

        assertThat(answer.status()).as("a body makes it an ordinary OPTIONS request").isEqualTo(401);
        assertThat(answer.applicationRan()).isFalse();
    }

    @Test
    void refusesTheOptionsRequestOfTheIssue() {
        Answer answer = sendExpectingContinue("OPTIONS", "/admin/users", SIXTEEN_BYTES, false, "Origin", "x",
                "Access-Control-Request-Method", "x", "Authorization", "Bearer junk");

        assertThat(answer.status()).as("Origin x, method x, a junk token and a body are no preflight").isEqualTo(401);
        assertThat(answer.reply().body()).contains("\"error\":\"invalid_token\"");
        assertThat(answer.applicationRan()).isFalse();
    }

    @Test
    void letsAPreflightToAWebhookRouteThroughWithoutABody() {
        Map<String, String> seen = send("OPTIONS", "/hooks/github", PREFLIGHT).seen();

        assertCaller(seen, "null");
        assertThat(seen).containsEntry("body-bytes", "0");
    }

    @Test
    void checksTheSignatureOfAnOptionsRequestWithABodyOnAWebhookRoute() {
        Answer answer = sendExpectingContinue("OPTIONS", "/hooks/github", SIXTEEN_BYTES, false, PREFLIGHT);

        assertThat(answer.status()).as("an unsigned body never reaches the application").isEqualTo(401);
        assertThat(answer.reply().body()).contains("\"error\":\"invalid_signature\"");
        assertThat(answer.applicationRan()).isFalse();
    }

    // Webhooks

    @Test
    void handsAVerifiedWebhookDeliveryToTheApplicationByteForByte() {
        byte[] body = Bytes.random(MAX_BODY);

        Map<String, String> seen = post("/hooks/github", WebhookSender.github(githubSecret, body)).seen();

        assertCaller(seen, "github:github");
        assertThat(seen).containsEntry("auth-type", "WEBHOOK").containsEntry("body-bytes", Integer.toString(MAX_BODY))
                .containsEntry("body-sha256", Bytes.sha256Hex(body));
    }

    @Test
    void acceptsAnEmptySignedWebhookBodyAsEmpty() {
        Map<String, String> seen = post("/hooks/github", WebhookSender.github(githubSecret, new byte[0])).seen();

        assertCaller(seen, "github:github");
        assertThat(seen).containsEntry("body-bytes", "0");
    }

    @Test
    void refusesAWebhookDeliveryWhoseBodyWasChanged() {
        Delivery delivery = WebhookSender.github(githubSecret, Bytes.random(200));

        assertRefused(post("/hooks/github", delivery.withBitFlipped(17, 0)), 401, "invalid_signature",
                "bad_signature");
    }

    @Test
    void refusesAWebhookBodyOverTheRouteLimit() {
        assertRefused(post("/hooks/github", WebhookSender.github(githubSecret, Bytes.random(MAX_BODY + 1))),
                413, "payload_too_large", "body larger than " + MAX_BODY + " bytes");
    }

    @Test
    void refusesABearerTokenInPlaceOfAWebhookSignature() {
        assertRefused(send("POST", "/hooks/github", new byte[] {'{', '}'}, bearer("root", "\"roles\":[\"admin\"]")),
                401, "invalid_signature", "missing_header");
    }

    @Test
    void asksASignedDeliveryToATokenRouteForAToken() {
        assertRefused(post("/hooks/other", WebhookSender.github(githubSecret, new byte[] {'{', '}'})), 401,
                "missing_authorization_header", "no_bearer_token");
    }

    @Test
    void showsTheWebhookIdentityInsteadOfClientIdentityHeaders() {
        Delivery delivery = WebhookSender.github(githubSecret, Bytes.random(64)).adding("X-User-ID", "admin");

        assertThat(post("/hooks/github", delivery).seen()).containsEntry("header:x-user-id", "github:github");
    }

    @Test
    void leavesTheBodyOfOtherRoutesToTheApplication() {
        byte[] body = Bytes.random(MAX_BODY * 8);

        Map<String, String> seen = send("POST", "/hooks/other", body, bearer("alice", ALICE)).seen();

        assertCaller(seen, "alice");
        assertThat(seen).containsEntry("body-sha256", Bytes.sha256Hex(body));
    }

    private Answer post(String path, Delivery delivery) {
        return send("POST", path, delivery.body(), delivery.headerPairs());
    }
}
