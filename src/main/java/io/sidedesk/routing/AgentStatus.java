package io.sidedesk.routing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.sidedesk.web.ActionForbidden;

/**
 * A status an agent can be in: Zendesk's four system ones (ids 2 to 5, fixed) or an admin's own, which maps each
 * channel to what one of the four makes it.
 */
@Entity
@Table(name = "agent_statuses")
class AgentStatus {

    static final long OFFLINE = 2;
    static final long ONLINE = 3;
    static final long AWAY = 4;
    static final long TRANSFERS_ONLY = 5;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private String description;
    private boolean isSystem;
    private ChannelStatus email;
    private ChannelStatus messaging;
    private ChannelStatus voice;
    private Instant createdAt;
    private Instant updatedAt;

    protected AgentStatus() {}

    AgentStatus(String name, String description, ChannelStatus email, ChannelStatus messaging, ChannelStatus voice) {
        this.name = name;
        this.description = description;
        this.email = email;
        this.messaging = messaging;
        this.voice = voice;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    /** Only an admin's own statuses change; the system's four are fixed. */
    void change(String name, String description, ChannelStatus email, ChannelStatus messaging, ChannelStatus voice) {
        requireCustom();
        this.name = name != null ? name : this.name;
        this.description = description != null ? description : this.description;
        this.email = email != null ? email : this.email;
        this.messaging = messaging != null ? messaging : this.messaging;
        this.voice = voice != null ? voice : this.voice;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    void requireCustom() {
        if (isSystem) {
            throw new ActionForbidden(
                    "The system's statuses (Offline, Online, Away, Transfers only) cannot be changed");
        }
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

    boolean isSystem() {
        return isSystem;
    }

    ChannelStatus getEmail() {
        return email;
    }

    ChannelStatus getMessaging() {
        return messaging;
    }

    ChannelStatus getVoice() {
        return voice;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
