package io.sidedesk.form;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies for ticket fields and forms; on update only the members sent change. */
final class FieldRequests {

    private FieldRequests() {}

    @Schema(name = "TicketFieldRequest")
    record FieldBody(
            @Valid @NotNull(message = "is required") Field ticketField) {}

    @Schema(name = "TicketFieldRequestFields")
    record Field(
            FieldType type,

            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            String title,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            Boolean required,
            Boolean active,
            Boolean visibleInPortal,
            Boolean editableInPortal,

            @Size(max = 500, message = "can have at most 500 options")
            List<@Valid Option> customFieldOptions) {}

    @Schema(name = "TicketFieldOptionInput")
    record Option(
            @Size(max = 255, message = "must be at most 255 characters")
            String name,

            @Size(max = 255, message = "must be at most 255 characters")
            String value) {}

    @Schema(name = "TicketFormRequest")
    record FormBody(@Valid @NotNull(message = "is required") Form ticketForm) {}

    @Schema(name = "TicketFormRequestFields")
    record Form(
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            String name,

            @Size(max = 400, message = "can name at most 400 fields")
            List<Long> ticketFieldIds,

            @JsonProperty("default") Boolean defaultForm,
            Boolean active) {}
}
