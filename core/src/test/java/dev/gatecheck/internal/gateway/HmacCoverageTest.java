package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_PATH;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.denied;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.internal.httpsig.HmacSigning;
import dev.gatecheck.internal.httpsig.SignatureBase;
import dev.gatecheck.internal.httpsig.StructuredFields;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gatecheck.gateway.hmac.components=@authority,content-digest}: the {@code hmac} signature binds the
 * {@code Host} and (RFC 9530) the body, checked against the bytes received; without them a captured signature is
 * good for another body or host within the tolerance.
 */
class HmacCoverageTest {
    private static final byte[] KEY = randomBytes(32);
    private static final Map<String, String> ADA = identity("ada", "acme", "admin");
    private static final String HOST = "app.example";
    private static final byte[] TRANSFER = "{\"to\":\"bob\",\"amount\":10}".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_BODY = 64;

    private final GatewaySigner signer = new GatewaySigner("gw-1", KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Gatecheck covering = engine("@authority", "content-digest");

    private static Gatecheck engine(String... components) {
        return Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                .gateway(g -> {
                    g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw-1", KEY).hmacMaxBody(MAX_BODY);
                    if (components.length > 0) {
                        g.hmacComponents(components);
                    }
                })
                .build());
    }

    /** The signed transfer for ada, as a gateway sends it to {@code HOST}. */
    private Map<String, String> signedTransfer() {
        Map<String, String> headers = new LinkedHashMap<>(ADA);
        headers.putAll(signer.sign("POST", HOST, GATEWAY_PATH, Optional.empty(), ADA, TRANSFER));
        return headers;
    }

    private static AuthRequest post(String host, Map<String, String> headers, byte[] body) {
        return request("POST", GATEWAY_PATH, null, headers).header("Host", host).body(body).build();
    }

    @Test
    void aRequestSignedOverItsHostAndBodyIsBelieved() {
        Decision.Allow allow = allowed(covering.authenticate(post(HOST, signedTransfer(), TRANSFER)), "signed transfer");

        assertThat(allow.identity().orElseThrow().subject()).isEqualTo("ada");
        assertThat(allow.headers().hides("Content-Digest")).as("a signed header, not an identity one").isFalse();
    }

    @Test
    void theSignerCoversAuthorityAndDigestAndSendsTheDigest() {
        Map<String, String> headers = signer.sign("POST", HOST, GATEWAY_PATH, Optional.empty(), ADA, TRANSFER);

        assertThat(headers.get("Content-Digest")).isEqualTo("sha-256=:" + sha("SHA-256", TRANSFER) + ":");
        assertThat(headers.get("Signature-Input")).startsWith("gw=(\"@method\" \"@authority\" \"@path\" \"@query\""
                + " \"content-digest\" \"x-user-id\"");
    }

    @Test
    void aSwappedBodyIsRefused() {
        byte[] other = "{\"to\":\"eve\",\"amount\":9999}".getBytes(StandardCharsets.UTF_8);

        assertThat(untrusted(covering.authenticate(post(HOST, signedTransfer(), other)), "the same signature, another body")
                .detail()).isEqualTo("hmac:content_digest_mismatch");
    }

    @Test
    void anotherHostIsRefused() {
        assertThat(untrusted(covering.authenticate(post("evil.example", signedTransfer(), TRANSFER)),
                "the same signature, another Host").detail()).isEqualTo("hmac:bad_signature");
    }

    @Test
    void withoutCoverageACapturedSignatureIsGoodForAnotherBodyAndHost() {
        // What the README warns of: the default profile binds neither.
        Gatecheck plain = engine();
        Map<String, String> headers = new LinkedHashMap<>(ADA);
        headers.putAll(signer.sign("POST", GATEWAY_PATH, Optional.empty(), ADA));

        allowed(plain.authenticate(post(HOST, headers, TRANSFER)), "the signed request");
        allowed(plain.authenticate(post("evil.example", headers, "other".getBytes(StandardCharsets.UTF_8))),
                "the same signature, another body and Host");
    }

    @Test
    void aSignatureThatDoesNotCoverTheConfiguredComponentsIsRefused() {
        Map<String, String> headers = new LinkedHashMap<>(ADA);
        headers.putAll(signer.sign("POST", GATEWAY_PATH, Optional.empty(), ADA));

        assertThat(untrusted(covering.authenticate(post(HOST, headers, TRANSFER)), "no @authority, no content-digest")
                .detail()).isEqualTo("hmac:components_not_covered");
    }

    @ParameterizedTest(name = "Content-Digest: {0}")
    @ValueSource(strings = {"sha-512=:%512%:", "sha-256=:%256%:, sha-512=:%512%:", "md5=:AAAA:, sha-256=:%256%:"})
    void aDigestOfAnyKnownAlgorithmIsChecked(String digest) {
        assertThat(withDigest(digest.replace("%256%", sha("SHA-256", TRANSFER)).replace("%512%",
                sha("SHA-512", TRANSFER)))).isInstanceOf(Decision.Allow.class);
    }

    @ParameterizedTest(name = "Content-Digest: {0}")
    @ValueSource(strings = {"md5=:AAAA:", "sha-256=:%256%:, sha-512=:AAAA:", "sha-256=%256%", "sha-256=:%256%:;x=1"})
    void aDigestWithoutAMatchingKnownAlgorithmIsRefused(String digest) {
        untrusted(withDigest(digest.replace("%256%", sha("SHA-256", TRANSFER))), "Content-Digest " + digest);
    }

    /** A request signed by hand over {@code contentDigest} (the signer only writes sha-256). */
    private Decision withDigest(String contentDigest) {
        Map<String, String> headers = new LinkedHashMap<>(ADA);
        headers.put("content-digest", contentDigest);
        AuthRequest unsigned = request("POST", GATEWAY_PATH, null, headers).header("Host", HOST).build();
        String params = "(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"x-user-id\""
                + " \"x-user-org\" \"x-user-roles\");created=" + NOW.getEpochSecond() + ";keyid=\"gw-1\"";
        String base;
        try {
            base = SignatureBase.of(unsigned, StructuredFields.innerListDictionary("gw=" + params).get("gw").items(),
                    params);
        } catch (SignatureBase.MissingComponent | StructuredFields.ParseException e) {
            throw new AssertionError(e);
        }
        headers.put("Signature-Input", "gw=" + params);
        headers.put("Signature", "gw=:" + Base64.getEncoder().encodeToString(HmacSigning.mac(KEY).doFinal(base.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + ":");
        return covering.authenticate(post(HOST, headers, TRANSFER));
    }

    @Test
    void aBodyTheAdapterDidNotReadCannotBeChecked() {
        AuthRequest withoutBody = request("POST", GATEWAY_PATH, null, signedTransfer()).header("Host", HOST).build();

        assertThat(untrusted(covering.authenticate(withoutBody), "no body buffered").detail())
                .isEqualTo("hmac:body_unavailable");
    }

    @Test
    void gatewayRoutesReadTheBodyUpToMaxBodyOnlyWhenTheDigestIsCovered() {
        AuthRequest gateway = request("POST", GATEWAY_PATH, null, Map.of()).build();
        AuthRequest mixed = request("POST", MIXED_PATH, null, Map.of()).build();
        AuthRequest token = request("POST", TOKEN_PATH, null, Map.of()).build();

        assertThat(covering.exchange(gateway).bodyLimit()).isEqualTo(OptionalLong.of(MAX_BODY));
        assertThat(covering.exchange(mixed).bodyLimit()).as("gateway-or-token").isEqualTo(OptionalLong.of(MAX_BODY));
        assertThat(covering.exchange(token).bodyLimit()).as("a token route never reads it").isEmpty();
        assertThat(engine("@authority").exchange(gateway).bodyLimit()).as("digest not covered").isEmpty();
    }

    @Test
    void aBodyOverMaxBodyIsPayloadTooLargeOnGatewayRoutes() {
        byte[] large = new byte[MAX_BODY + 1];
        Map<String, String> headers = new LinkedHashMap<>(ADA);
        headers.putAll(signer.sign("POST", HOST, GATEWAY_PATH, Optional.empty(), ADA, large));

        denied(covering.authenticate(post(HOST, headers, large)), 413, "payload_too_large", "a signed body one byte over");
        denied(covering.authenticate(request("POST", MIXED_PATH, null, Map.of("Content-Length", "1000")).build()),
                413, "payload_too_large", "a declared length over the limit on a gateway-or-token route");
    }

    @Test
    void aDeclaredLengthOverMaxBodyIsNotAskedForWhenTheClientWaitsForContinue() {
        AuthRequest waiting = request("POST", GATEWAY_PATH, null, Map.of("Content-Length", "1000",
                "Expect", "100-continue")).build();

        assertThat(covering.exchange(waiting).bodyLimit()).isEmpty();
        denied(covering.authenticate(waiting), 413, "payload_too_large", "refused from Content-Length alone");
    }

    private static String sha(String algorithm, byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
