package io.sidedesk.businesshours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Business hours as SLA metrics count them, without Spring or a database: across nights and weekends, holidays, and
 * both daylight-saving changes of a European time zone (2026: clocks forward on Sunday 29 March, back on Sunday 25
 * October).
 */
class BusinessScheduleTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Monday to Friday, 09:00 to 17:00. */
    private static List<BusinessSchedule.Interval> weekdaysNineToFive() {
        List<BusinessSchedule.Interval> intervals = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            intervals.add(new BusinessSchedule.Interval(day * 1440 + 9 * 60, day * 1440 + 17 * 60));
        }
        return intervals;
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private final BusinessSchedule office = new BusinessSchedule(BERLIN, weekdaysNineToFive(), List.of());

    @Test
    void withinOneDayOnlyTheOpenHoursCount() {
        // Thursday 3 December 2026
        assertThat(office.between(berlin("2026-12-03T08:00"), berlin("2026-12-03T10:30")))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(office.between(berlin("2026-12-03T16:00"), berlin("2026-12-03T20:00")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(office.between(berlin("2026-12-03T18:00"), berlin("2026-12-03T20:00")))
                .isZero();
    }

    @Test
    void aWeekendCountsNothing() {
        // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday
        assertThat(office.between(berlin("2026-12-04T16:00"), berlin("2026-12-07T10:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(office.plus(berlin("2026-12-04T16:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-12-07T10:00"));
    }

    @Test
    void plusStartsAtTheNextOpeningWhenClosed() {
        assertThat(office.plus(berlin("2026-12-05T12:00"), Duration.ofMinutes(30)))
                .isEqualTo(berlin("2026-12-07T09:30"));
        assertThat(office.plus(berlin("2026-12-03T17:00"), Duration.ofMinutes(1)))
                .isEqualTo(berlin("2026-12-04T09:01"));
        assertThat(office.plus(berlin("2026-12-03T10:00"), Duration.ZERO)).isEqualTo(berlin("2026-12-03T10:00"));
    }

    @Test
    void holidaysAreClosedAllDay() {
        BusinessSchedule christmas = new BusinessSchedule(
                BERLIN,
                weekdaysNineToFive(),
                List.of(new BusinessSchedule.Holiday(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"))));

        // Wednesday 23 December 17:00 to Monday 28 December 10:00: only Monday's first hour
        assertThat(christmas.between(berlin("2026-12-23T16:00"), berlin("2026-12-28T10:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(christmas.plus(berlin("2026-12-23T16:30"), Duration.ofHours(1)))
                .isEqualTo(berlin("2026-12-28T09:30"));
    }

    @Test
    void overlappingNestedAndAdjoiningHolidaysAreAllClosed() {
        BusinessSchedule closed = new BusinessSchedule(
                BERLIN,
                weekdaysNineToFive(),
                List.of(
                        // Given out of order: Thursday, Monday–Wednesday, Tuesday alone, Wednesday–Thursday
                        new BusinessSchedule.Holiday(LocalDate.parse("2027-01-07"), LocalDate.parse("2027-01-07")),
                        new BusinessSchedule.Holiday(LocalDate.parse("2027-01-04"), LocalDate.parse("2027-01-06")),
                        new BusinessSchedule.Holiday(LocalDate.parse("2027-01-05"), LocalDate.parse("2027-01-05")),
                        new BusinessSchedule.Holiday(LocalDate.parse("2027-01-06"), LocalDate.parse("2027-01-07"))));

        // Monday 4 to Thursday 7 January are off: of that week only Friday counts
        assertThat(closed.between(berlin("2027-01-04T00:00"), berlin("2027-01-09T00:00")))
                .isEqualTo(Duration.ofHours(8));
        assertThat(closed.plus(berlin("2027-01-04T09:00"), Duration.ofHours(1))).isEqualTo(berlin("2027-01-08T10:00"));
    }

    @Test
    void theSpringDaylightSavingChangeShortensTheDayItFallsIn() {
        // Sunday 01:00 to 04:00 local: on 29 March 2026 the clocks skip 02:00 to 03:00, so two hours pass
        BusinessSchedule sundayNight =
                new BusinessSchedule(BERLIN, List.of(new BusinessSchedule.Interval(60, 240)), List.of());

        assertThat(sundayNight.between(berlin("2026-03-28T00:00"), berlin("2026-03-30T00:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(sundayNight.between(berlin("2026-03-21T00:00"), berlin("2026-03-23T00:00")))
                .isEqualTo(Duration.ofHours(3));
        assertThat(sundayNight.plus(berlin("2026-03-29T00:00"), Duration.ofMinutes(90)))
                .isEqualTo(berlin("2026-03-29T03:30"));
    }

    @Test
    void theAutumnDaylightSavingChangeLengthensTheDayItFallsIn() {
        // On 25 October 2026 the clocks go back from 03:00 to 02:00: 01:00 to 04:00 holds four hours
        BusinessSchedule sundayNight =
                new BusinessSchedule(BERLIN, List.of(new BusinessSchedule.Interval(60, 240)), List.of());

        assertThat(sundayNight.between(berlin("2026-10-24T00:00"), berlin("2026-10-26T00:00")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aRoundTheClockScheduleIsWallTime_andAnIntervalMayRunPastMidnight() {
        BusinessSchedule always = new BusinessSchedule(
                BERLIN, List.of(new BusinessSchedule.Interval(0, BusinessSchedule.WEEK)), List.of());
        Instant from = berlin("2026-12-03T10:00");
        Instant to = berlin("2026-12-12T15:45");
        assertThat(always.between(from, to)).isEqualTo(Duration.between(from, to));
        assertThat(always.plus(from, Duration.ofHours(50))).isEqualTo(from.plus(Duration.ofHours(50)));

        // Friday 22:00 to Saturday 02:00
        BusinessSchedule nightShift = new BusinessSchedule(
                BERLIN, List.of(new BusinessSchedule.Interval(5 * 1440 + 22 * 60, 6 * 1440 + 2 * 60)), List.of());
        assertThat(nightShift.between(berlin("2026-12-04T00:00"), berlin("2026-12-06T00:00")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void betweenAndPlusAgree() {
        Instant from = berlin("2026-03-20T13:17");
        for (int minutes : new int[] {1, 59, 480, 481, 2400, 10000}) {
            Instant end = office.plus(from, Duration.ofMinutes(minutes));
            assertThat(office.between(from, end)).as("%d minutes", minutes).isEqualTo(Duration.ofMinutes(minutes));
        }
    }

    @Test
    void schedulesThatMeanNothingAreRefused() {
        assertThatThrownBy(() -> new BusinessSchedule.Interval(600, 600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessSchedule.Interval(-1, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessSchedule.Interval(0, BusinessSchedule.WEEK + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessSchedule(
                        BERLIN,
                        List.of(new BusinessSchedule.Interval(60, 600), new BusinessSchedule.Interval(500, 700)),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new BusinessSchedule.Holiday(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-24")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new BusinessSchedule(BERLIN, List.of(), List.of()).plus(Instant.EPOCH, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
