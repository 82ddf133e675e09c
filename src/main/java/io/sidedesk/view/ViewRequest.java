package io.sidedesk.view;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.condition.Condition;
import io.sidedesk.condition.Conditions;
import io.sidedesk.directory.RestrictedRules;
import io.sidedesk.directory.Restriction;
import io.sidedesk.web.Patch;
import io.sidedesk.web.RecordInvalid;

/** Request bodies of {@code /api/v2/views}; on update only the members sent change. */
final class ViewRequest {

    private ViewRequest() {}

    /** {@code {"view": {...}}}. */
    record One(@Valid @NotNull(message = "is required") Fields view) {}

    /**
     * A view as written: its conditions as Zendesk's create does ({@code all} and {@code any} beside the title) or as
     * a view reads ({@code conditions: {all, any}}), and how it is shown as {@code output}.
     */
    record Fields(
            @Size(max = 255, message = "must be at most 255 characters")
            String title,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            Boolean active,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = Views.MAX_VIEWS, message = "must be at most " + Views.MAX_VIEWS)
            Integer position,

            @Schema(
                    implementation = Restriction.Written.class,
                    nullable = true,
                    description = "Who may use it: null for every agent")
            @Valid
            Patch<Restriction.Written> restriction,

            @Schema(description = "Conditions that must all hold (at least one)")
            List<Condition> all,

            @Schema(description = "Conditions of which one must hold, if any")
            List<Condition> any,

            @Schema(description = "Instead of all and any: {all, any}")
            Conditions conditions,

            @Schema(description = "How the view is shown") Output output) {

        Fields {
            // Left out (as Jackson reads a record's absent member, or a body built in code): unchanged.
            restriction = restriction == null ? Patch.absent() : restriction;
        }

        RestrictedRules.Members members() {
            return new RestrictedRules.Members(title, description, active, position, restriction);
        }

        /** Whether conditions were sent, in either form. */
        boolean conditionsSent() {
            return all != null || any != null || conditions != null;
        }

        /**
         * The conditions sent over {@code current}: {@code conditions} whole, or {@code all} and {@code any} each
         * as sent (one left out stays as it was).
         */
        Conditions sentConditions(Conditions current) {
            if (conditions != null && (all != null || any != null)) {
                throw RecordInvalid.field("conditions", "send conditions or all and any, not both");
            }
            return conditions != null
                    ? conditions
                    : new Conditions(all != null ? all : current.all(), any != null ? any : current.any());
        }

        String conditionsMember() {
            return conditions != null ? "conditions" : "";
        }
    }

    /** {@code output}: the columns shown, and how tickets are grouped and ordered. */
    @Schema(name = "ViewOutput")
    record Output(
            @Schema(description = "Column ids (GET /api/v2/views/definitions lists them), at most 10")
            @Size(max = 10, message = "can name at most 10 columns")
            List<String> columns,

            @Schema(description = "status, priority, type, group, assignee or requester; \"\" for none")
            String groupBy,

            @Schema(allowableValues = {"asc", "desc"}) String groupOrder,

            @Schema(description = "id, created_at, updated_at, status or priority")
            String sortBy,

            @Schema(allowableValues = {"asc", "desc"}) String sortOrder) {

        ViewLanguage.Output written() {
            return new ViewLanguage.Output(columns, groupBy, groupOrder, sortBy, sortOrder);
        }
    }

    /** {@code {"views": [{id, position, active}]}}. */
    record Many(
            @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must hold 1 to 100 views")
            List<@Valid @NotNull(message = "cannot be null") Change> views) {

        List<RestrictedRules.Change> changes() {
            return views.stream()
                    .map(change -> new RestrictedRules.Change(change.id(), change.position(), change.active()))
                    .toList();
        }
    }

    record Change(
            @NotNull(message = "is required") Long id,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = Views.MAX_VIEWS, message = "must be at most " + Views.MAX_VIEWS)
            Integer position,

            Boolean active) {}

    /** {@code {"view": {all, any, output}}}: conditions to run without saving them. */
    record Preview(@Valid @NotNull(message = "is required") Unsaved view) {}

    record Unsaved(List<Condition> all, List<Condition> any, Conditions conditions, Output output) {

        Fields fields() {
            return new Fields(null, null, null, null, null, all, any, conditions, output);
        }
    }
}
