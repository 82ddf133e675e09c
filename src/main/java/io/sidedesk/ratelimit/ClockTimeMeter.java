package io.sidedesk.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;

/**
 * Bucket4j's time read from the service's {@link Clock}, to the millisecond, as Bucket4j's own
 * {@link TimeMeter#SYSTEM_MILLISECONDS} reads the system's: on the system clock the two are the same, and a test
 * that sets the service's clock decides when a bucket refills.
 */
record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
