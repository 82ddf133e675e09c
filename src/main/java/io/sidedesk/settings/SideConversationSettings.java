package io.sidedesk.settings;

import java.util.Set;

/**
 * The account's side conversation switches, as {@code settings.side_conversations} shows them.
 *
 * @param ticketsChannel               child tickets are on (R1); off by default
 * @param emailChannel                 email side conversations; always off until they exist
 * @param childTicketCommentType       how replies reach the child ticket (R7)
 * @param childTicketStatusUpdates     solving or reopening the child closes or reopens the side conversation (R11)
 * @param childTicketDefaultCopyFields parent fields always copied to a new child ticket (R6)
 */
public record SideConversationSettings(
        boolean ticketsChannel,
        boolean emailChannel,
        CommentType childTicketCommentType,
        boolean childTicketStatusUpdates,
        Set<CopyField> childTicketDefaultCopyFields) {}
