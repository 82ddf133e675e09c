package io.sidedesk.trigger;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.condition.Conditions;

/** Request bodies of {@code /api/v2/triggers}; on update only the members sent change. */
final class TriggerRequest {

    private TriggerRequest() {}

    /** {@code {"trigger": {...}}}. */
    record One(@Valid @NotNull(message = "is required") Fields trigger) {}

    record Fields(
            @Size(max = 255, message = "must be at most 255 characters")
            String title,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            Boolean active,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = Triggers.MAX_TRIGGERS, message = "must be at most " + Triggers.MAX_TRIGGERS)
            Integer position,

            @Size(max = 64, message = "must be at most 64 characters")
            String categoryId,

            Conditions conditions,

            List<TriggerLanguage.Written> actions) {}

    /** {@code {"trigger_ids": [...]}}: the triggers in their new order, first first. */
    record Reorder(
            @NotNull(message = "is required")
            @Size(
                    min = 1,
                    max = Triggers.MAX_TRIGGERS,
                    message = "must name 1 to " + Triggers.MAX_TRIGGERS + " triggers")
            List<@NotNull(message = "cannot be null") Long> triggerIds) {}

    /** {@code {"triggers": [{id, position, active, category_id}]}}. */
    record Many(
            @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must hold 1 to 100 triggers")
            List<@Valid @NotNull(message = "cannot be null") Change> triggers) {}

    record Change(
            @NotNull(message = "is required") Long id,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = Triggers.MAX_TRIGGERS, message = "must be at most " + Triggers.MAX_TRIGGERS)
            Integer position,

            Boolean active,

            @Size(max = 64, message = "must be at most 64 characters")
            String categoryId) {}
}
