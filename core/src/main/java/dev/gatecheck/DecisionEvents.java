package dev.gatecheck;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.events.GatecheckListener.Decided;
import dev.gatecheck.events.GatecheckListener.Outcome;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells the engine's listeners of each decision: outcome, code, reason, route, the identity established, the gateway
 * marker involved, the peer and the time taken. Built only when listeners are registered.
 */
final class DecisionEvents {
    private final GatecheckListener listeners;
    /** The configured markers, which vouch for every gateway identity ({@code hmac,trusted-proxy}). */
    private final Optional<String> gatewayMarkers;

    DecisionEvents(GatecheckListener listeners, GatecheckConfig config) {
        this.listeners = listeners;
        this.gatewayMarkers = config.gateway().map(GatewayConfig::markers).filter(markers -> !markers.isEmpty())
                .map(markers -> markers.stream().map(GatewayConfig.Marker::key).collect(Collectors.joining(",")));
    }

    /** Tells the listeners that {@code request} got {@code decision} after {@code nanos}. */
    void decided(AuthRequest request, Decision decision, long nanos) {
        listeners.onDecision(event(request, decision, Duration.ofNanos(nanos)));
    }

    private Decided event(AuthRequest request, Decision decision, Duration took) {
        if (decision instanceof Decision.Allow allow) {
            Optional<String> marker = allow.identity().filter(i -> i.method() == AuthMethod.GATEWAY)
                    .flatMap(i -> gatewayMarkers);
            return new Decided(Outcome.ALLOW, Optional.empty(), Optional.empty(), allow.route(), allow.identity(),
                    marker, request.peerAddress(), took);
        }
        Decision.Deny deny = (Decision.Deny) decision;
        Rejection rejection = deny.rejection();
        return new Decided(Outcome.DENY, Optional.of(rejection.code()), Optional.of(rejection.detail()), deny.route(),
                Optional.empty(), failedMarker(rejection), request.peerAddress(), took);
    }

    /** The marker a gateway denial names ({@code hmac} of {@code hmac:bad_signature}). */
    private static Optional<String> failedMarker(Rejection rejection) {
        int colon = rejection.detail().indexOf(':');
        return rejection.code() == ErrorCode.UNTRUSTED_IDENTITY_HEADERS && colon > 0
                ? Optional.of(rejection.detail().substring(0, colon)) : Optional.empty();
    }
}
