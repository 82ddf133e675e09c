package io.sidedesk.sla;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.condition.Conditions;

/** Request bodies of {@code /api/v2/slas/policies}; on update only the members sent change. */
final class SlaPolicyRequest {

    private SlaPolicyRequest() {}

    /** {@code {"sla_policy": {...}}}. */
    record One(@Valid @NotNull(message = "is required") Fields slaPolicy) {}

    record Fields(
            @Size(max = 255, message = "must be at most 255 characters")
            String title,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            @Min(value = 1, message = "must be a whole number from 1")
            @Max(value = SlaPolicies.MAX_POLICIES, message = "must be at most " + SlaPolicies.MAX_POLICIES)
            Integer position,

            Conditions filter,

            @Size(max = 28, message = "can hold at most 28 targets: one per priority and metric")
            List<SlaLanguage.Written> policyMetrics) {}

    /** {@code {"sla_policy_ids": [...]}}: the policies in their new order, first first. */
    record Reorder(
            @NotNull(message = "is required")
            @Size(
                    min = 1,
                    max = SlaPolicies.MAX_POLICIES,
                    message = "must name 1 to " + SlaPolicies.MAX_POLICIES + " policies")
            List<@NotNull(message = "cannot be null") Long> slaPolicyIds) {}
}
