package io.sidedesk.businesshours;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's default schedule (issue 20), as the metrics ask for it: the oldest schedule with its holidays, read
 * in one statement; none when there is no schedule.
 */
class BusinessHoursTests extends ScheduleTestSupport {

    @Autowired
    private BusinessHours businessHours;

    @Autowired
    private StatementCounter statements;

    @Test
    void withoutASchedulesThereIsNoAccountSchedule() {
        assertThat(businessHours.accountSchedule()).isEmpty();
    }

    @Test
    void theAccountScheduleIsTheOldestWithItsIntervalsAndHolidaysReadInOneStatement() {
        long oldest = scheduleIn("Europe/Paris");
        List<Map<String, Object>> everyDay = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            everyDay.add(interval(day * 1440, (day + 1) * 1440));
        }
        long newer = created(Map.of("name", unique("Always"), "time_zone", "UTC", "intervals", everyDay))
                .get("id")
                .asLong();
        holiday(oldest, "Labour Day", "2026-05-01", "2026-05-01");
        holiday(oldest, "Bridge", "2026-05-04", "2026-05-05");
        holiday(newer, "Not the default's", "2026-05-06", "2026-05-06");

        long before = statements.prepared();
        Optional<BusinessSchedule> schedule = businessHours.accountSchedule();
        assertThat(statements.prepared() - before).as("statements").isEqualTo(1);

        assertThat(schedule).isPresent();
        BusinessSchedule paris = schedule.get();
        assertThat(paris.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        // The week of Friday 1 May 2026: Friday, Monday and Tuesday are holidays; Wednesday and Thursday, 9 to 5.
        Instant from = Instant.parse("2026-04-30T22:00:00Z");
        Instant to = Instant.parse("2026-05-07T22:00:00Z");
        assertThat(paris.between(from, to)).isEqualTo(Duration.ofHours(16));
        assertThat(paris.plus(from, Duration.ofMinutes(1))).isEqualTo(Instant.parse("2026-05-06T07:01:00Z"));

        assertThat(admin().delete(schedule(oldest)).status()).isEqualTo(204);
        BusinessSchedule always = businessHours.accountSchedule().orElseThrow();
        assertThat(always.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(always.between(from, to))
                .as("the next oldest, whose holiday counts now")
                .isEqualTo(Duration.ofDays(6));
    }
}
