package io.sidedesk.sla;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.web.PositionedRule;

/**
 * An SLA policy: its filter and metric targets kept as JSON, as the API gives them once checked
 * ({@link SlaLanguage}); targets in seconds.
 */
@Entity
@Table(name = "sla_policies")
class SlaPolicy extends PositionedRule {

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String filter;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String policyMetrics;

    protected SlaPolicy() {}

    SlaPolicy(String title, int position, String filter, String policyMetrics, Instant now) {
        super(title, position, now);
        this.filter = filter;
        this.policyMetrics = policyMetrics;
    }

    void replaceFilter(String filter) {
        this.filter = filter;
    }

    void replaceMetrics(String policyMetrics) {
        this.policyMetrics = policyMetrics;
    }

    String getFilter() {
        return filter;
    }

    String getPolicyMetrics() {
        return policyMetrics;
    }
}
