package io.sidedesk.businesshours;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features ask of business hours: the account's default schedule, to count business time in. */
@Service
public class BusinessHours {

    /** The oldest schedule with its holidays, in one statement: every ticket write may ask. */
    private static final String DEFAULT_SCHEDULE = """
            select s.time_zone, s.intervals::text as intervals,
                   coalesce((select json_agg(json_build_array(h.start_date, h.end_date) order by h.id)
                             from business_hours_holidays h where h.schedule_id = s.id), '[]')::text as holidays
            from business_hours_schedules s
            order by s.id
            limit 1""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    BusinessHours(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The account's default schedule: the oldest that exists (lowest id), with its intervals and holidays; empty
     * when there is none. Read in one statement, in the caller's transaction when there is one.
     */
    @Transactional(readOnly = true)
    public Optional<BusinessSchedule> accountSchedule() {
        return jdbc
                .query(
                        DEFAULT_SCHEDULE,
                        (row, number) -> schedule(
                                row.getString("time_zone"), row.getString("intervals"), row.getString("holidays")))
                .stream()
                .findFirst();
    }

    private BusinessSchedule schedule(String timeZone, String intervals, String holidays) {
        List<BusinessSchedule.Interval> week = new ArrayList<>();
        for (ScheduleView.Interval interval : Schedules.intervals(json, intervals)) {
            week.add(new BusinessSchedule.Interval(interval.startTime(), interval.endTime()));
        }
        List<BusinessSchedule.Holiday> days = new ArrayList<>();
        for (JsonNode holiday : json.readTree(holidays)) {
            days.add(new BusinessSchedule.Holiday(
                    LocalDate.parse(holiday.get(0).asString()),
                    LocalDate.parse(holiday.get(1).asString())));
        }
        return new BusinessSchedule(ZoneId.of(timeZone), week, days);
    }
}
