package io.sidedesk.trigger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.web.PositionedRule;

/** A trigger: its conditions and actions kept as JSON, as the API gives them once checked ({@link TriggerLanguage}). */
@Entity
@Table(name = "triggers")
class Trigger extends PositionedRule {

    private boolean active;

    private String categoryId;

    @Column(name = "is_default", updatable = false)
    private boolean isDefault;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String conditions;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String actions;

    protected Trigger() {}

    Trigger(String title, int position, String conditions, String actions, Instant now) {
        super(title, position, now);
        this.active = true;
        this.conditions = conditions;
        this.actions = actions;
    }

    void activate(boolean active) {
        this.active = active;
    }

    /** An empty category is none. */
    void categorize(String categoryId) {
        this.categoryId = categoryId == null || categoryId.isEmpty() ? null : categoryId;
    }

    void replaceConditions(String conditions) {
        this.conditions = conditions;
    }

    void replaceActions(String actions) {
        this.actions = actions;
    }

    boolean isActive() {
        return active;
    }

    String getCategoryId() {
        return categoryId;
    }

    boolean isDefault() {
        return isDefault;
    }

    String getConditions() {
        return conditions;
    }

    String getActions() {
        return actions;
    }
}
