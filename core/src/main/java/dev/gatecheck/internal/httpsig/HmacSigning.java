package dev.gatecheck.internal.httpsig;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.internal.IdentityValues;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gatecheck's RFC 9421 {@code hmac} profile from the sending side: the one place that builds the signature base
 * and MAC a gateway sends, for {@code GatewaySigner} and the tests. Internal.
 */
public final class HmacSigning {
    /** The signature label the signer writes. */
    public static final String LABEL = "gw";
    /** The only algorithm of the profile. */
    public static final String ALGORITHM = "hmac-sha256";
    /** The fewest secret bytes a key may have. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The RFC 9530 header a signature covers to bind the body. */
    public static final String CONTENT_DIGEST = "content-digest";

    private HmacSigning() {
    }

    /** A signing key: its {@code keyid} and secret. */
    public record Key(String id, byte[] secret) {
    }

    /** The {@code Content-Digest} value ({@code sha-256}) of {@code body}. */
    public static String contentDigest(byte[] body) {
        return ContentDigest.of(body);
    }

    /**
     * The {@code Signature-Input} and {@code Signature} headers (and {@code Content-Digest} when given) for a request
     * carrying {@code identityHeaders}, exactly as the hmac marker verifies them.
     *
     * @throws IllegalArgumentException when a value cannot be signed faithfully
     */
    public static Map<String, String> sign(Key key, long createdSeconds, String method, Optional<String> authority,
                                           String path, Optional<String> query, Map<String, String> identityHeaders,
                                           Optional<String> contentDigest) {
        List<String> components = new ArrayList<>(List.of("@method"));
        authority.ifPresent(a -> components.add("@authority"));
        components.addAll(List.of("@path", "@query"));
        contentDigest.ifPresent(d -> components.add(CONTENT_DIGEST));
        identityHeaders.forEach((name, value) -> {
            if (!IdentityValues.isFaithful(value)) {
                throw new IllegalArgumentException("cannot sign " + name + ": a control character or whitespace at"
                        + " either end");
            }
            components.add(name.toLowerCase(Locale.ROOT));
        });
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", createdSeconds);
        params.put("keyid", key.id());
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
        headers.put("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(hmac(key.secret(), base)) + ":");
        return headers;
    }

    private static byte[] hmac(byte[] secret, String base) {
        return mac(secret).doFinal(base.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC-SHA256 initialised with {@code secret}. */
    public static Mac mac(byte[] secret) {
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
