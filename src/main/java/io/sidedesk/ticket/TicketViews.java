package io.sidedesk.ticket;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.form.CustomFields;

/** Tickets as the caller reads them: staff read everything; end-users no more than the portal shows. */
@Component
class TicketViews {

    private final ChildLinks links;
    private final CustomFields customFields;
    private final JsonMapper json;

    TicketViews(ChildLinks links, CustomFields customFields, JsonMapper json) {
        this.links = links;
        this.customFields = customFields;
        this.json = json;
    }

    TicketView of(Actor actor, Ticket ticket) {
        return of(actor, List.of(ticket)).get(0);
    }

    /** The view of a ticket whose link the write has already read (and locked): no statement for it. */
    TicketView of(Actor actor, Ticket ticket, Optional<ChildLinks.Link> link) {
        return TicketView.of(ticket, json, link.map(l -> l.childOf(ticket)).orElse(null), readerOf(actor));
    }

    /** Views of tickets, their child ticket links read in one statement for all of them. */
    List<TicketView> of(Actor actor, List<Ticket> shown) {
        Map<Long, ChildLinks.ChildOf> parents = shown.isEmpty() ? Map.of() : links.parentsOf(shown);
        TicketView.Reader reader = shown.isEmpty() ? TicketView.Reader.STAFF : readerOf(actor);
        return shown.stream()
                .map(ticket -> TicketView.of(ticket, json, parents.get(ticket.getId()), reader))
                .toList();
    }

    private TicketView.Reader readerOf(Actor actor) {
        return actor.isEndUser()
                ? TicketView.Reader.endUser(customFields.visibleToEndUsers())
                : TicketView.Reader.STAFF;
    }
}
