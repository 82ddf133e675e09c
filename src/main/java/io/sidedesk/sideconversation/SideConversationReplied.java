package io.sidedesk.sideconversation;

import io.sidedesk.access.Actor;

/**
 * A reply was just written on a side conversation (locked); the child ticket feature mirrors it (R7), in the same
 * transaction. A reply that addresses someone new ({@code newAddressee}: a group or agent the side conversation had
 * not addressed) is checked as a creation is (R1, R2); if it is refused, everything rolls back.
 */
public record SideConversationReplied(
        SideConversation sideConversation,
        Actor author,
        SideConversationEvent event,
        SideConversationOpened.Message message,
        boolean newAddressee) {}
