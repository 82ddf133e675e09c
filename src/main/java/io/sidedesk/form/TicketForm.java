package io.sidedesk.form;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A ticket form: which custom fields a ticket of this form has. At most one form is the default. */
@Entity
@Table(name = "ticket_forms")
class TicketForm {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "is_default")
    private boolean defaultForm;

    private boolean active;

    private Long[] ticketFieldIds;

    private Instant createdAt;

    private Instant updatedAt;

    protected TicketForm() {}

    TicketForm(String name, List<Long> fieldIds) {
        this.name = name;
        this.active = true;
        this.ticketFieldIds = fieldIds.toArray(Long[]::new);
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    void rename(String name) {
        this.name = name;
        touch();
    }

    void replaceFields(List<Long> fieldIds) {
        this.ticketFieldIds = fieldIds.toArray(Long[]::new);
        touch();
    }

    void markDefault(boolean defaultForm) {
        this.defaultForm = defaultForm;
        touch();
    }

    void activate(boolean active) {
        this.active = active;
        touch();
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

    boolean isDefaultForm() {
        return defaultForm;
    }

    boolean isActive() {
        return active;
    }

    List<Long> getTicketFieldIds() {
        return List.of(ticketFieldIds);
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
