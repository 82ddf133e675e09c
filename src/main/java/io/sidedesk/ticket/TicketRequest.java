package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

        /** A macro to apply in this update: its actions, unless this request sets the same members. */
        @Schema(
                description = "Updates only: a macro to apply in this update (members this request sends win over "
                        + "the macro's)")
        public Long macroId;

        /** Macros to apply in this update, in order (Zendesk's {@code macro_ids}). */
        @Size(max = 10, message = "can name at most 10 macros")
        @Schema(description = "Updates only: macros to apply in this update, in order (instead of macro_id)")
        public List<Long> macroIds;

        /** With {@code updated_stamp}: refuse the update (409) if the ticket changed since that stamp. */
        public Boolean safeUpdate;

        public java.time.Instant updatedStamp;

        /**
         * The members macros set ({@code macro}) that this request does not: sent members win (a sent comment replaces
         * the macros' comment; custom fields by field id). Returns the members taken from the macros.
         */
        Set<String> takeUnsent(Fields macro) {
            Set<String> taken = new LinkedHashSet<>();
            if (subject == null && macro.subject != null) {
                subject = macro.subject;
                taken.add("subject");
            }
            if (comment == null && macro.comment != null) {
                comment = macro.comment;
                taken.add("comment");
            }
            if (status == null && macro.status != null) {
                status = macro.status;
                taken.add("status");
            }
            if (!priority.isSent() && macro.priority.isSent()) {
                priority = macro.priority;
                taken.add("priority");
            }
            if (!type.isSent() && macro.type.isSent()) {
                type = macro.type;
                taken.add("type");
            }
            if (!groupId.isSent() && macro.groupId.isSent()) {
                groupId = macro.groupId;
                taken.add("group_id");
            }
            if (!assigneeId.isSent() && macro.assigneeId.isSent()) {
                assigneeId = macro.assigneeId;
                taken.add("assignee_id");
            }
            if (tags == null && macro.tags != null) {
                tags = macro.tags;
                taken.add("tags");
            }
            if (macro.customFields != null) {
                // By field: the macro's values for the fields this request does not set, each named
                // custom_fields.<id> (as a refusal names it).
                if (customFields == null) {
                    customFields = new ArrayList<>();
                    taken.add("custom_fields");
                }
                Set<Long> sent =
                        customFields.stream().map(CustomFields.Input::id).collect(Collectors.toSet());
                customFields = new ArrayList<>(customFields);
                for (CustomFields.Input input : macro.customFields) {
                    if (!sent.contains(input.id())) {
                        customFields.add(input);
                        taken.add("custom_fields." + input.id());
                    }
                }
            }
            return taken;
        }
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
