package io.sidedesk.sideconversation;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.IncrementalExport;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@Tag(name = OpenApiConfiguration.SIDE_CONVERSATIONS)
class SideConversationController {

    private static final int EXPORT_LIMIT = 1000;

    private final SideConversations sideConversations;
    private final SideConversationExport export;

    SideConversationController(SideConversations sideConversations, SideConversationExport export) {
        this.sideConversations = sideConversations;
        this.export = export;
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/side_conversations")
    @ListOf(value = "side_conversations", of = SideConversationViews.Conversation.class)
    @Operation(
            operationId = "listSideConversations",
            summary = "The ticket's side conversations (agents and admins); include=events sideloads events")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @RequestParam(required = false) String include,
            Paging paging) {
        return sideConversations
                .list(actor, ticketId, "events".equals(include), paging)
                .body("side_conversations");
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/side_conversations/{side_conversation_id}")
    @Operation(
            operationId = "showSideConversation",
            summary = "Show a side conversation, with its child ticket's live status (child_ticket)")
    SideConversationViews.One show(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @PathVariable("side_conversation_id") UUID id,
            @RequestParam(required = false) String include) {
        return new SideConversationViews.One(sideConversations.show(actor, ticketId, id, "events".equals(include)));
    }

    @PostMapping("/api/v2/tickets/{ticket_id}/side_conversations")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"message\": {\"subject\": \"Can Billing refund order 1234?\", \"body\": \"The "
                    + "customer was charged twice for order 1234.\", \"to\": [{\"support_group_id\": 1}]}, "
                    + "\"copy_fields\": [\"tags\"]}",
            required = {"message", "message.to"})
    @Operation(
            operationId = "createSideConversation",
            summary = "Start a side conversation; addressed to a support group (and agent) it creates a child "
                    + "ticket. copy_fields: tags, followers, ticket_form, requester",
            description = "Child tickets must be on (`tickets_channel` in the account settings) and the group must "
                    + "exist: the example addresses group 1, the first group created.")
    SideConversationViews.Created create(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @Valid @RequestBody SideConversationRequests.Create request) {
        return sideConversations.create(actor, ticketId, request);
    }

    @PostMapping("/api/v2/tickets/{ticket_id}/side_conversations/{side_conversation_id}/reply")
    @RequestDoc(
            example = "{\"message\": {\"body\": \"Thanks: please refund the second charge.\", \"to\": "
                    + "[{\"support_group_id\": 1}]}}",
            required = {"message", "message.to"})
    @Operation(operationId = "replyToSideConversation", summary = "Reply on a side conversation; a closed one reopens")
    SideConversationViews.Replied reply(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @PathVariable("side_conversation_id") UUID id,
            @Valid @RequestBody SideConversationRequests.Reply request) {
        return sideConversations.reply(actor, ticketId, id, request);
    }

    @PutMapping("/api/v2/tickets/{ticket_id}/side_conversations/{side_conversation_id}")
    @RequestDoc(example = "{\"side_conversation\": {\"state\": \"closed\"}}")
    @Operation(
            operationId = "updateSideConversation",
            summary = "Change state (open, closed) or subject; an update event records it")
    SideConversationViews.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @PathVariable("side_conversation_id") UUID id,
            @Valid @RequestBody SideConversationRequests.Update request) {
        return new SideConversationViews.One(sideConversations.update(actor, ticketId, id, request.sideConversation()));
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/side_conversations/{side_conversation_id}/events")
    @ListOf(value = "events", of = SideConversationViews.Event.class)
    @Operation(operationId = "listSideConversationEvents", summary = "The side conversation's events, oldest first")
    ListPage.Body events(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @PathVariable("side_conversation_id") UUID id,
            Paging paging) {
        return sideConversations.events(actor, ticketId, id, paging).body("events");
    }

    @GetMapping("/api/v2/tickets/side_conversations/events")
    @Operation(
            operationId = "exportSideConversationEvents",
            summary = "Incremental export of side conversation events from start_time (admins); follow "
                    + "next_page until it is null, then export again from end_time. Events of the last minute (the settle "
                    + "window) come in a later export, so that none that commits late is ever skipped; dedupe by id")
    SideConversationViews.Export export(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Unix time in seconds: events from then on")
                    @RequestParam(name = "start_time", required = false)
                    Long startTime,
            @RequestParam(required = false) String cursor,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        int limit = perPage == null ? EXPORT_LIMIT : perPage;
        if (limit < 1 || limit > EXPORT_LIMIT) {
            throw new InvalidParameter("per_page", "must be a whole number from 1 to " + EXPORT_LIMIT);
        }
        IncrementalExport.Page<SideConversationEvent> page = export.export(actor, startTime, cursor, limit);
        List<SideConversationViews.Event> events =
                page.rows().stream().map(SideConversationViews.Event::of).toList();
        return new SideConversationViews.Export(events, page.nextPage(), page.endTime(), events.size());
    }
}
