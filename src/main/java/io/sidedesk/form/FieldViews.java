package io.sidedesk.form;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** Ticket fields and forms as the API shows them. */
final class FieldViews {

    private FieldViews() {}

    @Schema(name = "TicketFieldOption")
    record Option(long id, String name, String value) {}

    @Schema(name = "TicketField")
    record FieldView(
            @ReadOnly long id,
            @ReadOnly String url,
            FieldType type,
            String title,
            @MayBeNull String description,
            boolean required,
            boolean active,
            boolean visibleInPortal,
            boolean editableInPortal,
            List<Option> customFieldOptions,
            @ReadOnly Instant createdAt,
            @ReadOnly Instant updatedAt) {

        static FieldView of(TicketField field) {
            return new FieldView(
                    field.getId(),
                    ApiUrls.of("ticket_fields", field.getId()),
                    field.getType(),
                    field.getTitle(),
                    field.getDescription(),
                    field.isRequired(),
                    field.isActive(),
                    field.isVisibleInPortal(),
                    field.isEditableInPortal(),
                    field.getOptions().stream()
                            .map(o -> new Option(o.getId(), o.getName(), o.getValue()))
                            .toList(),
                    field.getCreatedAt(),
                    field.getUpdatedAt());
        }
    }

    @Schema(name = "TicketFieldResponse")
    record OneField(FieldView ticketField) {}

    @Schema(name = "TicketForm")
    record FormView(
            @ReadOnly long id,
            @ReadOnly String url,
            String name,
            List<Long> ticketFieldIds,
            @JsonProperty("default") boolean defaultForm,
            boolean active,
            @ReadOnly Instant createdAt,
            @ReadOnly Instant updatedAt) {

        static FormView of(TicketForm form) {
            return new FormView(
                    form.getId(),
                    ApiUrls.of("ticket_forms", form.getId()),
                    form.getName(),
                    form.getTicketFieldIds(),
                    form.isDefaultForm(),
                    form.isActive(),
                    form.getCreatedAt(),
                    form.getUpdatedAt());
        }
    }

    @Schema(name = "TicketFormResponse")
    record OneForm(FormView ticketForm) {}
}
