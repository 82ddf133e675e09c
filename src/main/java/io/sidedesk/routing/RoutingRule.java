package io.sidedesk.routing;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.sidedesk.settings.RoutingSettings;
import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.RuleRun;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketRules;
import io.sidedesk.ticket.TicketStatus;

/**
 * Queues a ticket that a write leaves routable, matched to its queue as the write leaves it, and takes out one it
 * leaves not routable, in the write's transaction (after the triggers, which may assign it): every write that records
 * an audit passes here, whoever made it (a router's own included: a trigger may move the ticket it routed). A write
 * that changes no field of the ticket (a comment only) costs nothing; with routing off, one read of the settings.
 */
@Component
@Order(RoutingRule.ORDER)
class RoutingRule implements TicketRules {

    /** After the triggers (0) and the metrics (100): the ticket as they leave it is what is routed. */
    static final int ORDER = 200;

    private final Settings settings;
    private final RoutingEntries entries;
    private final QueueTargets queues;

    RoutingRule(Settings settings, RoutingEntries entries, QueueTargets queues) {
        this.settings = settings;
        this.entries = entries;
        this.queues = queues;
    }

    @Override
    public void apply(RuleRun run) {
        if (!run.isCreation() && run.events().stream().noneMatch(RoutingRule::change)) {
            return;
        }
        RoutingSettings routing = settings.routing();
        if (!routing.enabled()) {
            return;
        }
        Ticket ticket = run.ticket();
        if (Routability.routable(routing, ticket)) {
            // Any change may bring it into another queue (a priority, a tag): matched again, its place kept.
            entries.queue(ticket.getId(), RoutingEntries.Reason.ROUTABLE, queues.queueOf(ticket.getId()));
        } else if (routing.reassignReopened() && reopenedWhileRouted(run, ticket)) {
            entries.queue(ticket.getId(), RoutingEntries.Reason.REOPENED, queues.queueOf(ticket.getId()));
        } else if (!run.isCreation()) {
            entries.remove(ticket.getId());
        }
        // Whatever changed may have freed an agent's place (a routed ticket solved, or given to someone else).
        entries.wakeRoutersAfterCommit();
    }

    private static boolean change(AuditEvent event) {
        return "Change".equals(event.member("type"));
    }

    /** A routed ticket that this write reopened (from pending, on-hold or solved), still with its router's agent. */
    private static boolean reopenedWhileRouted(RuleRun run, Ticket ticket) {
        return ticket.getStatus() == TicketStatus.OPEN
                && ticket.getRoutedTo() != null
                && ticket.getRoutedTo().equals(ticket.getAssigneeId())
                && run.events().stream()
                        .anyMatch(event -> change(event)
                                && "status".equals(event.member("field_name"))
                                && !"new".equals(event.member("previous_value"))
                                && !"open".equals(event.member("previous_value")));
    }
}
