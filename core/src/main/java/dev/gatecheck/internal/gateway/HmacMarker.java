package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.internal.httpsig.ContentDigest;
import dev.gatecheck.internal.httpsig.HmacSigning;
import dev.gatecheck.internal.httpsig.SignatureBase;
import dev.gatecheck.internal.httpsig.StructuredFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;

/**
 * The {@code hmac} marker: an RFC 9421 HTTP Message Signature ({@code hmac-sha256}) that must cover
 * {@code @method}, {@code @path}, {@code @query}, the configured extra components ({@code @authority},
 * {@code content-digest}) and every identity header present, with {@code created} within the tolerance and a known
 * {@code keyid}. Exactly one signature, parsed strictly as RFC 8941 structured fields. When {@code content-digest}
 * must be covered, the digest is also checked against the body received.
 */
final class HmacMarker implements GatewayMarker {
    private static final Set<String> ALWAYS_REQUIRED = Set.of("@method", "@path", "@query");
    static final String CONTENT_DIGEST = HmacSigning.CONTENT_DIGEST;
    private static final Set<String> KNOWN_PARAMS = Set.of("created", "keyid", "alg", "expires", "nonce", "tag");

    private final Map<String, ThreadLocal<Mac>> macs;
    private final long toleranceSeconds;
    private final Set<String> required;
    private final Clock clock;

    HmacMarker(Map<String, byte[]> keys, Duration tolerance, Set<String> extraComponents, Clock clock) {
        // One initialised Mac per key and thread: no provider lookup or key setup per request.
        Map<String, ThreadLocal<Mac>> byKeyId = new HashMap<>();
        keys.forEach((id, secret) -> {
            byte[] copy = secret.clone();
            byKeyId.put(id, ThreadLocal.withInitial(() -> HmacSigning.mac(copy)));
        });
        this.macs = Map.copyOf(byKeyId);
        this.toleranceSeconds = tolerance.toSeconds();
        Set<String> all = new HashSet<>(ALWAYS_REQUIRED);
        all.addAll(extraComponents);
        this.required = Set.copyOf(all);
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "hmac";
    }

    @Override
    public Set<String> markerHeaders() {
        return Set.of("signature", "signature-input");
    }

    @Override
    public MarkerResult check(AuthRequest request, Set<String> identityHeaders) {
        List<String> inputs = request.headers("Signature-Input");
        List<String> signatures = request.headers("Signature");
        if (inputs.isEmpty() && signatures.isEmpty()) {
            return MarkerResult.Absent.INSTANCE;
        }
        if (inputs.size() != 1 || signatures.size() != 1) {
            return new MarkerResult.Fail("signature_headers_not_single");
        }
        Map<String, StructuredFields.InnerList> input;
        Map<String, byte[]> signature;
        try {
            input = StructuredFields.innerListDictionary(inputs.get(0));
            signature = StructuredFields.byteSequenceDictionary(signatures.get(0));
        } catch (StructuredFields.ParseException e) {
            return new MarkerResult.Fail("malformed_signature_headers");
        }
        if (input.size() != 1 || signature.size() != 1 || !input.keySet().equals(signature.keySet())) {
            return new MarkerResult.Fail("signature_labels_mismatch");
        }
        String label = input.keySet().iterator().next();
        return verify(request, identityHeaders, input.get(label), signature.get(label), inputs.get(0));
    }

    private MarkerResult verify(AuthRequest request, Set<String> identityHeaders, StructuredFields.InnerList input,
                                byte[] mac, String rawInput) {
        Map<String, Object> params = input.params();
        if (!KNOWN_PARAMS.containsAll(params.keySet())) {
            return new MarkerResult.Fail("unknown_signature_parameter");
        }
        if (!(params.get("created") instanceof Long created)) {
            return new MarkerResult.Fail("created_missing");
        }
        if (!(params.get("keyid") instanceof String keyId) || !macs.containsKey(keyId)) {
            return new MarkerResult.Fail("unknown_keyid");
        }
        if (params.containsKey("alg") && !HmacSigning.ALGORITHM.equals(params.get("alg"))) {
            return new MarkerResult.Fail("alg_not_allowed");
        }
        long now = clock.millis() / 1000;
        if (Math.abs(now - created) > toleranceSeconds
                || (params.get("expires") instanceof Long expires && now > expires)
                || (params.containsKey("expires") && !(params.get("expires") instanceof Long))) {
            return new MarkerResult.Fail("stale_signature");
        }
        List<String> components = input.items();
        if (new HashSet<>(components).size() != components.size()) {
            return new MarkerResult.Fail("duplicate_component");
        }
        if (!components.containsAll(required) || !components.containsAll(identityHeaders)) {
            return new MarkerResult.Fail("components_not_covered");
        }
        String base;
        try {
            // The signature parameters are signed exactly as they were received (after the label and '=').
            base = SignatureBase.of(request, components, rawInput.substring(rawInput.indexOf('=') + 1).trim());
        } catch (SignatureBase.MissingComponent e) {
            return new MarkerResult.Fail(e.getMessage());
        }
        byte[] expected = macs.get(keyId).get().doFinal(base.getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected, mac)) {
            return new MarkerResult.Fail("bad_signature");
        }
        return bodyMismatch(request).<MarkerResult>map(MarkerResult.Fail::new).orElse(MarkerResult.Pass.PLAIN);
    }

    /** When {@code content-digest} must be covered: why the (signed) digest does not match the body received. */
    private Optional<String> bodyMismatch(AuthRequest request) {
        if (!required.contains(CONTENT_DIGEST)) {
            return Optional.empty();
        }
        // The adapters buffer the body on such routes; without one (a route the body limit did not cover) the
        // digest cannot be checked, and the request is refused.
        return request.body().map(body -> ContentDigest.mismatch(request.headers(CONTENT_DIGEST), body))
                .orElse(Optional.of("body_unavailable"));
    }
}
