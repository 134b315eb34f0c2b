package dev.gatecheck.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Caffeine's time from the engine's one {@link Clock}, so tests move cache expiry by moving the clock. Internal. */
public final class ClockTicker {
    private ClockTicker() {
    }

    /** A ticker reading {@code clock} (millisecond resolution). */
    public static Ticker of(Clock clock) {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}
