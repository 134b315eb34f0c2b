package dev.gatecheck.internal.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a token, the key of the introspection cache, so the cache never holds a token that could be
 * replayed from a heap dump. Four longs: cheap to compare and hash.
 */
record TokenHash(long a, long b, long c, long d) {
    private static final MessageDigest SHA_256 = sha256();

    static TokenHash of(String token) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone(); // cheaper than a provider lookup per request
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.ISO_8859_1)));
        return new TokenHash(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
