package io.sidedesk.form;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A custom ticket field. Its type never changes once it exists; its options only matter for taggers. */
@Entity
@Table(name = "ticket_fields")
class TicketField {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private FieldType type;

    private String title;

    private String description;

    private boolean required;

    private boolean active;

    private boolean visibleInPortal;

    private boolean editableInPortal;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    @JoinColumn(name = "field_id", insertable = false, updatable = false)
    @OrderBy("position")
    private List<FieldOption> options = new ArrayList<>();

    private Instant createdAt;

    private Instant updatedAt;

    protected TicketField() {}

    TicketField(FieldType type, String title) {
        this.type = type;
        this.title = title;
        this.active = true;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    void retitle(String title) {
        this.title = title;
        touch();
    }

    void describe(String description) {
        this.description = description;
        touch();
    }

    void require(boolean required) {
        this.required = required;
        touch();
    }

    void activate(boolean active) {
        this.active = active;
        touch();
    }

    /** What end-users may do with the field: read its value, and fill it in when they open a ticket. */
    void showInPortal(boolean visible, boolean editable) {
        this.visibleInPortal = visible;
        this.editableInPortal = editable;
        touch();
    }

    /** Replaces the options (tagger fields); the field must have been saved (it has an id). */
    void replaceOptions(List<Choice> choices) {
        options.clear();
        for (int i = 0; i < choices.size(); i++) {
            options.add(
                    new FieldOption(id, i, choices.get(i).name(), choices.get(i).value()));
        }
        touch();
    }

    private void touch() {
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    Long getId() {
        return id;
    }

    FieldType getType() {
        return type;
    }

    String getTitle() {
        return title;
    }

    String getDescription() {
        return description;
    }

    boolean isRequired() {
        return required;
    }

    boolean isActive() {
        return active;
    }

    boolean isVisibleInPortal() {
        return visibleInPortal;
    }

    boolean isEditableInPortal() {
        return editableInPortal;
    }

    List<FieldOption> getOptions() {
        return options.stream()
                .sorted(Comparator.comparingInt(FieldOption::getPosition))
                .toList();
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    /** A tagger option as written: a label and a value. */
    record Choice(String name, String value) {}
}
