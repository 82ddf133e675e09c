package io.sidedesk.businesshours;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Business hours schedules: agents read them, admins write them. Every write is checked whole ({@link
 * ScheduleChecks}) before anything is written. Listed oldest first: the first is the account's default.
 */
@Service
class Schedules {

    /** An account has at most this many schedules. */
    static final int MAX_SCHEDULES = 100;

    /** A schedule has at most this many intervals (a week of split shifts). */
    static final int MAX_INTERVALS = 100;

    /** Zendesk's default: Monday to Friday, 09:00 to 17:00. */
    static final List<ScheduleView.Interval> DEFAULT_INTERVALS = defaultIntervals();

    private final ScheduleRepository schedules;
    private final EntityManager entityManager;
    private final JsonMapper json;
    private final Clock clock;

    Schedules(ScheduleRepository schedules, EntityManager entityManager, JsonMapper json, Clock clock) {
        this.schedules = schedules;
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ListPage<ScheduleView> list(Actor actor, Paging paging) {
        actor.requireStaff();
        Specification<Schedule> every = (root, query, cb) -> cb.conjunction();
        return paging.fetch(schedules, every, Schedule::getId).map(this::view);
    }

    @Transactional(readOnly = true)
    public ScheduleView show(Actor actor, long id) {
        actor.requireStaff();
        return view(find(id));
    }

    @Transactional
    public ScheduleView create(Actor actor, ScheduleRequest.Fields fields) {
        actor.requireAdmin();
        String name = ScheduleChecks.name(fields.name(), true);
        String timeZone = ScheduleChecks.timeZone(fields.timeZone(), true);
        List<ScheduleView.Interval> intervals =
                fields.intervals() == null ? DEFAULT_INTERVALS : ScheduleChecks.intervals(fields.intervals());
        // Creates take turns, so that two cannot both pass the count; reads (the default schedule) do not wait.
        entityManager
                .createNativeQuery("lock table business_hours_schedules in share row exclusive mode")
                .executeUpdate();
        if (schedules.count() >= MAX_SCHEDULES) {
            throw RecordInvalid.field("schedule", "an account can have at most " + MAX_SCHEDULES + " schedules");
        }
        Schedule schedule = new Schedule(name, timeZone, json.writeValueAsString(intervals), now());
        schedules.save(schedule);
        return ScheduleView.of(schedule, intervals);
    }

    @Transactional
    public ScheduleView update(Actor actor, long id, ScheduleRequest.Fields fields) {
        actor.requireAdmin();
        Schedule schedule = find(id);
        String name = ScheduleChecks.name(fields.name(), false);
        String timeZone = ScheduleChecks.timeZone(fields.timeZone(), false);
        List<ScheduleView.Interval> intervals =
                fields.intervals() == null ? null : ScheduleChecks.intervals(fields.intervals());
        if (name != null) {
            schedule.rename(name);
        }
        if (timeZone != null) {
            schedule.moveTo(timeZone);
        }
        if (intervals != null) {
            schedule.replaceIntervals(json.writeValueAsString(intervals));
        }
        schedule.touch(now());
        return view(schedule);
    }

    /** Replaces the schedule's intervals, all of them. */
    @Transactional
    public ScheduleView.Workweek workweek(Actor actor, long id, ScheduleRequest.WorkweekFields fields) {
        actor.requireAdmin();
        Schedule schedule = find(id);
        List<ScheduleView.Interval> intervals = ScheduleChecks.intervals(fields.intervals());
        schedule.replaceIntervals(json.writeValueAsString(intervals));
        schedule.touch(now());
        return new ScheduleView.Workweek(intervals);
    }

    /** Deletes the schedule and its holidays; the next oldest, if any, becomes the account's default. */
    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireAdmin();
        schedules.delete(find(id));
    }

    Schedule find(long id) {
        return schedules.findById(id).orElseThrow(() -> new RecordNotFound("Schedule", id));
    }

    private ScheduleView view(Schedule schedule) {
        return ScheduleView.of(schedule, intervals(json, schedule.getIntervals()));
    }

    /** Intervals as stored: {@code [{"start_time", "end_time"}]}. */
    static List<ScheduleView.Interval> intervals(JsonMapper json, String stored) {
        return List.of(json.readValue(stored, ScheduleView.Interval[].class));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<ScheduleView.Interval> defaultIntervals() {
        List<ScheduleView.Interval> week = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            week.add(new ScheduleView.Interval(day * 24 * 60 + 9 * 60, day * 24 * 60 + 17 * 60));
        }
        return List.copyOf(week);
    }
}
