package io.sidedesk.routing;

import java.util.Collection;

import io.sidedesk.settings.RoutingSettings;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketStatus;

/** Which tickets routing takes (R21): one rule, used when a write queues a ticket and when a router takes it. */
final class Routability {

    private Routability() {}

    /**
     * Routing is on; the ticket is live, in a group, with no assignee, new or open; and it is a child ticket, or the
     * account routes every ticket, or it carries the routing tag.
     */
    static boolean routable(
            RoutingSettings settings,
            boolean deleted,
            Long groupId,
            Long assigneeId,
            TicketStatus status,
            String viaChannel,
            Collection<String> tags) {
        return settings.enabled()
                && !deleted
                && groupId != null
                && assigneeId == null
                && (status == TicketStatus.NEW || status == TicketStatus.OPEN)
                && (Ticket.VIA_SIDE_CONVERSATION.equals(viaChannel)
                        || settings.routingTag() == null
                        || tags.contains(settings.routingTag()));
    }

    static boolean routable(RoutingSettings settings, Ticket ticket) {
        return routable(
                settings,
                ticket.isDeleted(),
                ticket.getGroupId(),
                ticket.getAssigneeId(),
                ticket.getStatus(),
                ticket.getViaChannel(),
                ticket.getTags());
    }
}
