package io.sidedesk.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.form.CustomFields;
import io.sidedesk.web.Patch;

/** {@code {"ticket": {...}}} for create and update. */
record TicketRequest(
        @Valid @NotNull(message = "is required") Fields ticket) {

    /**
     * The ticket's writable fields. A field left out changes nothing. Fields that can be cleared are a
     * {@link Patch}: left out, cleared ({@code "assignee_id": null}) or set.
     */
    static class Fields {

        @Size(max = 255, message = "must be at most 255 characters")
        public String subject;

        @Valid
        public CommentRequest comment;

        public TicketStatus status;

        public Patch<TicketPriority> priority = Patch.absent();

        public Patch<TicketType> type = Patch.absent();

        public Long requesterId;

        @Valid
        public Requester requester;

        public Patch<Long> assigneeId = Patch.absent();

        public Patch<Long> groupId = Patch.absent();

        public List<Long> collaboratorIds;

        public List<Long> followerIds;

        public List<Long> emailCcIds;

        public List<String> tags;

        @Size(max = 255, message = "must be at most 255 characters")
        public Patch<String> externalId = Patch.absent();

        public Patch<Long> ticketFormId = Patch.absent();

        @Size(max = 400, message = "can set at most 400 fields at once")
        public List<CustomFields.Input> customFields;

        /** With {@code updated_stamp}: refuse the update (409) if the ticket changed since that stamp. */
        public Boolean safeUpdate;

        public java.time.Instant updatedStamp;
    }

    /** A comment added by the write: {@code body} or {@code html_body}; {@code public} defaults by role. */
    @Schema(name = "TicketCommentInput")
    record CommentRequest(
            String body,
            String htmlBody,
            @JsonProperty("public") Boolean isPublic,
            Long authorId) {}

    /** A requester named by email: the end-user with that email, created if there is none. */
    @Schema(name = "TicketRequesterInput")
    record Requester(
            @Size(max = 255, message = "must be at most 255 characters")
            String name,

            @Size(max = 254, message = "must be at most 254 characters")
            String email) {}
}
