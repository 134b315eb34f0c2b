package dev.gatecheck.gateway;

import dev.gatecheck.internal.httpsig.HmacSigning;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Produces the {@code Signature-Input} and {@code Signature} headers of Gatecheck's RFC 9421 {@code hmac} marker
 * profile, for gateways written in Java and for tests: {@code hmac-sha256} over {@code @method}, {@code @path},
 * {@code @query} and each identity header, with {@code created} and {@code keyid}; optionally also over
 * {@code @authority} and the body's {@code Content-Digest} (RFC 9530).
 */
public final class GatewaySigner {
    /** The signature label this signer writes. */
    public static final String LABEL = HmacSigning.LABEL;
    static final int MIN_SECRET_BYTES = HmacSigning.MIN_SECRET_BYTES;

    private final String keyId;
    private final byte[] secret;
    private final Clock clock;

    /**
     * A signer with {@code keyId} and a secret of at least 32 bytes.
     *
     * @throws IllegalArgumentException when the secret is shorter
     */
    public GatewaySigner(String keyId, byte[] secret, Clock clock) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the HMAC secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The two headers to add to a request with {@code method}, raw {@code path} and raw {@code query}, which will
     * carry {@code identityHeaders} (name to value, sent exactly so).
     *
     * @throws IllegalArgumentException when an identity value holds a control character or whitespace at either
     *                                  end: Gatecheck refuses such a value, so it is never signed
     */
    public Map<String, String> sign(String method, String path, Optional<String> query,
                                    Map<String, String> identityHeaders) {
        return sign(method, Optional.empty(), path, query, identityHeaders, Optional.empty());
    }

    /**
     * The headers to add to a request that also binds its authority and body ({@code gatecheck.gateway.hmac.components
     * =@authority,content-digest}): {@code Content-Digest} ({@code sha-256} of {@code body}), {@code Signature-Input}
     * and {@code Signature}. {@code authority} is the {@code Host} header the application receives.
     *
     * @throws IllegalArgumentException as {@link #sign(String, String, Optional, Map)}
     */
    public Map<String, String> sign(String method, String authority, String path, Optional<String> query,
                                    Map<String, String> identityHeaders, byte[] body) {
        return sign(method, Optional.of(authority), path, query, identityHeaders,
                Optional.of(HmacSigning.contentDigest(body)));
    }

    private Map<String, String> sign(String method, Optional<String> authority, String path, Optional<String> query,
                                     Map<String, String> identityHeaders, Optional<String> contentDigest) {
        return HmacSigning.sign(new HmacSigning.Key(keyId, secret), clock.millis() / 1000, method, authority, path,
                query, identityHeaders, contentDigest);
    }
}
