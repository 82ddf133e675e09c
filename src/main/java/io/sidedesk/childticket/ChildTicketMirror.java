package io.sidedesk.childticket;

import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sidedesk.settings.Settings;
import io.sidedesk.settings.SideConversationSettings;
import io.sidedesk.sideconversation.SideConversation;
import io.sidedesk.sideconversation.SideConversationOpened;
import io.sidedesk.sideconversation.SideConversationPolicy;
import io.sidedesk.sideconversation.SideConversationReplied;
import io.sidedesk.sideconversation.SideConversations;
import io.sidedesk.ticket.Comment;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.ticket.TicketUpdated;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.RecordInvalid;

/**
 * The mirror between a side conversation and its child ticket, the one place where the two meet. It
 * runs synchronously in the transaction of the write that caused it, so a write and its mirror commit
 * together or not at all. Both directions hold the side conversation's row lock before the child's
 * (one lock order: no deadlocks, one message order). Only what R7, R8, R11 and R20 name crosses (R12),
 * only while the link holds (R13), and nothing that arrived by mirroring goes back (R9).
 */
@Component
class ChildTicketMirror {

    private final SideConversations sideConversations;
    private final Tickets tickets;
    private final Settings settings;
    private final ChildTicketCreator creator;
    private final ChildTicketAddressees addressees;

    ChildTicketMirror(
            SideConversations sideConversations,
            Tickets tickets,
            Settings settings,
            ChildTicketCreator creator,
            ChildTicketAddressees addressees) {
        this.sideConversations = sideConversations;
        this.tickets = tickets;
        this.settings = settings;
        this.creator = creator;
        this.addressees = addressees;
    }

    /**
     * R7: a reply on the side conversation (locked) becomes a comment on the linked child; R20: if the child is
     * closed, it becomes the first comment of the child's follow-up, which the link then names. Whatever group it
     * names, a reply goes to the linked child; a group or agent it names for the first time must still be one the
     * replier may address (R2), as at creation.
     */
    @EventListener
    void replied(SideConversationReplied replied) {
        SideConversation conversation = replied.sideConversation();
        SideConversationSettings account = settings.sideConversations();
        SideConversationPolicy.requireTicketsChannel(account.ticketsChannel());
        if (replied.newAddressee()) {
            SideConversationOpened.Message message = replied.message();
            addressees.check(
                    replied.author(),
                    message.supportGroupId(),
                    message.supportAgentId(),
                    "message.to[" + message.participant() + "]");
        }
        if (conversation.getChildTicketId() == null) {
            return;
        }
        // R13: an unlinked child takes nothing (the reply stays recorded on the side conversation).
        Optional<Ticket> linked = tickets.lockForMirror(conversation.getChildTicketId())
                .filter(child -> conversation.isLinkedTo(child.getExternalId()));
        if (linked.isEmpty()) {
            return;
        }
        Ticket child = linked.get();
        if (child.getStatus() == TicketStatus.CLOSED) {
            // R19: no follow-up while the parent is closed; R20: never dropped. Both closed: the reply is refused.
            Tickets.Summary parent = tickets.summaries(replied.author(), List.of(conversation.getTicketId()))
                    .get(conversation.getTicketId());
            if (parent != null && parent.status() == TicketStatus.CLOSED) {
                throw RecordInvalid.field(
                        "child_ticket",
                        "the child ticket and its parent are both closed: no "
                                + "follow-up is opened while the parent is closed, so this reply would reach nobody");
            }
            Ticket followUp = creator.followUp(conversation, child, replied, account);
            sideConversations.followedUp(conversation, replied.author(), child.getId(), followUp.getId());
            return;
        }
        if (!child.hasRoomForComment()) {
            throw RecordInvalid.field(
                    "child_ticket",
                    "the child ticket has " + Ticket.MAX_COMMENTS + " comments, its limit: this reply cannot reach it");
        }
        boolean isPublic =
                switch (account.childTicketCommentType()) {
                    case PUBLIC -> true;
                    case INTERNAL -> false;
                    case MATCH_TICKET_PRIVACY -> child.isPublic();
                };
        tickets.addMirroredComment(
                child,
                replied.author().userId(),
                replied.message().body(),
                replied.message().htmlBody(),
                isPublic,
                replied.event().getId());
    }

    /**
     * R8: a public comment on a linked child becomes a reply of its side conversation; R11: solving the
     * child closes the side conversation, reopening it reopens it (when status updates are on).
     */
    @EventListener
    void childUpdated(TicketUpdated updated) {
        Ticket child = updated.ticket();
        if (updated.sideConversationId() == null) {
            return;
        }
        SideConversation conversation = sideConversations.locked(updated.sideConversationId());
        if (!conversation.isLinkedTo(child.getExternalId())) {
            return;
        }
        SideConversationSettings account = settings.sideConversations();
        TicketStatus previous = updated.previousStatus();
        TicketStatus status = child.getStatus();
        boolean solved = status == TicketStatus.SOLVED && previous != TicketStatus.SOLVED;
        boolean reopened = previous == TicketStatus.SOLVED
                && (status == TicketStatus.OPEN || status == TicketStatus.PENDING || status == TicketStatus.HOLD);
        boolean followStatus = account.childTicketStatusUpdates() && (solved || reopened);

        Comment comment = updated.comment();
        // R18: internal notes (all a light agent can write) stay on the child; R9: mirrored comments stay put.
        if (comment != null && comment.isPublic() && comment.getOriginEventId() == null) {
            sideConversations.replyFromChild(
                    conversation,
                    updated.actor(),
                    comment.getAuthorId(),
                    comment.getId(),
                    comment.getBody(),
                    comment.getHtmlBody());
        }
        if (followStatus) {
            sideConversations.followChildStatus(
                    conversation, updated.actor(), solved, previous.value(), status.value());
        }
    }
}
