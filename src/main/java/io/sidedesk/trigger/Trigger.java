package io.sidedesk.trigger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import io.sidedesk.web.Positioned;

/** A trigger: its conditions and actions kept as JSON, as the API gives them once checked ({@link TriggerLanguage}). */
@Entity
@Table(name = "triggers")
class Trigger implements Positioned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private String description;

    private boolean active;

    private int position;

    private String categoryId;

    @Column(name = "is_default", updatable = false)
    private boolean isDefault;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String conditions;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String actions;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    protected Trigger() {}

    Trigger(String title, int position, String conditions, String actions, Instant now) {
        this.title = title;
        this.active = true;
        this.position = position;
        this.conditions = conditions;
        this.actions = actions;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void retitle(String title) {
        this.title = title;
    }

    void describe(String description) {
        this.description = description;
    }

    void activate(boolean active) {
        this.active = active;
    }

    @Override
    public void moveTo(int position) {
        this.position = position;
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

    void touch(Instant now) {
        this.updatedAt = now;
    }

    @Override
    public Long getId() {
        return id;
    }

    String getTitle() {
        return title;
    }

    String getDescription() {
        return description;
    }

    boolean isActive() {
        return active;
    }

    @Override
    public int getPosition() {
        return position;
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

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
