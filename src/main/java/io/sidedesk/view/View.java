package io.sidedesk.view;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.directory.RestrictedRule;

/**
 * A view: its conditions and how it is shown, kept as JSON once checked ({@link ViewLanguage}), and who may use it
 * (a {@link io.sidedesk.directory.Restriction}).
 */
@Entity
@Table(name = "views")
class View extends RestrictedRule {

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String conditions;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String execution;

    @Column(updatable = false)
    private boolean isDefault;

    protected View() {}

    View(String title, int position, String conditions, String execution, Instant now) {
        super(title, position, now);
        this.conditions = conditions;
        this.execution = execution;
    }

    void replaceConditions(String conditions) {
        this.conditions = conditions;
    }

    void replaceExecution(String execution) {
        this.execution = execution;
    }

    String getConditions() {
        return conditions;
    }

    String getExecution() {
        return execution;
    }

    /** One of the standard views a new account has. */
    boolean isDefault() {
        return isDefault;
    }
}
