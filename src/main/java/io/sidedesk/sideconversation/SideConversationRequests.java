package io.sidedesk.sideconversation;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.settings.CopyField;
import io.sidedesk.ticket.CommentBody;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.WireValue;

/** Request bodies of the side conversation API, and what they say once read (a 422 naming what is wrong). */
final class SideConversationRequests {

    private SideConversationRequests() {}

    /** {@code POST .../side_conversations}: the first message, and which parent fields a child ticket copies. */
    @Schema(name = "SideConversationCreateRequest")
    record Create(
            @Valid Message message,
            Map<String, String> externalIds,

            @Size(max = 4, message = "can name at most 4 fields")
            @ArraySchema(schema = @Schema(allowableValues = {"tags", "followers", "ticket_form", "requester"}))
            List<String> copyFields) {

        /** The message, which a side conversation starts with. */
        Message requiredMessage() {
            if (message == null) {
                throw RecordInvalid.field("message", "is required");
            }
            return message;
        }

        /** R6: the parent fields to copy to the child ticket. */
        Set<CopyField> copying() {
            Set<CopyField> fields = EnumSet.noneOf(CopyField.class);
            if (copyFields != null) {
                for (String name : copyFields) {
                    CopyField field = WireValue.find(CopyField.class, name);
                    if (field == null) {
                        throw RecordInvalid.field(
                                "copy_fields", "can name only tags, followers, ticket_form, requester");
                    }
                    fields.add(field);
                }
            }
            return fields;
        }

        /** The external ids of the request and of its message (the message's win a name both give). */
        Map<String, String> allExternalIds() {
            Map<String, String> all = new LinkedHashMap<>();
            Map<String, String> ofMessage = message == null ? null : message.externalIds();
            for (Map<String, String> given : Arrays.asList(externalIds, ofMessage)) {
                if (given != null) {
                    // An id sent as null has always been kept (and shown) as the empty string.
                    given.forEach((key, value) -> all.put(key, value == null ? "" : value));
                }
            }
            return all;
        }
    }

    /** {@code POST .../reply}. */
    @Schema(name = "SideConversationReplyRequest")
    record Reply(@Valid Message message) {

        Message requiredMessage() {
            if (message == null) {
                throw RecordInvalid.field("message", "is required");
            }
            return message;
        }
    }

    /** {@code PUT .../side_conversations/{id}}: {@code {"side_conversation": {"state", "subject"}}}. */
    @Schema(name = "SideConversationUpdateRequest")
    record Update(@Valid @NotNull(message = "is required") Changes sideConversation) {}

    @Schema(name = "SideConversationChanges")
    record Changes(
            @Schema(allowableValues = {"open", "closed"}) String state,

            @Size(max = 255, message = "must be at most 255 characters")
            String subject) {}

    @Schema(name = "SideConversationMessage")
    record Message(
            @Size(max = 255, message = "must be at most 255 characters")
            String subject,

            @Size(max = 255, message = "must be at most 255 characters")
            String previewText,

            String body,
            String htmlBody,

            @Size(max = 20, message = "can name at most 20 participants")
            @ArraySchema(
                    minItems = 1,
                    maxItems = 1,
                    arraySchema =
                            @Schema(
                                    description =
                                            "Exactly one participant: a support group, optionally with one of its agents"))
            List<Recipient> to,

            Map<String, String> externalIds) {

        /** Who the message is for: exactly one support group, with at most one agent of it. */
        Participant.Support addressee() {
            if (to == null || to.isEmpty()) {
                throw RecordInvalid.field("message.to", "is required: address a support_group_id");
            }
            boolean support = to.stream().anyMatch(p -> p != null && p.isSupport());
            boolean email = to.stream().anyMatch(p -> p != null && p.isEmail());
            if (support && email) {
                throw RecordInvalid.field("message.to", "participant types cannot be mixed");
            }
            if (email) {
                throw RecordInvalid.field(
                        "email_channel",
                        "email side conversations are not available: address a support_group_id for a child ticket");
            }
            if (!support || to.size() != 1) {
                throw RecordInvalid.field(
                        "message.to",
                        "must name exactly one participant with a support_group_id "
                                + "(and optionally a support_agent_id)");
            }
            Recipient participant = to.get(0);
            if (participant.supportGroupId() == null) {
                throw RecordInvalid.field("message.to[0].support_group_id", "is required with a support_agent_id");
            }
            return new Participant.Support(participant.supportGroupId(), participant.supportAgentId());
        }

        /** The text a side conversation keeps: the plain text (its sanitized HTML is the child comment's alone). */
        Text text() {
            String plain =
                    CommentBody.of(body, htmlBody, "message", "message").body().strip();
            if (plain.isEmpty()) {
                // A comment may be an image alone; a message needs text, which its preview shows.
                throw CommentBody.missing("message", "message");
            }
            return new Text(
                    plain,
                    previewText != null && !previewText.isBlank()
                            ? previewText.strip()
                            : SideConversation.previewOf(plain));
        }
    }

    /** A message's text as the side conversation keeps it, and the preview that shows it. */
    record Text(String plain, String preview) {}

    /**
     * Who a message is for. Support ids come as numbers or strings; email participants ({@code email},
     * {@code user_id}) would use the email channel, which Sidedesk does not serve.
     */
    @Schema(name = "SideConversationParticipant")
    record Recipient(
            Long userId,
            String name,
            String email,

            @Schema(
                    types = {"integer", "string", "null"},
                    format = "int64",
                    example = "1")
            Long supportGroupId,

            @Schema(
                    types = {"integer", "string", "null"},
                    format = "int64")
            Long supportAgentId) {

        boolean isSupport() {
            return supportGroupId != null || supportAgentId != null;
        }

        boolean isEmail() {
            return email != null || userId != null;
        }
    }
}
