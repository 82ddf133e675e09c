package io.sidedesk.businesshours;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

/** {@code /api/v2/business_hours/schedules} and their holidays: agents read, admins write. */
@RestController
@RequestMapping("/api/v2/business_hours/schedules")
@Tag(name = OpenApiConfiguration.BUSINESS_HOURS)
class ScheduleController {

    private static final String INTERVALS = "[{\"start_time\": 1980, \"end_time\": 2460}, "
            + "{\"start_time\": 3420, \"end_time\": 3900}, {\"start_time\": 4860, \"end_time\": 5340}, "
            + "{\"start_time\": 6300, \"end_time\": 6780}, {\"start_time\": 7740, \"end_time\": 8220}]";

    private static final String DEFAULT =
            "The oldest schedule (lowest id) is the account's default: SLA metrics with `business_hours: true` "
                    + "count only time inside it, its holidays excepted.";

    private final Schedules schedules;
    private final Holidays holidays;

    ScheduleController(Schedules schedules, Holidays holidays) {
        this.schedules = schedules;
        this.holidays = holidays;
    }

    @GetMapping
    @ListOf(value = "schedules", of = ScheduleView.class)
    @Operation(
            operationId = "listSchedules",
            summary = "List business hours schedules, oldest first (agents and admins)",
            description = DEFAULT)
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return schedules.list(actor, paging).body("schedules");
    }

    @GetMapping("/{schedule_id}")
    @Operation(operationId = "showSchedule", summary = "Show a schedule")
    ScheduleView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("schedule_id") long id) {
        return new ScheduleView.One(schedules.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"schedule\": {\"name\": \"Billing, Paris\", \"time_zone\": \"Europe/Paris\", "
                    + "\"intervals\": " + INTERVALS + "}}",
            required = {"schedule.name", "schedule.time_zone"})
    @Operation(
            operationId = "createSchedule",
            summary = "Create a schedule (admins); without intervals, Monday to Friday 09:00 to 17:00",
            description = "`time_zone` is an IANA zone id (`Europe/Paris`). `intervals` are minutes from Sunday "
                    + "00:00, local time: each within one day (0 to 10080, start before end), none overlapping, 1 to "
                    + Schedules.MAX_INTERVALS + ". An account has at most " + Schedules.MAX_SCHEDULES
                    + " schedules. " + DEFAULT)
    ScheduleView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody ScheduleRequest.One request) {
        return new ScheduleView.One(schedules.create(actor, request.schedule()));
    }

    @PutMapping("/{schedule_id}")
    @RequestDoc(example = "{\"schedule\": {\"name\": \"Billing, Lisbon\", \"time_zone\": \"Europe/Lisbon\"}}")
    @Operation(
            operationId = "updateSchedule",
            summary = "Change a schedule's name, time zone or intervals (admins): only the members sent")
    ScheduleView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("schedule_id") long id,
            @Valid @RequestBody ScheduleRequest.One request) {
        return new ScheduleView.One(schedules.update(actor, id, request.schedule()));
    }

    @PutMapping("/{schedule_id}/workweek")
    @RequestDoc(
            example = "{\"workweek\": {\"intervals\": " + INTERVALS + "}}",
            required = {"workweek.intervals"})
    @Operation(operationId = "updateScheduleWorkweek", summary = "Replace a schedule's intervals, all of them (admins)")
    ScheduleView.OneWorkweek workweek(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("schedule_id") long id,
            @Valid @RequestBody ScheduleRequest.Workweek request) {
        return new ScheduleView.OneWorkweek(schedules.workweek(actor, id, request.workweek()));
    }

    @DeleteMapping("/{schedule_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteSchedule",
            summary = "Delete a schedule and its holidays (admins); the next oldest becomes the default")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("schedule_id") long id) {
        schedules.delete(actor, id);
    }

    @GetMapping("/{schedule_id}/holidays")
    @ListOf(value = "holidays", of = ScheduleView.HolidayView.class)
    @Operation(operationId = "listScheduleHolidays", summary = "A schedule's holidays, oldest first")
    ListPage.Body holidays(@AuthenticationPrincipal Actor actor, @PathVariable("schedule_id") long id, Paging paging) {
        return holidays.list(actor, id, paging).body("holidays");
    }

    @GetMapping("/{schedule_id}/holidays/{holiday_id}")
    @Operation(operationId = "showScheduleHoliday", summary = "Show a holiday of a schedule")
    ScheduleView.OneHoliday holiday(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("schedule_id") long id,
            @PathVariable("holiday_id") long holidayId) {
        return new ScheduleView.OneHoliday(holidays.show(actor, id, holidayId));
    }

    @PostMapping("/{schedule_id}/holidays")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"holiday\": {\"name\": \"Christmas\", \"start_date\": \"2026-12-24\", "
                    + "\"end_date\": \"2026-12-26\"}}",
            required = {"holiday.name", "holiday.start_date", "holiday.end_date"})
    @Operation(
            operationId = "createScheduleHoliday",
            summary = "Add a holiday to a schedule (admins): whole local days off, start_date to end_date",
            description = "`end_date` is not before `start_date`, and a holiday lasts at most "
                    + ScheduleChecks.MAX_HOLIDAY_DAYS + " days. A schedule has at most " + Holidays.MAX_HOLIDAYS
                    + " holidays.")
    ScheduleView.OneHoliday createHoliday(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("schedule_id") long id,
            @Valid @RequestBody ScheduleRequest.OneHoliday request) {
        return new ScheduleView.OneHoliday(holidays.create(actor, id, request.holiday()));
    }

    @PutMapping("/{schedule_id}/holidays/{holiday_id}")
    @RequestDoc(example = "{\"holiday\": {\"end_date\": \"2026-12-27\"}}")
    @Operation(operationId = "updateScheduleHoliday", summary = "Change a holiday (admins): only the members sent")
    ScheduleView.OneHoliday updateHoliday(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("schedule_id") long id,
            @PathVariable("holiday_id") long holidayId,
            @Valid @RequestBody ScheduleRequest.OneHoliday request) {
        return new ScheduleView.OneHoliday(holidays.update(actor, id, holidayId, request.holiday()));
    }

    @DeleteMapping("/{schedule_id}/holidays/{holiday_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteScheduleHoliday", summary = "Delete a holiday (admins)")
    void deleteHoliday(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("schedule_id") long id,
            @PathVariable("holiday_id") long holidayId) {
        holidays.delete(actor, id, holidayId);
    }
}
