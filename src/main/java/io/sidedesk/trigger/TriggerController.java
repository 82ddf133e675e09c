package io.sidedesk.trigger;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.DecimalIds;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

/** {@code /api/v2/triggers}: agents read, admins write. */
@RestController
@RequestMapping("/api/v2/triggers")
@Tag(name = OpenApiConfiguration.TRIGGERS)
class TriggerController {

    private static final String EXAMPLE = "{\"trigger\": {\"title\": \"Tell Billing about new child tickets\", "
            + "\"conditions\": {\"all\": [{\"field\": \"update_type\", \"operator\": \"is\", \"value\": \"Create\"}, "
            + "{\"field\": \"via_id\", \"operator\": \"is\", \"value\": 100}, "
            + "{\"field\": \"group_id\", \"operator\": \"is\", \"value\": 81}], \"any\": []}, "
            + "\"actions\": [{\"field\": \"notification_group\", \"value\": [\"group_id\", "
            + "\"New child ticket: {{ticket.title}}\", \"{{ticket.latest_comment}}\"]}]}}";

    /** The bulk writes name triggers in their bodies or queries, not their paths: one that does not exist is a 404. */
    private static final String NOT_FOUND = "#/components/responses/404";

    private final Triggers triggers;

    TriggerController(Triggers triggers) {
        this.triggers = triggers;
    }

    @GetMapping
    @ListOf(value = "triggers", of = TriggerView.class)
    @Operation(operationId = "listTriggers", summary = "List triggers, by position (agents and admins)")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Boolean active,
            @RequestParam(name = "category_id", required = false) String categoryId,
            @Parameter(description = "position (default), created_at, updated_at or alphabetical")
                    @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            Paging paging) {
        return triggers.list(actor, active, categoryId, sortBy, paging).body("triggers");
    }

    @GetMapping("/active")
    @ListOf(value = "triggers", of = TriggerView.class)
    @Operation(operationId = "listActiveTriggers", summary = "The active triggers, in the order they run")
    ListPage.Body active(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            Paging paging) {
        return triggers.list(actor, true, null, sortBy, paging).body("triggers");
    }

    @GetMapping("/search")
    @ListOf(value = "triggers", of = TriggerView.class)
    @Operation(operationId = "searchTriggers", summary = "Triggers whose title or description holds the query")
    ListPage.Body search(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true) @RequestParam(required = false) String query,
            @RequestParam(required = false) Boolean active,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            Paging paging) {
        return triggers.search(actor, query, active, sortBy, paging).body("triggers");
    }

    @GetMapping("/definitions")
    @Operation(
            operationId = "showTriggerDefinitions",
            summary = "The conditions and actions triggers understand, with their operators and values")
    TriggerDefinitions.One definitions(@AuthenticationPrincipal Actor actor) {
        actor.requireStaff();
        return new TriggerDefinitions.One(TriggerDefinitions.of());
    }

    @GetMapping("/{trigger_id}")
    @Operation(operationId = "showTrigger", summary = "Show a trigger")
    TriggerView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("trigger_id") long id) {
        return new TriggerView.One(triggers.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = EXAMPLE,
            required = {"trigger.title", "trigger.conditions", "trigger.actions"})
    @Operation(operationId = "createTrigger", summary = "Create a trigger (admins); last unless a position is given")
    TriggerView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody TriggerRequest.One request) {
        return new TriggerView.One(triggers.create(actor, request.trigger()));
    }

    @PutMapping("/{trigger_id}")
    @RequestDoc(example = "{\"trigger\": {\"active\": false}}")
    @Operation(operationId = "updateTrigger", summary = "Change a trigger (admins): only the members sent")
    TriggerView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("trigger_id") long id,
            @Valid @RequestBody TriggerRequest.One request) {
        return new TriggerView.One(triggers.update(actor, id, request.trigger()));
    }

    @DeleteMapping("/{trigger_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteTrigger", summary = "Delete a trigger (admins)")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("trigger_id") long id) {
        triggers.delete(actor, id);
    }

    @PutMapping("/reorder")
    @RequestDoc(
            example = "{\"trigger_ids\": [12, 3, 7]}",
            required = {"trigger_ids"})
    @ListOf(value = "triggers", of = TriggerView.class)
    @Operation(
            operationId = "reorderTriggers",
            summary = "Put triggers in this order, first first (admins); those not named follow")
    @ApiResponse(responseCode = "200", description = "Every trigger, in the new order")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    ListPage.Body reorder(@AuthenticationPrincipal Actor actor, @Valid @RequestBody TriggerRequest.Reorder request) {
        return triggers.reorder(actor, request.triggerIds()).body("triggers");
    }

    @PutMapping("/update_many")
    @RequestDoc(
            example = "{\"triggers\": [{\"id\": 12, \"position\": 1, \"active\": true}]}",
            required = {"triggers"})
    @ListOf(value = "triggers", of = TriggerView.class)
    @Operation(
            operationId = "updateManyTriggers",
            summary = "Change the position, activity or category of up to 100 triggers at once (admins)")
    @ApiResponse(responseCode = "200", description = "The triggers changed, in the order named")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    ListPage.Body updateMany(@AuthenticationPrincipal Actor actor, @Valid @RequestBody TriggerRequest.Many request) {
        return triggers.updateMany(actor, request.triggers()).body("triggers");
    }

    @DeleteMapping("/destroy_many")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "destroyManyTriggers", summary = "Delete up to 100 triggers at once (admins): all or none")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    void destroyMany(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Comma-separated trigger ids, at most 100")
                    @RequestParam(required = false)
                    String ids) {
        triggers.destroyMany(actor, java.util.List.copyOf(DecimalIds.list(ids, "ids", "trigger", 100)));
    }

    @GetMapping("/{trigger_id}/revisions")
    @ListOf(value = "trigger_revisions", of = TriggerView.Revision.class)
    @Operation(operationId = "listTriggerRevisions", summary = "What the trigger was after each write, oldest first")
    ListPage.Body revisions(@AuthenticationPrincipal Actor actor, @PathVariable("trigger_id") long id, Paging paging) {
        return triggers.revisions(actor, id, paging).body("trigger_revisions");
    }

    @GetMapping("/{trigger_id}/revisions/{revision_id}")
    @Operation(operationId = "showTriggerRevision", summary = "One revision of a trigger")
    TriggerView.OneRevision revision(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("trigger_id") long id,
            @PathVariable("revision_id") long revisionId) {
        return new TriggerView.OneRevision(triggers.revision(actor, id, revisionId));
    }
}
