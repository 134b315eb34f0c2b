package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.Rejection;
import dev.gatecheck.internal.jwt.TokenResult;
import java.util.Optional;

/** What one gateway marker says about a request. */
sealed interface MarkerResult permits MarkerResult.Pass, MarkerResult.Absent, MarkerResult.Fail,
        MarkerResult.Unavailable {

    /** The marker verifies; an assertion also proves an identity (its verified token's memo beside it). */
    record Pass(Optional<TokenResult.Valid> asserted) implements MarkerResult {
        static final Pass PLAIN = new Pass(Optional.empty());
    }

    /** The request carries no such marker. */
    record Absent() implements MarkerResult {
        static final Absent INSTANCE = new Absent();
    }

    /** The marker is present but does not verify: an attack or a broken gateway. */
    record Fail(String reason) implements MarkerResult {
    }

    /** The marker cannot be checked now (its keys are unavailable): an outage, answered 503. */
    record Unavailable(Rejection rejection) implements MarkerResult {
    }
}
