package io.sidedesk.childticket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;

@RestController
@Tag(name = OpenApiConfiguration.SIDE_CONVERSATIONS)
class ChildTicketController {

    private final ChildTickets childTickets;

    ChildTicketController(ChildTickets childTickets) {
        this.childTickets = childTickets;
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/child_tickets")
    @ListOf(value = "tickets", schema = "Ticket")
    @Operation(
            operationId = "listChildTickets",
            summary = "The ticket's child tickets that the caller may see, each a full ticket")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_id") long id, Paging paging) {
        return childTickets.of(actor, id, paging).body("tickets");
    }
}
