package io.sidedesk.ticket;

import java.util.UUID;

import io.sidedesk.access.Actor;

/**
 * A ticket was just changed through the API, in the writing transaction, with its row locked. Features
 * that mirror tickets (child tickets) listen synchronously, so a write and its mirror commit together.
 *
 * @param ticket             the ticket as it is now
 * @param comment            the comment this update added, or null
 * @param previousStatus     the status before the update
 * @param actor              who made the update
 * @param sideConversationId the side conversation whose child this ticket is (locked before it), or null
 * @param byPolicy           a roll-up policy made the change (B1), not the actor's own write: no other policy follows
 */
public record TicketUpdated(
        Ticket ticket,
        Comment comment,
        TicketStatus previousStatus,
        Actor actor,
        UUID sideConversationId,
        boolean byPolicy) {

    public TicketUpdated(
            Ticket ticket, Comment comment, TicketStatus previousStatus, Actor actor, UUID sideConversationId) {
        this(ticket, comment, previousStatus, actor, sideConversationId, false);
    }

    public boolean statusChanged() {
        return previousStatus != ticket.getStatus();
    }
}
