package io.sidedesk.ticket;

import io.sidedesk.access.Actor;

/**
 * What {@code include=child_ticket_summary} adds to a ticket the caller may see: its children as one piece of work
 * (B1). Answered by the roll-up feature, so that tickets show it without depending on side conversations.
 */
public interface ChildTicketSummaries {

    /** The {@code child_ticket_summary} member of the ticket, or null when the caller may not read it (end-users). */
    Object summaryOf(Actor actor, long ticketId);
}
