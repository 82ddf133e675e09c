package io.sidedesk.trigger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/** What a trigger was after one write: append-only. */
@Entity
@Immutable
@Table(name = "trigger_revisions")
class TriggerRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long triggerId;

    private Long authorId;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String snapshot;

    private Instant createdAt;

    protected TriggerRevision() {}

    TriggerRevision(long triggerId, Long authorId, String snapshot, Instant createdAt) {
        this.triggerId = triggerId;
        this.authorId = authorId;
        this.snapshot = snapshot;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    long getTriggerId() {
        return triggerId;
    }

    Long getAuthorId() {
        return authorId;
    }

    String getSnapshot() {
        return snapshot;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
