package io.sidedesk.view;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.directory.Restriction;
import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** A view as the API shows it, in Zendesk's shape. */
@Schema(name = "View")
record ViewView(
        @ReadOnly long id,
        @ReadOnly String url,
        String title,
        @MayBeNull String description,
        boolean active,
        int position,
        @ReadOnly @JsonProperty("default") boolean isDefault,

        @MayBeNull @Schema(description = "Who may use it; null: every agent")
        Restriction.View restriction,

        @Schema(
                types = "object",
                description = "`{all: [{field, operator, value}], any: [...]}` "
                        + "(GET /api/v2/views/definitions lists the fields)")
        @JsonRawValue
        String conditions,

        @ReadOnly Execution execution,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    /** How the view is shown: what {@code output} wrote, with titles. */
    @Schema(name = "ViewExecution")
    record Execution(
            @MayBeNull String groupBy,
            @Schema(allowableValues = {"asc", "desc"}) String groupOrder,
            String sortBy,
            @Schema(allowableValues = {"asc", "desc"}) String sortOrder,
            @MayBeNull Order group,
            Order sort,
            List<Column> columns) {

        static Execution of(ViewLanguage.Execution execution) {
            return new Execution(
                    execution.groupBy(),
                    execution.groupOrder(),
                    execution.sortBy(),
                    execution.sortOrder(),
                    execution.groupBy() == null
                            ? null
                            : new Order(execution.groupBy(), title(execution.groupBy()), execution.groupOrder()),
                    new Order(execution.sortBy(), title(execution.sortBy()), execution.sortOrder()),
                    execution.columns().stream()
                            .map(id -> new Column(id, ViewLanguage.COLUMNS.get(id)))
                            .toList());
        }

        private static String title(String key) {
            String title = ViewLanguage.COLUMNS.get(
                    switch (key) {
                        case "id" -> "nice_id";
                        case "created_at" -> "created";
                        case "updated_at" -> "updated";
                        default -> key;
                    });
            return title == null ? key : title;
        }
    }

    /** A column: its id and title. */
    @Schema(name = "ViewColumn")
    record Column(String id, String title) {}

    /** What the view is grouped or sorted by, and in which order. */
    @Schema(name = "ViewOrder")
    record Order(
            String id,
            String title,
            @Schema(allowableValues = {"asc", "desc"}) String order) {}

    /** The view as a reader sees it: its conditions as they may see them, and the restriction's groups they know. */
    static ViewView of(View view, String conditions, ViewLanguage.Execution execution, Set<Long> hiddenGroups) {
        return new ViewView(
                view.getId(),
                ApiUrls.of("views", view.getId()),
                view.getTitle(),
                view.getDescription(),
                view.isActive(),
                view.getPosition(),
                view.isDefault(),
                Restriction.View.of(view.restriction(), hiddenGroups),
                conditions,
                Execution.of(execution),
                view.getCreatedAt(),
                view.getUpdatedAt());
    }

    @Schema(name = "ViewResponse")
    record One(ViewView view) {}

    /** {@code {"view_count": {...}}}: how many tickets the view holds for the caller, counted now. */
    @Schema(name = "ViewCount")
    record Count(
            @MayBeNull Long viewId,
            @MayBeNull String url,
            long value,
            @Schema(description = "The value as text") String pretty,

            @Schema(description = "Always true: counted when asked")
            boolean fresh) {

        static Count of(Long viewId, long value) {
            return new Count(
                    viewId,
                    viewId == null ? null : ApiUrls.of("views", viewId + "/count"),
                    value,
                    Long.toString(value),
                    true);
        }
    }

    @Schema(name = "ViewCountResponse")
    record OneCount(Count viewCount) {}

    @Schema(name = "ViewCountsResponse")
    record Counts(List<Count> viewCounts) {}

    /** {@code {"definitions": {"conditions_all": [...], "conditions_any": [...]}}}, with the columns. */
    @Schema(name = "ViewDefinitions")
    record Definitions(
            List<io.sidedesk.condition.Definition> conditionsAll,
            List<io.sidedesk.condition.Definition> conditionsAny,
            List<Column> columns) {

        @Schema(name = "ViewDefinitionsResponse")
        record One(Definitions definitions) {}

        static One of() {
            List<io.sidedesk.condition.Definition> conditions =
                    io.sidedesk.condition.Definition.conditions(ViewLanguage.CONDITIONS);
            return new One(new Definitions(
                    conditions,
                    conditions,
                    ViewLanguage.COLUMNS.entrySet().stream()
                            .map(column -> new Column(column.getKey(), column.getValue()))
                            .toList()));
        }
    }

    /** One row of a preview: the ticket, and the value of each column shown. */
    @Schema(name = "ViewRow", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record Row(@Schema(ref = "#/components/schemas/Ticket") Object ticket) {}

    /** What a preview shows besides its rows: the columns, and groups (none: rows come in their order). */
    @Schema(name = "ViewPreviewMembers")
    record PreviewMembers(List<Column> columns, List<Object> groups) {

        static PreviewMembers of(ViewLanguage.Execution execution) {
            return new PreviewMembers(Execution.of(execution).columns(), List.of());
        }
    }

    /** {@code {"export": {"view_id", "status"}}}: the export is the tickets that follow, by cursor. */
    @Schema(name = "ViewExport")
    record Export(
            long viewId,
            @Schema(allowableValues = {"ready"}) String status) {}

    /** What an export shows besides its tickets. */
    @Schema(name = "ViewExportMembers")
    record ExportMembers(Export export) {}
}
