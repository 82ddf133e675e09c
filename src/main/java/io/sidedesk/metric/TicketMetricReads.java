package io.sidedesk.metric;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.businesshours.BusinessHours;
import io.sidedesk.ticket.ChildLinks;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketSlas;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.IncrementalExport;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;

/**
 * What the API shows of metrics: a ticket's metrics, its SLAs ({@code include=slas}), and the metric events'
 * incremental export. Staff read metrics of the tickets they may see; only admins export.
 */
@Service
class TicketMetricReads implements TicketSlas {

    private final Tickets tickets;
    private final ChildLinks childLinks;
    private final BusinessHours businessHours;
    private final MetricEngine engine;
    private final IncrementalExport export;
    private final EntityManager entityManager;
    private final Clock clock;

    TicketMetricReads(
            Tickets tickets,
            ChildLinks childLinks,
            BusinessHours businessHours,
            MetricEngine engine,
            IncrementalExport export,
            EntityManager entityManager,
            Clock clock) {
        this.tickets = tickets;
        this.childLinks = childLinks;
        this.businessHours = businessHours;
        this.engine = engine;
        this.export = export;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Object slasOf(Actor actor, long ticketId) {
        Ticket ticket = tickets.requireVisible(actor, ticketId);
        if (!actor.isStaff()) {
            return null;
        }
        Instant children =
                tickets.nearestSlaBreach(actor, childLinks.childrenOf(ticketId)).orElse(null);
        return SlaView.of(engine.read(ticket.getMetrics()), clock.instant(), hours(), children);
    }

    @Transactional(readOnly = true)
    public TicketMetricView show(Actor actor, long ticketId) {
        requireStaff(actor);
        Ticket ticket = tickets.requireVisible(actor, ticketId);
        return view(ticket, hours());
    }

    @Transactional(readOnly = true)
    public ListPage<TicketMetricView> list(Actor actor, Paging paging) {
        requireStaff(actor);
        Supplier<Hours> hours = hours();
        return tickets.visiblePage(actor, paging).map(ticket -> view(ticket, hours));
    }

    @Transactional(readOnly = true)
    public IncrementalExport.Page<MetricEventStore.Stored> export(
            Actor actor, Long startTime, String cursor, int limit) {
        if (!actor.isAdmin()) {
            throw new ActionForbidden("Only admins export ticket metric events");
        }
        if (limit < 1 || limit > TicketMetricController.EXPORT_LIMIT) {
            throw new InvalidParameter(
                    "per_page", "must be a whole number from 1 to " + TicketMetricController.EXPORT_LIMIT);
        }
        IncrementalExport.Window window = export.window(startTime, cursor);
        if (window == null) {
            return IncrementalExport.nothingSince(startTime);
        }
        IncrementalExport.Cursor after = window.after();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                        select e.id, e.ticket_id, e.metric, e.instance_id, e.type, e.time, cast(e.sla as text),
                               cast(e.status as text), e.recorded_at, t.deleted
                        from ticket_metric_events e join tickets t on t.id = e.ticket_id
                        where e.recorded_at >= ?1 and e.recorded_at < ?2 and (e.recorded_at, e.id) > (?3, ?4)
                        order by e.recorded_at, e.id
                        limit ?5""")
                .setParameter(1, Timestamp.from(window.start()))
                .setParameter(2, Timestamp.from(window.until()))
                .setParameter(3, Timestamp.from(after == null ? window.start() : after.afterTime()))
                .setParameter(4, after == null ? 0L : after.afterSeq())
                .setParameter(5, limit + 1)
                .getResultList();
        List<MetricEventStore.Stored> found = rows.stream()
                .map(row -> new MetricEventStore.Stored(
                        ((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(),
                        (String) row[2],
                        ((Number) row[3]).intValue(),
                        (String) row[4],
                        instant(row[5]),
                        (String) row[6],
                        (String) row[7],
                        instant(row[8]),
                        (Boolean) row[9]))
                .toList();
        return export.page(window, found, limit, MetricEventStore.Stored::recordedAt, MetricEventStore.Stored::id);
    }

    private TicketMetricView view(Ticket ticket, Supplier<Hours> hours) {
        return TicketMetricView.of(ticket.getId(), engine.read(ticket.getMetrics()), clock.instant(), hours.get());
    }

    private Supplier<Hours> hours() {
        return MetricEngine.accountHours(businessHours);
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isStaff()) {
            throw new ActionForbidden("Only agents and admins read ticket metrics");
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
