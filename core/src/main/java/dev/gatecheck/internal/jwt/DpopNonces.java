package dev.gatecheck.internal.jwt;

import dev.gatecheck.internal.Base64Url;
import dev.gatecheck.internal.httpsig.HmacSigning;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * Server nonces for DPoP proofs (RFC 9449 §8), made without state: the number of the current time window and a MAC
 * over it, so every instance holding the same secret accepts the nonces of the others. A nonce is accepted in its
 * own window and the next one, so a client holds one for at least one window.
 */
final class DpopNonces {
    private static final byte[] CONTEXT = "gatecheck dpop nonce".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_BYTES = 16;

    private final ThreadLocal<Mac> macs;
    private final long windowMillis;
    private final Clock clock;

    /** Nonces keyed by {@code secret} (a random one when empty), each window {@code window} long. */
    DpopNonces(java.util.Optional<byte[]> secret, Duration window, Clock clock) {
        byte[] key = secret.orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
        this.macs = ThreadLocal.withInitial(() -> HmacSigning.mac(key));
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** The nonce of the current window. */
    String current() {
        return nonce(clock.millis() / windowMillis);
    }

    /** True when {@code nonce} was made by this secret in the current window or the one before. */
    boolean accepts(String nonce) {
        byte[] bytes = Base64Url.decode(nonce.getBytes(StandardCharsets.ISO_8859_1), 0, nonce.length());
        if (bytes == null || bytes.length != Long.BYTES + MAC_BYTES) {
            return false;
        }
        long window = ByteBuffer.wrap(bytes).getLong();
        long now = clock.millis() / windowMillis;
        return (window == now || window == now - 1)
                && MessageDigest.isEqual(mac(window), Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
    }

    private String nonce(long window) {
        return Base64Url.encode(ByteBuffer.allocate(Long.BYTES + MAC_BYTES).putLong(window).put(mac(window)).array());
    }

    private byte[] mac(long window) {
        Mac mac = macs.get();
        mac.update(CONTEXT);
        return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()), MAC_BYTES);
    }
}
