package dev.gatecheck;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.PUBLIC_PATH;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_PATH;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.containerRequest;
import static dev.gatecheck.testing.GatewayFixtures.denied;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spoofed identity headers (reference notes C1-C3, C8; DESIGN "Gateway markers"): a table of requests sent straight to
 * the service, each run against {@code on-untrusted=strip} and {@code on-untrusted=reject}. Requests arrive as a
 * servlet container presents them (header names as sent, case-insensitive lookup). Whatever the outcome, a spoofed
 * identity is never the caller and client identity and marker headers never reach the application.
 */
class SpoofDefenceTest {
    private static final byte[] KEY = randomBytes(32);
    private static final GatewaySigner SIGNER = new GatewaySigner("gw", KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String BOB_TOKEN = bearerToken("bob");

    enum Outcome {
        /** 401 missing_authorization_header: identity headers stripped, nothing else to authenticate with. */
        MISSING,
        /** 401 untrusted_identity_headers. */
        UNTRUSTED,
        /** Allowed as the bearer token's subject, bob. */
        TOKEN_BOB,
        /** Allowed as the gateway's alice (the control rows). */
        GATEWAY_ALICE,
        /** Allowed without identity (public route). */
        ANONYMOUS
    }

    /**
     * One spoof case.
     *
     * @param counted whether the case counts in {@code spoofAttempts()} (null: not specified, token/public routes)
     */
    record Row(String name, String path, List<Map.Entry<String, String>> lines, Outcome strip, Outcome reject,
               Boolean counted) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Gatecheck engine(String onUntrusted) {
        GatewayConfig.OnUntrusted mode = GatewayConfig.OnUntrusted.valueOf(onUntrusted.toUpperCase(java.util.Locale.ROOT));
        return Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw", KEY).onUntrusted(mode)).build());
    }

    private static List<Map.Entry<String, String>> lines(String... pairs) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            lines.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return lines;
    }

    /** {@code Signature-Input} and {@code Signature} for GET {@code path} carrying {@code identity} (name, value...). */
    private static List<Map.Entry<String, String>> signature(String path, String... identity) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < identity.length; i += 2) {
            headers.put(identity[i], identity[i + 1]);
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        SIGNER.sign("GET", path, Optional.empty(), headers).forEach((k, v) -> out.add(Map.entry(k, v)));
        return out;
    }

    /** The identity lines followed by a valid signature over exactly them. */
    private static List<Map.Entry<String, String>> signed(String path, String... identity) {
        List<Map.Entry<String, String>> out = lines(identity);
        out.addAll(signature(path, identity));
        return out;
    }

    @SafeVarargs
    private static List<Map.Entry<String, String>> concat(List<Map.Entry<String, String>>... parts) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (List<Map.Entry<String, String>> part : parts) {
            out.addAll(part);
        }
        return out;
    }

    private static final String BEARER = "Authorization";

    static List<Row> rows() {
        String bearer = "Bearer " + BOB_TOKEN;
        return List.of(
                new Row("X-User-ID: admin, no marker", GATEWAY_PATH,
                        lines("X-User-ID", "admin"), Outcome.MISSING, Outcome.UNTRUSTED, true),
                new Row("X-User-ID and X-User-Roles: admin, no marker, no token (gateway-or-token)", MIXED_PATH,
                        lines("X-User-ID", "admin", "X-User-Roles", "admin"), Outcome.MISSING, Outcome.UNTRUSTED, true),
                new Row("X-User-ID: admin, no marker, valid bearer token (gateway-or-token)", MIXED_PATH,
                        lines("X-User-ID", "admin", BEARER, bearer), Outcome.TOKEN_BOB, Outcome.UNTRUSTED, true),
                new Row("two X-User-ID lines (alice, admin), no marker", GATEWAY_PATH,
                        lines("X-User-ID", "alice", "X-User-ID", "admin"), Outcome.MISSING, Outcome.UNTRUSTED, true),
                new Row("two X-User-ID lines, valid signature over their merged value 'alice, admin'", GATEWAY_PATH,
                        concat(lines("X-User-ID", "alice", "X-User-ID", "admin"),
                                signature(GATEWAY_PATH, "X-User-ID", "alice, admin")),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("x-user-id and X-User-ID, valid signature over the merged value", GATEWAY_PATH,
                        concat(lines("x-user-id", "alice", "X-User-ID", "admin"),
                                signature(GATEWAY_PATH, "X-User-ID", "alice, admin")),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("x-user-id: admin and X-User-ID: alice, no marker, bearer token", MIXED_PATH,
                        lines("x-user-id", "admin", "X-User-ID", "alice", BEARER, bearer),
                        Outcome.TOKEN_BOB, Outcome.UNTRUSTED, true),
                new Row("X_User_Id: admin, no marker", GATEWAY_PATH,
                        lines("X_User_Id", "admin"), Outcome.MISSING, Outcome.UNTRUSTED, true),
                new Row("X_User_Id: admin after a validly signed X-User-ID: alice", GATEWAY_PATH,
                        concat(signed(GATEWAY_PATH, "X-User-ID", "alice"), lines("X_User_Id", "admin")),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X_User_Id: admin before a validly signed X-User-ID: alice", GATEWAY_PATH,
                        concat(lines("X_User_Id", "admin"), signed(GATEWAY_PATH, "X-User-ID", "alice")),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X_User_Id: admin with a valid signature covering no identity header", GATEWAY_PATH,
                        concat(lines("X_User_Id", "admin"), signature(GATEWAY_PATH)),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("x_user_roles: admin beside a validly signed request", GATEWAY_PATH,
                        concat(signed(GATEWAY_PATH, "X-User-ID", "alice", "X-User-Roles", "user"),
                                lines("x_user_roles", "admin")), Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X-User-ID: alice,admin (comma), validly signed", GATEWAY_PATH,
                        signed(GATEWAY_PATH, "X-User-ID", "alice,admin"), Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X-User-Org: acme,evil (comma), validly signed", GATEWAY_PATH,
                        signed(GATEWAY_PATH, "X-User-ID", "alice", "X-User-Org", "acme,evil"),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X-User-Roles: admin added to a validly signed request", GATEWAY_PATH,
                        concat(signed(GATEWAY_PATH, "X-User-ID", "alice"), lines("X-User-Roles", "admin")),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X-User-ID with CR LF and a second header, signature over 'alice'", GATEWAY_PATH,
                        concat(lines("X-User-ID", "alice\r\nX-User-Roles: admin"),
                                signature(GATEWAY_PATH, "X-User-ID", "alice")),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("empty X-User-ID, validly signed", GATEWAY_PATH,
                        signed(GATEWAY_PATH, "X-User-ID", ""), Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X-User-Roles: admin without X-User-ID, validly signed", GATEWAY_PATH,
                        signed(GATEWAY_PATH, "X-User-Roles", "admin"), Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("forged Signature for X-User-ID: admin beside a valid bearer token", MIXED_PATH,
                        lines("X-User-ID", "admin", "Signature-Input", signature(MIXED_PATH, "X-User-ID", "admin")
                                .get(0).getValue(), "Signature", "gw=:" + Base64.getEncoder()
                                .encodeToString(new byte[32]) + ":", BEARER, bearer),
                        Outcome.UNTRUSTED, Outcome.UNTRUSTED, true),
                new Row("X-Forwarded-User: admin (not a configured identity header)", GATEWAY_PATH,
                        lines("X-Forwarded-User", "admin"), Outcome.MISSING, Outcome.MISSING, false),
                new Row("control: validly signed, names in lower case (HTTP/2)", GATEWAY_PATH,
                        signed(GATEWAY_PATH, "x-user-id", "alice", "x-user-roles", "user"),
                        Outcome.GATEWAY_ALICE, Outcome.GATEWAY_ALICE, false),
                new Row("control: validly signed, names in upper case", GATEWAY_PATH,
                        signed(GATEWAY_PATH, "X-USER-ID", "alice"), Outcome.GATEWAY_ALICE, Outcome.GATEWAY_ALICE, false),
                new Row("token route: X-User-ID: admin beside a valid bearer token", TOKEN_PATH,
                        lines("X-User-ID", "admin", "X_User_Roles", "admin", BEARER, bearer),
                        Outcome.TOKEN_BOB, Outcome.TOKEN_BOB, null),
                new Row("token route: validly signed X-User-ID: admin, no token", TOKEN_PATH,
                        signed(TOKEN_PATH, "X-User-ID", "admin"), Outcome.MISSING, Outcome.MISSING, null),
                new Row("public route: X-User-ID and X_User_Id: admin, no token", PUBLIC_PATH,
                        lines("X-User-ID", "admin", "X_User_Id", "admin"), Outcome.ANONYMOUS, Outcome.ANONYMOUS, null),
                new Row("public route: validly signed X-User-ID: admin", PUBLIC_PATH,
                        signed(PUBLIC_PATH, "X-User-ID", "admin"), Outcome.ANONYMOUS, Outcome.ANONYMOUS, null),
                new Row("public route: X-User-ID: admin beside a valid bearer token", PUBLIC_PATH,
                        lines("X-User-ID", "admin", BEARER, bearer), Outcome.TOKEN_BOB, Outcome.TOKEN_BOB, null));
    }

    static Stream<Arguments> cases() {
        return rows().stream().flatMap(row -> Stream.of(Arguments.of(row, "strip"), Arguments.of(row, "reject")));
    }

    @ParameterizedTest(name = "[{1}] {0}")
    @MethodSource("cases")
    void aSpoofedIdentityIsNeverTheCaller(Row row, String onUntrusted) {
        Gatecheck engine = engine(onUntrusted);
        AuthRequest request = containerRequest("GET", row.path(), null, "203.0.113.9", row.lines());
        Decision decision = engine.authenticate(request);
        Outcome expected = onUntrusted.equals("strip") ? row.strip() : row.reject();
        String what = row.name() + " [" + onUntrusted + "]";
        switch (expected) {
            case MISSING -> denied(decision, 401, "missing_authorization_header", what);
            case UNTRUSTED -> denied(decision, 401, "untrusted_identity_headers", what);
            case TOKEN_BOB -> {
                Decision.Allow allow = allowed(decision, what);
                assertThat(allow.identity()).as(what).map(Identity::subject).contains("bob");
                assertThat(allow.identity().orElseThrow().method()).as(what).isEqualTo(AuthMethod.TOKEN);
                assertThat(allow.headers().valueOf("X-User-ID")).as("%s: X-User-ID seen by the app", what)
                        .contains("bob");
            }
            case GATEWAY_ALICE -> {
                Decision.Allow allow = allowed(decision, what);
                assertThat(allow.identity()).as(what).map(Identity::subject).contains("alice");
                assertThat(allow.identity().orElseThrow().method()).as(what).isEqualTo(AuthMethod.GATEWAY);
            }
            case ANONYMOUS -> {
                Decision.Allow allow = allowed(decision, what);
                assertThat(allow.identity()).as("%s: no caller", what).isEmpty();
                assertThat(allow.headers().valueOf("X-User-ID")).as("%s: no X-User-ID for the app", what).isEmpty();
            }
        }
        if (decision instanceof Decision.Allow allow) {
            assertThat(allow.identity().map(Identity::subject)).as("%s: the caller", what).isNotEqualTo(Optional.of("admin"));
            for (Map.Entry<String, String> line : row.lines()) {
                String canonical = line.getKey().toLowerCase(Locale.ROOT).replace('_', '-');
                if (canonical.startsWith("x-user-") || canonical.startsWith("signature")) {
                    assertThat(allow.headers().hides(line.getKey()))
                            .as("%s: the client's %s is hidden from the application", what, line.getKey()).isTrue();
                }
            }
        }
        if (row.counted() != null) {
            assertThat(engine.spoofAttempts()).as("%s: spoofAttempts()", what).isEqualTo(row.counted() ? 1 : 0);
        }
    }

    @Test
    void aCorsPreflightNeverBelievesIdentityHeaders() {
        for (String onUntrusted : List.of("strip", "reject")) {
            Decision.Allow allow = allowed(engine(onUntrusted).authenticate(containerRequest("OPTIONS", GATEWAY_PATH,
                    null, null, concat(lines("Origin", "https://app.example", "Access-Control-Request-Method", "GET"),
                            signed(GATEWAY_PATH, "X-User-ID", "admin")))),
                    "skipped preflight carrying identity headers [" + onUntrusted + "]");
            assertThat(allow.identity()).as("no caller on a skipped preflight").isEmpty();
            assertThat(List.of("X-User-ID", "Signature", "Signature-Input")).allMatch(allow.headers()::hides);
        }
    }

    @Test
    void forwardedHeadersAreNeverTakenFromTheClientWhenTheGatewayUsesOtherNames() {
        Gatecheck kongStyle = Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw", KEY)
                        .identityHeaders(new dev.gatecheck.config.HeaderMapping("X-Consumer-Username", "sub"),
                                new dev.gatecheck.config.HeaderMapping("X-Consumer-Groups", "roles")))
                .build());
        Decision.Allow allow = allowed(kongStyle.authenticate(containerRequest("GET", GATEWAY_PATH, null, null,
                concat(signed(GATEWAY_PATH, "X-Consumer-Username", "alice", "X-Consumer-Groups", "user"),
                        lines("X-User-ID", "admin", "X-User-Roles", "admin")))),
                "signed X-Consumer-* with client-sent X-User-ID/X-User-Roles beside them");
        assertThat(allow.identity()).map(Identity::subject).contains("alice");
        assertThat(allow.identity().orElseThrow().roles()).containsExactly("user");
        assertThat(allow.headers().valueOf("X-User-ID")).as("X-User-ID the application sees").contains("alice");
        assertThat(allow.headers().valueOf("X-User-Roles")).as("X-User-Roles the application sees").contains("user");
        assertThat(List.of("X-Consumer-Username", "x_consumer_groups", "X-User-ID", "X-User-Roles"))
                .allMatch(allow.headers()::hides);
    }

    @Test
    void spoofAttemptsCountEveryStrippedRejectedOrFailedAttempt() {
        Gatecheck strip = engine("strip");
        strip.authenticate(containerRequest("GET", GATEWAY_PATH, null, null, lines("X-User-ID", "admin")));
        strip.authenticate(containerRequest("GET", MIXED_PATH, null, null,
                lines("X-User-ID", "admin", "Authorization", "Bearer " + BOB_TOKEN)));
        strip.authenticate(containerRequest("GET", GATEWAY_PATH, null, null,
                concat(signed(GATEWAY_PATH, "X-User-ID", "alice"), lines("X-User-Roles", "admin"))));
        strip.authenticate(containerRequest("GET", GATEWAY_PATH, null, null, signed(GATEWAY_PATH, "X-User-ID", "alice")));
        strip.authenticate(containerRequest("GET", GATEWAY_PATH, null, null, lines()));
        assertThat(strip.spoofAttempts()).as("stripped, stripped with token fallback, failed marker; not the trusted"
                + " request nor the request without identity headers").isEqualTo(3);

        Gatecheck reject = engine("reject");
        reject.authenticate(containerRequest("GET", GATEWAY_PATH, null, null, lines("X_User_Id", "admin")));
        reject.authenticate(containerRequest("GET", MIXED_PATH, null, null, lines("X-User-ID", "admin")));
        assertThat(reject.spoofAttempts()).as("rejected attempts").isEqualTo(2);
        assertThat(strip.spoofAttempts()).as("engines count separately").isEqualTo(3);
    }

    @Test
    void aSpoofIsLoggedOnceAtWarnWithHeaderNamesButNeverValuesOrSecrets() {
        String sharedSecret = "shared-secret-value-0123456789abcdef0123";
        String guessedSecret = "guessed-secret-value-0123456789abcdef012";
        List<Map.Entry<String, String>> forged = signed(GATEWAY_PATH, "X-User-ID", "alice");
        List<List<Map.Entry<String, String>>> spoofs = List.of(
                lines("X-User-ID", "admin-7f3a9c"),
                lines("X_User_Id", "root-b81e42", "X-User-Roles", "roles-c0ffee"),
                lines("x-user-id", "alice-dup-1", "X-User-ID", "admin-dup-2"),
                concat(forged, lines("X-User-Org", "org-d3adbe")),
                concat(lines("X-User-ID", "admin-5e5e5e", "X-Gateway-Secret", guessedSecret)),
                lines("X-User-ID", "admin-a1a1a1", "Authorization", "Bearer " + BOB_TOKEN));
        try (LogCapture log = LogCapture.start()) {
            Gatecheck hmac = engine("strip");
            Gatecheck reject = engine("reject");
            Gatecheck secret = Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                    .gateway(g -> g.markers(GatewayConfig.Marker.SHARED_SECRET).sharedSecret("X-Gateway-Secret", sharedSecret)).build());
            for (Gatecheck engine : List.of(hmac, reject, secret)) {
                for (List<Map.Entry<String, String>> spoof : spoofs) {
                    for (String path : List.of(GATEWAY_PATH, MIXED_PATH)) {
                        int before = warnings(log).size();
                        engine.authenticate(containerRequest("GET", path, null, "198.51.100.23", spoof));
                        List<String> added = warnings(log).subList(before, warnings(log).size());
                        assertThat(added).as("WARN lines for %s on %s", spoof, path).hasSize(1);
                        spoof.stream().map(Map.Entry::getKey)
                                .filter(n -> n.toLowerCase(Locale.ROOT).replace('_', '-').startsWith("x-user-"))
                                .forEach(name -> assertThat(added.get(0)).as("the WARN line names %s", name)
                                        .contains(name));
                    }
                }
            }
            List<String> all = log.lines();
            List<String> forbidden = new ArrayList<>(List.of("admin-7f3a9c", "root-b81e42", "roles-c0ffee",
                    "alice-dup-1", "admin-dup-2", "org-d3adbe", "admin-5e5e5e", "admin-a1a1a1", sharedSecret,
                    guessedSecret, BOB_TOKEN, Base64.getEncoder().encodeToString(KEY)));
            forbidden.addAll(List.of(BOB_TOKEN.split("\\.")));
            forged.forEach(line -> forbidden.add(line.getValue()));
            for (String value : forbidden) {
                assertThat(all).as("no log line at any level holds '%s'", value).noneMatch(l -> l.contains(value));
            }
        }
    }

    private static List<String> warnings(LogCapture log) {
        return log.lines(Level.WARNING).stream().filter(l -> l.startsWith("dev.gatecheck.Gatecheck ")).toList();
    }
}
