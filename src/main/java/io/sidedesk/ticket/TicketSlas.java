package io.sidedesk.ticket;

import io.sidedesk.access.Actor;

/**
 * What {@code include=slas} adds to a ticket the caller may see: its SLA targets as they stand now and its child
 * tickets' nearest breach. Answered by the metric feature, so that tickets show SLAs without depending on it.
 */
public interface TicketSlas {

    /** The {@code slas} member of the ticket, or null when the caller may not read SLAs (end-users). */
    Object slasOf(Actor actor, long ticketId);
}
