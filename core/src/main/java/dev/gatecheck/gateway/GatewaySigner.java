package dev.gatecheck.gateway;

import dev.gatecheck.AuthRequest;
import dev.gatecheck.internal.IdentityValues;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Produces the {@code Signature-Input} and {@code Signature} headers of Gatecheck's RFC 9421 {@code hmac} marker
 * profile, for gateways written in Java and for tests: {@code hmac-sha256} over {@code @method}, {@code @path},
 * {@code @query} and each identity header, with {@code created} and {@code keyid}; optionally also over
 * {@code @authority} and the body's {@code Content-Digest} (RFC 9530).
 */
public final class GatewaySigner {
    /** The signature label this signer writes. */
    public static final String LABEL = "gw";
    static final String ALGORITHM = "hmac-sha256";
    static final int MIN_SECRET_BYTES = 32;

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
        return sign(method, Optional.of(authority), path, query, identityHeaders, Optional.of(ContentDigest.of(body)));
    }

    private Map<String, String> sign(String method, Optional<String> authority, String path, Optional<String> query,
                                     Map<String, String> identityHeaders, Optional<String> contentDigest) {
        List<String> components = new ArrayList<>(List.of("@method"));
        authority.ifPresent(a -> components.add("@authority"));
        components.addAll(List.of("@path", "@query"));
        contentDigest.ifPresent(d -> components.add(HmacMarker.CONTENT_DIGEST));
        identityHeaders.forEach((name, value) -> {
            if (!IdentityValues.isFaithful(value)) {
                throw new IllegalArgumentException("cannot sign " + name + ": a control character or whitespace at"
                        + " either end");
            }
            components.add(name.toLowerCase(Locale.ROOT));
        });
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", clock.millis() / 1000);
        params.put("keyid", keyId);
        params.put("alg", ALGORITHM);
        String signatureParams = StructuredFields.serialize(components, params);
        Map<String, String> headers = new LinkedHashMap<>();
        contentDigest.ifPresent(d -> headers.put("Content-Digest", d));
        Map<String, String> sent = new LinkedHashMap<>(identityHeaders);
        sent.putAll(headers);
        authority.ifPresent(a -> sent.put("Host", a));
        AuthRequest request = request(method, path, query, sent);
        String base;
        try {
            base = SignatureBase.of(request, components, signatureParams);
        } catch (SignatureBase.MissingComponent e) {
            throw new IllegalArgumentException("cannot sign: " + e.getMessage());
        }
        headers.put("Signature-Input", LABEL + "=" + signatureParams);
        headers.put("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(hmac(secret, base)) + ":");
        return headers;
    }

    static byte[] hmac(byte[] secret, String base) {
        return mac(secret).doFinal(base.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC-SHA256 initialised with {@code secret}. */
    static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static AuthRequest request(String method, String path, Optional<String> query, Map<String, String> headers) {
        var builder = AuthRequest.builder(method, path);
        query.ifPresent(builder::query);
        headers.forEach(builder::header);
        return builder.build();
    }
}
