package dev.gatecheck.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token bucket behind key fetches: a burst, then one fetch per interval of the injected clock. */
class FetchBudgetTest {
    private static final Duration INTERVAL = Duration.ofSeconds(6);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final FetchBudget budget = new FetchBudget(clock, 3, INTERVAL);

    private int taken(int attempts) {
        int taken = 0;
        for (int i = 0; i < attempts; i++) {
            taken += budget.tryTake() ? 1 : 0;
        }
        return taken;
    }

    @Test
    void allowsTheBurstThenNothingUntilTheClockMoves() {
        assertThat(taken(10)).as("fetches allowed out of 10 at one instant").isEqualTo(3);
        assertThat(budget.untilNext()).as("wait for the next").isEqualTo(INTERVAL);
        clock.advance(Duration.ofSeconds(4));
        assertThat(budget.untilNext()).as("wait after 4 s").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refillsOnePerIntervalAndNeverBeyondTheBurst() {
        taken(3);
        clock.advance(INTERVAL.multipliedBy(2).plusSeconds(5));
        assertThat(taken(10)).as("after two intervals and 5 s").isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(taken(10)).as("the 5 s left over count towards the next").isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(taken(10)).as("after an hour idle: the burst, no more").isEqualTo(3);
    }

    @Test
    void aClockGoingBackGrantsNothing() {
        taken(3);
        clock.advance(Duration.ofHours(-1));
        assertThat(taken(10)).as("right after the clock went back an hour").isZero();
        clock.advance(INTERVAL);
        assertThat(taken(10)).as("one interval later").isEqualTo(1);
    }
}
