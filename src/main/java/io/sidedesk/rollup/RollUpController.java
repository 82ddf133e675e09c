package io.sidedesk.rollup;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.job.JobStatusView;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.RequestDoc;

@RestController
@Tag(name = OpenApiConfiguration.SIDE_CONVERSATIONS)
class RollUpController {

    private final ChildTicketSummary summaries;
    private final BulkChildUpdates bulk;

    RollUpController(ChildTicketSummary summaries, BulkChildUpdates bulk) {
        this.summaries = summaries;
        this.bulk = bulk;
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/child_ticket_summary")
    @Operation(
            operationId = "showChildTicketSummary",
            summary = "The ticket's child tickets as one piece of work (staff): by status, the oldest unsolved, the "
                    + "nearest SLA breach, broken links, and how many the caller may not see")
    ChildTicketSummary.One summary(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_id") long id) {
        return new ChildTicketSummary.One(summaries.of(actor, id));
    }

    @PutMapping("/api/v2/tickets/{ticket_id}/child_tickets")
    @RequestDoc(
            example = "{\"ticket\": {\"status\": \"solved\", \"comment\": {\"body\": \"Fixed upstream\", "
                    + "\"public\": false}}, \"ids\": [41, 42]}",
            required = {"ticket"})
    @Operation(
            operationId = "updateChildTickets",
            summary = "Apply one update to the ticket's child tickets as a job: each child in its own transaction, as "
                    + "PUT /tickets/{id} by the caller, with a result per child; follow the job status",
            description = "`ids`: at most 1000 of the ticket's linked child tickets; without it, every linked child "
                    + "the caller may see. `ticket`: the members of a ticket update (not `safe_update` nor "
                    + "`updated_stamp`, which name one ticket's version).")
    ResponseEntity<JobStatusView.One> update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = BulkRequest.class)))
                    @RequestBody
                    JsonNode body) {
        JobStatusView status = bulk.queue(actor, id, body);
        return ResponseEntity.ok().location(URI.create(status.location())).body(new JobStatusView.One(status));
    }

    /** The body of a bulk update of child tickets, as the API description shows it. */
    @Schema(name = "ChildTicketsUpdateRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record BulkRequest(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    types = "object",
                    description = "The members of a ticket update (PUT /tickets/{id}), applied to each child")
            Object ticket,

            @Schema(description = "Child ticket ids, at most 1000, each once")
            java.util.List<Long> ids) {}
}
