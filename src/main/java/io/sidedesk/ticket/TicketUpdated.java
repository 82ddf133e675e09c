package io.sidedesk.ticket;

/**
 * A ticket was just changed through the API, in the writing transaction, with its row locked. Features
 * that mirror tickets (child tickets) listen synchronously, so a write and its mirror commit together.
 *
 * @param ticket         the ticket as it is now
 * @param comment        the comment this update added, or null
 * @param previousStatus the status before the update
 * @param actorId        who made the update
 */
public record TicketUpdated(Ticket ticket, Comment comment, TicketStatus previousStatus, long actorId) {

    public boolean statusChanged() {
        return previousStatus != ticket.getStatus();
    }
}
