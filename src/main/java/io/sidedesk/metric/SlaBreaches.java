package io.sidedesk.metric;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.EntityManager;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records SLA breaches at the moment they happen, with no ticket write to notice them: every few seconds, on one
 * instance at a time (a ShedLock lock row in PostgreSQL), it finds the tickets whose next breach has come and
 * records each breach with the time it happened, so one missed while every instance was down is recorded with its
 * true time when one comes back. Each ticket in its own short transaction; a ticket a write holds is skipped (the
 * write records its due breaches itself), and the ticket's version (its ETag) does not move: a breach changes no
 * field of the ticket.
 */
@Component
class SlaBreaches {

    /** At most this many tickets a run. */
    static final int BATCH = 200;

    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final MetricEngine engine;
    private final MetricEventStore events;
    private final Clock clock;

    SlaBreaches(
            EntityManager entityManager,
            TransactionTemplate transactions,
            MetricEngine engine,
            MetricEventStore events,
            Clock clock) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${sidedesk.sla.breach-check-interval}",
            initialDelayString = "${sidedesk.sla.breach-check-interval}")
    @SchedulerLock(name = "sla-breaches", lockAtMostFor = "PT5M")
    void scheduled() {
        recordDue();
    }

    /** Records every breach due by now; how many tickets had one. */
    int recordDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Long> due = transactions.execute(status -> ids(now));
        int recorded = 0;
        for (long ticketId : due) {
            Boolean done = transactions.execute(status -> record(ticketId));
            recorded += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return recorded;
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(Instant now) {
        return ((List<Number>) entityManager
                        .createNativeQuery("select id from tickets where sla_breach_due_at <= ?1 and not deleted "
                                + "order by sla_breach_due_at limit " + BATCH)
                        .setParameter(1, Timestamp.from(now))
                        .getResultList())
                .stream().map(Number::longValue).toList();
    }

    /** One ticket's due breaches, in a transaction whose own time is the one its events are recorded at. */
    private boolean record(long ticketId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        @SuppressWarnings("unchecked")
        List<String> found = entityManager
                .createNativeQuery(
                        "select cast(metrics as text) from tickets where id = ?1 and sla_breach_due_at <= ?2 "
                                + "for update skip locked")
                .setParameter(1, ticketId)
                .setParameter(2, Timestamp.from(now))
                .getResultList();
        if (found.isEmpty() || found.get(0) == null) {
            return false;
        }
        TicketMetrics metrics = engine.read(found.get(0));
        List<MetricEvent> breaches = metrics.recordBreaches(now);
        Instant due = metrics.breachDueAt();
        entityManager
                .createNativeQuery(
                        "update tickets set metrics = cast(?1 as jsonb), sla_breach_due_at = ?2 where id = ?3")
                .setParameter(1, engine.write(metrics))
                .setParameter(
                        2,
                        new org.hibernate.query.TypedParameterValue<>(
                                org.hibernate.type.StandardBasicTypes.INSTANT, due))
                .setParameter(3, ticketId)
                .executeUpdate();
        events.record(ticketId, breaches, now);
        return !breaches.isEmpty();
    }
}
