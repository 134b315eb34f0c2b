package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.internal.Cidr;
import java.util.List;
import java.util.Set;

/**
 * The {@code trusted-proxy} marker: the socket peer address lies in one of the configured CIDRs. Never enough on
 * its own (any host in the range could send headers); combine it with another marker. A peer outside the ranges
 * is simply no marker.
 */
final class TrustedProxyMarker implements GatewayMarker {
    private final List<Cidr> proxies;

    TrustedProxyMarker(List<Cidr> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    @Override
    public String kind() {
        return "trusted-proxy";
    }

    @Override
    public Set<String> markerHeaders() {
        return Set.of();
    }

    @Override
    public MarkerResult check(AuthRequest request, Set<String> identityHeaders) {
        return request.peerAddress()
                .filter(peer -> proxies.stream().anyMatch(cidr -> cidr.contains(peer)))
                .<MarkerResult>map(peer -> MarkerResult.Pass.PLAIN)
                .orElse(MarkerResult.Absent.INSTANCE);
    }
}
