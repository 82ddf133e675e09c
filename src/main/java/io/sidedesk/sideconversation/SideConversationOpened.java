package io.sidedesk.sideconversation;

import java.util.Set;

import io.sidedesk.access.Actor;
import io.sidedesk.settings.CopyField;
import io.sidedesk.ticket.Ticket;

/**
 * A side conversation addressed to support was just written, with its create event. The child ticket
 * feature listens, in the same transaction: it checks R1-R2, creates the child and links it; if it
 * refuses, everything rolls back.
 */
public record SideConversationOpened(
        SideConversation sideConversation,
        SideConversationEvent created,
        Ticket parent,
        Actor creator,
        Message message,
        Set<CopyField> copyFields) {

    /** The message as the child ticket needs it. */
    public record Message(
            String subject, String body, String htmlBody, long supportGroupId, Long supportAgentId, int participant) {}
}
