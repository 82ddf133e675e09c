package io.sidedesk.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;

/** An audit as {@code GET /tickets/{id}/audits} shows it; its events are written as they were stored. */
@Schema(name = "Audit")
record AuditView(
        long id,
        long ticketId,
        Instant createdAt,
        long authorId,
        Map<String, Object> metadata,
        TicketView.Via via,
        @MayBeNull UUID correlationId,

        @JsonRawValue
        @ArraySchema(
                schema =
                        @Schema(
                                types = "object",
                                description = "One change: `type` (`Create`, "
                                        + "`Change`, `Comment`, ...), `field_name`, `value`, `previous_value`, ..."))
        String events) {

    static AuditView of(Audit audit) {
        return new AuditView(
                audit.getId(),
                audit.getTicketId(),
                audit.getCreatedAt(),
                audit.getAuthorId(),
                Map.of(),
                new TicketView.Via(
                        audit.getViaChannel(),
                        audit.getViaSource() != null ? audit.getViaSource() : TicketView.Via.NO_SOURCE),
                audit.getCorrelationId(),
                audit.getEvents());
    }
}
