package io.sidedesk.sideconversation;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.Transactions;

/**
 * Side conversations on a ticket: the feature's API, and where its transactions begin. They are for agents and
 * admins; otherwise access follows the parent ticket (404 when the caller cannot see it). Sending (create,
 * reply) and changing (state, subject) need a role that may create side conversations and comment publicly,
 * never a light agent (R3, R4). Only the child ticket channel is served: messages go to a support group, or to
 * an agent in one. The child ticket feature changes them only inside its own writes (the mirror).
 */
@Service
public class SideConversations {

    private final SideConversationReads reads;
    private final SideConversationSends sends;
    private final ChildTicketActivity children;

    SideConversations(SideConversationReads reads, SideConversationSends sends, ChildTicketActivity children) {
        this.reads = reads;
        this.sends = sends;
        this.children = children;
    }

    /**
     * Read outside a transaction: each statement (the parent's visibility, the page, its children's summaries, and
     * with {@code include=events} their events) sees what was committed when it ran, as in a read-committed
     * transaction; only the events are read through the ORM (a repository's own read-only transaction).
     */
    public ListPage<SideConversationViews.Conversation> list(
            Actor actor, long ticketId, boolean includeEvents, Paging paging) {
        return reads.list(actor, ticketId, includeEvents, paging);
    }

    @Transactional(readOnly = true)
    public SideConversationViews.Conversation show(Actor actor, long ticketId, UUID id, boolean includeEvents) {
        return reads.show(actor, ticketId, id, includeEvents);
    }

    @Transactional(readOnly = true)
    public ListPage<SideConversationViews.Event> events(Actor actor, long ticketId, UUID id, Paging paging) {
        return reads.events(actor, ticketId, id, paging);
    }

    /** The ids of the parent's child tickets, the closed ones that follow-ups replaced included (R20). */
    @Transactional(readOnly = true)
    public List<Long> childTicketIds(long parentId) {
        return reads.childTicketIds(parentId);
    }

    @Transactional
    public SideConversationViews.Created create(Actor actor, long ticketId, SideConversationRequests.Create request) {
        return sends.create(actor, ticketId, request);
    }

    /**
     * R16: a side conversation a macro opens within a ticket update, checked exactly as one the caller creates by hand
     * (R1–R4; a refusal names the message's participant, {@code message.to[0]}); the parent's event of it is returned
     * for the update's own audit. {@code body} is HTML when {@code html}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent openForUpdate(
            Actor actor,
            long ticketId,
            String subject,
            String body,
            boolean html,
            long groupId,
            Long agentId,
            List<String> copyFields) {
        SideConversationRequests.Message message = new SideConversationRequests.Message(
                subject,
                null,
                html ? null : body,
                html ? body : null,
                List.of(new SideConversationRequests.Recipient(null, null, null, groupId, agentId)),
                null);
        return sends.open(actor, ticketId, new SideConversationRequests.Create(message, null, copyFields))
                .onParent();
    }

    @Transactional
    public SideConversationViews.Replied reply(
            Actor actor, long ticketId, UUID id, SideConversationRequests.Reply request) {
        return sends.reply(actor, ticketId, id, request);
    }

    @Transactional
    public SideConversationViews.Conversation update(
            Actor actor, long ticketId, UUID id, SideConversationRequests.Changes changes) {
        return sends.update(actor, ticketId, id, changes);
    }

    /** A side conversation the write in progress has locked (so already loaded: no statement). */
    public SideConversation locked(UUID id) {
        Transactions.requireActive();
        return children.locked(id);
    }

    /**
     * R8: a public comment on the linked child becomes a reply of its side conversation and an event on
     * the parent. The reply names the comment (R9: it never crosses back). It leaves the state alone: only
     * the child's status moves it (R11), and only when the account says so.
     */
    public void replyFromChild(
            SideConversation conversation, Actor writer, long authorId, long commentId, String body, String htmlBody) {
        Transactions.requireActive();
        children.replyFromChild(conversation, writer, authorId, commentId, body, htmlBody);
    }

    /**
     * R11: the child was solved (the side conversation closes) or reopened (it reopens). The change is an
     * {@code update} event of the side conversation, and the parent records it with the child's statuses.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void followChildStatus(
            SideConversation conversation, Actor actor, boolean solved, String previousStatus, String status) {
        children.followChildStatus(conversation, actor, solved, previousStatus, status);
    }

    /**
     * R20: the linked child was closed, so a reply went to {@code followUp}, its follow-up. The link moves to the
     * follow-up ({@code external_ids.targetTicketId} names it), an {@code update} event of the side conversation
     * records the move, and so does the parent, naming both children.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void followedUp(SideConversation conversation, Actor actor, long closedChildId, long followUpId) {
        children.followedUp(conversation, actor, closedChildId, followUpId);
    }
}
