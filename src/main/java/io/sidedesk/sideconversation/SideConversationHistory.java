package io.sidedesk.sideconversation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.Correlation;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketHistory;

/**
 * What a write on a side conversation records, in its transaction: the side conversation's own events, and the
 * parent ticket's {@code SideConversation} events. Both are append-only and carry the write's correlation id.
 */
@Component
class SideConversationHistory {

    private final EntityManager entityManager;
    private final JdbcClient jdbc;
    private final TicketHistory tickets;
    private final Clock clock;

    SideConversationHistory(EntityManager entityManager, JdbcClient jdbc, TicketHistory tickets, Clock clock) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** The time of a write, to the millisecond, from the service's clock. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Writes an event of the side conversation. */
    SideConversationEvent event(
            SideConversation conversation,
            SideConversationEventType type,
            Participant.Person actor,
            Message message,
            Updates updates,
            Long originCommentId,
            Instant now) {
        // Written now through JdbcClient (events are only ever inserted), so that a comment mirroring it (R9) may name
        // it at once; a side conversation created by this write goes out first, as the event names it.
        SideConversationEvent event = new SideConversationEvent(
                conversation,
                type,
                actor,
                Ticket.VIA_API,
                message,
                updates,
                originCommentId,
                Correlation.current(),
                now);
        if (conversation.isNew()) {
            entityManager.flush();
        }
        event.insert(jdbc);
        return event;
    }

    /** The parent's history records side conversation activity; the parent itself is not changed. */
    void recordOnParent(SideConversation conversation, long actorId, List<AuditEvent> onParent) {
        tickets.record(conversation.getTicketId(), actorId, Ticket.VIA_API, onParent);
    }

    /** A {@code SideConversation} event for the parent's history. */
    static AuditEvent onParent(SideConversation conversation, String action, SideConversationEvent event) {
        return onParent(conversation, action, event, Map.of());
    }

    static AuditEvent onParent(
            SideConversation conversation, String action, SideConversationEvent event, Map<String, Object> more) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("action", action);
        members.put("side_conversation_id", conversation.getId().toString());
        members.put(
                "side_conversation_event_id",
                event == null ? null : event.getId().toString());
        members.put("subject", conversation.getSubject());
        members.put("preview_text", conversation.getPreviewText());
        if (conversation.getChildTicketId() != null) {
            members.put("child_ticket_id", conversation.getChildTicketId());
        }
        members.putAll(more);
        members.put("correlation_id", Correlation.current().toString());
        return AuditEvent.of("SideConversation", members);
    }
}
