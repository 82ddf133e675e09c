package io.sidedesk.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An agent's (or admin's) membership of a group; at most one per user is their default group. */
@Entity
@Table(name = "group_memberships")
class GroupMembership {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long userId;

    private long groupId;

    @Column(name = "is_default")
    private boolean defaultGroup;

    private Instant createdAt;

    private Instant updatedAt;

    protected GroupMembership() {}

    GroupMembership(long userId, long groupId, boolean defaultGroup) {
        this.userId = userId;
        this.groupId = groupId;
        this.defaultGroup = defaultGroup;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    Long getId() {
        return id;
    }

    long getUserId() {
        return userId;
    }

    long getGroupId() {
        return groupId;
    }

    boolean isDefaultGroup() {
        return defaultGroup;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    void markDefault(boolean defaultGroup) {
        this.defaultGroup = defaultGroup;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
