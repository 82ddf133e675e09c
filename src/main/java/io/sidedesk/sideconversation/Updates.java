package io.sidedesk.sideconversation;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Immutable;
import tools.jackson.core.type.TypeReference;

/** What an {@code update} event changed: only the members that changed are there. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Updates(SideConversationState state, String subject, Map<String, String> externalIds) {

    static Updates state(SideConversationState state) {
        return new Updates(state, null, null);
    }

    /** R20: the link moved to the follow-up, which {@code external_ids.targetTicketId} now names. */
    static Updates target(long childTicketId) {
        return new Updates(null, null, Map.of(SideConversation.TARGET_TICKET_ID, String.valueOf(childTicketId)));
    }

    boolean isEmpty() {
        return state == null && subject == null && externalIds == null;
    }

    @Converter
    @Immutable
    static final class Column extends JsonColumn<Updates> {

        Column() {
            super(new TypeReference<>() {});
        }
    }
}
