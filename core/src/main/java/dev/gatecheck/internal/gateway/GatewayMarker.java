package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthRequest;
import java.util.Set;

/** One kind of proof that a request came through the gateway ({@code gatecheck.gateway.marker}). */
interface GatewayMarker {

    /** The configuration name: {@code hmac}, {@code assertion}, {@code shared-secret}, ... */
    String kind();

    /** Canonical names of headers that carry this marker, hidden from the application. */
    Set<String> markerHeaders();

    /** Canonical name prefixes of headers the same gateway sends unsigned, hidden from the application. */
    default Set<String> markerHeaderPrefixes() {
        return Set.of();
    }

    /**
     * Checks {@code request}, whose identity headers (canonical names) are {@code identityHeaders}.
     * Never throws for bad input.
     */
    MarkerResult check(AuthRequest request, Set<String> identityHeaders);
}
