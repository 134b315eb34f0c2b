package dev.gatecheck.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so time-based behaviour (TTL, cooldown, staleness) is tested without sleeping. */
public final class MutableClock extends Clock {
    private final AtomicLong millis;
    private final ZoneId zone;

    private MutableClock(AtomicLong millis, ZoneId zone) {
        this.millis = millis;
        this.zone = zone;
    }

    /** A clock standing still at {@code start} until moved. */
    public MutableClock(Instant start) {
        this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
    }

    /** A clock standing still at {@code start} until moved. */
    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /** Sets the time. */
    public void set(Instant instant) {
        millis.set(instant.toEpochMilli());
    }

    /** Moves the clock forward by {@code amount}. */
    public void advance(Duration amount) {
        millis.addAndGet(amount.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(millis, zone);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
