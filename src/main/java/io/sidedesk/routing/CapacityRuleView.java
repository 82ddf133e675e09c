package io.sidedesk.routing;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;

/** A capacity rule as the API shows it; ids are strings, as Zendesk's are. */
@Schema(name = "CapacityRule")
record CapacityRuleView(
        String id,
        String url,
        String name,
        @MayBeNull String description,
        @JsonProperty("default") boolean isDefault,
        Capacities capacities,

        @Schema(description = "The agents this rule holds (none for the default, which holds everyone else)")
        List<Long> agentIds,

        Instant createdAt,
        Instant lastUpdatedAt) {

    @Schema(name = "CapacityRuleCapacities")
    record Capacities(int email, int messaging, int voice) {}

    static CapacityRuleView of(CapacityRule rule, List<Long> agentIds) {
        CapacityRule.Capacities capacities = rule.capacities();
        return new CapacityRuleView(
                String.valueOf(rule.getId()),
                ApiUrls.of("capacity/rules", rule.getId()),
                rule.getName(),
                rule.getDescription(),
                rule.isDefault(),
                new Capacities(capacities.email(), capacities.messaging(), capacities.voice()),
                agentIds,
                rule.getCreatedAt(),
                rule.getUpdatedAt());
    }

    record One(CapacityRuleView capacityRule) {}

    record Many(List<CapacityRuleView> capacityRules) {}
}
