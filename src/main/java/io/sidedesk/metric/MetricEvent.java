package io.sidedesk.metric;

import java.time.Instant;
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
}
