package dev.gatecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import javax.crypto.KeyAgreement;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.AesKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-token table (reference notes "jwks-and-token-attacks" §2.3, DESIGN "Token validation, strictly" and
 * "Decisions and errors"). Each row is one named request that Gatecheck must deny with an exact HTTP status, error
 * code and reason; no row may cause an outbound request, an exception, or a token in a log line or an answer.
 *
 * <p>Every row that is a plain JWT verification case is also handed to a strictly configured jose4j
 * {@link JwtConsumer}: both must refuse it, except for the rows listed in {@link #DELIBERATELY_STRICTER_THAN_JOSE4J},
 * where Gatecheck refuses on purpose what jose4j 0.9.6 accepts (and the test checks jose4j really accepts them, so the
 * list cannot go stale). jose4j exception messages contain the token, so they are never printed here.
 */
class HostileTokenTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISS = "https://issuer.test";
    private static final String AUD = "api";
    private static final String PATH = "/api/users";

    // ---- keys, generated once per class ----------------------------------------------------------------------------

    private static final KeyPair RSA_RS256 = TestKeys.rsa();
    private static final KeyPair RSA_RS384 = TestKeys.rsa();
    private static final KeyPair RSA_RS512 = TestKeys.rsa();
    private static final KeyPair RSA_PS256 = TestKeys.rsa();
    private static final KeyPair EC_P256 = TestKeys.ec("secp256r1");
    private static final KeyPair EC_P256_SECOND = TestKeys.ec("secp256r1");
    private static final KeyPair EC_P384 = TestKeys.ec("secp384r1");
    private static final KeyPair EC_P521 = TestKeys.ec("secp521r1");
    private static final KeyPair ED25519 = TestKeys.ed25519();
    private static final KeyPair ATTACKER_RSA = TestKeys.rsa();
    private static final byte[] SECRET = TestKeys.hmacSecret();

    /** The issuer's key set: every key bound to one algorithm by its JWK {@code alg}. */
    private static final String JWKS = TestKeys.jwks(
            TestKeys.jwk(RSA_RS256.getPublic(), "rsa-256", "RS256"),
            TestKeys.jwk(RSA_RS384.getPublic(), "rsa-384", "RS384"),
            TestKeys.jwk(RSA_RS512.getPublic(), "rsa-512", "RS512"),
            TestKeys.jwk(RSA_PS256.getPublic(), "rsa-ps256", "PS256"),
            TestKeys.jwk(EC_P256.getPublic(), "ec-256", "ES256"),
            TestKeys.jwk(EC_P256_SECOND.getPublic(), "ec-256-b", "ES256"),
            TestKeys.jwk(EC_P384.getPublic(), "ec-384", "ES384"),
            TestKeys.jwk(EC_P521.getPublic(), "ec-521", "ES512"),
            TestKeys.jwk(ED25519.getPublic(), "ed", "EdDSA"));
    private static final String[] ALGORITHMS = {"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "ES512", "EdDSA",
            "HS256"};

    // ---- a loopback server standing in for attacker-controlled jku / x5u URLs --------------------------------------

    private static final AtomicInteger KEY_URL_REQUESTS = new AtomicInteger();
    private static final HttpServer KEY_URL_SERVER = startKeyUrlServer();

    /** The engines under test, one per configuration a row can name. */
    private static final Map<Gate, Gatecheck> ENGINES = engines();

    /**
     * The configurations rows run against. {@code STANDARD} is the reference: a JWKS with RSA, RSA-PSS, EC and
     * Ed25519 keys plus an HMAC secret.
     */
    enum Gate {
        /** JWKS (RS256/384/512, PS256, ES256 x2, ES384, ES512, EdDSA) and an HS256 secret; header tokens only. */
        STANDARD,
        /** RS256 only, key given as PEM: the classic setting for RS/HS key confusion. */
        RS_ONLY,
        /** STANDARD plus {@code gatecheck.jwt.typ=at+jwt}. */
        AT_JWT,
        /** STANDARD loaded from DESIGN keys, with {@code gatecheck.token.sources=header,query:access_token}. */
        QUERY,
        /** STANDARD with {@code gatecheck.token.max-length=1048576}, so huge tokens reach the parser. */
        LARGE
    }

    private static Map<Gate, Gatecheck> engines() {
        Map<Gate, Gatecheck> engines = new EnumMap<>(Gate.class);
        for (Gate gate : Gate.values()) {
            engines.put(gate, Gatecheck.create(config(gate)));
        }
        return engines;
    }

    private static GatecheckConfig config(Gate gate) {
        return switch (gate) {
            case STANDARD -> standard().build();
            case RS_ONLY -> GatecheckConfig.builder()
                    .jwt(j -> j.issuer(ISS).audiences(AUD).algorithms("RS256")
                            .publicKeyPem(TestKeys.pem(RSA_RS256.getPublic())))
                    .clock(CLOCK).build();
            case AT_JWT -> standard().jwt(j -> j.typ("at+jwt")).build();
            case QUERY -> GatecheckConfig.fromMap(Map.of(
                    "gatecheck.jwt.issuer", ISS,
                    "gatecheck.jwt.audiences", AUD,
                    "gatecheck.jwt.algorithms", String.join(",", ALGORITHMS),
                    "gatecheck.jwt.jwks", JWKS,
                    "gatecheck.jwt.hmac-secret", Base64.getEncoder().encodeToString(SECRET),
                    "gatecheck.jwt.hmac-secret-base64", "true",
                    "gatecheck.token.sources", "header,query:access_token"), CLOCK);
            case LARGE -> standard().tokenMaxLength(1 << 20).build();
        };
    }

    private static GatecheckConfig.Builder standard() {
        return GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISS).audiences(AUD).algorithms(ALGORITHMS).jwks(JWKS).hmacSecret(SECRET))
                .clock(CLOCK);
    }

    // ---- the explicit list of deliberate divergences from jose4j ---------------------------------------------------

    private static final String NON_CANONICAL_BASE64URL = "non-canonical base64url (padding, '+', '/', spaces, "
            + "non-zero trailing bits) is refused; jose4j's lenient decoder ignores or maps those characters";
    private static final String FORBIDDEN_HEADER = "jwk/jku/x5u/x5c headers are refused outright (DESIGN); jose4j "
            + "ignores them when a key is configured";
    private static final String EMPTY_CRIT = "RFC 7515 §4.1.11 forbids an empty crit and Gatecheck understands no "
            + "extension; jose4j accepts crit: []";
    private static final String CRIT_B64 = "Gatecheck understands no JWS extension, so any crit is refused; jose4j "
            + "understands b64 and accepts crit: [b64] (b64 then defaults to true)";
    private static final String ENC_IN_JWS = "an enc member marks a JWE header and is refused in any token (JWS/JWE "
            + "confusion); jose4j ignores enc on a 3-segment JWS";
    private static final String B64 = "b64 is refused entirely (a JWT payload is always base64url JSON, RFC 7519 §7.2);"
            + " jose4j implements RFC 7797";
    private static final String SHORT_ECDSA = "ECDSA signatures must be exactly 64/96/132 bytes (RFC 7518 §3.4); "
            + "jose4j accepts r||s with leading zero bytes dropped";
    private static final String ED25519_LENGTH = "Ed25519 signatures must be exactly 64 bytes; JDK 17 ignores an extra "
            + "trailing byte (Wycheproof ed25519 tc37)";
    private static final String JWK_ALG_BINDING = "each key is bound to its JWK alg; jose4j uses alg only as a "
            + "tie-breaker and verifies other algorithms with the key";
    private static final String IAT_IN_FUTURE = "an iat beyond the clock skew is refused; jose4j checks iat only "
            + "with setIssuedAtRestrictions";
    private static final String LIFETIME_FROM_IAT = "max-lifetime bounds exp - iat (DESIGN); jose4j's "
            + "setMaxFutureValidityInMinutes bounds only exp - now";
    private static final String LENIENT_JSON = "header and claims must be RFC 8259 JSON in valid UTF-8; jose4j's "
            + "parser accepts trailing commas, leading zeros, control characters, lone surrogates, 1e999";
    private static final String DEPTH_CAP = "JSON depth is capped (header 4, claims 16); jose4j has no depth limit";
    private static final String LENGTH_CAP = "credentials over gatecheck.token.max-length are refused before any "
            + "decoding; jose4j has no size limit";
    private static final String NESTED = "nested tokens (cty: JWT) are refused outright (DESIGN); jose4j verifies "
            + "both layers and accepts";
    private static final String KID_REQUIRED = "without a kid only an unambiguous key may be used; jose4j picks one of "
            + "several candidates";
    private static final String HEADER_MEMBER_TYPES = "a header member of the wrong type (kid: null, typ: 1) is "
            + "malformed; jose4j treats kid: null as absent and ignores typ unless it checks the type";
    private static final String HEADER_SIZE_CAP = "the header segment is capped at 4096 characters before decoding; "
            + "jose4j has no size limit";

    /** Row name → why Gatecheck refuses it although jose4j 0.9.6 (configured as {@link #jose4j}) accepts it. */
    private static final Map<String, String> DELIBERATELY_STRICTER_THAN_JOSE4J = new LinkedHashMap<>();

    static {
        Map<String, String> m = DELIBERATELY_STRICTER_THAN_JOSE4J;
        m.put("embedded jwk: the issuer's own key, valid signature", FORBIDDEN_HEADER);
        m.put("jku: loopback URL, signed by the issuer's key", FORBIDDEN_HEADER);
        m.put("x5u: loopback URL, signed by the issuer's key", FORBIDDEN_HEADER);
        m.put("x5c: chain entry, signed by the issuer's key", FORBIDDEN_HEADER);
        m.put("crit: empty list", EMPTY_CRIT);
        m.put("crit: [b64] without b64", CRIT_B64);
        m.put("JWE header (enc) in a 3-segment token", ENC_IN_JWS);
        m.put("b64=false + crit [b64], raw JSON payload (RFC 7797)", B64);
        m.put("b64=true + crit [b64]", B64);
        m.put("base64url: signature padded with '='", NON_CANONICAL_BASE64URL);
        m.put("base64url: header padded with '='", NON_CANONICAL_BASE64URL);
        m.put("base64url: space inside the payload", NON_CANONICAL_BASE64URL);
        m.put("base64url: payload in the standard alphabet ('+')", NON_CANONICAL_BASE64URL);
        m.put("base64url: payload in the standard alphabet ('/')", NON_CANONICAL_BASE64URL);
        m.put("base64url: non-zero trailing bits in the signature", NON_CANONICAL_BASE64URL);
        m.put("ES256: 62-byte signature (leading zero bytes of r and s dropped)", SHORT_ECDSA);
        m.put("EdDSA: 65-byte signature (valid signature + one extra byte)", ED25519_LENGTH);
        m.put("PS256 token signed by the RS256-bound key (JWK alg RS256)", JWK_ALG_BINDING);
        m.put("RS512 token signed by the RS256-bound key (JWK alg RS256)", JWK_ALG_BINDING);
        m.put("iat 1 h in the future", IAT_IN_FUTURE);
        m.put("lifetime 25 h: issued 23 h ago, exp in 2 h", LIFETIME_FROM_IAT);
        m.put("header JSON: trailing comma", LENIENT_JSON);
        m.put("header JSON: leading zero", LENIENT_JSON);
        m.put("header JSON: raw control character", LENIENT_JSON);
        m.put("header JSON: lone surrogate escape", LENIENT_JSON);
        m.put("header JSON: 1e999", LENIENT_JSON);
        m.put("header JSON: number with a 10-digit exponent", LENIENT_JSON);
        m.put("claims JSON: trailing comma", LENIENT_JSON);
        m.put("claims JSON: leading zero", LENIENT_JSON);
        m.put("claims JSON: raw control character", LENIENT_JSON);
        m.put("claims JSON: lone surrogate escape", LENIENT_JSON);
        m.put("claims JSON: 1e999", LENIENT_JSON);
        m.put("claims JSON: invalid UTF-8 (Latin-1 byte)", LENIENT_JSON);
        m.put("header nested 200 levels", DEPTH_CAP);
        m.put("claims nested 200 levels", DEPTH_CAP);
        m.put("claims nested 100000 levels", DEPTH_CAP);
        m.put("oversized token (valid, over gatecheck.token.max-length)", LENGTH_CAP);
        m.put("cty JWT: valid RS256 token nested in a valid RS256 token", NESTED);
        m.put("ES256 without kid, two ES256 keys", KID_REQUIRED);
        m.put("kid: null", HEADER_MEMBER_TYPES);
        m.put("typ: 1 (not a string)", HEADER_MEMBER_TYPES);
        m.put("header over 4096 characters (token under the length cap)", HEADER_SIZE_CAP);
    }

    // ---- the table ---------------------------------------------------------------------------------------------------

    /**
     * One hostile request and the exact denial it must get.
     *
     * @param token the token, when the row is a plain JWT verification case compared with jose4j; else null
     * @param secrets strings that must never appear in a log line or an answer (tokens, header values)
     */
    record Row(String name, Gate gate, AuthRequest request, String token, List<String> secrets, int status,
               ErrorCode code, String detail) {
        @Override
        public String toString() {
            return name + " [" + gate + "] -> " + status + " " + code.code() + " " + detail;
        }
    }

    /** A request both Gatecheck and jose4j must accept. */
    record Valid(String name, Gate gate, AuthRequest request, String token) {
        @Override
        public String toString() {
            return name + " [" + gate + "]";
        }
    }

    private static final String HDR = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"rsa-256\"}";
    /** [0] a valid ES256 token whose r and s both start with a zero byte; [1] the same with those bytes dropped. */
    private static final String[] SHORT_ES256 = shortEs256();
    private static final List<Row> ROWS = buildRows();
    private static final List<Valid> VALID = buildValid();

    static Stream<Row> hostileRows() {
        return ROWS.stream();
    }

    static Stream<Row> jwtRows() {
        return ROWS.stream().filter(r -> r.token() != null);
    }

    static Stream<Valid> valid() {
        return VALID.stream();
    }

    private static List<Row> buildRows() {
        List<Row> rows = new ArrayList<>();
        String claims = claims();
        String valid = rs256(HDR, claims);

        // alg none, every spelling, with and without a signature (CVE-2015-9235 class)
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String unsigned = seg("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + seg(claims) + ".";
            rows.add(invalid("alg " + none + ", empty signature", unsigned, "alg_not_allowed"));
            String input = seg("{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"rsa-256\"}") + "." + seg(claims);
            rows.add(invalid("alg " + none + ", with an RS256 signature", input + "." + b64(
                    Tokens.signature("RS256", RSA_RS256.getPrivate(), ascii(input))), "alg_not_allowed"));
        }

        // other alg values
        rows.add(invalid("alg missing", rs256("{\"typ\":\"JWT\",\"kid\":\"rsa-256\"}", claims), "malformed"));
        rows.add(invalid("alg null", rs256("{\"alg\":null,\"kid\":\"rsa-256\"}", claims), "malformed"));
        rows.add(invalid("alg array [RS256]", rs256("{\"alg\":[\"RS256\"],\"kid\":\"rsa-256\"}", claims), "malformed"));
        rows.add(invalid("alg rs256 (lower case)", rs256("{\"alg\":\"rs256\",\"kid\":\"rsa-256\"}", claims),
                "alg_not_allowed"));
        rows.add(invalid("alg RS1", rs256("{\"alg\":\"RS1\",\"kid\":\"rsa-256\"}", claims), "alg_not_allowed"));
        rows.add(invalid("alg ES256K", rs256("{\"alg\":\"ES256K\",\"kid\":\"ec-256\"}", claims), "alg_not_allowed"));
        rows.add(invalid("alg RSA-OAEP (a JWE algorithm) in a JWS",
                rs256("{\"alg\":\"RSA-OAEP\",\"kid\":\"rsa-256\"}", claims), "alg_not_allowed"));
        rows.add(invalid("alg HS384 with the real secret, only HS256 configured",
                Tokens.sign("HS384", Tokens.hmacKey(SECRET), "{\"alg\":\"HS384\"}", claims), "alg_not_allowed"));
        rows.add(invalid(Gate.RS_ONLY, "alg HS256 with a random kid, only RS256 configured",
                Tokens.sign("HS256", Tokens.hmacKey(SECRET), "{\"alg\":\"HS256\",\"kid\":\"random-kid-4711\"}",
                        claims), "alg_not_allowed"));

        // RS256 -> HS256 key confusion: HMAC keyed with the issuer's RSA public key (CVE-2016-10555 class)
        Map<String, byte[]> publicKeyAs = new LinkedHashMap<>();
        publicKeyAs.put("PEM text", ascii(TestKeys.pem(RSA_RS256.getPublic())));
        publicKeyAs.put("DER bytes", RSA_RS256.getPublic().getEncoded());
        publicKeyAs.put("JWK JSON", ascii(TestKeys.jwk(RSA_RS256.getPublic(), "rsa-256", "RS256")));
        String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        publicKeyAs.forEach((form, bytes) -> {
            String token = Tokens.sign("HS256", Tokens.hmacKey(bytes), hs256, claims);
            rows.add(invalid(Gate.RS_ONLY, "HS256 keyed with the RSA public key as " + form + ", only RS256 allowed",
                    token, "alg_not_allowed"));
            rows.add(invalid("HS256 keyed with the RSA public key as " + form + ", HS256 secret also configured",
                    token, "bad_signature"));
        });
        // HS* tokens are routed to the HMAC secret alone, whatever kid they name: the RSA key is never a candidate.
        rows.add(invalid("HS256 keyed with the RSA public key as PEM text, kid of the RSA key",
                Tokens.sign("HS256", Tokens.hmacKey(publicKeyAs.get("PEM text")),
                        "{\"alg\":\"HS256\",\"kid\":\"rsa-256\"}", claims), "bad_signature"));

        // keys and key locations carried in the header
        String attackerJwk = TestKeys.jwk(ATTACKER_RSA.getPublic(), null, null);
        rows.add(invalid("embedded jwk: attacker key, attacker signature",
                Tokens.sign("RS256", ATTACKER_RSA.getPrivate(), "{\"alg\":\"RS256\",\"jwk\":" + attackerJwk + "}",
                        claims), "header_forbidden"));
        rows.add(invalid("embedded jwk: the issuer's own key, valid signature",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"jwk\":"
                        + TestKeys.jwk(RSA_RS256.getPublic(), null, null) + "}", claims), "header_forbidden"));
        rows.add(invalid("jku: loopback URL, signed by the attacker key",
                Tokens.sign("RS256", ATTACKER_RSA.getPrivate(),
                        "{\"alg\":\"RS256\",\"kid\":\"attacker\",\"jku\":\"" + keyUrl("/jwks.json") + "\"}", claims),
                "header_forbidden"));
        rows.add(invalid("jku: loopback URL, signed by the issuer's key",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"jku\":\"" + keyUrl("/jwks.json") + "\"}", claims),
                "header_forbidden"));
        rows.add(invalid("x5u: loopback URL, signed by the issuer's key",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"x5u\":\"" + keyUrl("/cert.pem") + "\"}", claims),
                "header_forbidden"));
        String chainEntry = Base64.getEncoder().encodeToString(ATTACKER_RSA.getPublic().getEncoded());
        rows.add(invalid("x5c: chain entry, attacker signature",
                Tokens.sign("RS256", ATTACKER_RSA.getPrivate(), "{\"alg\":\"RS256\",\"x5c\":[\"" + chainEntry + "\"]}",
                        claims), "header_forbidden"));
        rows.add(invalid("x5c: chain entry, signed by the issuer's key",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"x5c\":[\"" + chainEntry + "\"]}", claims),
                "header_forbidden"));

        // kid injection and wrong kid types: only a map lookup ever happens
        Map<String, String> kids = new LinkedHashMap<>();
        kids.put("path traversal", "../../../../../../dev/null");
        kids.put("SQL injection", "' OR '1'='1' --");
        kids.put("LDAP injection", "*)(uid=*))(|(uid=*");
        kids.put("shell substitution", "$(id)`id`");
        kids.put("CR/LF (escaped in JSON)", "rsa-256\\r\\nX-Injected: yes");
        kids.put("300 characters", "k".repeat(300));
        kids.forEach((what, kid) -> rows.add(invalid("kid: " + what,
                rs256("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", claims), "unknown_key")));
        rows.add(invalid("kid: 1 MB", rs256("{\"alg\":\"RS256\",\"kid\":\"" + "A".repeat(1 << 20) + "\"}", claims),
                "too_large"));
        for (String kid : List.of("123", "{}", "[]", "\"\"", "null")) {
            rows.add(invalid("kid: " + kid, rs256("{\"alg\":\"RS256\",\"kid\":" + kid + "}", claims), "malformed"));
        }
        rows.add(invalid("typ: 1 (not a string)", rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"typ\":1}", claims),
                "malformed"));
        rows.add(invalid("kid not in the key set", rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-999\"}", claims),
                "unknown_key"));
        rows.add(invalid("ES256 without kid, two ES256 keys",
                Tokens.sign("ES256", EC_P256.getPrivate(), "{\"alg\":\"ES256\"}", claims), "kid_required"));

        // crit and b64 (RFC 7515 §4.1.11, RFC 7797)
        rows.add(invalid("crit: empty list", rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"crit\":[]}", claims),
                "crit_unsupported"));
        rows.add(invalid("crit: [exp] with exp in the header",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"crit\":[\"exp\"],\"exp\":1}", claims),
                "crit_unsupported"));
        rows.add(invalid("crit: [b64] without b64",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"crit\":[\"b64\"]}", claims), "crit_unsupported"));
        rows.add(invalid("crit: [1]", rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"crit\":[1]}", claims),
                "crit_unsupported"));
        rows.add(invalid("b64=false + crit [b64], base64url payload",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"b64\":false,\"crit\":[\"b64\"]}", claims),
                "header_forbidden"));
        rows.add(invalid("b64=false without crit, base64url payload",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"b64\":false}", claims), "header_forbidden"));
        rows.add(invalid("b64=true + crit [b64]",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"b64\":true,\"crit\":[\"b64\"]}", claims),
                "header_forbidden"));
        // An unencoded payload cannot be an RFC 6750 b64token: the header itself is malformed.
        String rawPayload = claims.replace(".", "\\u002e");
        String b64Header = seg("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"b64\":false,\"crit\":[\"b64\"]}");
        rows.add(token(Gate.STANDARD, "b64=false + crit [b64], raw JSON payload (RFC 7797)",
                b64Header + "." + rawPayload + "." + b64(Tokens.signature("RS256", RSA_RS256.getPrivate(),
                        ascii(b64Header + "." + rawPayload))), 400, ErrorCode.INVALID_REQUEST, "malformed_token"));

        // JWE and nesting
        rows.add(invalid("JWE: 5 segments, dir / A128GCM", jweDirA128Gcm(claims), "jwe_not_allowed"));
        rows.add(invalid("JWE: 5 segments, PBES2 with p2c 2147483647",
                seg("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2s\":\"2WCTcJZ1Rvd_CJuJripQ1w\","
                        + "\"p2c\":2147483647}") + "." + b64(random(24)) + "." + b64(random(12)) + "."
                        + b64(random(64)) + "." + b64(random(16)), "jwe_not_allowed"));
        rows.add(invalid("JWE header (enc) in a 3-segment token",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"enc\":\"A128GCM\"}", claims), "jwe_not_allowed"));
        String innerNone = seg("{\"alg\":\"none\"}") + "." + seg(claims) + ".";
        rows.add(invalid("cty JWT: inner alg none inside a valid RS256 token",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"cty\":\"JWT\"}", innerNone),
                "nested_token_not_allowed"));
        rows.add(invalid("cty JWT: valid RS256 token nested in a valid RS256 token",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"cty\":\"JWT\"}", valid), "nested_token_not_allowed"));
        rows.add(invalid("cty application/jwt over a claims payload",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"cty\":\"application/jwt\"}", claims),
                "nested_token_not_allowed"));
        rows.add(invalid("outer alg none, cty JWT, over a valid token",
                seg("{\"alg\":\"none\",\"cty\":\"JWT\"}") + "." + seg(valid) + ".", "alg_not_allowed"));

        // non-canonical base64url and empty segments
        String[] parts = valid.split("\\.");
        rows.add(invalid("base64url: signature padded with '='", parts[0] + "." + parts[1] + "." + pad(parts[2]),
                "malformed"));
        // A changed header or payload encoding changes the signing input, so those rows are signed as sent: an
        // issuer (or a Wycheproof vector) producing them, not a forgery.
        rows.add(token(Gate.STANDARD, "base64url: header padded with '='", signSegments("RS256",
                RSA_RS256.getPrivate(), pad(parts[0]), parts[1]), 400, ErrorCode.INVALID_REQUEST, "malformed_token"));
        rows.add(token(Gate.STANDARD, "base64url: space inside the payload", signSegments("RS256",
                RSA_RS256.getPrivate(), parts[0], parts[1].substring(0, 8) + " " + parts[1].substring(8)), 400,
                ErrorCode.INVALID_REQUEST, "malformed_token"));
        rows.add(invalid("base64url: payload in the standard alphabet ('+')", signSegments("RS256",
                RSA_RS256.getPrivate(), parts[0], standardAlphabet(seg(claims("note", "\"~~~~~\"")), '-', '+')),
                "malformed"));
        rows.add(invalid("base64url: payload in the standard alphabet ('/')", signSegments("RS256",
                RSA_RS256.getPrivate(), parts[0], standardAlphabet(seg(claims("note", "\"?????\"")), '_', '/')),
                "malformed"));
        rows.add(invalid("base64url: non-zero trailing bits in the signature",
                parts[0] + "." + parts[1] + "." + trailingBits(parts[2]), "malformed"));
        rows.add(invalid("empty header segment", "." + parts[1] + "." + parts[2], "malformed"));
        rows.add(invalid("empty payload segment", parts[0] + ".." + parts[2], "malformed"));
        rows.add(invalid("empty signature segment", parts[0] + "." + parts[1] + ".", "malformed"));
        rows.add(invalid("three empty segments", "..", "malformed"));

        // segment counts
        rows.add(invalid("1 segment", parts[0], "malformed"));
        rows.add(invalid("2 segments", parts[0] + "." + parts[1], "malformed"));
        rows.add(invalid("4 segments", valid + "." + parts[2], "malformed"));
        rows.add(invalid("6 segments", valid + "." + parts[1] + "." + parts[2] + "." + parts[2], "malformed"));
        rows.add(token(Gate.STANDARD, "JWS JSON serialization",
                "{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1] + "\",\"signature\":\"" + parts[2]
                        + "\"}", 400, ErrorCode.INVALID_REQUEST, "malformed_token"));

        // header and claims that are not JSON objects
        rows.add(invalid("header is []", rs256("[]", claims), "malformed"));
        rows.add(invalid("header is \"x\"", rs256("\"x\"", claims), "malformed"));
        rows.add(invalid("header is 1", rs256("1", claims), "malformed"));
        rows.add(invalid("claims are [1,2]", rs256(HDR, "[1,2]"), "malformed"));
        rows.add(invalid("claims are null", rs256(HDR, "null"), "malformed"));

        // JSON that is not RFC 8259, in the header and in the claims
        String h = HDR.substring(0, HDR.length() - 1);
        rows.add(invalid("header JSON: trailing comma", rs256(h + ",}", claims), "malformed"));
        rows.add(invalid("header JSON: leading zero", rs256(h + ",\"x\":01}", claims), "malformed"));
        rows.add(invalid("header JSON: raw control character", rs256(h + ",\"x\":\"a\nb\u0001\"}", claims),
                "malformed"));
        rows.add(invalid("header JSON: lone surrogate escape", rs256(h + ",\"x\":\"\\ud800\"}", claims), "malformed"));
        rows.add(invalid("header JSON: 1e999", rs256(h + ",\"x\":1e999}", claims), "malformed"));
        rows.add(invalid("header JSON: number with a 10-digit exponent", rs256(h + ",\"x\":1e9999999999}", claims),
                "malformed"));
        rows.add(invalid("header JSON: byte order mark", rs256("\uFEFF" + HDR, claims), "malformed"));
        rows.add(invalid("header JSON: duplicate alg (none, RS256)",
                rs256("{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"rsa-256\"}", claims), "malformed"));
        String c = claims.substring(0, claims.length() - 1);
        rows.add(invalid("claims JSON: trailing comma", rs256(HDR, c + ",}"), "malformed"));
        rows.add(invalid("claims JSON: leading zero", rs256(HDR, c + ",\"n\":01}"), "malformed"));
        rows.add(invalid("claims JSON: raw control character", rs256(HDR, c + ",\"name\":\"al\u0001ice\"}"),
                "malformed"));
        rows.add(invalid("claims JSON: lone surrogate escape", rs256(HDR, c + ",\"name\":\"\\udc00\"}"), "malformed"));
        rows.add(invalid("claims JSON: 1e999", rs256(HDR, c + ",\"n\":1e999}"), "malformed"));
        rows.add(invalid("claims JSON: byte order mark", rs256(HDR, "\uFEFF" + claims), "malformed"));
        rows.add(invalid("claims JSON: duplicate sub (alice, admin)", rs256(HDR, c + ",\"sub\":\"admin\"}"),
                "malformed"));
        rows.add(invalid("claims JSON: invalid UTF-8 (Latin-1 byte)", signSegments("RS256", RSA_RS256.getPrivate(),
                seg(HDR), b64(concat(ascii(c + ",\"name\":\"caf"), new byte[] {(byte) 0xE9}, ascii("\"}")))),
                "malformed"));

        // depth
        rows.add(invalid("header nested 200 levels",
                rs256(h + ",\"x\":" + "{\"x\":".repeat(199) + "1" + "}".repeat(200), claims), "too_large"));
        rows.add(invalid("claims nested 200 levels", rs256(HDR, c + ",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}"),
                "too_large"));
        rows.add(invalid(Gate.LARGE, "claims nested 100000 levels",
                rs256(HDR, c + ",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"), "too_large"));

        // claim types and values
        rows.add(invalid("exp as a string", rs256(HDR, claims("exp", "\"" + (T + 300) + "\"")), "claim_invalid"));
        rows.add(invalid("exp as a boolean", rs256(HDR, claims("exp", "true")), "claim_invalid"));
        rows.add(invalid("exp as an array", rs256(HDR, claims("exp", "[" + (T + 300) + "]")), "claim_invalid"));
        rows.add(invalid("nbf as a string", rs256(HDR, claims("nbf", "\"" + T + "\"")), "claim_invalid"));
        rows.add(invalid("iss as an array", rs256(HDR, claims("iss", "[\"" + ISS + "\"]")), "issuer_invalid"));
        rows.add(invalid("aud as a number", rs256(HDR, claims("aud", "42")), "audience_missing"));
        rows.add(invalid("exp 1e300", rs256(HDR, claims("exp", "1e300")), "lifetime_too_long"));
        rows.add(invalid("exp Long.MAX_VALUE", rs256(HDR, claims("exp", Long.toString(Long.MAX_VALUE))),
                "lifetime_too_long"));
        rows.add(invalid("exp -1", rs256(HDR, claims("exp", "-1")), "expired"));
        rows.add(invalid("exp missing", rs256(HDR, claims("exp", null)), "missing_claim"));
        rows.add(invalid("expired 1 h ago", rs256(HDR, claims("iat", Long.toString(T - 7200), "exp",
                Long.toString(T - 3600))), "expired"));
        rows.add(invalid("expired 31 s ago (just beyond the 30 s skew)", rs256(HDR, claims("iat",
                Long.toString(T - 600), "exp", Long.toString(T - 31))), "expired"));
        rows.add(invalid("nbf 1 h in the future", rs256(HDR, claims("nbf", Long.toString(T + 3600))),
                "not_yet_valid"));
        rows.add(invalid("iat 1 h in the future", rs256(HDR, claims("iat", Long.toString(T + 3600), "exp",
                Long.toString(T + 3900))), "iat_invalid"));
        rows.add(invalid("iat after exp", rs256(HDR, claims("iat", Long.toString(T + 10), "exp",
                Long.toString(T + 5))), "iat_invalid"));
        rows.add(invalid("lifetime 25 h from now", rs256(HDR, claims("exp", Long.toString(T + 25 * 3600))),
                "lifetime_too_long"));
        rows.add(invalid("lifetime 25 h: issued 23 h ago, exp in 2 h", rs256(HDR, claims("iat",
                Long.toString(T - 23 * 3600), "exp", Long.toString(T + 2 * 3600))), "lifetime_too_long"));
        rows.add(invalid("exp 100 years ahead, no iat", rs256(HDR, claims("iat", null, "exp",
                Long.toString(T + 100L * 365 * 86400))), "lifetime_too_long"));
        rows.add(invalid("issuer differs in case", rs256(HDR, claims("iss", "\"https://ISSUER.test\"")),
                "issuer_invalid"));
        rows.add(invalid("issuer with a trailing slash", rs256(HDR, claims("iss", "\"" + ISS + "/\"")),
                "issuer_invalid"));
        rows.add(invalid("issuer with a suffix (https://issuer.test.evil)", rs256(HDR, claims("iss",
                "\"https://issuer.test.evil\"")), "issuer_invalid"));
        rows.add(invalid("issuer missing", rs256(HDR, claims("iss", null)), "issuer_invalid"));
        rows.add(token(Gate.STANDARD, "aud of another service", rs256(HDR, claims("aud", "\"billing\"")), 403,
                ErrorCode.INVALID_AUDIENCE, "invalid_audience"));
        rows.add(token(Gate.STANDARD, "aud array of other services", rs256(HDR, claims("aud",
                "[\"billing\",\"reports\"]")), 403, ErrorCode.INVALID_AUDIENCE, "invalid_audience"));
        rows.add(invalid("aud missing", rs256(HDR, claims("aud", null)), "audience_missing"));
        rows.add(invalid("aud empty array", rs256(HDR, claims("aud", "[]")), "audience_missing"));

        // typ when at+jwt is required (RFC 9068, RFC 8725 §3.11)
        rows.add(invalid(Gate.AT_JWT, "typ JWT when at+jwt is required", valid, "typ_invalid"));
        rows.add(invalid(Gate.AT_JWT, "typ absent when at+jwt is required",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\"}", claims), "typ_invalid"));
        rows.add(invalid(Gate.AT_JWT, "typ dpop+jwt when at+jwt is required",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"typ\":\"dpop+jwt\"}", claims), "typ_invalid"));
        rows.add(invalid(Gate.AT_JWT, "typ application/at+jwt+x when at+jwt is required",
                rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"typ\":\"application/at+jwt+x\"}", claims),
                "typ_invalid"));

        // signatures
        rows.add(invalid("RS256: one bit of the signature flipped", parts[0] + "." + parts[1] + "."
                + b64(flipBit(Base64.getUrlDecoder().decode(parts[2]))), "bad_signature"));
        rows.add(invalid("RS256: payload changed (sub admin), signature kept", parts[0] + "."
                + seg(claims.replace("\"alice\"", "\"admin\"")) + "." + parts[2], "bad_signature"));
        rows.add(invalid("RS256: header changed (typ JWS), signature kept",
                seg(HDR.replace("\"JWT\"", "\"JWS\"")) + "." + parts[1] + "." + parts[2], "bad_signature"));
        byte[] rsaSig = Base64.getUrlDecoder().decode(parts[2]);
        rows.add(invalid("RS256: signature truncated by one byte", parts[0] + "." + parts[1] + "."
                + b64(Arrays.copyOf(rsaSig, rsaSig.length - 1)), "bad_signature"));
        rows.add(invalid("RS256: signature extended by a zero byte", parts[0] + "." + parts[1] + "."
                + b64(Arrays.copyOf(rsaSig, rsaSig.length + 1)), "bad_signature"));
        rows.add(invalid("ES256: 62-byte signature (leading zero bytes of r and s dropped)", SHORT_ES256[1],
                "bad_signature"));
        String es256Header = "{\"alg\":\"ES256\",\"kid\":\"ec-256\"}";
        String es256Input = seg(es256Header) + "." + seg(claims);
        rows.add(invalid("ES256: DER-encoded signature", es256Input + "." + b64(derEcdsa(ascii(es256Input))),
                "bad_signature"));
        rows.add(invalid("ES256: r = s = 0 (CVE-2022-21449)", es256Input + "." + b64(new byte[64]), "bad_signature"));
        String edInput = seg("{\"alg\":\"EdDSA\",\"kid\":\"ed\"}") + "." + seg(claims);
        rows.add(invalid("EdDSA: 65-byte signature (valid signature + one extra byte)", edInput + "." + b64(
                Arrays.copyOf(Tokens.signature("EdDSA", ED25519.getPrivate(), ascii(edInput)), 65)), "bad_signature"));
        rows.add(invalid("PS256 token signed by the RS256-bound key (JWK alg RS256)",
                Tokens.sign("PS256", RSA_RS256.getPrivate(), "{\"alg\":\"PS256\",\"kid\":\"rsa-256\"}", claims),
                "key_algorithm_mismatch"));
        rows.add(invalid("RS512 token signed by the RS256-bound key (JWK alg RS256)",
                Tokens.sign("RS512", RSA_RS256.getPrivate(), "{\"alg\":\"RS512\",\"kid\":\"rsa-256\"}", claims),
                "key_algorithm_mismatch"));
        String es384OnP256 = seg("{\"alg\":\"ES384\",\"kid\":\"ec-256\"}") + "." + seg(claims);
        byte[] p256Sig = Tokens.signature("ES384", EC_P256.getPrivate(), ascii(es384OnP256));
        rows.add(invalid("ES384 header with a P-256 key (64-byte signature)", es384OnP256 + "." + b64(p256Sig),
                "bad_signature"));
        rows.add(invalid("ES384 header with a P-256 key, signature padded to 96 bytes",
                es384OnP256 + "." + b64(concat(new byte[16], Arrays.copyOf(p256Sig, 32), new byte[16],
                        Arrays.copyOfRange(p256Sig, 32, 64))), "key_algorithm_mismatch"));

        // size
        rows.add(invalid("oversized token (valid, over gatecheck.token.max-length)",
                rs256(HDR, claims("pad", "\"" + "x".repeat(9000) + "\"")), "too_large"));
        rows.add(invalid("header over 4096 characters (token under the length cap)",
                rs256(h + ",\"pad\":\"" + "x".repeat(3200) + "\"}", claims), "header_too_large"));

        // credentials: where and how the token is presented (RFC 6750)
        rows.add(request(Gate.STANDARD, "no credential", AuthRequest.builder("GET", PATH).build(), 401,
                ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token"));
        rows.add(request(Gate.STANDARD, "Basic scheme", AuthRequest.builder("GET", PATH)
                        .header("Authorization", "Basic dXNlcjpwYXNzd29yZA==").build(), 401,
                ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token", "dXNlcjpwYXNzd29yZA=="));
        rows.add(request(Gate.STANDARD, "token in the query, only the header source configured",
                AuthRequest.builder("GET", PATH).query("access_token=" + valid).build(), 401,
                ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token", valid));
        rows.add(request(Gate.STANDARD, "two Authorization headers", AuthRequest.builder("GET", PATH)
                        .bearer(valid).bearer(valid).build(), 400, ErrorCode.INVALID_REQUEST,
                "multiple_authorization_headers", valid));
        rows.add(request(Gate.QUERY, "token in the header and in the query", AuthRequest.builder("GET", PATH)
                        .bearer(valid).query("access_token=" + valid).build(), 400, ErrorCode.INVALID_REQUEST,
                "multiple_credentials", valid));
        rows.add(request(Gate.QUERY, "two query tokens", AuthRequest.builder("GET", PATH)
                        .query("access_token=" + valid + "&access_token=" + valid).build(), 400,
                ErrorCode.INVALID_REQUEST, "multiple_credentials", valid));
        rows.add(request(Gate.STANDARD, "empty Authorization header", authorization(""), 400,
                ErrorCode.INVALID_REQUEST, "empty_authorization_header"));
        rows.add(request(Gate.STANDARD, "Bearer without a token", authorization("Bearer"), 400,
                ErrorCode.INVALID_REQUEST, "missing_token"));
        rows.add(request(Gate.STANDARD, "Bearer with an empty token", authorization("Bearer "), 400,
                ErrorCode.INVALID_REQUEST, "malformed_token"));
        rows.add(request(Gate.STANDARD, "Bearer followed by two spaces", authorization("Bearer  " + valid), 400,
                ErrorCode.INVALID_REQUEST, "malformed_token", valid));
        rows.add(request(Gate.STANDARD, "Bearer followed by a tab", authorization("Bearer\t" + valid), 400,
                ErrorCode.INVALID_REQUEST, "malformed_authorization_header", valid));
        rows.add(request(Gate.STANDARD, "Bearer token with trailing garbage", authorization("Bearer " + valid + " x"),
                400, ErrorCode.INVALID_REQUEST, "malformed_token", valid));
        rows.add(request(Gate.STANDARD, "Bearer token with a trailing CR/LF", authorization("Bearer " + valid + "\r\n"),
                400, ErrorCode.INVALID_REQUEST, "malformed_token", valid));
        return List.copyOf(rows);
    }

    private static List<Valid> buildValid() {
        List<Valid> valid = new ArrayList<>();
        String claims = claims();
        valid.add(ok("RS256", Tokens.signWithKid("RS256", RSA_RS256.getPrivate(), "rsa-256", claims)));
        valid.add(ok("RS384", Tokens.signWithKid("RS384", RSA_RS384.getPrivate(), "rsa-384", claims)));
        valid.add(ok("RS512", Tokens.signWithKid("RS512", RSA_RS512.getPrivate(), "rsa-512", claims)));
        valid.add(ok("PS256", Tokens.signWithKid("PS256", RSA_PS256.getPrivate(), "rsa-ps256", claims)));
        valid.add(ok("ES256", Tokens.signWithKid("ES256", EC_P256.getPrivate(), "ec-256", claims)));
        valid.add(ok("ES256, second key", Tokens.signWithKid("ES256", EC_P256_SECOND.getPrivate(), "ec-256-b",
                claims)));
        valid.add(ok("ES256 whose r and s start with a zero byte (64 bytes)", SHORT_ES256[0]));
        valid.add(ok("ES384", Tokens.signWithKid("ES384", EC_P384.getPrivate(), "ec-384", claims)));
        valid.add(ok("ES512", Tokens.signWithKid("ES512", EC_P521.getPrivate(), "ec-521", claims)));
        valid.add(ok("EdDSA", Tokens.signWithKid("EdDSA", ED25519.getPrivate(), "ed", claims)));
        valid.add(ok("HS256", Tokens.signWithKid("HS256", Tokens.hmacKey(SECRET), null, claims)));
        valid.add(ok("RS256 without kid (one RS256 key)", Tokens.signWithKid("RS256", RSA_RS256.getPrivate(), null,
                claims)));
        valid.add(ok("aud array naming this service among others", rs256(HDR, claims("aud",
                "[\"billing\",\"api\"]"))));
        valid.add(ok("expired 29 s ago, within the 30 s skew", rs256(HDR, claims("iat", Long.toString(T - 600),
                "exp", Long.toString(T - 29)))));
        valid.add(ok("lifetime exactly 24 h", rs256(HDR, claims("exp", Long.toString(T + 24 * 3600)))));
        String token = rs256(HDR, claims);
        valid.add(new Valid("scheme in mixed case (bEaReR)", Gate.STANDARD, authorization("bEaReR " + token), token));
        valid.add(new Valid("RS256 with the PEM key", Gate.RS_ONLY, bearer(token), token));
        valid.add(new Valid("token in the query when query:access_token is configured", Gate.QUERY,
                AuthRequest.builder("GET", PATH).query("access_token=" + token).build(), token));
        for (String typ : List.of("at+jwt", "application/at+jwt", "AT+JWT")) {
            String t = rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-256\",\"typ\":\"" + typ + "\"}", claims);
            valid.add(new Valid("typ " + typ + " when at+jwt is required", Gate.AT_JWT, bearer(t), t));
        }
        return List.copyOf(valid);
    }

    // ---- the tests ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileRows")
    void everyHostileRequestIsDeniedExactly(Row row) {
        Rejection rejection = denial(ENGINES.get(row.gate()), row);
        assertThat(rejection.status()).as("%s: HTTP status (got %s %s)", row.name(), rejection.code().code(),
                rejection.detail()).isEqualTo(row.status());
        assertThat(rejection.code()).as("%s: error code (detail %s)", row.name(), rejection.detail())
                .isEqualTo(row.code());
        assertThat(rejection.detail()).as("%s: reason", row.name()).isEqualTo(row.detail());
        assertThat(rejection.body()).as("%s: JSON body", row.name())
                .isEqualTo("{\"error\":\"" + row.code().code() + "\",\"detail\":\"" + row.detail() + "\"}");
        Optional<String> challenge = rejection.wwwAuthenticate();
        switch (row.code()) {
            case MISSING_AUTHORIZATION_HEADER -> assertThat(challenge)
                    .as("%s: WWW-Authenticate names no error when the credential is absent", row.name())
                    .contains("Bearer");
            case INVALID_TOKEN, INVALID_REQUEST -> assertThat(challenge).as("%s: WWW-Authenticate", row.name())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"" + row.code().code() + "\""));
            default -> assertThat(challenge).as("%s: no WWW-Authenticate on a %d", row.name(), row.status()).isEmpty();
        }
        assertThat(KEY_URL_REQUESTS.get()).as("%s: requests that reached the jku/x5u server", row.name()).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void validTokensAreAcceptedByGatecheckAndJose4j(Valid valid) {
        Decision decision = ENGINES.get(valid.gate()).authenticate(valid.request());
        if (decision instanceof Decision.Deny deny) {
            fail("%s: Gatecheck denied a valid token: %d %s %s", valid.name(), deny.rejection().status(),
                    deny.rejection().code().code(), deny.rejection().detail());
        }
        assertThat(((Decision.Allow) decision).identity()).as("%s: identity", valid.name())
                .hasValueSatisfying(id -> assertThat(id.subject()).isEqualTo("alice"));
        assertThat(jose4jAccepts(valid.gate(), valid.token())).as("%s: jose4j accepts", valid.name()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("jwtRows")
    void jose4jAgreesExceptWhereGatecheckIsDeliberatelyStricter(Row row) {
        boolean gatecheckAccepts = ENGINES.get(row.gate()).authenticate(row.request()) instanceof Decision.Allow;
        boolean jose4jAccepts = jose4jAccepts(row.gate(), row.token());
        String stricter = DELIBERATELY_STRICTER_THAN_JOSE4J.get(row.name());
        assertThat(gatecheckAccepts).as("%s: Gatecheck accepts", row.name()).isFalse();
        if (stricter != null) {
            assertThat(jose4jAccepts).as("%s: listed as deliberately stricter than jose4j (%s), yet jose4j refuses it"
                    + " too; take it off DELIBERATELY_STRICTER_THAN_JOSE4J", row.name(), stricter).isTrue();
        } else {
            assertThat(jose4jAccepts).as("%s: jose4j accepts a token Gatecheck refuses (%d %s); if that is deliberate,"
                    + " list it in DELIBERATELY_STRICTER_THAN_JOSE4J with the reason", row.name(), row.status(),
                    row.detail()).isFalse();
        }
        assertThat(KEY_URL_REQUESTS.get()).as("%s: requests that reached the jku/x5u server", row.name()).isZero();
    }

    @Test
    void theDivergenceListNamesOnlyJwtRows() {
        Set<String> jwtRowNames = new LinkedHashSet<>();
        jwtRows().forEach(r -> jwtRowNames.add(r.name()));
        assertThat(jwtRowNames).as("rows named in DELIBERATELY_STRICTER_THAN_JOSE4J")
                .containsAll(DELIBERATELY_STRICTER_THAN_JOSE4J.keySet());
        Set<String> names = new LinkedHashSet<>();
        ROWS.forEach(r -> assertThat(names.add(r.name())).as("row name %s is unique", r.name()).isTrue());
        assertThat(ROWS).as("hostile rows").hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void noTokenSecretOrTokenSegmentReachesALogLineOrAnAnswer() {
        Logger gatecheckLogger = Logger.getLogger("dev.gatecheck");
        Level previous = gatecheckLogger.getLevel();
        Logger root = Logger.getLogger("");
        ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        List<String> answers = new ArrayList<>();
        root.addHandler(capture);
        gatecheckLogger.setLevel(Level.ALL);
        try {
            Map<Gate, Gatecheck> fresh = new EnumMap<>(Gate.class);
            for (Gate gate : Gate.values()) {
                fresh.put(gate, Gatecheck.create(config(gate))); // configuration logs are checked too
            }
            for (Row row : ROWS) {
                Rejection r = denial(fresh.get(row.gate()), row);
                answers.add(row.name() + ": " + r.body() + " " + r.detail() + " " + r.wwwAuthenticate().orElse("")
                        + " " + r.headers());
            }
            for (Valid valid : VALID) {
                fresh.get(valid.gate()).authenticate(valid.request());
            }
        } finally {
            gatecheckLogger.setLevel(previous);
            root.removeHandler(capture);
        }

        SimpleFormatter formatter = new SimpleFormatter();
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + ": "
                    + formatter.formatMessage(record));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }
        assertThat(lines).as("debug records of refused tokens were captured (is the JUL capture working?)")
                .anyMatch(l -> l.startsWith("dev.gatecheck.internal.jwt.TokenVerifier FINE: token refused"));

        Map<String, String> forbidden = new LinkedHashMap<>();
        forbidden.put(Base64.getEncoder().encodeToString(SECRET), "the HMAC secret (base64)");
        forbidden.put(Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET), "the HMAC secret (base64url)");
        forbidden.put(new String(SECRET, StandardCharsets.ISO_8859_1), "the HMAC secret (raw bytes)");
        for (Row row : ROWS) {
            for (String secret : row.secrets()) {
                forbidden.put(secret, "a token of row '" + row.name() + "'");
                for (String segment : secret.split("[.\\s]")) {
                    if (segment.length() >= 16) {
                        forbidden.putIfAbsent(segment, "a token segment of row '" + row.name() + "'");
                    }
                }
            }
        }
        for (Valid valid : VALID) {
            forbidden.put(valid.token(), "the valid token '" + valid.name() + "'");
            for (String segment : valid.token().split("\\.")) {
                // the claims segment is shared by many rows; every segment is checked once
                forbidden.putIfAbsent(segment, "a segment of the valid token '" + valid.name() + "'");
            }
        }
        for (List<String> texts : List.of(lines, answers)) {
            for (String text : texts) {
                for (Map.Entry<String, String> secret : forbidden.entrySet()) {
                    if (text.contains(secret.getKey())) {
                        fail("%s leaked into %s: %s", secret.getValue(), texts == lines ? "a log record" : "an answer",
                                text.substring(0, text.indexOf(':') + 1) + " <redacted>");
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopKeyUrlServer() {
        KEY_URL_SERVER.stop(0);
    }

    // ---- the jose4j reference --------------------------------------------------------------------------------------

    private static final Map<Gate, JwtConsumer> JOSE4J = new EnumMap<>(Gate.class);

    /** jose4j configured as strictly as its API allows, with the same keys, algorithms and claim rules as {@code gate}. */
    private static synchronized JwtConsumer jose4j(Gate gate) {
        return JOSE4J.computeIfAbsent(gate, g -> {
            JwtConsumerBuilder builder = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(30)
                    .setMaxFutureValidityInMinutes(24 * 60)
                    .setExpectedIssuer(ISS)
                    .setExpectedAudience(AUD)
                    .setEvaluationTime(NumericDate.fromMilliseconds(CLOCK.millis()));
            if (g == Gate.RS_ONLY) {
                return builder.setVerificationKey(RSA_RS256.getPublic())
                        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                        .build();
            }
            if (g == Gate.AT_JWT) {
                builder.setExpectedType(true, "at+jwt");
            }
            JwksVerificationKeyResolver jwks;
            try {
                jwks = new JwksVerificationKeyResolver(new JsonWebKeySet(JWKS).getJsonWebKeys());
            } catch (Exception e) {
                throw new IllegalStateException("jose4j cannot read the test JWKS", e);
            }
            HmacKey hmac = new HmacKey(SECRET);
            VerificationKeyResolver resolver = (jws, nesting) ->
                    "HS256".equals(jws.getAlgorithmHeaderValue()) ? hmac : jwks.resolveKey(jws, nesting);
            return builder.setVerificationKeyResolver(resolver)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS)
                    .build();
        });
    }

    /** jose4j's verdict; its exception messages contain the token and are never shown. */
    private static boolean jose4jAccepts(Gate gate, String token) {
        try {
            jose4j(gate).process(token);
            return true;
        } catch (Exception | StackOverflowError refused) {
            return false;
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static Rejection denial(Gatecheck engine, Row row) {
        Decision decision;
        try {
            decision = engine.authenticate(row.request());
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(row.name() + ": authenticate threw " + e.getClass().getName()
                    + " instead of answering (would be a 500)", e);
        }
        if (decision instanceof Decision.Allow allow) {
            fail("%s: must be denied but was allowed (subject %s)", row.name(),
                    allow.identity().map(Identity::subject).orElse("<anonymous>"));
        }
        return ((Decision.Deny) decision).rejection();
    }

    private static Row invalid(String name, String token, String detail) {
        return invalid(Gate.STANDARD, name, token, detail);
    }

    private static Row invalid(Gate gate, String name, String token, String detail) {
        return token(gate, name, token, 401, ErrorCode.INVALID_TOKEN, detail);
    }

    private static Row token(Gate gate, String name, String token, int status, ErrorCode code, String detail) {
        return new Row(name, gate, bearer(token), token, List.of(token), status, code, detail);
    }

    private static Row request(Gate gate, String name, AuthRequest request, int status, ErrorCode code, String detail,
                               String... secrets) {
        return new Row(name, gate, request, null, List.of(secrets), status, code, detail);
    }

    private static Valid ok(String name, String token) {
        return new Valid(name, Gate.STANDARD, bearer(token), token);
    }

    private static AuthRequest bearer(String token) {
        return AuthRequest.builder("GET", PATH).bearer(token).build();
    }

    private static AuthRequest authorization(String value) {
        return AuthRequest.builder("GET", PATH).header("Authorization", value).build();
    }

    /**
     * The standard claims (iss, sub, aud, iat = now, exp = now + 300) with {@code overrides}: pairs of a claim name
     * and its raw JSON value, or null to leave the claim out. New names are appended.
     */
    private static String claims(String... overrides) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", "\"" + ISS + "\"");
        claims.put("sub", "\"alice\"");
        claims.put("aud", "\"" + AUD + "\"");
        claims.put("iat", Long.toString(T));
        claims.put("exp", Long.toString(T + 300));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                claims.remove(overrides[i]);
            } else {
                claims.put(overrides[i], overrides[i + 1]);
            }
        }
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
    }

    private static String rs256(String header, String claims) {
        return Tokens.sign("RS256", RSA_RS256.getPrivate(), header, claims);
    }

    private static String signSegments(String alg, Key key, String headerSegment, String payloadSegment) {
        String input = headerSegment + "." + payloadSegment;
        return input + "." + b64(Tokens.signature(alg, key, ascii(input)));
    }

    private static String seg(String json) {
        return Tokens.b64(json);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipBit(byte[] bytes) {
        byte[] out = bytes.clone();
        out[out.length / 2] ^= 0x01;
        return out;
    }

    /** {@code segment} with the '=' padding a standard encoder would add (precondition: it needs some). */
    private static String pad(String segment) {
        String padded = segment + "=".repeat((4 - segment.length() % 4) % 4);
        assertThat(padded).as("test precondition: segment length is not a multiple of 4").isNotEqualTo(segment);
        return padded;
    }

    /** {@code segment} with {@code from} replaced by its standard-alphabet twin {@code to}. */
    private static String standardAlphabet(String segment, char from, char to) {
        assertThat(segment).as("test precondition: segment contains '%s'", from).contains(String.valueOf(from));
        return segment.replace(from, to);
    }

    /** {@code segment} with a non-zero unused low bit in its last character (decodes to the same bytes). */
    private static String trailingBits(String segment) {
        assertThat(segment.length() % 4).as("test precondition: last character has unused bits").isNotZero();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(segment.charAt(segment.length() - 1));
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(last | 1);
    }

    private static byte[] derEcdsa(byte[] input) {
        try {
            Signature der = Signature.getInstance("SHA256withECDSA");
            der.initSign(EC_P256.getPrivate());
            der.update(input);
            return der.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jweDirA128Gcm(String claims) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue("dir");
            jwe.setEncryptionMethodHeaderParameter("A128GCM");
            jwe.setKey(new AesKey(random(16)));
            jwe.setPayload(claims);
            return jwe.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the JWE row", e);
        }
    }

    /**
     * A valid ES256 token whose r and s both begin with a zero byte, built by choosing the nonce: k is drawn until
     * r = x(kG) mod n is below 2^248 (about 1 in 256; x(kG) comes from an ECDH agreement of k with the generator),
     * then the jti varies until s (or its equally valid twin n - s) is below 2^248 (about 1 in 128).
     */
    private static String[] shortEs256() {
        try {
            ECPrivateKey key = (ECPrivateKey) EC_P256.getPrivate();
            ECParameterSpec params = key.getParams();
            BigInteger n = params.getOrder();
            BigInteger bound = BigInteger.ONE.shiftLeft(248);
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey generator = factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params));
            SecureRandom random = new SecureRandom();
            String header = seg("{\"alg\":\"ES256\",\"kid\":\"ec-256\"}");
            while (true) {
                BigInteger k = new BigInteger(256, random).mod(n);
                if (k.signum() == 0) {
                    continue;
                }
                PrivateKey nonce = factory.generatePrivate(new ECPrivateKeySpec(k, params));
                KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
                ecdh.init(nonce);
                ecdh.doPhase(generator, true);
                BigInteger r = new BigInteger(1, ecdh.generateSecret()).mod(n);
                if (r.signum() == 0 || r.compareTo(bound) >= 0) {
                    continue;
                }
                BigInteger kInverse = k.modInverse(n);
                for (int jti = 0; jti < 10_000; jti++) {
                    String input = header + "." + seg(claims("jti", "\"short-ecdsa-" + jti + "\""));
                    BigInteger z = new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(ascii(input)));
                    BigInteger s = kInverse.multiply(z.add(r.multiply(key.getS()))).mod(n);
                    if (s.signum() != 0 && s.compareTo(bound) >= 0) {
                        s = n.subtract(s);
                    }
                    if (s.signum() != 0 && s.compareTo(bound) < 0) {
                        byte[] r32 = fixed(r, 32);
                        byte[] s32 = fixed(s, 32);
                        return new String[] {input + "." + b64(concat(r32, s32)),
                                input + "." + b64(concat(Arrays.copyOfRange(r32, 1, 32), Arrays.copyOfRange(s32, 1, 32)))};
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static String keyUrl(String path) {
        return "http://127.0.0.1:" + KEY_URL_SERVER.getAddress().getPort() + path;
    }

    private static HttpServer startKeyUrlServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            byte[] attackerJwks = ascii(TestKeys.jwks(TestKeys.jwk(ATTACKER_RSA.getPublic(), "attacker", "RS256")));
            server.createContext("/", exchange -> {
                KEY_URL_REQUESTS.incrementAndGet();
                exchange.sendResponseHeaders(200, attackerJwks.length);
                exchange.getResponseBody().write(attackerJwks);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
