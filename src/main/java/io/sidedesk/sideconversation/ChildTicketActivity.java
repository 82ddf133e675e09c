package io.sidedesk.sideconversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.web.RecordNotFound;

/**
 * What a linked child ticket's activity does to its side conversation (R8, R11, R20), in the transaction of the
 * child's write, which the child ticket feature's mirror has locked the side conversation in first.
 */
@Component
class ChildTicketActivity {

    private final SideConversationHistory history;
    private final People people;
    private final EntityManager entityManager;

    ChildTicketActivity(SideConversationHistory history, People people, EntityManager entityManager) {
        this.history = history;
        this.people = people;
        this.entityManager = entityManager;
    }

    /** A side conversation the write in progress has locked (so already loaded: no statement). */
    SideConversation locked(UUID id) {
        SideConversation conversation = entityManager.find(SideConversation.class, id);
        if (conversation == null) {
            throw new RecordNotFound("Side conversation", id);
        }
        return conversation;
    }

    /** R8: the reply names the comment (R9: it never crosses back) and leaves the state alone (R11). */
    void replyFromChild(
            SideConversation conversation, Actor writer, long authorId, long commentId, String body, String htmlBody) {
        Instant now = history.now();
        Participant.Person author = authorId == writer.userId() ? Participant.Person.of(writer) : person(authorId);
        Message message = Message.fromChild(conversation.getSubject(), body, htmlBody, author);
        conversation.addMessage(message.previewText(), List.of(), false, now);
        SideConversationEvent replied =
                history.event(conversation, SideConversationEventType.REPLY, author, message, null, commentId, now);
        history.recordOnParent(
                conversation, authorId, List.of(SideConversationHistory.onParent(conversation, "replied", replied)));
    }

    /** R11: an {@code update} event if the state changed; the parent records it with the child's statuses. */
    void followChildStatus(
            SideConversation conversation, Actor actor, boolean solved, String previousStatus, String status) {
        Instant now = history.now();
        SideConversationState state = solved ? SideConversationState.CLOSED : SideConversationState.OPEN;
        SideConversationEvent updated = null;
        if (conversation.changeState(state, now)) {
            updated = history.event(
                    conversation,
                    SideConversationEventType.UPDATE,
                    Participant.Person.of(actor),
                    null,
                    Updates.state(state),
                    null,
                    now);
        }
        List<AuditEvent> onParent = new ArrayList<>();
        if (updated != null) {
            onParent.add(SideConversationHistory.onParent(conversation, solved ? "closed" : "reopened", updated));
        }
        onParent.add(SideConversationHistory.onParent(
                conversation,
                "child_status_changed",
                updated,
                Map.of("previous_value", previousStatus, "value", status)));
        history.recordOnParent(conversation, actor.userId(), onParent);
    }

    /** R20: the link moves to the follow-up; an {@code update} event and the parent record the move. */
    void followedUp(SideConversation conversation, Actor actor, long closedChildId, long followUpId) {
        Instant now = history.now();
        conversation.moveLinkTo(followUpId, now);
        SideConversationEvent moved = history.event(
                conversation,
                SideConversationEventType.UPDATE,
                Participant.Person.of(actor),
                null,
                Updates.target(followUpId),
                null,
                now);
        history.recordOnParent(
                conversation,
                actor.userId(),
                List.of(SideConversationHistory.onParent(
                        conversation,
                        "child_ticket_followed_up",
                        moved,
                        Map.of("previous_child_ticket_id", closedChildId))));
    }

    /** A user as a participant, with the name and email the directory has for them. */
    private Participant.Person person(long userId) {
        return people.person(userId)
                .map(person -> new Participant.Person(userId, person.name(), person.email()))
                .orElse(new Participant.Person(userId, null, null));
    }
}
