package io.sidedesk.routing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code {"capacity_rule": {...}}} for create and update; on update only the members sent change. */
record CapacityRuleRequest(
        @Valid @NotNull(message = "is required") Fields capacityRule) {

    static final int MAX_AGENTS = 1000;

    record Fields(
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            String name,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            @JsonProperty("default") Boolean isDefault,

            @Valid Capacities capacities,

            @Size(max = MAX_AGENTS, message = "names at most " + MAX_AGENTS + " agents")
            List<@NotNull(message = "cannot contain null") Long> agentIds) {}

    /** Each channel's capacity; a channel not sent keeps its value (0 on create, email required there). */
    record Capacities(
            @Min(value = 0, message = "must be from 0 to " + CapacityRule.MAX_CAPACITY)
            @Max(value = CapacityRule.MAX_CAPACITY, message = "must be from 0 to " + CapacityRule.MAX_CAPACITY)
            Integer email,

            @Min(value = 0, message = "must be from 0 to " + CapacityRule.MAX_CAPACITY)
            @Max(value = CapacityRule.MAX_CAPACITY, message = "must be from 0 to " + CapacityRule.MAX_CAPACITY)
            Integer messaging,

            @Min(value = 0, message = "must be from 0 to " + CapacityRule.MAX_CAPACITY)
            @Max(value = CapacityRule.MAX_CAPACITY, message = "must be from 0 to " + CapacityRule.MAX_CAPACITY)
            Integer voice) {}
}
