package io.sidedesk.metric;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ticket metric event, as Zendesk's incremental export names them: {@code apply_sla}, {@code activate},
 * {@code pause}, {@code fulfill}, {@code breach} or {@code update_status}, of one instance of one metric, at a time.
 * {@code sla} is an {@code apply_sla}'s target and policy; {@code status} an {@code update_status}'s measured time.
 */
record MetricEvent(
        MetricFamily metric,
        int instance,
        String type,
        Instant time,
        Map<String, Object> sla,
        Map<String, Object> status) {

    static MetricEvent of(MetricFamily metric, int instance, String type, Instant time) {
        return new MetricEvent(metric, instance, type, time, null, null);
    }

    /** An {@code apply_sla}: the target (in minutes, rounded up, and seconds) and the policy it comes from. */
    static MetricEvent applySla(
            MetricFamily metric, int instance, Instant time, TicketMetrics.Applied sla, TicketMetrics.Target target) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("id", sla.policyId());
        policy.put("title", sla.title());
        policy.put("description", sla.description());
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("target", (target.seconds() + 59) / 60);
        applied.put("target_in_seconds", target.seconds());
        applied.put("business_hours", target.businessHours());
        applied.put("policy", policy);
        return new MetricEvent(metric, instance, "apply_sla", time, applied, null);
    }
}
