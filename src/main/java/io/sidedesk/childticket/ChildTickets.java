package io.sidedesk.childticket;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.sideconversation.SideConversations;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;

/** Navigation from a parent ticket to its child tickets. */
@Service
class ChildTickets {

    private final Tickets tickets;
    private final SideConversations sideConversations;

    ChildTickets(Tickets tickets, SideConversations sideConversations) {
        this.tickets = tickets;
        this.sideConversations = sideConversations;
    }

    /** The parent's children that the caller may see (R17 holds for children as for any ticket). */
    @Transactional(readOnly = true)
    public ListPage<?> of(Actor actor, long parentId, Paging paging) {
        tickets.checkVisible(actor, parentId);
        return tickets.listAmong(actor, sideConversations.childTicketIds(parentId), paging);
    }
}
