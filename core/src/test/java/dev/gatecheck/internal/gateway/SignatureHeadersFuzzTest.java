package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.FuzzInput.latin1;
import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.internal.httpsig.HmacSigning;
import dev.gatecheck.internal.httpsig.SignatureBase;
import dev.gatecheck.internal.httpsig.StructuredFields;
import dev.gatecheck.testing.FuzzInput;
import dev.gatecheck.testing.GatewayFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzzes the RFC 9421 {@code hmac} marker: the strict RFC 8941 parser of {@code Signature-Input} and
 * {@code Signature} alone, and the whole marker check of a gateway route over arbitrary values of both headers and
 * of the identity headers. Only {@link StructuredFields.ParseException} leaves the parser; a request is believed
 * only when it carries a MAC made with the gateway's key (generated per run) over a signature that covers the
 * method, path, query and every identity header present, created within the tolerance. Seeds:
 * {@code src/test/resources/dev/gatecheck/gateway/SignatureHeadersFuzzTestInputs}.
 */
class SignatureHeadersFuzzTest {
    /** In the second line of a marker input: the test computes the MAC with the gateway's key, as the gateway would. */
    static final String SIGN = "sign";
    private static final String KEY_ID = "gw-2026";
    private static final byte[] KEY = GatewayFixtures.randomBytes(32);
    private static final long TOLERANCE = 60;
    private static final Clock CLOCK = Clock.fixed(GatewayFixtures.NOW, ZoneOffset.UTC);
    private static final Gatecheck ENGINE = Gatecheck.create(GatewayFixtures.config(CLOCK)
            .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey(KEY_ID, KEY).hmacTolerance(Duration.ofSeconds(TOLERANCE)))
            .build());
    private static final List<String> IDENTITY_HEADERS = List.of("x-user-id", "x-user-org", "x-user-roles");
    private static final Set<ErrorCode> GATEWAY_REFUSALS = Set.of(ErrorCode.UNTRUSTED_IDENTITY_HEADERS,
            ErrorCode.MISSING_AUTHORIZATION_HEADER, ErrorCode.INVALID_REQUEST);
    private static final Pattern CREATED = Pattern.compile(";created=(-?[0-9]{1,15})");

    @FuzzTest
    void parsesStructuredFieldsOrRefusesWithAReason(byte[] data) {
        String value = latin1(data);
        try {
            StructuredFields.innerListDictionary(value).forEach((label, list) -> {
                assertThat(label).as("label in %s", preview(value)).matches("[a-z*][a-z0-9_.*-]*");
                list.items().forEach(item -> assertThat(item).as("component in %s", preview(value))
                        .matches("[\\x20-\\x7e]*"));
                if (list.params().values().stream().noneMatch(Boolean.class::isInstance)) {
                    assertRoundTrip(list, value);
                }
            });
        } catch (StructuredFields.ParseException refused) {
            assertThat(refused.getMessage()).as("reason for %s", preview(value)).matches("[a-z0-9_'\"():=,]+");
        }
        try {
            StructuredFields.byteSequenceDictionary(value).keySet().forEach(label -> assertThat(label)
                    .as("label in %s", preview(value)).matches("[a-z*][a-z0-9_.*-]*"));
        } catch (StructuredFields.ParseException refused) {
            assertThat(refused.getMessage()).as("reason for %s", preview(value)).matches("[a-z0-9_'\"():=,]+");
        }
    }

    /** What the gateway's signer writes for a parsed member reads back the same. */
    private static void assertRoundTrip(StructuredFields.InnerList list, String value) {
        String written = StructuredFields.serialize(list.items(), list.params());
        try {
            StructuredFields.InnerList again = StructuredFields.innerListDictionary("gw=" + written).get("gw");
            assertThat(again).as("%s re-read from %s", written, preview(value)).isEqualTo(list);
        } catch (StructuredFields.ParseException e) {
            throw new AssertionError("the serialisation " + written + " of " + preview(value) + " does not parse: "
                    + e.getMessage());
        }
    }

    /** The input is what {@link #exchange} sends. */
    @FuzzTest
    void believesIdentityHeadersOnlyUnderAValidCoveringSignature(byte[] data) {
        Exchange exchange = exchange(data);
        String input = exchange.signatureInput;
        String what = preview(latin1(data));
        if (exchange.decision instanceof Decision.Deny deny) {
            assertThat(deny.rejection().code()).as("error code for %s", what).isIn(GATEWAY_REFUSALS);
            return;
        }
        if (((Decision.Allow) exchange.decision).identity().isEmpty()) {
            return;
        }
        assertThat(exchange.signed).as("identity believed without the gateway's MAC: %s", what).isTrue();
        for (String covered : List.of("@method", "@path", "@query")) {
            assertThat(input).as("signature believed for %s", what).contains("\"" + covered + "\"");
        }
        exchange.headers.stream().map(h -> h.getKey().toLowerCase(Locale.ROOT)).filter(IDENTITY_HEADERS::contains)
                .forEach(name -> assertThat(input).as("identity header %s is covered in %s", name, what)
                        .contains("\"" + name + "\""));
        assertThat(input).as("keyid in %s", what).contains(";keyid=\"" + KEY_ID + "\"");
        Matcher created = CREATED.matcher(input);
        assertThat(created.find()).as("created in %s", what).isTrue();
        assertThat(Math.abs(GatewayFixtures.T - Long.parseLong(created.group(1)))).as("age of %s", what)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    /** The corpus reaches the accept path: its signed seeds are believed. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"signed-identity", "signed-user-only", "signed-without-alg", "signed-other-label",
            "signed-spaces", "signed-with-expires", "signed-with-nonce-tag", "signed-extra-components",
            "signed-created-edge", "signed-header-case"})
    void signedSeedsAreBelieved(String seed) {
        Decision decision = exchange(FuzzInput.seed(SignatureHeadersFuzzTest.class,
                "believesIdentityHeadersOnlyUnderAValidCoveringSignature", seed)).decision;
        assertThat(decision).as("seed %s", seed).isInstanceOfSatisfying(Decision.Allow.class,
                allow -> assertThat(allow.identity()).as("seed %s: identity", seed).isPresent());
    }

    /** A marker input sent to the gateway route, and the decision on it. */
    private record Exchange(String signatureInput, boolean signed, List<Map.Entry<String, String>> headers,
                            Decision decision) {
    }

    /**
     * Sends the input: {@code Signature-Input}, a line break, {@code Signature} (or {@value #SIGN}), then identity
     * header lines ({@code Name: value}) of a {@code GET /gw/orders?page=2} on a gateway route.
     */
    private static Exchange exchange(byte[] data) {
        List<String> lines = FuzzInput.lines(data, -1);
        String input = lines.get(0);
        String signature = lines.size() > 1 ? lines.get(1) : "";
        List<Map.Entry<String, String>> headers = new ArrayList<>(FuzzInput.headers(lines.subList(
                Math.min(2, lines.size()), lines.size())));
        AuthRequest unsigned = request(headers);
        boolean signed = signature.equals(SIGN);
        headers.add(Map.entry("Signature-Input", input));
        headers.add(Map.entry("Signature", signed ? sign(unsigned, input) : signature));
        return new Exchange(input, signed, headers, ENGINE.authenticate(request(headers)));
    }

    private static AuthRequest request(List<Map.Entry<String, String>> headers) {
        return GatewayFixtures.containerRequest("GET", GatewayFixtures.GATEWAY_PATH, "page=2", "10.0.0.5", headers);
    }

    /** The {@code Signature} a gateway with the key sends for {@code input}, or {@value #SIGN} when it cannot sign. */
    private static String sign(AuthRequest request, String input) {
        try {
            Map<String, StructuredFields.InnerList> parsed = StructuredFields.innerListDictionary(input);
            if (parsed.size() != 1) {
                return SIGN;
            }
            String label = parsed.keySet().iterator().next();
            String base = SignatureBase.of(request, parsed.get(label).items(),
                    input.substring(input.indexOf('=') + 1).trim());
            return label + "=:" + Base64.getEncoder().encodeToString(HmacSigning.mac(KEY).doFinal(base.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + ":";
        } catch (StructuredFields.ParseException | SignatureBase.MissingComponent cannotSign) {
            return SIGN;
        }
    }
}
