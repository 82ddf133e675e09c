package io.sidedesk.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Permissions;
import io.sidedesk.access.Role;

@Entity
@Table(name = "users")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String email;

    private Role role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "custom_role_id")
    private CustomRole customRole;

    // The membership marked default is the one source of truth; read here in the same query.
    @Formula("(select m.group_id from group_memberships m where m.user_id = id and m.is_default)")
    private Long defaultGroupId;

    private boolean active;

    private Instant createdAt;

    private Instant updatedAt;

    protected User() {}

    User(String name, String email, Role role) {
        this.name = name;
        this.email = email;
        this.role = role;
        this.active = true;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getEmail() {
        return email;
    }

    Role getRole() {
        return role;
    }

    CustomRole getCustomRole() {
        return customRole;
    }

    Long getDefaultGroupId() {
        return defaultGroupId;
    }

    boolean isActive() {
        return active;
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

    void changeEmail(String email) {
        this.email = email;
        touch();
    }

    /** A custom role belongs to agents only: any other role drops it. */
    void changeRole(Role role, CustomRole customRole) {
        this.role = role;
        this.customRole = role == Role.AGENT ? customRole : null;
        touch();
    }

    /** A deactivated user can no longer authenticate; their records stay. */
    void deactivate() {
        this.active = false;
        touch();
    }

    /** A deactivated user comes back as they were: role, custom role and groups were kept. */
    void reactivate() {
        this.active = true;
        touch();
    }

    /** Whether they may be a ticket's assignee at all (and so keep the tickets they hold). */
    boolean mayHoldTickets() {
        return active && permissions().assignable();
    }

    private void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    Permissions permissions() {
        return switch (role) {
            case ADMIN -> Permissions.admin();
            case END_USER -> Permissions.endUser();
            case AGENT -> customRole == null ? Permissions.agent() : customRole.permissions();
        };
    }

    Actor toActor() {
        return new Actor(id, name, email, role, permissions());
    }
}
