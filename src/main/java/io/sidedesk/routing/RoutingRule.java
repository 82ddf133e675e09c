package io.sidedesk.routing;

import java.util.Set;

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
 * Queues a ticket that a write leaves routable, and takes out one it leaves not routable, in the write's transaction
 * (after the triggers, which may assign it): every write that records an audit passes here, whoever made it. A write
 * that changes none of what routing reads (status, group, assignee, tags) costs nothing.
 */
@Component
@Order(RoutingRule.ORDER)
class RoutingRule implements TicketRules {

    /** After the triggers (0) and the metrics (100): the ticket as they leave it is what is routed. */
    static final int ORDER = 200;

    private static final Set<String> ROUTING_FIELDS = Set.of("status", "group_id", "assignee_id", "tags");

    private final Settings settings;
    private final RoutingEntries entries;

    RoutingRule(Settings settings, RoutingEntries entries) {
        this.settings = settings;
        this.entries = entries;
    }

    @Override
    public void apply(RuleRun run) {
        if (!run.isCreation() && run.events().stream().noneMatch(RoutingRule::routingChange)) {
            return;
        }
        RoutingSettings routing = settings.routing();
        if (!routing.enabled()) {
            return;
        }
        Ticket ticket = run.ticket();
        if (Routability.routable(routing, ticket)) {
            entries.queue(ticket.getId(), RoutingEntries.Reason.ROUTABLE);
        } else if (routing.reassignReopened() && reopenedWhileRouted(run, ticket)) {
            entries.queue(ticket.getId(), RoutingEntries.Reason.REOPENED);
        } else if (!run.isCreation()) {
            entries.remove(ticket.getId());
        }
        // Whatever changed may have freed an agent's place (a routed ticket solved, or given to someone else).
        entries.wakeRoutersAfterCommit();
    }

    private static boolean routingChange(AuditEvent event) {
        return "Change".equals(event.member("type")) && ROUTING_FIELDS.contains(event.member("field_name"));
    }

    /** A routed ticket that this write reopened (from pending, on-hold or solved), still with its router's agent. */
    private static boolean reopenedWhileRouted(RuleRun run, Ticket ticket) {
        return ticket.getStatus() == TicketStatus.OPEN
                && ticket.getRoutedTo() != null
                && ticket.getRoutedTo().equals(ticket.getAssigneeId())
                && run.events().stream()
                        .anyMatch(event -> "Change".equals(event.member("type"))
                                && "status".equals(event.member("field_name"))
                                && !"new".equals(event.member("previous_value"))
                                && !"open".equals(event.member("previous_value")));
    }
}
