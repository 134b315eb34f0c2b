package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.HeaderChanges;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * The {@code shared-secret} marker: a static secret header the gateway sets, compared in constant time with
 * every accepted value (several for rotation). The weakest marker: it proves the path, not the identity.
 */
final class SharedSecretMarker implements GatewayMarker {
    private final String header;
    private final List<byte[]> values;

    SharedSecretMarker(String header, List<String> values) {
        this.header = header;
        this.values = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String kind() {
        return "shared-secret";
    }

    @Override
    public Set<String> markerHeaders() {
        return Set.of(HeaderChanges.canonical(header));
    }

    @Override
    public MarkerResult check(AuthRequest request, Set<String> identityHeaders) {
        List<String> sent = request.headers(header);
        if (sent.isEmpty()) {
            return MarkerResult.Absent.INSTANCE;
        }
        if (sent.size() != 1) {
            return new MarkerResult.Fail("shared_secret_not_single");
        }
        byte[] presented = sent.get(0).getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] value : values) {
            match |= MessageDigest.isEqual(value, presented); // every value compared: no early exit
        }
        return match ? MarkerResult.Pass.PLAIN : new MarkerResult.Fail("bad_shared_secret");
    }
}
