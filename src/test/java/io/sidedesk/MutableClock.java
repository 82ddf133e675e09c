package io.sidedesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock the test sets, standing still in between: a test that imports {@link AsTheServiceClock} decides what
 * time the service sees (event times, the export's settle window, rate limit refills), however slow the machine.
 */
public final class MutableClock extends Clock {

    private volatile Instant now = Instant.now();

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same time, read in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock set = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return set.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return set.withZone(other);
            }
        };
    }

    /** The service's clock is a {@link MutableClock}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class AsTheServiceClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }
}
