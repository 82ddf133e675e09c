package io.sidedesk.sideconversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** Side conversations and their events as the API shows them. */
final class SideConversationViews {

    private SideConversationViews() {}

    /**
     * A side conversation. {@code child_ticket} (Sidedesk's addition) is read live (R10): a caller who
     * may not see the child gets only its {@code id} and {@code linked}.
     */
    @Schema(name = "SideConversation")
    record Conversation(
            @ReadOnly String url,
            @ReadOnly UUID id,
            @ReadOnly long ticketId,
            @MayBeNull String subject,
            @MayBeNull @ReadOnly String previewText,
            SideConversationState state,

            @ReadOnly @ArraySchema(schema = @Schema(implementation = Object.class, types = "object"))
            List<Participant> participants,

            @ReadOnly @Schema(implementation = Object.class, types = "object")
            Map<String, String> externalIds,

            @ReadOnly Instant createdAt,
            @ReadOnly Instant updatedAt,
            @MayBeNull @ReadOnly Instant messageAddedAt,
            @MayBeNull @ReadOnly Instant stateUpdatedAt,
            // A oneOf member: the property customizer does not reach it, so its schema says it too.
            @JsonInclude(JsonInclude.Include.NON_NULL) @ReadOnly @Schema(accessMode = Schema.AccessMode.READ_ONLY)
            ChildTicket childTicket,

            @JsonInclude(JsonInclude.Include.NON_NULL) @ReadOnly
            List<Event> events) {

        static Conversation of(SideConversation conversation, ChildTicket childTicket, List<Event> events) {
            return new Conversation(
                    address(conversation.getTicketId(), conversation.getId(), ""),
                    conversation.getId(),
                    conversation.getTicketId(),
                    conversation.getSubject(),
                    conversation.getPreviewText(),
                    conversation.getState(),
                    conversation.getParticipants(),
                    conversation.getExternalIds(),
                    conversation.getCreatedAt(),
                    conversation.getUpdatedAt(),
                    conversation.getMessageAddedAt(),
                    conversation.getStateUpdatedAt(),
                    childTicket,
                    events);
        }
    }

    /**
     * Sidedesk's {@code child_ticket}: the child's status, assignee and group read live (R10), or only its
     * id for a caller who may not see it; {@code linked} is false once the child's external id changed (R13).
     */
    @Schema(
            name = "SideConversationChildTicket",
            oneOf = {VisibleChild.class, HiddenChild.class})
    sealed interface ChildTicket permits VisibleChild, HiddenChild {}

    @Schema(name = "VisibleChildTicket")
    record VisibleChild(
            long id,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            TicketStatus status,

            @MayBeNull Long assigneeId,
            @MayBeNull Long groupId,
            boolean linked)
            implements ChildTicket {}

    @Schema(
            name = "HiddenChildTicket",
            description = "A child ticket the caller may not see",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record HiddenChild(long id, boolean linked) implements ChildTicket {}

    @Schema(name = "SideConversationEvent")
    record Event(
            UUID id,
            String url,
            UUID sideConversationId,
            long ticketId,

            @Schema(implementation = Object.class, types = "object", description = "Who: `user_id`, `name`, `email`")
            Participant.Person actor,

            SideConversationEventType type,
            @MayBeNull String via,
            Instant createdAt,

            @Schema(
                    implementation = Object.class,
                    types = {"object", "null"},
                    description = "The message of a `create` or `reply`")
            Message message,

            @Schema(
                    implementation = Object.class,
                    types = {"object", "null"},
                    description = "What an `update` changed")
            Updates updates) {

        static Event of(SideConversationEvent event) {
            return new Event(
                    event.getId(),
                    address(event.getTicketId(), event.getSideConversationId(), "/events/" + event.getId()),
                    event.getSideConversationId(),
                    event.getTicketId(),
                    event.getActor(),
                    event.getType(),
                    event.getVia(),
                    event.getCreatedAt(),
                    event.getMessage(),
                    event.getUpdates());
        }
    }

    @Schema(name = "SideConversationResponse")
    record One(Conversation sideConversation) {}

    @Schema(name = "SideConversationCreatedResponse")
    record Created(Conversation sideConversation, Event event, Map<String, Object> updates) {}

    @Schema(name = "SideConversationReplyResponse")
    record Replied(Conversation sideConversation, Event event) {}

    /** A page of the incremental event export: follow {@code next_page} until it is null. */
    @Schema(name = "SideConversationEventExport")
    record Export(List<Event> events, @MayBeNull String nextPage, long endTime, int count) {}

    private static String address(long ticketId, UUID id, String rest) {
        return ApiUrls.of("tickets", ticketId).replace(".json", "/side_conversations/" + id + rest + ".json");
    }
}
