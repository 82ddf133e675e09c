package io.sidedesk.macro;

import java.util.List;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.condition.Definition;
import io.sidedesk.web.DecimalIds;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

/** {@code /api/v2/macros}: staff use the macros available to them; admins and roles that allow it write them. */
@RestController
@Tag(name = OpenApiConfiguration.MACROS)
class MacroController {

    private static final String EXAMPLE = "{\"macro\": {\"title\": \"Billing::Ask Billing about a refund\", "
            + "\"actions\": [{\"field\": \"comment_value\", \"value\": \"Hi {{ticket.requester.first_name}}, we "
            + "have asked our billing team.\"}, {\"field\": \"status\", \"value\": \"pending\"}, "
            + "{\"field\": \"side_conversation_ticket\", \"value\": [\"Refund for ticket {{ticket.id}}\", "
            + "\"<p>Please check the refund.</p>\", \"SupportAssignable:support_assignable/group/81\"]}]}}";

    /** The bulk writes name macros in their bodies or queries, not their paths: one that does not exist is a 404. */
    private static final String NOT_FOUND = "#/components/responses/404";

    /** A preview of an inactive macro is refused, as applying it would be. */
    private static final String INVALID = "#/components/responses/422";

    private static final String BASE = "/api/v2/macros";

    private final Macros macros;

    MacroController(Macros macros) {
        this.macros = macros;
    }

    @GetMapping(BASE)
    @ListOf(value = "macros", of = MacroView.class)
    @Operation(operationId = "listMacros", summary = "The macros the caller may use, by position (admins: every macro)")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @Parameter(
                            description = "personal (the caller's own), agents (every agent's personal macros; "
                                    + "admins), shared (everyone's or groups'), account (everyone's)")
                    @RequestParam(required = false)
                    String access,
            @RequestParam(required = false) Boolean active,
            @Parameter(description = "Macros restricted to this group")
                    @RequestParam(name = "group_id", required = false)
                    Long groupId,
            @Parameter(description = "Macros whose title starts with this category and `::`")
                    @RequestParam(required = false)
                    String category,
            @Parameter(description = "position (default), created_at, updated_at or alphabetical")
                    @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            Paging paging) {
        return macros.list(actor, new Macros.Filter(access, active, groupId, category, null), sortBy, paging)
                .body("macros");
    }

    @GetMapping(BASE + "/active")
    @ListOf(value = "macros", of = MacroView.class)
    @Operation(operationId = "listActiveMacros", summary = "The active macros the caller may use")
    ListPage.Body active(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String access,
            @RequestParam(name = "group_id", required = false) Long groupId,
            @RequestParam(required = false) String category,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            Paging paging) {
        return macros.list(actor, new Macros.Filter(access, true, groupId, category, null), sortBy, paging)
                .body("macros");
    }

    @GetMapping(BASE + "/search")
    @ListOf(value = "macros", of = MacroView.class)
    @Operation(operationId = "searchMacros", summary = "Macros the caller may use whose title holds the query")
    ListPage.Body search(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true) @RequestParam(required = false) String query,
            @RequestParam(required = false) String access,
            @RequestParam(required = false) Boolean active,
            @RequestParam(name = "group_id", required = false) Long groupId,
            @RequestParam(required = false) String category,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            Paging paging) {
        return macros.search(actor, query, new Macros.Filter(access, active, groupId, category, null), sortBy, paging)
                .body("macros");
    }

    @GetMapping(BASE + "/actions")
    @Operation(
            operationId = "listMacroActions",
            summary = "The actions macros understand, with their values where they take one of a list")
    Actions actions(@AuthenticationPrincipal Actor actor) {
        actor.requireStaff();
        return new Actions(MacroLanguage.definitions());
    }

    /** {@code {"actions": [...]}}. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "MacroActions")
    record Actions(List<Definition> actions) {}

    @GetMapping(BASE + "/categories")
    @Operation(
            operationId = "listMacroCategories",
            summary = "The categories of the macros the caller may use (titles up to their first `::`)")
    MacroView.Categories categories(@AuthenticationPrincipal Actor actor) {
        return new MacroView.Categories(macros.categories(actor));
    }

    @GetMapping(BASE + "/{macro_id}")
    @Operation(operationId = "showMacro", summary = "Show a macro")
    MacroView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("macro_id") long id) {
        return new MacroView.One(macros.show(actor, id));
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = EXAMPLE,
            required = {"macro.title", "macro.actions"})
    @Operation(
            operationId = "createMacro",
            summary = "Create a macro (admins; agents their personal ones, as their role's macro_access allows); "
                    + "last unless a position is given")
    MacroView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody MacroRequest.One request) {
        return new MacroView.One(macros.create(actor, request.macro()));
    }

    @PutMapping(BASE + "/{macro_id}")
    @RequestDoc(example = "{\"macro\": {\"active\": false}}")
    @Operation(operationId = "updateMacro", summary = "Change a macro: only the members sent")
    MacroView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("macro_id") long id,
            @Valid @RequestBody MacroRequest.One request) {
        return new MacroView.One(macros.update(actor, id, request.macro()));
    }

    @DeleteMapping(BASE + "/{macro_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteMacro", summary = "Delete a macro")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("macro_id") long id) {
        macros.delete(actor, id);
    }

    @PutMapping(BASE + "/update_many")
    @RequestDoc(
            example = "{\"macros\": [{\"id\": 12, \"position\": 1, \"active\": true}]}",
            required = {"macros"})
    @ListOf(value = "macros", of = MacroView.class)
    @Operation(
            operationId = "updateManyMacros",
            summary = "Change the position or activity of up to 100 macros at once: all or none")
    @ApiResponse(responseCode = "200", description = "The macros changed, in the order named")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    ListPage.Body updateMany(@AuthenticationPrincipal Actor actor, @Valid @RequestBody MacroRequest.Many request) {
        return macros.updateMany(actor, request.changes()).body("macros");
    }

    @DeleteMapping(BASE + "/destroy_many")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "destroyManyMacros", summary = "Delete up to 100 macros at once: all or none")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    void destroyMany(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Comma-separated macro ids, at most 100")
                    @RequestParam(required = false)
                    String ids) {
        macros.destroyMany(actor, List.copyOf(DecimalIds.list(ids, "ids", "macro", 100)));
    }

    @GetMapping(BASE + "/{macro_id}/apply")
    @Operation(
            operationId = "showMacroApplied",
            summary = "What the macro sets, placeholders rendered for the caller (no ticket); writes nothing")
    @ApiResponse(responseCode = "200", description = "What applying the macro would set")
    @ApiResponse(responseCode = "422", ref = INVALID)
    MacroView.Applied apply(@AuthenticationPrincipal Actor actor, @PathVariable("macro_id") long id) {
        return macros.preview(actor, id, null);
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/macros/{macro_id}/apply")
    @Operation(
            operationId = "showTicketAfterMacro",
            summary = "What applying the macro to the ticket would change, rendered for it and the caller; writes "
                    + "nothing (apply it with PUT /api/v2/tickets/{ticket_id} and macro_id)")
    @ApiResponse(responseCode = "200", description = "What applying the macro to the ticket would change")
    @ApiResponse(responseCode = "422", ref = INVALID)
    MacroView.Applied applyToTicket(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("ticket_id") long ticketId,
            @PathVariable("macro_id") long id) {
        return macros.preview(actor, id, ticketId);
    }
}
