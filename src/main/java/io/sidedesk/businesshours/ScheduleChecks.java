package io.sidedesk.businesshours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sidedesk.web.RecordInvalid;

/**
 * What a schedule and a holiday must be before anything is written, each refusal a 422 naming the member: a time
 * zone is an IANA zone id; an interval lies within the week, within one day (Zendesk's rule: split it at midnight),
 * ends after it starts and overlaps no other; a holiday ends on or after its first day, within 366 days.
 */
final class ScheduleChecks {

    private static final int DAY = 24 * 60;

    /** A holiday lasts at most this many days, first and last included (a leap year). */
    static final int MAX_HOLIDAY_DAYS = 366;

    private static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);

    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    private ScheduleChecks() {}

    /** The name, stripped: required (not blank) when {@code required}, else null when not sent. */
    static String name(String name, boolean required) {
        if (name == null && !required) {
            return null;
        }
        if (name == null || name.isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        return name.strip();
    }

    /** The time zone as given: an IANA zone id the JVM knows ({@code Europe/Paris}, {@code UTC}), not an offset. */
    static String timeZone(String timeZone, boolean required) {
        if (timeZone == null && !required) {
            return null;
        }
        if (timeZone == null || timeZone.isBlank()) {
            throw RecordInvalid.field("time_zone", "is required: an IANA time zone id, such as Europe/Paris");
        }
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw RecordInvalid.field(
                    "time_zone", "must be an IANA time zone id, such as Europe/Paris or America/New_York");
        }
        return timeZone;
    }

    /** The intervals, in order of their start; every one that breaks a rule is named at once. */
    static List<ScheduleView.Interval> intervals(List<ScheduleRequest.Interval> given) {
        Map<String, List<String>> refused = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            ScheduleRequest.Interval interval = given.get(i);
            String at = "intervals[" + i + "].";
            if (interval.endTime() <= interval.startTime()) {
                refused.put(at + "end_time", List.of("must be after start_time"));
            } else if ((interval.endTime() - 1) / DAY != interval.startTime() / DAY) {
                refused.put(
                        at + "end_time",
                        List.of("must be on start_time's day, at most its midnight: an interval cannot span "
                                + "calendar days (split it in two)"));
            }
            for (int j = 0; j < i && !refused.containsKey(at + "end_time"); j++) {
                ScheduleRequest.Interval earlier = given.get(j);
                if (interval.startTime() < earlier.endTime() && earlier.startTime() < interval.endTime()) {
                    refused.put(at + "start_time", List.of("overlaps intervals[" + j + "]"));
                    break;
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new RecordInvalid(refused);
        }
        List<ScheduleView.Interval> sorted = new ArrayList<>();
        given.forEach(interval -> sorted.add(new ScheduleView.Interval(interval.startTime(), interval.endTime())));
        sorted.sort(Comparator.comparingInt(ScheduleView.Interval::startTime));
        return sorted;
    }

    /** A date of a holiday: required; within years 1900 to 9999. */
    static LocalDate date(LocalDate date, String member) {
        if (date == null) {
            throw RecordInvalid.field(member, "is required: a date, such as 2026-12-25");
        }
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            throw RecordInvalid.field(member, "must be a date from " + FIRST_DATE + " to " + LAST_DATE);
        }
        return date;
    }

    /** A holiday's days: the last not before the first, at most {@value #MAX_HOLIDAY_DAYS} days in all. */
    static void days(LocalDate startDate, LocalDate endDate) {
        if (endDate.isBefore(startDate)) {
            throw RecordInvalid.field("end_date", "must not be before start_date");
        }
        if (ChronoUnit.DAYS.between(startDate, endDate) >= MAX_HOLIDAY_DAYS) {
            throw RecordInvalid.field(
                    "end_date", "must be within " + MAX_HOLIDAY_DAYS + " days of start_date, both included");
        }
    }
}
