package io.sidedesk.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.sidedesk.access.MacroAccess;
import io.sidedesk.access.Permissions;
import io.sidedesk.access.TicketAccess;
import io.sidedesk.web.MayBeNull;

/** A custom agent role (role_type 0) or a light agent role (role_type 1). */
@Entity
@Table(name = "custom_roles")
class CustomRole {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String description;

    private int roleType;

    private boolean sideConversationCreate;

    private TicketAccess ticketAccess;

    private String ticketCommentAccess;

    private boolean assignTicketsToAnyGroup;

    private MacroAccess macroAccess;

    private Instant createdAt;

    private Instant updatedAt;

    protected CustomRole() {}

    CustomRole(String name, String description, int roleType, Configuration configuration) {
        this.name = name;
        this.description = description;
        this.roleType = roleType;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        configure(configuration);
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void describe(String description) {
        this.description = description;
        touch();
    }

    void changeRoleType(int roleType) {
        this.roleType = roleType;
        touch();
    }

    /** Replaces the settings that are given; a null member keeps the current value. */
    void configure(Configuration configuration) {
        if (configuration.sideConversationCreate() != null) {
            this.sideConversationCreate = configuration.sideConversationCreate();
        }
        if (configuration.ticketAccess() != null) {
            this.ticketAccess = configuration.ticketAccess();
        }
        if (configuration.ticketCommentAccess() != null) {
            this.ticketCommentAccess = configuration.ticketCommentAccess();
        }
        if (configuration.assignTicketsToAnyGroup() != null) {
            this.assignTicketsToAnyGroup = configuration.assignTicketsToAnyGroup();
        }
        if (configuration.macroAccess() != null) {
            this.macroAccess = configuration.macroAccess();
        }
        touch();
    }

    /**
     * The configuration as it takes effect: a light agent role (R3) keeps its ticket access, and public comments,
     * side conversations and assigning to any group are off, and macros read-only, whatever was stored (the stored
     * values come back if the role becomes a custom agent role again).
     */
    Configuration configuration() {
        return roleType == Permissions.LIGHT_AGENT
                ? new Configuration(false, ticketAccess, "none", false, MacroAccess.READONLY)
                : new Configuration(
                        sideConversationCreate,
                        ticketAccess,
                        ticketCommentAccess,
                        assignTicketsToAnyGroup,
                        macroAccess);
    }

    String getDescription() {
        return description;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    private void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The permissions a custom role configures, as the dialect names them. */
    record Configuration(
            @MayBeNull Boolean sideConversationCreate,
            @MayBeNull TicketAccess ticketAccess,
            @MayBeNull String ticketCommentAccess,
            @MayBeNull Boolean assignTicketsToAnyGroup,
            @MayBeNull MacroAccess macroAccess) {

        /** A new agent role starts as an agent without a custom role; a light agent role as a light agent. */
        static Configuration defaults(int roleType) {
            return roleType == Permissions.LIGHT_AGENT
                    ? new Configuration(false, TicketAccess.ALL, "none", false, MacroAccess.READONLY)
                    : new Configuration(true, TicketAccess.ALL, "public", true, MacroAccess.MANAGE_PERSONAL);
        }
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    int getRoleType() {
        return roleType;
    }

    /** What an agent with this role may do; a role_type 1 role is a light agent with the ticket access it shows. */
    Permissions permissions() {
        return Permissions.customRole(
                roleType,
                ticketAccess,
                "public".equals(ticketCommentAccess),
                sideConversationCreate,
                assignTicketsToAnyGroup,
                macroAccess);
    }
}
