package io.sidedesk.ticket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordNotFound;

/**
 * Zendesk's per-person ticket lists: the tickets a user requested, is assigned, or is CC'd on, among those the caller
 * may see. End-users list their own only: another user is, to them, one that does not exist (404).
 */
@RestController
@RequestMapping("/api/v2/users/{user_id}/tickets")
@Tag(name = OpenApiConfiguration.TICKETS)
class PersonTicketController {

    private final TicketReads reads;
    private final People people;

    PersonTicketController(TicketReads reads, People people) {
        this.reads = reads;
        this.people = people;
    }

    @GetMapping("/requested")
    @ListOf(value = "tickets", of = TicketView.class)
    @Operation(operationId = "listRequestedTickets", summary = "The tickets the user requested that the caller may see")
    ListPage.Body requested(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long userId,
            @Parameter(description = TicketController.SORT_BY) @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            @Parameter(description = "asc (the default) or desc", schema = @Schema(allowableValues = {"asc", "desc"}))
                    @RequestParam(name = "sort_order", required = false)
                    String sortOrder,
            Paging paging) {
        return list(actor, userId, sortOrder, paging, Kind.REQUESTED);
    }

    @GetMapping("/assigned")
    @ListOf(value = "tickets", of = TicketView.class)
    @Operation(
            operationId = "listAssignedTickets",
            summary = "The tickets assigned to the user that the caller may see")
    ListPage.Body assigned(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long userId,
            @Parameter(description = TicketController.SORT_BY) @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            @Parameter(description = "asc (the default) or desc", schema = @Schema(allowableValues = {"asc", "desc"}))
                    @RequestParam(name = "sort_order", required = false)
                    String sortOrder,
            Paging paging) {
        return list(actor, userId, sortOrder, paging, Kind.ASSIGNED);
    }

    @GetMapping("/ccd")
    @ListOf(value = "tickets", of = TicketView.class)
    @Operation(operationId = "listCcdTickets", summary = "The tickets that CC the user that the caller may see")
    ListPage.Body ccd(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long userId,
            @Parameter(description = TicketController.SORT_BY) @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            @Parameter(description = "asc (the default) or desc", schema = @Schema(allowableValues = {"asc", "desc"}))
                    @RequestParam(name = "sort_order", required = false)
                    String sortOrder,
            Paging paging) {
        return list(actor, userId, sortOrder, paging, Kind.CCD);
    }

    private enum Kind {
        REQUESTED,
        ASSIGNED,
        CCD
    }

    private ListPage.Body list(Actor actor, long userId, String sortOrder, Paging paging, Kind kind) {
        if (!actor.isStaff() && actor.userId() != userId) {
            throw new RecordNotFound("User", userId);
        }
        if (actor.userId() != userId && !people.exists(userId)) {
            throw new RecordNotFound("User", userId);
        }
        TicketReads.Filter filter = new TicketReads.Filter(
                null,
                null,
                null,
                kind == Kind.ASSIGNED ? userId : null,
                kind == Kind.REQUESTED ? userId : null,
                kind == Kind.CCD ? userId : null,
                TicketListParameters.newestFirst(sortOrder));
        return reads.list(actor, filter, paging).body("tickets");
    }
}
