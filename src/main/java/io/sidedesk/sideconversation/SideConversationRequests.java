package io.sidedesk.sideconversation;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the side conversation API. */
final class SideConversationRequests {

    private SideConversationRequests() {
    }

    /** {@code POST .../side_conversations}: the first message, and which parent fields a child ticket copies. */
    record Create(@Valid Message message, Map<String, String> externalIds,
            @Size(max = 4, message = "can name at most 4 fields") List<String> copyFields) {
    }

    /** {@code POST .../reply}. */
    record Reply(@Valid Message message) {
    }

    /** {@code PUT .../side_conversations/{id}}: {@code {"side_conversation": {"state", "subject"}}}. */
    record Update(@Valid @NotNull(message = "is required") Changes sideConversation) {
    }

    record Changes(String state, @Size(max = 255, message = "must be at most 255 characters") String subject) {
    }

    record Message(@Size(max = 255, message = "must be at most 255 characters") String subject,
            @Size(max = 255, message = "must be at most 255 characters") String previewText,
            String body, String htmlBody,
            @Size(max = 20, message = "can name at most 20 participants") List<Participant> to,
            Map<String, String> externalIds) {
    }

    /**
     * Who a message is for. Support ids come as numbers or strings; email participants ({@code email},
     * {@code user_id}) would use the email channel, which Sidedesk does not serve.
     */
    record Participant(Long userId, String name, String email, Long supportGroupId, Long supportAgentId) {

        boolean isSupport() {
            return supportGroupId != null || supportAgentId != null;
        }

        boolean isEmail() {
            return email != null || userId != null;
        }
    }
}
