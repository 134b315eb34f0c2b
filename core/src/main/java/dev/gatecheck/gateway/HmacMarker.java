package dev.gatecheck.gateway;

import dev.gatecheck.AuthRequest;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code hmac} marker: an RFC 9421 HTTP Message Signature ({@code hmac-sha256}) that must cover
 * {@code @method}, {@code @path}, {@code @query} and every identity header present, with {@code created} within
 * the tolerance and a known {@code keyid}. Exactly one signature, parsed strictly as RFC 8941 structured fields.
 */
final class HmacMarker implements GatewayMarker {
    private static final Set<String> REQUIRED = Set.of("@method", "@path", "@query");
    private static final Set<String> KNOWN_PARAMS = Set.of("created", "keyid", "alg", "expires", "nonce", "tag");

    private final Map<String, byte[]> keys;
    private final long toleranceSeconds;
    private final Clock clock;

    HmacMarker(Map<String, byte[]> keys, Duration tolerance, Clock clock) {
        this.keys = Map.copyOf(keys);
        this.toleranceSeconds = tolerance.toSeconds();
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
        if (!(params.get("keyid") instanceof String keyId) || !keys.containsKey(keyId)) {
            return new MarkerResult.Fail("unknown_keyid");
        }
        if (params.containsKey("alg") && !GatewaySigner.ALGORITHM.equals(params.get("alg"))) {
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
        if (!components.containsAll(REQUIRED) || !components.containsAll(identityHeaders)) {
            return new MarkerResult.Fail("components_not_covered");
        }
        String base;
        try {
            // The signature parameters are signed exactly as they were received (after the label and '=').
            base = SignatureBase.of(request, components, rawInput.substring(rawInput.indexOf('=') + 1).trim());
        } catch (SignatureBase.MissingComponent e) {
            return new MarkerResult.Fail(e.getMessage());
        }
        byte[] expected = GatewaySigner.hmac(keys.get(keyId), base);
        return MessageDigest.isEqual(expected, mac) ? MarkerResult.Pass.PLAIN : new MarkerResult.Fail("bad_signature");
    }
}
