package io.sidedesk.businesshours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.ReadOnly;

/** A schedule as the API shows it. */
@Schema(name = "Schedule")
record ScheduleView(
        @ReadOnly long id,
        @ReadOnly String url,
        String name,

        @Schema(description = "An IANA time zone id: `Europe/Paris`, `America/New_York`, `UTC`")
        String timeZone,

        @Schema(description = "The business hours of the week, in order: minutes from Sunday 00:00, local time")
        List<Interval> intervals,

        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    static ScheduleView of(Schedule schedule, List<Interval> intervals) {
        return new ScheduleView(
                schedule.getId(),
                ApiUrls.of("business_hours/schedules", schedule.getId()),
                schedule.getName(),
                schedule.getTimeZone(),
                intervals,
                schedule.getCreatedAt(),
                schedule.getUpdatedAt());
    }

    /** Business hours from {@code start_time} to {@code end_time}, in minutes from Sunday 00:00. */
    @Schema(name = "ScheduleInterval")
    record Interval(int startTime, int endTime) {}

    @Schema(name = "ScheduleResponse")
    record One(ScheduleView schedule) {}

    @Schema(name = "Workweek")
    record Workweek(List<Interval> intervals) {}

    @Schema(name = "WorkweekResponse")
    record OneWorkweek(Workweek workweek) {}

    /** A holiday as the API shows it: whole local days off, first to last. */
    @Schema(name = "Holiday")
    record HolidayView(@ReadOnly long id, String name, LocalDate startDate, LocalDate endDate) {

        static HolidayView of(Holiday holiday) {
            return new HolidayView(holiday.getId(), holiday.getName(), holiday.getStartDate(), holiday.getEndDate());
        }
    }

    @Schema(name = "HolidayResponse")
    record OneHoliday(HolidayView holiday) {}
}
