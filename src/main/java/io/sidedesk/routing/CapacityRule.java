package io.sidedesk.routing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.sidedesk.web.RecordInvalid;

/**
 * How many routed work items an agent holds at once, per channel (R21). One rule is the account's default: it holds
 * every agent no other rule names, and stays the default until another is made it.
 */
@Entity
@Table(name = "capacity_rules")
class CapacityRule {

    static final int MAX_CAPACITY = 1000;

    /** A capacity per channel. */
    record Capacities(int email, int messaging, int voice) {}

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private String description;
    private boolean isDefault;
    private int email;
    private int messaging;
    private int voice;
    private Instant createdAt;
    private Instant updatedAt;

    protected CapacityRule() {}

    CapacityRule(String name, String description, Capacities capacities) {
        this.name = name;
        this.description = description;
        this.email = capacities.email();
        this.messaging = capacities.messaging();
        this.voice = capacities.voice();
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    void change(String name, String description, Capacities capacities) {
        this.name = name != null ? name : this.name;
        this.description = description != null ? description : this.description;
        if (capacities != null) {
            this.email = capacities.email();
            this.messaging = capacities.messaging();
            this.voice = capacities.voice();
        }
        touch();
    }

    void makeDefault() {
        isDefault = true;
        touch();
    }

    void stopBeingDefault() {
        isDefault = false;
        touch();
    }

    /** The default rule stays until another is made the default, and is never deleted. */
    void requireNotDefault(String field, String why) {
        if (isDefault) {
            throw RecordInvalid.field(field, why);
        }
    }

    private void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
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

    boolean isDefault() {
        return isDefault;
    }

    Capacities capacities() {
        return new Capacities(email, messaging, voice);
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
