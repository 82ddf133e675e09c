package io.sidedesk.view;

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
import io.sidedesk.directory.RestrictedRules;
import io.sidedesk.web.DecimalIds;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

/** {@code /api/v2/views}: staff run the views available to them; admins write any, agents their personal ones. */
@RestController
@Tag(name = OpenApiConfiguration.VIEWS)
class ViewController {

    private static final String EXAMPLE = "{\"view\": {\"title\": \"Billing: unassigned\", \"all\": ["
            + "{\"field\": \"status\", \"operator\": \"less_than\", \"value\": \"solved\"}, "
            + "{\"field\": \"group_id\", \"operator\": \"is\", \"value\": 81}, "
            + "{\"field\": \"assignee_id\", \"operator\": \"is\", \"value\": \"\"}], "
            + "\"output\": {\"columns\": [\"status\", \"subject\", \"requester\", \"created\"], "
            + "\"sort_by\": \"created_at\", \"sort_order\": \"asc\"}}}";

    private static final String PREVIEW = "{\"view\": {\"all\": [{\"field\": \"child_status\", \"operator\": "
            + "\"less_than\", \"value\": \"solved\"}], \"output\": {\"columns\": [\"subject\", \"group\"]}}}";

    /** The bulk writes name views in their bodies, not their paths: one that does not exist is a 404. */
    private static final String NOT_FOUND = "#/components/responses/404";

    /** A preview's conditions are checked as a view's are. */
    private static final String INVALID = "#/components/responses/422";

    private static final String BASE = "/api/v2/views";

    private final Views views;

    ViewController(Views views) {
        this.views = views;
    }

    @GetMapping(BASE)
    @ListOf(value = "views", of = ViewView.class)
    @Operation(operationId = "listViews", summary = "The views the caller may use, by position (admins: every view)")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @Parameter(
                            description =
                                    "personal (the caller's own), shared (everyone's or groups'), account (everyone's)")
                    @RequestParam(required = false)
                    String access,
            @RequestParam(required = false) Boolean active,
            @Parameter(description = "Views restricted to this group")
                    @RequestParam(name = "group_id", required = false)
                    Long groupId,
            @Parameter(description = "position (default), created_at, updated_at or alphabetical")
                    @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            Paging paging) {
        return views.list(actor, new RestrictedRules.Filter(access, active, groupId, null), sortBy, paging)
                .body("views");
    }

    @GetMapping(BASE + "/active")
    @ListOf(value = "views", of = ViewView.class)
    @Operation(operationId = "listActiveViews", summary = "The active views the caller may use")
    ListPage.Body active(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String access,
            @RequestParam(name = "group_id", required = false) Long groupId,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            Paging paging) {
        return views.list(actor, new RestrictedRules.Filter(access, true, groupId, null), sortBy, paging)
                .body("views");
    }

    @GetMapping(BASE + "/compact")
    @ListOf(value = "views", of = ViewView.class)
    @Operation(
            operationId = "listCompactViews",
            summary = "The first " + Views.MAX_COMPACT + " active views the caller may use, by position")
    ListPage.Body compact(@AuthenticationPrincipal Actor actor) {
        return ListPage.all(views.compact(actor)).body("views");
    }

    @GetMapping(BASE + "/search")
    @ListOf(value = "views", of = ViewView.class)
    @Operation(operationId = "searchViews", summary = "Views the caller may use whose title holds the query")
    ListPage.Body search(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true) @RequestParam(required = false) String query,
            @RequestParam(required = false) String access,
            @RequestParam(required = false) Boolean active,
            @RequestParam(name = "group_id", required = false) Long groupId,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            Paging paging) {
        return views.search(actor, query, new RestrictedRules.Filter(access, active, groupId, null), sortBy, paging)
                .body("views");
    }

    @GetMapping(BASE + "/definitions")
    @Operation(
            operationId = "listViewDefinitions",
            summary = "The conditions views understand, with their operators and values, and the columns they show")
    ViewView.Definitions.One definitions(@AuthenticationPrincipal Actor actor) {
        actor.requireStaff();
        return ViewView.Definitions.of();
    }

    @GetMapping(BASE + "/count_many")
    @Operation(
            operationId = "countManyViews",
            summary = "How many tickets each view holds for the caller (up to " + Views.MAX_COUNT_MANY
                    + " views; those the caller may not use are left out)")
    ViewView.Counts countMany(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Comma-separated view ids, at most " + Views.MAX_COUNT_MANY)
                    @RequestParam(required = false)
                    String ids) {
        return new ViewView.Counts(
                views.countMany(actor, List.copyOf(DecimalIds.list(ids, "ids", "view", Views.MAX_COUNT_MANY))));
    }

    @GetMapping(BASE + "/{view_id}")
    @Operation(operationId = "showView", summary = "Show a view")
    ViewView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("view_id") long id) {
        return new ViewView.One(views.show(actor, id));
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = EXAMPLE,
            required = {"view.title"})
    @Operation(
            operationId = "createView",
            summary = "Create a view (admins any; agents their personal ones, which is what they get without a "
                    + "restriction); last unless a position is given")
    ViewView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody ViewRequest.One request) {
        return new ViewView.One(views.create(actor, request.view()));
    }

    @PutMapping(BASE + "/{view_id}")
    @RequestDoc(example = "{\"view\": {\"active\": false}}")
    @Operation(operationId = "updateView", summary = "Change a view: only the members sent")
    ViewView.One update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("view_id") long id,
            @Valid @RequestBody ViewRequest.One request) {
        return new ViewView.One(views.update(actor, id, request.view()));
    }

    @DeleteMapping(BASE + "/{view_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteView", summary = "Delete a view")
    void delete(@AuthenticationPrincipal Actor actor, @PathVariable("view_id") long id) {
        views.delete(actor, id);
    }

    @PutMapping(BASE + "/update_many")
    @RequestDoc(
            example = "{\"views\": [{\"id\": 12, \"position\": 1, \"active\": true}]}",
            required = {"views"})
    @ListOf(value = "views", of = ViewView.class)
    @Operation(
            operationId = "updateManyViews",
            summary = "Change the position or activity of up to 100 views at once: all or none")
    @ApiResponse(responseCode = "200", description = "The views changed, in the order named")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND)
    ListPage.Body updateMany(@AuthenticationPrincipal Actor actor, @Valid @RequestBody ViewRequest.Many request) {
        return views.updateMany(actor, request.changes()).body("views");
    }

    @GetMapping(BASE + "/{view_id}/tickets")
    @ListOf(value = "tickets", schema = "Ticket")
    @Operation(
            operationId = "listViewTickets",
            summary = "The view's tickets that the caller may see, in the view's order or the one asked (cursor "
                    + "paging orders by id or created_at)")
    ListPage.Body tickets(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("view_id") long id,
            @Parameter(description = "id, created_at, updated_at, status or priority (default: the view's)")
                    @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            @Parameter(description = "asc or desc (default: the view's)")
                    @RequestParam(name = "sort_order", required = false)
                    String sortOrder,
            Paging paging) {
        return views.tickets(actor, id, sortBy, sortOrder, paging).body("tickets");
    }

    @GetMapping(BASE + "/{view_id}/count")
    @Operation(operationId = "countView", summary = "How many tickets the view holds for the caller, counted now")
    ViewView.OneCount count(@AuthenticationPrincipal Actor actor, @PathVariable("view_id") long id) {
        return new ViewView.OneCount(views.count(actor, id));
    }

    @GetMapping(BASE + "/{view_id}/export")
    @ListOf(value = "tickets", schema = "Ticket", with = ViewView.ExportMembers.class)
    @Operation(
            operationId = "exportView",
            summary = "Every ticket of the view the caller may see, by id: page through with page[size] and "
                    + "page[after]")
    ListPage.Body export(@AuthenticationPrincipal Actor actor, @PathVariable("view_id") long id, Paging paging) {
        ListPage.Body body = views.export(actor, id, paging).body("tickets");
        body.members().put("export", new ViewView.Export(id, "ready"));
        return body;
    }

    @PostMapping(BASE + "/preview")
    @RequestDoc(
            example = PREVIEW,
            required = {"view"})
    @ListOf(value = "rows", of = ViewView.Row.class, with = ViewView.PreviewMembers.class)
    @Operation(
            operationId = "previewView",
            summary = "The tickets that conditions hold for the caller, as rows of the columns asked; nothing saved")
    @ApiResponse(responseCode = "200", description = "The rows")
    @ApiResponse(responseCode = "422", ref = INVALID)
    ListPage.Body preview(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody ViewRequest.Preview request, Paging paging) {
        return views.preview(actor, request.view(), paging);
    }

    @PostMapping(BASE + "/preview/count")
    @RequestDoc(
            example = PREVIEW,
            required = {"view"})
    @Operation(operationId = "countViewPreview", summary = "How many tickets conditions hold for the caller")
    @ApiResponse(responseCode = "200", description = "The count")
    @ApiResponse(responseCode = "422", ref = INVALID)
    ViewView.OneCount previewCount(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody ViewRequest.Preview request) {
        return new ViewView.OneCount(views.previewCount(actor, request.view()));
    }
}
