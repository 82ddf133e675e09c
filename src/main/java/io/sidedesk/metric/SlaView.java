package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A ticket's {@code slas} member ({@code include=slas}): each target of the policy applied, with its stage and,
 * while it runs, when it breaches and the time left; and the nearest breach among the child tickets the caller may
 * see.
 */
final class SlaView {

    private SlaView() {}

    static Map<String, Object> of(
            TicketMetrics metrics, Instant now, Supplier<Hours> business, Instant childrenNextBreachAt) {
        List<Map<String, Object>> targets = new ArrayList<>();
        if (metrics != null && metrics.sla != null) {
            for (TicketMetrics.Target target : metrics.sla.targets()) {
                TicketMetrics.Instance instance = metrics.measured(target.metric());
                if (instance != null) {
                    targets.add(target(metrics, target, instance, now, business));
                }
            }
        }
        Map<String, Object> slas = new LinkedHashMap<>();
        slas.put("policy_metrics", targets);
        slas.put("child_tickets_next_breach_at", childrenNextBreachAt);
        return slas;
    }

    private static Map<String, Object> target(
            TicketMetrics metrics,
            TicketMetrics.Target target,
            TicketMetrics.Instance instance,
            Instant now,
            Supplier<Hours> business) {
        Map<String, Object> shown = new LinkedHashMap<>();
        MetricFamily family = target.metric().family();
        Long breachAt = metrics.breachAt.get(target.metric());
        String stage = !instance.open() ? "achieved" : metrics.running(family, instance) ? "active" : "paused";
        shown.put("breach_at", "active".equals(stage) && breachAt != null ? Instant.ofEpochMilli(breachAt) : null);
        shown.put("stage", stage);
        shown.put("metric", target.metric().wire());
        if (!"achieved".equals(stage)) {
            Hours hours = target.businessHours() ? business.get() : Hours.CALENDAR;
            Duration left = Duration.ofSeconds(target.seconds()).minus(metrics.elapsed(family, instance, now, hours));
            long minutes = left.toMinutes();
            if (Math.abs(minutes) >= 24 * 60) {
                shown.put("days", minutes / (24 * 60));
            } else if (Math.abs(minutes) >= 60) {
                shown.put("hours", minutes / 60);
            } else {
                shown.put("minutes", minutes);
            }
        }
        return shown;
    }
}
