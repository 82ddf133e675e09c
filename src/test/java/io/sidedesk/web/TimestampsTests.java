package io.sidedesk.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timestamps' fast path writes exactly what the dialect's pattern writes, at every edge and in between. */
class TimestampsTests {

    @Test
    void everyInstantIsWrittenAsThePatternWritesIt() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.EPOCH.minusNanos(1),
                Instant.parse("2026-12-06T19:01:52.123456789Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
                Instant.ofEpochSecond(-300_000_000_000L),
                Instant.ofEpochSecond(300_000_000_000L)));
        SplittableRandom random = new SplittableRandom(26);
        for (int i = 0; i < 100_000; i++) {
            // Mostly years 0-9999, some beyond either end.
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            instants.add(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(Timestamps.format(instant)).as("%s", instant).isEqualTo(Timestamps.PATTERN.format(instant));
        }
        assertThat(Timestamps.format(Instant.parse("2026-12-06T19:01:52.123456789Z")))
                .isEqualTo("2026-12-06T19:01:52.123Z");
    }
}
