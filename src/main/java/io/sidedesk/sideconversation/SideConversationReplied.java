package io.sidedesk.sideconversation;

import io.sidedesk.access.Actor;

/** A reply was just written on a side conversation (locked); the child ticket feature mirrors it (R7). */
public record SideConversationReplied(SideConversation sideConversation, Actor author, SideConversationEvent event,
        SideConversationOpened.Message message) {
}
