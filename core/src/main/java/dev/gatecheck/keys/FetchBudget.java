package dev.gatecheck.keys;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket of outbound fetches, shared by every {@code kid} of one key source: at most {@code capacity} at
 * once, one more each {@code interval} of the injected clock. A flood of random {@code kid}s then costs a few
 * fetches a minute, however many ids it makes up.
 */
final class FetchBudget {
    private final Clock clock;
    private final int capacity;
    private final long intervalMillis;
    private int tokens;
    private long refilledAt;

    FetchBudget(Clock clock, int capacity, Duration interval) {
        this.clock = clock;
        this.capacity = capacity;
        this.intervalMillis = interval.toMillis();
        this.tokens = capacity;
        this.refilledAt = clock.millis();
    }

    /** Takes one fetch from the budget; false when none is left. */
    synchronized boolean tryTake() {
        refill();
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }

    /** How long until the next fetch is allowed (zero when one is allowed now). */
    synchronized Duration untilNext() {
        refill();
        return tokens > 0 ? Duration.ZERO : Duration.ofMillis(intervalMillis - (clock.millis() - refilledAt));
    }

    private void refill() {
        long now = clock.millis();
        if (now < refilledAt) { // the clock went back: count from now
            refilledAt = now;
        }
        long earned = (now - refilledAt) / intervalMillis;
        if (earned > 0) {
            tokens = (int) Math.min(capacity, tokens + earned);
            refilledAt = tokens == capacity ? now : refilledAt + earned * intervalMillis;
        }
    }
}
