package io.sidedesk.ticket;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/tickets")
@Tag(name = OpenApiConfiguration.TICKETS)
class TicketController {

    private static final String ETAG =
            "The ticket's version, `\"{id}-{version}\"`: send it back in If-Match to refuse a stale update";

    /** Lists are by id, the order tickets were created in; Zendesk's other sort keys are accepted and ignored. */
    static final String SORT_BY = "id or created_at: the order tickets were created in (the default). Other values "
            + "Zendesk accepts (updated_at, status, priority, ...) are ignored: the list stays in that order";

    private final TicketReads reads;
    private final TicketWrites writes;
    private final ObjectProvider<TicketSlas> slas;
    private final ObjectProvider<ChildTicketSummaries> summaries;

    TicketController(
            TicketReads reads,
            TicketWrites writes,
            ObjectProvider<TicketSlas> slas,
            ObjectProvider<ChildTicketSummaries> summaries) {
        this.summaries = summaries;
        this.reads = reads;
        this.writes = writes;
        this.slas = slas;
    }

    @GetMapping
    @ListOf(value = "tickets", of = TicketView.class)
    @Operation(
            operationId = "listTickets",
            summary = "List the tickets the caller may see, by id; the filters combine (all of them hold)")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(name = "external_id", required = false) String externalId,
            @Parameter(description = "One status or several, comma-separated: new, open, pending, hold, solved, closed")
                    @RequestParam(required = false)
                    String status,
            @RequestParam(name = "group_id", required = false) Long groupId,
            @RequestParam(name = "assignee_id", required = false) Long assigneeId,
            @RequestParam(name = "requester_id", required = false) Long requesterId,
            @Parameter(description = SORT_BY) @RequestParam(name = "sort_by", required = false) String sortBy,
            @Parameter(description = "asc (the default) or desc", schema = @Schema(allowableValues = {"asc", "desc"}))
                    @RequestParam(name = "sort_order", required = false)
                    String sortOrder,
            Paging paging) {
        TicketReads.Filter filter = new TicketReads.Filter(
                externalId,
                TicketListParameters.statuses(status),
                TicketListParameters.id(groupId, "group_id"),
                TicketListParameters.id(assigneeId, "assignee_id"),
                TicketListParameters.id(requesterId, "requester_id"),
                null,
                TicketListParameters.newestFirst(sortOrder));
        return reads.list(actor, filter, paging).body("tickets");
    }

    @GetMapping("/show_many")
    @Operation(
            operationId = "showManyTickets",
            summary = "Up to 100 tickets by id (ids=1,2,3); tickets the caller may not see are left out")
    TicketView.Many showMany(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Comma-separated ticket ids, at most 100")
                    @RequestParam(required = false)
                    String ids) {
        return new TicketView.Many(reads.showMany(actor, ids));
    }

    @GetMapping("/{ticket_id}")
    @Operation(operationId = "showTicket", summary = "Show a ticket")
    @ApiResponse(
            responseCode = "200",
            description = "The ticket",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified: `If-None-Match` names the ticket's version")
    @Parameter(
            in = ParameterIn.HEADER,
            name = HttpHeaders.IF_NONE_MATCH,
            description = "An ETag this ticket had: answered 304 without a body while it still has that version",
            schema = @Schema(type = "string"))
    TicketView.One show(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long id,
            @Parameter(
                            description = "Comma-separated sideloads: `slas` adds the ticket's SLA targets as they "
                                    + "stand now (staff only; the response then has no ETag, as the time left moves); "
                                    + "`child_ticket_summary` adds its children by status, the oldest unsolved, the "
                                    + "nearest breach, broken links and hidden ones (staff only; no ETag either). "
                                    + "Others are ignored")
                    @RequestParam(required = false)
                    String include,
            WebRequest request) {
        TicketView ticket = reads.show(actor, id);
        List<String> includes = include == null ? List.of() : Arrays.asList(include.split(","));
        if (includes.contains("slas") || includes.contains("child_ticket_summary")) {
            if (includes.contains("slas")) {
                ticket = ticket.withSlas(slas.getObject().slasOf(actor, id));
            }
            if (includes.contains("child_ticket_summary")) {
                ticket = ticket.withChildTicketSummary(summaries.getObject().summaryOf(actor, id));
            }
            return new TicketView.One(ticket);
        }
        // Sets the ETag; null (a 304 without a body) while If-None-Match names it. Not a ResponseEntity, here and in
        // create and update: its return value handler flushes the response, so Tomcat would send it in chunks.
        if (request.checkNotModified(ticket.etag())) {
            return null;
        }
        return new TicketView.One(ticket);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"ticket\": {\"subject\": \"The printer is on fire\", \"comment\": {\"body\": \"Smoke "
                    + "is coming out of the printer on floor 2.\"}, \"requester\": {\"name\": \"Ann Customer\", \"email\": "
                    + "\"ann@example.com\"}, \"priority\": \"urgent\", \"tags\": [\"printer\"]}}",
            required = {"ticket.comment"})
    @Operation(
            operationId = "createTicket",
            summary = "Create a ticket; a comment is required. Location names the new ticket")
    @ApiResponse(
            responseCode = "201",
            description = "The ticket and the audit of its creation",
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "The new ticket's URL",
                        schema = @Schema(type = "string")),
                @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string"))
            })
    TicketView.Written create(
            @AuthenticationPrincipal Actor actor,
            @Valid @RequestBody TicketRequest request,
            HttpServletResponse response) {
        TicketView.Written written = writes.create(actor, request.ticket());
        response.setHeader(HttpHeaders.LOCATION, written.ticket().url());
        response.setHeader(HttpHeaders.ETAG, written.ticket().etag());
        return written;
    }

    @PutMapping("/{ticket_id}")
    @RequestDoc(
            example = "{\"ticket\": {\"status\": \"pending\", \"comment\": {\"body\": \"We are on it: a "
                    + "technician is on the way.\", \"public\": true}}}")
    @Operation(
            operationId = "updateTicket",
            summary = "Update a ticket; a comment in the body adds a comment, macro_id (or macro_ids) applies a macro "
                    + "in the same update. If-Match or safe_update with updated_stamp refuse a stale update (412, 409)")
    @ApiResponse(
            responseCode = "200",
            description = "The ticket and the audit of the update (null if it changed nothing)",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    TicketView.Written update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TicketRequest request,
            HttpServletResponse response) {
        TicketView.Written written = writes.update(actor, id, request.ticket(), ifMatch);
        response.setHeader(HttpHeaders.ETAG, written.ticket().etag());
        return written;
    }

    @DeleteMapping("/{ticket_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteTicket", summary = "Delete a ticket (admins); its history is kept")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_id") long id) {
        writes.delete(actor, id);
    }

    @GetMapping("/{ticket_id}/comments")
    @ListOf(value = "comments", of = CommentView.class)
    @Operation(
            operationId = "listTicketComments",
            summary = "The ticket's comments, oldest first; end-users see public comments only")
    ListPage.Body comments(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_id") long id, Paging paging) {
        return reads.comments(actor, id, paging).body("comments");
    }

    @GetMapping("/{ticket_id}/audits")
    @ListOf(value = "audits", of = AuditView.class)
    @Operation(operationId = "listTicketAudits", summary = "The ticket's history, oldest first (agents and admins)")
    ListPage.Body audits(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_id") long id, Paging paging) {
        return reads.audits(actor, id, paging).body("audits");
    }
}
