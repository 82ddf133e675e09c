package io.sidedesk.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;

/** {@code /api/v2/search}: Zendesk's query syntax over the tickets (and users) the caller may see. */
@RestController
@Tag(name = OpenApiConfiguration.VIEWS)
class SearchController {

    private static final String QUERY = "Words (all of them), \"a phrase\", word* and terms: type:ticket|user, "
            + "status<solved, priority>normal, ticket_type:incident, group:\"Billing\", group_id:81, assignee:me|none, "
            + "requester:<email>, tags:x, created>2026-01-01, updated<1hour, via:side_conversation, has_children:true, "
            + "child_of:<ticket id>, child_status<solved, order_by:updated, sort:asc; -term negates";

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    /** A ticket or a user, with what it is. */
    @Schema(name = "SearchResult", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record Result(
            @Schema(allowableValues = {"ticket", "user"}) String resultType) {}

    @Schema(name = "SearchCount")
    record Count(long count) {}

    @GetMapping("/api/v2/search")
    @ListOf(value = "results", of = Result.class)
    @Operation(
            operationId = "search",
            summary = "The tickets (or users) a query finds among those the caller may see; pages over the first "
                    + Search.MAX_RESULTS + " results")
    ListPage.Body search(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = QUERY) @RequestParam(required = false) String query,
            @Parameter(description = "created_at, updated_at (default), priority or status")
                    @RequestParam(name = "sort_by", required = false)
                    String sortBy,
            @Parameter(description = "asc or desc (default)") @RequestParam(name = "sort_order", required = false)
                    String sortOrder,
            Paging paging) {
        return search.search(actor, query, sortBy, sortOrder, paging).body("results");
    }

    @GetMapping("/api/v2/search/count")
    @Operation(operationId = "countSearch", summary = "How many tickets a query finds among those the caller may see")
    Count count(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = QUERY) @RequestParam(required = false) String query) {
        return new Count(search.count(actor, query));
    }

    @GetMapping("/api/v2/search/export")
    @ListOf(value = "results", of = Result.class)
    @Operation(
            operationId = "exportSearch",
            summary = "Every ticket a query finds among those the caller may see, by id: page[size] and page[after]")
    ListPage.Body export(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = QUERY) @RequestParam(required = false) String query,
            @Parameter(description = "ticket (the only type exported)")
                    @RequestParam(name = "filter[type]", required = false)
                    String type,
            Paging paging) {
        return search.export(actor, query, type, paging).body("results");
    }
}
