package io.sidedesk.rollup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.ticket.ChildTicketSummaries;
import io.sidedesk.ticket.RollUpWrites;
import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.MayBeNull;

/**
 * A parent's children as one piece of work (B1): by status, the oldest unsolved, the nearest SLA breach, broken
 * links, and how many the caller may not see (a count only, never what they hold). One statement for the summary.
 */
@Service
class ChildTicketSummary implements ChildTicketSummaries {

    private final Tickets tickets;
    private final RollUpWrites writes;

    ChildTicketSummary(Tickets tickets, RollUpWrites writes) {
        this.tickets = tickets;
        this.writes = writes;
    }

    /** The summary of a ticket the caller may see (else a 404); staff only (else a 403). */
    @Transactional(readOnly = true)
    public View of(Actor actor, long ticketId) {
        actor.requireStaff();
        tickets.checkVisible(actor, ticketId);
        return view(ticketId, writes.childSummary(actor, ticketId));
    }

    @Override
    @Transactional(readOnly = true)
    public Object summaryOf(Actor actor, long ticketId) {
        return actor.isStaff() ? view(ticketId, writes.childSummary(actor, ticketId)) : null;
    }

    private static View view(long ticketId, RollUpWrites.ChildSummary summary) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        summary.byStatus().forEach((status, count) -> byStatus.put(status.value(), count));
        long linked =
                summary.byStatus().values().stream().mapToLong(Long::longValue).sum();
        long unsolved = summary.byStatus().entrySet().stream()
                .filter(entry -> RollUpWrites.unsolved(entry.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        return new View(
                ticketId,
                linked,
                byStatus,
                unsolved,
                summary.oldestUnsolvedId() == null
                        ? null
                        : new Oldest(
                                summary.oldestUnsolvedId(),
                                summary.oldestUnsolvedAt(),
                                TicketStatus.of(summary.oldestUnsolvedStatus()).value()),
                summary.nearestBreachId() == null
                        ? null
                        : new Breach(summary.nearestBreachId(), summary.nearestBreachAt()),
                summary.unlinked(),
                summary.hidden());
    }

    @Schema(name = "ChildTicketSummary")
    record View(
            long ticketId,

            @Schema(description = "Linked child tickets the caller may see")
            long linked,

            @Schema(description = "Those by status: new, open, pending, hold, solved, closed")
            Map<String, Long> byStatus,

            long unsolved,

            @MayBeNull @Schema(description = "The unsolved one created first, null if none")
            Oldest oldestUnsolved,

            @MayBeNull @Schema(description = "The unsolved one whose next SLA breach comes first, null if none")
            Breach nearestSlaBreach,

            @Schema(description = "Child tickets the caller may see whose link is broken (R13)")
            long unlinked,

            @Schema(description = "Child tickets the caller may not see, linked or not: a count only")
            long hidden) {}

    @Schema(name = "ChildTicketSummaryOldest")
    record Oldest(long id, Instant createdAt, String status) {}

    @Schema(name = "ChildTicketSummaryBreach")
    record Breach(long id, Instant breachAt) {}

    /** {@code {"child_ticket_summary": {...}}}. */
    record One(View childTicketSummary) {}
}
