package dev.gatecheck.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The load server's issuer: an RSA-2048 key pair generated at startup, its public JWKS (which the server's Gatecheck
 * trusts inline), and RS256 access tokens shaped like the servlet demo's ({@code iss}, {@code sub}, {@code aud},
 * {@code iat}, {@code exp} 12 h ahead, {@code jti}, {@code org}, {@code roles}, {@code scope}). Plain JCA, no library.
 */
final class LoadTokens {
    static final String ISSUER = "https://issuer.load.gatecheck.dev";
    static final String AUDIENCE = "gatecheck-demo";
    static final String KID = "load-1";
    /** The key the rotation scenario rotates to. */
    static final String NEXT_KID = "load-2";
    /** The subject of the single token of the "cached" scenario. */
    static final String CACHED_SUBJECT = "alice";
    private static final long LIFETIME_SECONDS = 12 * 3600;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String kid;
    private final long issuedAt = System.currentTimeMillis() / 1000;

    LoadTokens() {
        this(KID);
    }

    /** An issuer signing with a new key named {@code kid}. */
    LoadTokens(String kid) {
        this.kid = kid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the load test key pair", e);
        }
    }

    /** The public key as a one-key JWKS, as an identity provider serves it. */
    String jwks() {
        return jwks(this);
    }

    /** The public keys of {@code issuers} as one JWKS (a rotation serves two keys for a while). */
    static String jwks(LoadTokens... issuers) {
        return Arrays.stream(issuers).map(LoadTokens::jwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private String jwk() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    /** The token of {@code subject}; {@code serial} makes its {@code jti} (and so the token) distinct. */
    String token(String subject, int serial) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + AUDIENCE
                + "\",\"iat\":" + issuedAt + ",\"exp\":" + (issuedAt + LIFETIME_SECONDS)
                + ",\"jti\":\"load-" + serial + "-" + issuedAt + "\",\"org\":\"acme\",\"roles\":[\"user\",\"buyer\"]"
                + ",\"scope\":\"orders:read orders:write\"}";
        String input = b64(header) + "." + b64(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a load test token", e);
        }
    }

    /** {@code count} distinct tokens, subjects {@code user-00000} ... , signed on every core. */
    List<String> distinct(int count) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> token(String.format("user-%05d", i), i + 1))
                .collect(Collectors.toList());
    }

    /** Writes {@code tokens}, one a line, to {@code file}. */
    static Path write(Path file, List<String> tokens) {
        try {
            return Files.write(file, tokens, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String b64(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64URL.encodeToString(bytes);
    }
}
