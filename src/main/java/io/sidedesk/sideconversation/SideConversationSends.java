package io.sidedesk.sideconversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.settings.CopyField;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.WireValue;

/**
 * Sending on side conversations (create, reply) and changing them (state, subject), in {@link SideConversations}'
 * transactions: only by senders (R3, R4) who may see the parent. A message goes to a support group, or to an agent
 * in one; the child ticket feature hears of it in the same transaction and may still refuse it (R1, R2).
 */
@Component
class SideConversationSends {

    private final SideConversationRepository conversations;
    private final SideConversationReads reads;
    private final SideConversationHistory history;
    private final ApplicationEventPublisher publisher;
    private final EntityManager entityManager;

    SideConversationSends(
            SideConversationRepository conversations,
            SideConversationReads reads,
            SideConversationHistory history,
            ApplicationEventPublisher publisher,
            EntityManager entityManager) {
        this.conversations = conversations;
        this.reads = reads;
        this.history = history;
        this.publisher = publisher;
        this.entityManager = entityManager;
    }

    SideConversationViews.Created create(Actor actor, long ticketId, SideConversationRequests.Create request) {
        Opened opened = open(actor, ticketId, request);
        history.recordOnParent(opened.conversation(), actor.userId(), List.of(opened.onParent()));
        return new SideConversationViews.Created(
                reads.view(actor, opened.conversation()), SideConversationViews.Event.of(opened.created()), Map.of());
    }

    /** A side conversation opened, its first event, and the event its parent records of it. */
    record Opened(SideConversation conversation, SideConversationEvent created, AuditEvent onParent) {}

    /** Opens a side conversation (and through the child ticket feature, its child ticket); the parent records nothing yet. */
    Opened open(Actor actor, long ticketId, SideConversationRequests.Create request) {
        Ticket parent = reads.parent(actor, ticketId);
        SideConversationPolicy.requireSender(actor);
        SideConversationRequests.Message message = request.requiredMessage();
        Set<CopyField> copyFields = request.copying();
        Participant.Support to = message.addressee();
        SideConversationRequests.Text text = message.text();
        // Without a subject, the parent's (as Zendesk's composer pre-fills it), never one read from the body: the
        // child's first comment may be internal, and its subject is read by the child's requester (R22).
        String subject = message.subject() != null && !message.subject().isBlank()
                ? message.subject().strip()
                : parent.getSubject();

        Instant now = history.now();
        Participant.Person sender = Participant.Person.of(actor);
        SideConversation conversation = new SideConversation(
                UUID.randomUUID(),
                ticketId,
                subject,
                text.preview(),
                List.of(sender, to),
                request.allExternalIds(),
                now);
        conversations.save(conversation);
        SideConversationEvent created = history.event(
                conversation,
                SideConversationEventType.CREATE,
                sender,
                Message.sent(subject, text.preview(), text.plain(), sender, to),
                null,
                null,
                now);

        publisher.publishEvent(new SideConversationOpened(
                conversation,
                created,
                parent,
                actor,
                new SideConversationOpened.Message(
                        subject, message.body(), message.htmlBody(), to.supportGroupId(), to.supportAgentId(), 0),
                copyFields));
        return new Opened(conversation, created, SideConversationHistory.onParent(conversation, "created", created));
    }

    /** The side conversation, locked: the first lock of every write on it and its child (one lock order). */
    SideConversation forUpdate(long ticketId, UUID id) {
        // The ORM's query by its string (interpreted once), not a repository method's proxies; a side conversation
        // of another ticket is neither found nor locked.
        return entityManager
                .createQuery(
                        "select s from SideConversation s where s.id = :id and s.ticketId = :ticketId",
                        SideConversation.class)
                .setParameter("id", id)
                .setParameter("ticketId", ticketId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream()
                .findFirst()
                .orElseThrow(() -> new RecordNotFound("Side conversation", id));
    }

    SideConversationViews.Replied reply(Actor actor, long ticketId, UUID id, SideConversationRequests.Reply request) {
        reads.checkParent(actor, ticketId);
        SideConversationPolicy.requireSender(actor);
        SideConversation conversation = forUpdate(ticketId, id);
        SideConversationRequests.Message message = request.requiredMessage();
        Participant.Support to = message.addressee();
        SideConversationRequests.Text text = message.text();
        Instant now = history.now();
        Participant.Person sender = Participant.Person.of(actor);
        boolean newAddressee = !conversation.hasAddressed(to);
        boolean reopened = conversation.addMessage(text.preview(), List.of(sender, to), true, now);
        SideConversationEvent replied = history.event(
                conversation,
                SideConversationEventType.REPLY,
                sender,
                Message.sent(conversation.getSubject(), text.preview(), text.plain(), sender, to),
                null,
                null,
                now);
        publisher.publishEvent(new SideConversationReplied(
                conversation,
                actor,
                replied,
                new SideConversationOpened.Message(
                        conversation.getSubject(),
                        message.body(),
                        message.htmlBody(),
                        to.supportGroupId(),
                        to.supportAgentId(),
                        0),
                newAddressee));
        List<AuditEvent> onParent =
                new ArrayList<>(List.of(SideConversationHistory.onParent(conversation, "replied", replied)));
        if (reopened) {
            onParent.add(SideConversationHistory.onParent(conversation, "reopened", replied));
        }
        history.recordOnParent(conversation, actor.userId(), onParent);
        return new SideConversationViews.Replied(
                reads.view(actor, conversation), SideConversationViews.Event.of(replied));
    }

    SideConversationViews.Conversation update(
            Actor actor, long ticketId, UUID id, SideConversationRequests.Changes changes) {
        reads.checkParent(actor, ticketId);
        SideConversationPolicy.requireSender(actor);
        SideConversation conversation = forUpdate(ticketId, id);
        Instant now = history.now();
        SideConversationState changedState = null;
        if (changes.state() != null) {
            SideConversationState state = WireValue.find(SideConversationState.class, changes.state());
            if (state == null) {
                throw RecordInvalid.field("state", "must be open or closed");
            }
            if (conversation.changeState(state, now)) {
                changedState = state;
            }
        }
        String changedSubject = null;
        if (changes.subject() != null
                && !changes.subject().isBlank()
                && !changes.subject().strip().equals(conversation.getSubject())) {
            conversation.changeSubject(changes.subject().strip(), now);
            changedSubject = conversation.getSubject();
        }
        Updates updates = new Updates(changedState, changedSubject, null);
        if (!updates.isEmpty()) {
            SideConversationEvent updated = history.event(
                    conversation,
                    SideConversationEventType.UPDATE,
                    Participant.Person.of(actor),
                    null,
                    updates,
                    null,
                    now);
            if (changedState != null) {
                history.recordOnParent(
                        conversation,
                        actor.userId(),
                        List.of(SideConversationHistory.onParent(
                                conversation, conversation.isOpen() ? "reopened" : "closed", updated)));
            }
        }
        return reads.view(actor, conversation);
    }
}
