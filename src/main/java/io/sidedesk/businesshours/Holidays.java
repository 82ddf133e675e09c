package io.sidedesk.businesshours;

import java.time.LocalDate;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/** A schedule's holidays: agents read them, admins write them; a holiday of another schedule is a 404. */
@Service
class Holidays {

    /** A schedule has at most this many holidays. */
    static final int MAX_HOLIDAYS = 1000;

    private final HolidayRepository holidays;
    private final Schedules schedules;
    private final EntityManager entityManager;

    Holidays(HolidayRepository holidays, Schedules schedules, EntityManager entityManager) {
        this.holidays = holidays;
        this.schedules = schedules;
        this.entityManager = entityManager;
    }

    @Transactional(readOnly = true)
    public ListPage<ScheduleView.HolidayView> list(Actor actor, long scheduleId, Paging paging) {
        actor.requireStaff();
        schedules.find(scheduleId);
        Specification<Holiday> of = (root, query, cb) -> cb.equal(root.get("scheduleId"), scheduleId);
        return paging.fetch(holidays, of, Holiday::getId).map(ScheduleView.HolidayView::of);
    }

    @Transactional(readOnly = true)
    public ScheduleView.HolidayView show(Actor actor, long scheduleId, long id) {
        actor.requireStaff();
        return ScheduleView.HolidayView.of(find(scheduleId, id));
    }

    @Transactional
    public ScheduleView.HolidayView create(Actor actor, long scheduleId, ScheduleRequest.HolidayFields fields) {
        actor.requireAdmin();
        // The schedule's row lock: its holiday writes take turns, so that two cannot both pass the count.
        Schedule schedule = schedules.find(scheduleId);
        entityManager.lock(schedule, LockModeType.PESSIMISTIC_WRITE);
        String name = ScheduleChecks.name(fields.name(), true);
        LocalDate startDate = ScheduleChecks.date(fields.startDate(), "start_date");
        LocalDate endDate = ScheduleChecks.date(fields.endDate(), "end_date");
        ScheduleChecks.days(startDate, endDate);
        if (holidays.countByScheduleId(scheduleId) >= MAX_HOLIDAYS) {
            throw RecordInvalid.field("holiday", "a schedule can have at most " + MAX_HOLIDAYS + " holidays");
        }
        return ScheduleView.HolidayView.of(holidays.save(new Holiday(scheduleId, name, startDate, endDate)));
    }

    /** Only the members sent change; the days it is left with must still make a holiday. */
    @Transactional
    public ScheduleView.HolidayView update(
            Actor actor, long scheduleId, long id, ScheduleRequest.HolidayFields fields) {
        actor.requireAdmin();
        Holiday holiday = find(scheduleId, id);
        String name = ScheduleChecks.name(fields.name(), false);
        LocalDate startDate = fields.startDate() == null
                ? holiday.getStartDate()
                : ScheduleChecks.date(fields.startDate(), "start_date");
        LocalDate endDate =
                fields.endDate() == null ? holiday.getEndDate() : ScheduleChecks.date(fields.endDate(), "end_date");
        ScheduleChecks.days(startDate, endDate);
        if (name != null) {
            holiday.rename(name);
        }
        holiday.reschedule(startDate, endDate);
        return ScheduleView.HolidayView.of(holiday);
    }

    @Transactional
    public void delete(Actor actor, long scheduleId, long id) {
        actor.requireAdmin();
        holidays.delete(find(scheduleId, id));
    }

    private Holiday find(long scheduleId, long id) {
        schedules.find(scheduleId);
        return holidays.findByIdAndScheduleId(id, scheduleId).orElseThrow(() -> new RecordNotFound("Holiday", id));
    }
}
