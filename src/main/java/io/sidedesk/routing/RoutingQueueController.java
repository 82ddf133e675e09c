package io.sidedesk.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;

@RestController
@Tag(name = OpenApiConfiguration.ROUTING)
class RoutingQueueController {

    private final QueuedTickets queued;

    RoutingQueueController(QueuedTickets queued) {
        this.queued = queued;
    }

    @GetMapping("/api/v2/routing/queue")
    @ListOf(value = "queued_tickets", of = QueuedTickets.Queued.class, offset = false)
    @Operation(
            operationId = "listRoutingQueue",
            summary = "The tickets waiting for an agent, in routing order (admins: all; agents: their groups')",
            description = "Routing order: the queue's priority (the standard queue last), the ticket's priority, "
                    + "then the oldest. Cursor paging only.")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return queued.list(actor, paging).body("queued_tickets");
    }
}
