package io.sidedesk.web;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What every ordered business rule row has (triggers, SLA policies): an id, a title and description, its position
 * ({@link Positions}), and when it was made and last written.
 */
@MappedSuperclass
public abstract class PositionedRule implements Positioned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private String description;

    private int position;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    protected PositionedRule() {}

    protected PositionedRule(String title, int position, Instant now) {
        this.title = title;
        this.position = position;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void retitle(String title) {
        this.title = title;
    }

    public void describe(String description) {
        this.description = description;
    }

    @Override
    public void moveTo(int position) {
        this.position = position;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    @Override
    public int getPosition() {
        return position;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
