package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.T;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.missing;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.roles;
import static dev.gatecheck.testing.GatewayFixtures.signedHeaders;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.internal.httpsig.HmacSigning;
import dev.gatecheck.internal.httpsig.SignatureBase;
import dev.gatecheck.internal.httpsig.StructuredFields;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code hmac} marker (DESIGN "Gateway markers", RFC 9421 profile) through {@link Gatecheck#authenticate} on a
 * {@code gateway} route and a {@code gateway-or-token} route: requests signed with {@link GatewaySigner} are believed,
 * every deviation from the profile is a 401 {@code untrusted_identity_headers}, never an exception.
 */
class HmacMarkerTest {
    private static final byte[] KEY_2025 = randomBytes(32);
    private static final byte[] KEY_2026 = randomBytes(48);
    private static final Map<String, String> ALICE = identity("alice", "acme", "admin,user");

    private final MutableClock clock = new MutableClock(NOW);
    private final Gatecheck engine = Gatecheck.create(GatewayFixtures.config(clock)
            .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw-2025", KEY_2025).hmacKey("gw-2026", KEY_2026)
                    .hmacTolerance(Duration.ofSeconds(60)))
            .build());

    private static GatewaySigner signer(String keyId, byte[] secret, Instant at) {
        return new GatewaySigner(keyId, secret, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static GatewaySigner signer2026() {
        return signer("gw-2026", KEY_2026, NOW);
    }

    private static Map<String, String> signedAlice(String method, String path, String query) {
        return signedHeaders(signer2026(), method, path, query, ALICE);
    }

    private Decision send(String method, String path, String query, Map<String, String> headers) {
        return engine.authenticate(request(method, path, query, headers).peerAddress("10.0.0.5").build());
    }

    // ---- the valid case ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "route {0}")
    @ValueSource(strings = {GATEWAY_PATH, MIXED_PATH})
    void aValidSignatureMakesTheSignedIdentityHeadersTheCaller(String path) {
        Decision.Allow allow = allowed(send("GET", path, "page=2", signedAlice("GET", path, "page=2")),
                "request signed by the gateway");

        Identity caller = allow.identity().orElseThrow();
        assertThat(caller.subject()).as("subject from X-User-ID").isEqualTo("alice");
        assertThat(caller.org()).as("org from X-User-Org").contains("acme");
        assertThat(caller.roles()).as("roles from X-User-Roles").containsExactlyInAnyOrder("admin", "user");
        assertThat(caller.method()).as("how the identity was established").isEqualTo(AuthMethod.GATEWAY);
        assertThat(allow.headers().valueOf("X-User-ID")).as("derived X-User-ID").contains("alice");
        assertThat(allow.headers().valueOf("X-User-Org")).as("derived X-User-Org").contains("acme");
        assertThat(allow.headers().valueOf("X-User-Roles").map(GatewayFixtures::roles)).as("derived X-User-Roles")
                .contains(roles("admin,user"));
        assertThat(List.of("Signature", "Signature-Input", "X-User-ID", "x_user_roles"))
                .as("marker and client identity headers are hidden from the application")
                .allMatch(allow.headers()::hides);
    }

    @Test
    void aValidSignatureWithoutAQueryIsAccepted() {
        allowed(send("POST", GATEWAY_PATH, null, signedAlice("POST", GATEWAY_PATH, null)),
                "POST without a query, signed with @query '?'");
    }

    @Test
    void theAlgParameterMayBeOmitted() {
        String params = "(\"@method\" \"@path\" \"@query\" \"x-user-id\");created=" + T + ";keyid=\"gw-2026\"";
        Map<String, String> headers = identity("alice", null, null);
        headers.putAll(manuallySigned("GET", GATEWAY_PATH, null, headers, params, KEY_2026));
        allowed(send("GET", GATEWAY_PATH, null, headers), "signature without alg=\"hmac-sha256\"");
    }

    // ---- what the signature binds ---------------------------------------------------------------------------------

    static Stream<Arguments> tamperedIdentityHeaders() {
        return Stream.of(
                Arguments.of("X-User-ID", "admin"),
                Arguments.of("X-User-Org", "other-org"),
                Arguments.of("X-User-Roles", "admin,user,superuser"),
                Arguments.of("X-User-Roles", "admin, user"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tamperedIdentityHeaders")
    void aTamperedIdentityHeaderValueIsRefused(String header, String forged) {
        for (String path : List.of(GATEWAY_PATH, MIXED_PATH)) {
            Map<String, String> headers = signedAlice("GET", path, null);
            headers.put(header, forged);
            untrusted(send("GET", path, null, headers), header + " changed after signing on " + path);
        }
    }

    @Test
    void anIdentityHeaderTheSignatureDoesNotCoverIsRefused() {
        Map<String, String> headers = signedHeaders(signer2026(), "GET", GATEWAY_PATH, null,
                identity("alice", "acme", null));
        headers.put("X-User-Roles", "admin");
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "X-User-Roles added, not signed");
        assertThat(r.detail()).isEqualTo("hmac:components_not_covered");
    }

    static Stream<Arguments> otherRequests() {
        return Stream.of(
                Arguments.of("another path", "GET", GATEWAY_PATH + "/7", "page=2"),
                Arguments.of("another path, case", "GET", "/gw/Orders", "page=2"),
                Arguments.of("another path, trailing slash", "GET", GATEWAY_PATH + "/", "page=2"),
                Arguments.of("another query value", "GET", GATEWAY_PATH, "page=3"),
                Arguments.of("another query parameter added", "GET", GATEWAY_PATH, "page=2&admin=true"),
                Arguments.of("query removed", "GET", GATEWAY_PATH, null),
                Arguments.of("another method", "POST", GATEWAY_PATH, "page=2"),
                Arguments.of("method case", "get", GATEWAY_PATH, "page=2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRequests")
    void aSignatureOverAnotherRequestIsRefused(String name, String method, String path, String query) {
        Map<String, String> headers = signedAlice("GET", GATEWAY_PATH, "page=2");
        Rejection r = untrusted(send(method, path, query, headers), "signature for GET /gw/orders?page=2 on " + name);
        assertThat(r.detail()).as(name).isEqualTo("hmac:bad_signature");
    }

    @Test
    void aQueryAddedToARequestSignedWithoutOneIsRefused() {
        untrusted(send("GET", GATEWAY_PATH, "admin=true", signedAlice("GET", GATEWAY_PATH, null)),
                "query added to a request signed without one");
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    @Test
    void aSignatureCreatedLongerAgoThanTheToleranceIsRefused() {
        Map<String, String> headers = signedAlice("GET", GATEWAY_PATH, null);
        clock.advance(Duration.ofSeconds(61));
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "signature 61 s old, tolerance 60 s");
        assertThat(r.detail()).isEqualTo("hmac:stale_signature");
    }

    @Test
    void aSignatureCreatedInTheFutureBeyondTheToleranceIsRefused() {
        Map<String, String> headers = signedHeaders(signer("gw-2026", KEY_2026, NOW.plusSeconds(61)), "GET",
                GATEWAY_PATH, null, ALICE);
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "created 61 s ahead, tolerance 60 s");
        assertThat(r.detail()).isEqualTo("hmac:stale_signature");
    }

    @Test
    void aSignatureExactlyAtTheToleranceIsAcceptedInBothDirections() {
        Map<String, String> old = signedAlice("GET", GATEWAY_PATH, null);
        clock.advance(Duration.ofSeconds(60));
        allowed(send("GET", GATEWAY_PATH, null, old), "signature exactly 60 s old");
        Map<String, String> ahead = signedHeaders(signer("gw-2026", KEY_2026, NOW.plusSeconds(120)), "GET",
                GATEWAY_PATH, null, ALICE);
        allowed(send("GET", GATEWAY_PATH, null, ahead), "signature created exactly 60 s ahead");
    }

    @Test
    void aReplayAfterTheToleranceIsRefusedOnEveryRoute() {
        Map<String, String> gw = signedAlice("GET", GATEWAY_PATH, null);
        Map<String, String> mixed = signedAlice("GET", MIXED_PATH, null);
        clock.advance(Duration.ofMinutes(10));
        untrusted(send("GET", GATEWAY_PATH, null, gw), "replay 10 min later on the gateway route");
        Map<String, String> withToken = new LinkedHashMap<>(mixed);
        withToken.put("Authorization", "Bearer " + bearerToken("bob"));
        untrusted(send("GET", MIXED_PATH, null, withToken),
                "replay 10 min later on gateway-or-token, even beside a bearer token");
    }

    // ---- keys ---------------------------------------------------------------------------------------------------

    @Test
    void anUnknownKeyIdIsRefused() {
        Map<String, String> headers = signedHeaders(signer("gw-2027", randomBytes(32), NOW), "GET", GATEWAY_PATH,
                null, ALICE);
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "keyid gw-2027 is not configured");
        assertThat(r.detail()).isEqualTo("hmac:unknown_keyid");
    }

    @Test
    void aKnownKeyIdSignedWithAnotherSecretIsRefused() {
        Map<String, String> headers = signedHeaders(signer("gw-2026", randomBytes(48), NOW), "GET", GATEWAY_PATH,
                null, ALICE);
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "keyid gw-2026 with a guessed secret");
        assertThat(r.detail()).isEqualTo("hmac:bad_signature");
    }

    @Test
    void aSignatureOfOneKeyLabelledWithTheOtherKeyIdIsRefused() {
        Map<String, String> headers = signedHeaders(signer("gw-2025", KEY_2026, NOW), "GET", GATEWAY_PATH, null,
                ALICE);
        untrusted(send("GET", GATEWAY_PATH, null, headers), "key of gw-2026 announced as gw-2025");
    }

    @Test
    void bothKeysOfARotationAreAccepted() {
        for (GatewaySigner signer : List.of(signer("gw-2025", KEY_2025, NOW), signer("gw-2026", KEY_2026, NOW))) {
            Decision.Allow allow = allowed(send("GET", GATEWAY_PATH, null,
                    signedHeaders(signer, "GET", GATEWAY_PATH, null, ALICE)), "a configured key of the rotation");
            assertThat(allow.identity()).map(Identity::subject).contains("alice");
        }
    }

    // ---- header shapes ----------------------------------------------------------------------------------------

    @Test
    void twoSignatureHeaderLinesAreRefused() {
        Map<String, String> headers = signedAlice("GET", GATEWAY_PATH, null);
        AuthRequest request = request("GET", GATEWAY_PATH, null, headers)
                .header("Signature", headers.get("Signature")).build();
        Rejection r = untrusted(engine.authenticate(request), "the same Signature line twice");
        assertThat(r.detail()).isEqualTo("hmac:signature_headers_not_single");
    }

    @Test
    void twoSignatureInputHeaderLinesAreRefused() {
        Map<String, String> headers = signedAlice("GET", GATEWAY_PATH, null);
        AuthRequest request = request("GET", GATEWAY_PATH, null, headers)
                .header("signature-input", headers.get("Signature-Input")).build();
        untrusted(engine.authenticate(request), "Signature-Input twice (second in lower case)");
    }

    @Test
    void twoLabelsAreRefusedEvenWhenBothVerify() {
        Map<String, String> a = signedHeaders(signer("gw-2025", KEY_2025, NOW), "GET", GATEWAY_PATH, null, ALICE);
        Map<String, String> b = signedAlice("GET", GATEWAY_PATH, null);
        Map<String, String> headers = new LinkedHashMap<>(ALICE);
        headers.put("Signature-Input", a.get("Signature-Input") + ", " + b.get("Signature-Input").replace("gw=", "gw2="));
        headers.put("Signature", a.get("Signature") + ", " + b.get("Signature").replace("gw=", "gw2="));
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "two labels gw and gw2");
        assertThat(r.detail()).isEqualTo("hmac:signature_labels_mismatch");
    }

    @Test
    void aSignatureWithoutItsSignatureInputIsRefused() {
        Map<String, String> headers = signedAlice("GET", GATEWAY_PATH, null);
        headers.remove("Signature-Input");
        untrusted(send("GET", GATEWAY_PATH, null, headers), "Signature without Signature-Input");
        Map<String, String> other = signedAlice("GET", GATEWAY_PATH, null);
        other.remove("Signature");
        untrusted(send("GET", GATEWAY_PATH, null, other), "Signature-Input without Signature");
    }

    @Test
    void labelsThatDoNotMatchAreRefused() {
        Map<String, String> headers = signedAlice("GET", GATEWAY_PATH, null);
        headers.put("Signature", headers.get("Signature").replace("gw=", "other="));
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), "Signature-Input gw, Signature other");
        assertThat(r.detail()).isEqualTo("hmac:signature_labels_mismatch");
    }

    /**
     * Structured-field syntax errors in either header. Each row rewrites a correctly signed request's header; the
     * answer must be the 401 of a malformed marker, never an exception and never a plain signature mismatch.
     */
    static Stream<Arguments> malformedStructuredFields() {
        return Stream.of(
                input("component without quotes", v -> v.replace("\"@method\"", "@method")),
                input("unbalanced quote", v -> v.replace("\"@method\"", "\"@method")),
                input("trailing comma", v -> v + ","),
                input("trailing comma and space", v -> v + ", "),
                input("leading comma", v -> "," + v),
                input("parameters on a component", v -> v.replace("\"@method\"", "\"@method\";req")),
                input("sf flag on a header component", v -> v.replace("\"x-user-id\"", "\"x-user-id\";sf")),
                input("created as a decimal", v -> v.replace("created=" + T, "created=" + T + ".5")),
                input("created as a token", v -> v.replace("created=" + T, "created=yesterday")),
                input("created empty", v -> v.replace("created=" + T, "created=")),
                input("created with 16 digits", v -> v.replace("created=" + T, "created=1234567890123456")),
                input("keyid as a token", v -> v.replace("keyid=\"gw-2026\"", "keyid=gw-2026")),
                input("keyid as a byte sequence", v -> v.replace("keyid=\"gw-2026\"", "keyid=:Z3ctMjAyNg==:")),
                input("empty value", v -> ""),
                input("only spaces", v -> "   "),
                input("upper-case label", v -> v.replace("gw=", "GW=")),
                input("upper-case parameter key", v -> v.replace("created=", "Created=")),
                input("label without =", v -> v.replace("gw=", "gw")),
                input("bare label", v -> "gw"),
                input("string instead of inner list", v -> "gw=\"@method\""),
                input("unterminated inner list", v -> v.substring(0, v.indexOf(')'))),
                input("unterminated string", v -> "gw=(\"@method"),
                input("tab between components", v -> v.replace("\"@method\" ", "\"@method\"\t")),
                input("no space between components", v -> v.replace("\"@method\" ", "\"@method\"")),
                input("non-ASCII in a component", v -> v.replace("\"x-user-id\"", "\"x-üser-id\"")),
                input("control character in a component", v -> v.replace("\"x-user-id\"", "\"x-user\u0001-id\"")),
                input("bad escape in a string", v -> v.replace("\"gw-2026\"", "\"gw\\-2026\"")),
                input("same label twice", v -> v + ", " + v),
                input("same parameter twice", v -> v + ";created=" + T),
                signature("not base64", v -> "gw=:not base64!:"),
                signature("base64url alphabet", v -> v.replace('+', '-').replace('/', '_').replace(":", ":-_")),
                signature("base64 length not a multiple of 4", v -> v.replace("=:", ":").replace(":", ":A")),
                signature("unterminated byte sequence", v -> v.substring(0, v.length() - 1)),
                signature("byte sequence without colons", v -> "gw=" + v.substring(4, v.length() - 1)),
                signature("parameters on the byte sequence", v -> v + ";x=1"),
                signature("upper-case label", v -> v.replace("gw=", "GW=")),
                signature("trailing comma", v -> v + ","),
                signature("empty value", v -> ""),
                signature("same label twice", v -> v + ", " + v),
                signature("string instead of byte sequence", v -> "gw=\"" + v.substring(4, v.length() - 1) + "\""));
    }

    private static Arguments input(String name, UnaryOperator<String> change) {
        return Arguments.of("Signature-Input: " + name, "Signature-Input", change);
    }

    private static Arguments signature(String name, UnaryOperator<String> change) {
        return Arguments.of("Signature: " + name, "Signature", change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedStructuredFields")
    void malformedStructuredFieldsAreRefusedWithoutAnException(String name, String header,
                                                               UnaryOperator<String> change) {
        Map<String, String> headers = signedHeaders(signer2026(), "GET", GATEWAY_PATH, null,
                identity("alice", null, null));
        String changed = change.apply(headers.get(header));
        assertThat(changed).as("the row changes the header").isNotEqualTo(headers.get(header));
        headers.put(header, changed);
        for (String path : List.of(GATEWAY_PATH, MIXED_PATH)) {
            Decision[] decision = new Decision[1];
            assertThatCode(() -> decision[0] = send("GET", path, null, headers)).as(name).doesNotThrowAnyException();
            Rejection r = untrusted(decision[0], name + " on " + path);
            assertThat(r.detail()).as(name).isEqualTo("hmac:malformed_signature_headers");
        }
    }

    /**
     * Signature parameters outside Gatecheck's profile. Each row is correctly MAC'd over its own signature base, so
     * the refusal comes from the profile rule, not from a mismatching MAC.
     */
    static Stream<Arguments> outsideTheProfile() {
        String all = "(\"@method\" \"@path\" \"@query\" \"x-user-id\")";
        String created = ";created=" + T;
        String keyid = ";keyid=\"gw-2026\"";
        return Stream.of(
                Arguments.of("another algorithm", all + created + keyid + ";alg=\"rsa-v1_5-sha256\"",
                        "hmac:alg_not_allowed"),
                Arguments.of("no created", all + keyid, "hmac:created_missing"),
                Arguments.of("created as a string", all + ";created=\"" + T + "\"" + keyid, "hmac:created_missing"),
                Arguments.of("created as a flag", all + ";created" + keyid, "hmac:created_missing"),
                Arguments.of("no keyid", all + created, "hmac:unknown_keyid"),
                Arguments.of("keyid as an integer", all + created + ";keyid=2026", "hmac:unknown_keyid"),
                Arguments.of("an unknown parameter", all + created + keyid + ";foo=\"bar\"",
                        "hmac:unknown_signature_parameter"),
                Arguments.of("expired by its expires", all + created + keyid + ";expires=" + (T - 1),
                        "hmac:stale_signature"),
                Arguments.of("expires as a string", all + created + keyid + ";expires=\"" + (T + 60) + "\"",
                        "hmac:stale_signature"),
                Arguments.of("@method not covered", "(\"@path\" \"@query\" \"x-user-id\")" + created + keyid,
                        "hmac:components_not_covered"),
                Arguments.of("@path not covered", "(\"@method\" \"@query\" \"x-user-id\")" + created + keyid,
                        "hmac:components_not_covered"),
                Arguments.of("@query not covered", "(\"@method\" \"@path\" \"x-user-id\")" + created + keyid,
                        "hmac:components_not_covered"),
                Arguments.of("no components", "()" + created + keyid, "hmac:components_not_covered"),
                Arguments.of("a component twice", "(\"@method\" \"@method\" \"@path\" \"@query\" \"x-user-id\")"
                        + created + keyid, "hmac:duplicate_component"),
                Arguments.of("an unsupported derived component", "(\"@method\" \"@path\" \"@query\" \"x-user-id\""
                        + " \"@target-uri\")" + created + keyid, "hmac:unsupported_component"),
                Arguments.of("an upper-case header component", "(\"@method\" \"@path\" \"@query\" \"x-user-id\""
                        + " \"X-User-ID\")" + created + keyid, "hmac:unsupported_component"),
                Arguments.of("a covered header the request lacks", "(\"@method\" \"@path\" \"@query\" \"x-user-id\""
                        + " \"x-user-org\")" + created + keyid, "hmac:covered_header_missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideTheProfile")
    void signatureParametersOutsideTheProfileAreRefused(String name, String params, String detail) {
        Map<String, String> headers = identity("alice", null, null);
        headers.putAll(manuallySigned("GET", GATEWAY_PATH, null, headers, params, KEY_2026));
        Rejection r = untrusted(send("GET", GATEWAY_PATH, null, headers), name);
        assertThat(r.detail()).as(name).isEqualTo(detail);
    }

    // ---- no identity / fallback ---------------------------------------------------------------------------------

    @Test
    void aValidSignatureWithoutIdentityHeadersClaimsNoIdentity() {
        Map<String, String> gw = signedHeaders(signer2026(), "GET", GATEWAY_PATH, null, Map.of());
        missing(send("GET", GATEWAY_PATH, null, gw), "signed request without identity headers on a gateway route");

        Map<String, String> mixed = signedHeaders(signer2026(), "GET", MIXED_PATH, null, Map.of());
        mixed.put("Authorization", "Bearer " + bearerToken("bob"));
        Decision.Allow allow = allowed(send("GET", MIXED_PATH, null, mixed),
                "signed request without identity headers but with a token on gateway-or-token");
        assertThat(allow.identity().orElseThrow().method()).isEqualTo(AuthMethod.TOKEN);
        assertThat(allow.identity()).map(Identity::subject).contains("bob");
    }

    @Test
    void aFailingSignatureIsRefusedEvenBesideAValidBearerToken() {
        Map<String, String> headers = signedAlice("GET", MIXED_PATH, null);
        headers.put("X-User-ID", "admin");
        headers.put("Authorization", "Bearer " + bearerToken("bob"));
        untrusted(send("GET", MIXED_PATH, null, headers), "forged identity with a valid bearer token");
    }

    // ---- identity values: refused, never rewritten -------------------------------------------------------------

    @ParameterizedTest(name = "X-User-ID \"{0}\", X-User-Roles \"{1}\"")
    @MethodSource("unfaithfulIdentities")
    void aSignedIdentityValueWithControlCharactersOrOuterSpaceIsRefusedNotCleanedUp(String user, String roles) {
        Map<String, String> identity = identity(user, "acme", roles);

        Rejection rejection = untrusted(send("GET", GATEWAY_PATH, null, signedAsIs(identity)), "signed " + identity);

        assertThat(rejection.detail()).isEqualTo("malformed_identity_header");
    }

    static Stream<Arguments> unfaithfulIdentities() {
        return Stream.of(Arguments.of("ad\ta", "ad\tmin"), Arguments.of("ada", "ad\u0001min"),
                Arguments.of("ad\u0000a", "user"), Arguments.of("ada\u007f", "user"), Arguments.of("ada", "user,\tadmin"));
    }

    @Test
    void spacesAroundTheCommasOfTheRolesHeaderAreListSyntax() {
        Map<String, String> identity = identity("ada", "acme", "admin , user");

        Decision.Allow allow = allowed(send("GET", GATEWAY_PATH, null, signedAsIs(identity)), "roles with spaces");

        assertThat(allow.identity().orElseThrow().roles()).containsExactly("admin", "user");
        assertThat(allow.headers().valueOf("X-User-Roles")).contains("admin,user");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ad\ta", " ada", "ada ", "ad\u0000a", "ada\u007f", "ada\r\nX-User-Roles: admin"})
    void theSignerRefusesAValueGatecheckWouldRefuse(String user) {
        assertThatThrownBy(() -> signer2026().sign("GET", GATEWAY_PATH, Optional.empty(), identity(user, "acme", "user")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-User-ID")
                .hasMessageNotContaining(user);
    }

    /** {@code identity} signed over the profile's components, without the signer's own refusal of bad values. */
    private static Map<String, String> signedAsIs(Map<String, String> identity) {
        StringBuilder components = new StringBuilder("\"@method\" \"@path\" \"@query\"");
        identity.keySet().forEach(name -> components.append(" \"").append(name.toLowerCase()).append('"'));
        Map<String, String> headers = new LinkedHashMap<>(identity);
        headers.putAll(manuallySigned("GET", GATEWAY_PATH, null, identity,
                "(" + components + ");created=" + T + ";keyid=\"gw-2026\"", KEY_2026));
        return headers;
    }

    /** The two headers for {@code params} (an inner list with parameters), MAC'd over the RFC 9421 base. */
    private static Map<String, String> manuallySigned(String method, String path, String query,
                                                      Map<String, String> identity, String params, byte[] key) {
        AuthRequest request = request(method, path, query, identity).build();
        String base;
        try {
            base = SignatureBase.of(request, StructuredFields.innerListDictionary("gw=" + params).get("gw").items(),
                    params);
        } catch (SignatureBase.MissingComponent e) {
            // components the request cannot provide: sign the lines that exist, the verifier refuses before the MAC
            base = "unsignable";
        } catch (StructuredFields.ParseException e) {
            throw new IllegalArgumentException("test row is not a valid inner list: " + params, e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Signature-Input", "gw=" + params);
        headers.put("Signature", "gw=:" + Base64.getEncoder().encodeToString(HmacSigning.mac(key).doFinal(base.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + ":");
        return headers;
    }
}
