package io.sidedesk.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.sidedesk.web.RecordInvalid;

/** A group of agents. A private group's tickets are seen only by its members and admins. */
@Entity
@Table(name = "groups")
class Group {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String description;

    private boolean isPublic;

    @Column(name = "is_default")
    private boolean defaultGroup;

    private boolean deleted;

    private Instant createdAt;

    private Instant updatedAt;

    protected Group() {}

    Group(String name, String description, boolean isPublic) {
        this.name = name;
        this.description = description;
        this.isPublic = isPublic;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
    }

    boolean isPublic() {
        return isPublic;
    }

    boolean isDefaultGroup() {
        return defaultGroup;
    }

    boolean isDeleted() {
        return deleted;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void describe(String description) {
        this.description = description;
        touch();
    }

    /** A public group may become private; a private group never becomes public. */
    void changeVisibility(boolean makePublic) {
        if (makePublic && !isPublic) {
            throw RecordInvalid.field("is_public", "a private group can never become public");
        }
        this.isPublic = makePublic;
        touch();
    }

    void markDefault(boolean defaultGroup) {
        this.defaultGroup = defaultGroup;
        touch();
    }

    void delete() {
        this.deleted = true;
        this.defaultGroup = false;
        touch();
    }

    private void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
