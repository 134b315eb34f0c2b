package dev.gatecheck.internal.jwt;

import static dev.gatecheck.testing.FuzzInput.latin1;
import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.testing.FuzzInput;
import dev.gatecheck.testing.JacksonJson;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.testing.Verifiers;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzzes token verification: the strict pre-check alone, and the whole {@link TokenVerifier#verify} with a real key
 * set (HS256 secret, ES256 and EdDSA keys generated per run) over arbitrary tokens and over tokens the test signs
 * with those keys from arbitrary header and claims JSON. Every refusal is a documented 4xx with a short reason;
 * only a token signed with the issuer's key is ever valid, and then its claims satisfy the rules as an
 * independent JSON parser reads them. Seeds: {@code src/test/resources/dev/gatecheck/jwt/TokenFuzzTestInputs}.
 */
class TokenFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final String ISS = "https://issuer.test";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long SKEW = 30;
    private static final long MAX_LIFETIME = Duration.ofHours(24).toSeconds();

    private static final byte[] SECRET = TestKeys.hmacSecret();
    private static final KeyPair EC = TestKeys.ec("secp256r1");
    private static final KeyPair ED = TestKeys.ed25519();
    private static final TokenVerifier VERIFIER = Verifiers.bearer(GatecheckConfig.builder().clock(CLOCK)
            .jwt(j -> j.issuer(ISS).audiences("api").algorithms("HS256", "ES256", "EdDSA").hmacSecret(SECRET)
                    .jwks(TestKeys.jwks(TestKeys.jwk(EC.getPublic(), "ec-256", "ES256"),
                            TestKeys.jwk(ED.getPublic(), "ed", "EdDSA"))))
            .build().issuers(), CLOCK, 1_000);
    /** The pre-check of bearer tokens, and of gateway assertions with padded segments (AWS ALB). */
    private static final List<TokenPrecheck> PRECHECKS = List.of(
            new TokenPrecheck(EnumSet.allOf(SignatureAlgorithm.class), false),
            new TokenPrecheck(EnumSet.allOf(SignatureAlgorithm.class), true));
    private static final Set<ErrorCode> TOKEN_REFUSALS = Set.of(ErrorCode.INVALID_TOKEN, ErrorCode.INVALID_REQUEST,
            ErrorCode.INVALID_AUDIENCE);

    @FuzzTest
    void precheckRefusesWithAReasonOrParsesTheSignedBytes(byte[] token) {
        for (TokenPrecheck precheck : PRECHECKS) {
            try {
                ParsedToken parsed = precheck.parse(latin1(token));
                int secondDot = latin1(token).indexOf('.', latin1(token).indexOf('.') + 1);
                assertThat(Arrays.copyOf(parsed.token(), parsed.signingInputLength()))
                        .as("signing input of %s", preview(latin1(token))).isEqualTo(Arrays.copyOf(token, secondDot));
                assertThat(parsed.header().get("alg")).as("alg of %s", preview(latin1(token)))
                        .isInstanceOf(String.class);
            } catch (TokenFailure refused) {
                assertThat(refused.reason()).as("reason for %s", preview(latin1(token))).matches("[a-z_]+");
            }
        }
    }

    /** Nobody but the issuer holds its keys, so no token the fuzzer makes up can be valid. */
    @FuzzTest
    void refusesEveryTokenNotSignedByTheIssuer(byte[] data) {
        String token = latin1(data);
        TokenResult result = verifyTwice(token);
        assertThat(result).as("verdict on %s", preview(token)).isInstanceOf(TokenResult.Invalid.class);
        Rejection rejection = ((TokenResult.Invalid) result).rejection();
        assertThat(rejection.code()).as("error code for %s", preview(token)).isIn(TOKEN_REFUSALS);
        assertThat(rejection.detail()).as("reason for %s", preview(token)).matches("[a-z_]+");
        if (token.length() >= 32) {
            assertThat(rejection.body() + rejection.wwwAuthenticate().orElse("")).as("answer to %s", preview(token))
                    .doesNotContain(token);
        }
    }

    /**
     * The input is header JSON, a line break, claims JSON; the test signs them with the issuer's key for the header's
     * algorithm (ES256, EdDSA, else HS256). A valid verdict means the claims hold, as Jackson reads them.
     */
    @FuzzTest
    void acceptsASignedTokenOnlyWhenItsClaimsHold(byte[] data) {
        byte[] header = header(data);
        byte[] claims = claims(data);
        TokenResult result = verifyTwice(sign(header, claims));
        if (result instanceof TokenResult.Invalid invalid) {
            assertThat(invalid.rejection().code()).as("error code for %s", preview(latin1(data))).isIn(TOKEN_REFUSALS);
            return;
        }
        String what = preview(latin1(data));
        Map<?, ?> h = object(header, "header", what);
        assertThat(h.get("alg")).as("alg of valid %s", what).isIn("HS256", "ES256", "EdDSA");
        assertThat(List.<Object>copyOf(h.keySet())).as("header parameters of valid %s", what)
                .doesNotContainAnyElementsOf(List.<Object>of("jwk", "jku", "x5u", "x5c", "b64", "crit", "enc"));
        Map<?, ?> c = object(claims, "claims", what);
        assertThat(c.get("iss")).as("iss of valid %s", what).isEqualTo(ISS);
        assertThat(c.get("aud")).as("aud of valid %s", what)
                .satisfiesAnyOf(aud -> assertThat(aud).isEqualTo("api"),
                        aud -> assertThat(aud).asList().contains("api"));
        assertThat(c.get("exp")).as("exp of valid %s", what).isInstanceOf(Number.class);
        double exp = Math.floor(((Number) c.get("exp")).doubleValue());
        double issued = c.get("iat") instanceof Number iat ? Math.floor(iat.doubleValue()) : T;
        assertThat(exp).as("exp of valid %s is not past the skew", what).isGreaterThan(T - SKEW);
        assertThat(exp - issued).as("lifetime of valid %s", what).isLessThanOrEqualTo(MAX_LIFETIME);
        if (c.get("nbf") != null) {
            assertThat(((Number) c.get("nbf")).doubleValue()).as("nbf of valid %s", what)
                    .isLessThanOrEqualTo(T + SKEW);
        }
    }

    /** The corpus reaches the accept path: its valid seeds verify (a new time or key setup could silently stop it). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"valid-hs256", "valid-es256", "valid-eddsa", "valid-identity-claims", "valid-aud-array",
            "valid-expired-within-skew", "valid-lifetime-24h", "valid-exponent-dates", "valid-whitespace"})
    void validSeedsVerify(String seed) {
        byte[] data = FuzzInput.seed(TokenFuzzTest.class, "acceptsASignedTokenOnlyWhenItsClaimsHold", seed);
        TokenResult result = VERIFIER.verify(sign(header(data), claims(data)));
        assertThat(result).as("seed %s", seed).isInstanceOf(TokenResult.Valid.class);
    }

    /** Verifies {@code token} twice, the second time from the verified-token cache: both verdicts must agree. */
    private static TokenResult verifyTwice(String token) {
        TokenResult first = VERIFIER.verify(token);
        assertThat(VERIFIER.verify(token)).as("second verdict on %s", preview(token)).isEqualTo(first);
        return first;
    }

    private static String sign(byte[] header, byte[] claims) {
        String headerText = new String(header, StandardCharsets.UTF_8);
        String alg = headerText.contains("ES256") ? "ES256" : headerText.contains("EdDSA") ? "EdDSA" : "HS256";
        Key key = switch (alg) {
            case "ES256" -> EC.getPrivate();
            case "EdDSA" -> ED.getPrivate();
            default -> Tokens.hmacKey(SECRET);
        };
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String input = base64url.encodeToString(header) + "." + base64url.encodeToString(claims);
        byte[] signature = Tokens.signature(alg, key, input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64url.encodeToString(signature);
    }

    private static Map<?, ?> object(byte[] json, String part, String what) {
        Object value = JacksonJson.read(new String(json, StandardCharsets.UTF_8)).value().orElse(null);
        assertThat(value).as("%s of valid %s, as Jackson reads it", part, what).isInstanceOf(Map.class);
        return (Map<?, ?>) value;
    }

    /** The header JSON of a signed-token input: up to the first line break. */
    private static byte[] header(byte[] data) {
        int newline = newline(data);
        return newline < 0 ? data : Arrays.copyOf(data, newline);
    }

    /** The claims JSON of a signed-token input: after the first line break. */
    private static byte[] claims(byte[] data) {
        int newline = newline(data);
        return newline < 0 ? new byte[0] : Arrays.copyOfRange(data, newline + 1, data.length);
    }

    private static int newline(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
