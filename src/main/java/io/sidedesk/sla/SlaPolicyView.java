package io.sidedesk.sla;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** An SLA policy as the API shows it. */
@Schema(name = "SlaPolicy")
record SlaPolicyView(
        @ReadOnly long id,
        @ReadOnly String url,
        String title,
        @MayBeNull String description,
        int position,

        @JsonRawValue
        @Schema(
                types = "object",
                description = "`{all: [...], any: [...]}` of `{field, operator, value}`: every condition of `all`, "
                        + "and one of `any` if it has any (GET /api/v2/slas/policies/definitions lists them)")
        String filter,

        List<Metric> policyMetrics,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    /** One target: {@code target} is {@code target_in_seconds} in whole minutes, rounded up. */
    @Schema(name = "SlaPolicyMetric")
    record Metric(String priority, String metric, long target, long targetInSeconds, boolean businessHours) {

        static Metric of(PolicyMetric metric) {
            return new Metric(
                    metric.priority(),
                    metric.metric().wire(),
                    SlaLanguage.minutes(metric.targetSeconds()),
                    metric.targetSeconds(),
                    metric.businessHours());
        }
    }

    static SlaPolicyView of(SlaPolicy policy, List<PolicyMetric> metrics) {
        return new SlaPolicyView(
                policy.getId(),
                ApiUrls.of("slas/policies", policy.getId()),
                policy.getTitle(),
                policy.getDescription(),
                policy.getPosition(),
                policy.getFilter(),
                metrics.stream().map(Metric::of).toList(),
                policy.getCreatedAt(),
                policy.getUpdatedAt());
    }

    @Schema(name = "SlaPolicyResponse")
    record One(SlaPolicyView slaPolicy) {}
}
