package io.sidedesk.sla;

import java.util.List;

/** The policy a ticket falls under: the first by position whose filter holds ({@link SlaPolicies#firstMatching}). */
public record AppliedPolicy(long id, String title, String description, List<PolicyMetric> metrics) {

    public AppliedPolicy {
        metrics = List.copyOf(metrics);
    }
}
