package io.sidedesk.businesshours;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of {@code /api/v2/business_hours/schedules}; on update only the members sent change. */
final class ScheduleRequest {

    private ScheduleRequest() {}

    /** {@code {"schedule": {...}}}. */
    record One(@Valid @NotNull(message = "is required") Fields schedule) {}

    record Fields(
            @Size(max = 255, message = "must be at most 255 characters")
            String name,

            @Size(max = 64, message = "must be at most 64 characters")
            String timeZone,

            @Size(
                    min = 1,
                    max = Schedules.MAX_INTERVALS,
                    message = "must hold 1 to " + Schedules.MAX_INTERVALS + " intervals")
            List<@Valid @NotNull(message = "cannot be null") Interval> intervals) {}

    /** Minutes from Sunday 00:00, local time. */
    record Interval(
            @NotNull(message = "is required")
            @Min(value = 0, message = "must be from 0 to " + BusinessSchedule.WEEK)
            @Max(value = BusinessSchedule.WEEK, message = "must be from 0 to " + BusinessSchedule.WEEK)
            Integer startTime,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be from 0 to " + BusinessSchedule.WEEK)
            @Max(value = BusinessSchedule.WEEK, message = "must be from 0 to " + BusinessSchedule.WEEK)
            Integer endTime) {}

    /** {@code {"workweek": {"intervals": [...]}}}: the schedule's intervals, all of them. */
    record Workweek(@Valid @NotNull(message = "is required") WorkweekFields workweek) {}

    record WorkweekFields(
            @NotNull(message = "is required")
            @Size(
                    min = 1,
                    max = Schedules.MAX_INTERVALS,
                    message = "must hold 1 to " + Schedules.MAX_INTERVALS + " intervals")
            List<@Valid @NotNull(message = "cannot be null") Interval> intervals) {}

    /** {@code {"holiday": {...}}}. */
    record OneHoliday(
            @Valid @NotNull(message = "is required") HolidayFields holiday) {}

    record HolidayFields(
            @Size(max = 255, message = "must be at most 255 characters")
            String name,

            LocalDate startDate,

            LocalDate endDate) {}
}
