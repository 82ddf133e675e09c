package io.sidedesk.sideconversation;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the side conversation API. */
final class SideConversationRequests {

    private SideConversationRequests() {
    }

    /** {@code POST .../side_conversations}: the first message, and which parent fields a child ticket copies. */
    @Schema(name = "SideConversationCreateRequest")
    record Create(@Valid Message message, Map<String, String> externalIds,
            @Size(max = 4, message = "can name at most 4 fields")
            @ArraySchema(schema = @Schema(allowableValues = {"tags", "followers", "ticket_form", "requester"}))
            List<String> copyFields) {
    }

    /** {@code POST .../reply}. */
    @Schema(name = "SideConversationReplyRequest")
    record Reply(@Valid Message message) {
    }

    /** {@code PUT .../side_conversations/{id}}: {@code {"side_conversation": {"state", "subject"}}}. */
    @Schema(name = "SideConversationUpdateRequest")
    record Update(@Valid @NotNull(message = "is required") Changes sideConversation) {
    }

    @Schema(name = "SideConversationChanges")
    record Changes(@Schema(allowableValues = {"open", "closed"}) String state,
            @Size(max = 255, message = "must be at most 255 characters") String subject) {
    }

    @Schema(name = "SideConversationMessage")
    record Message(@Size(max = 255, message = "must be at most 255 characters") String subject,
            @Size(max = 255, message = "must be at most 255 characters") String previewText,
            String body, String htmlBody,
            @Size(max = 20, message = "can name at most 20 participants")
            @ArraySchema(minItems = 1, maxItems = 1, arraySchema = @Schema(
                    description = "Exactly one participant: a support group, optionally with one of its agents"))
            List<Participant> to,
            Map<String, String> externalIds) {
    }

    /**
     * Who a message is for. Support ids come as numbers or strings; email participants ({@code email},
     * {@code user_id}) would use the email channel, which Sidedesk does not serve.
     */
    @Schema(name = "SideConversationParticipant")
    record Participant(Long userId, String name, String email,
            @Schema(types = {"integer", "string", "null"}, format = "int64", example = "1") Long supportGroupId,
            @Schema(types = {"integer", "string", "null"}, format = "int64") Long supportAgentId) {

        boolean isSupport() {
            return supportGroupId != null || supportAgentId != null;
        }

        boolean isEmail() {
            return email != null || userId != null;
        }
    }
}
