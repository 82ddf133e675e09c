package io.sidedesk.sideconversation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.settings.CopyField;
import io.sidedesk.settings.Settings;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.CommentBody;
import io.sidedesk.ticket.Correlation;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketHistory;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.WireValue;

/**
 * Side conversations on a ticket. They are for agents and admins; otherwise access follows the parent
 * ticket (404 when the caller cannot see it). Sending (create, reply) and changing (state, subject) need a
 * role that may create side conversations and comment publicly, never a light agent (R3, R4). Only the child
 * ticket channel is served: messages go to a support group, or to an agent in one.
 */
@Service
public class SideConversations {

    static final String VIA = "api";

    private final SideConversationRepository conversations;
    private final SideConversationEventRepository events;
    private final Tickets tickets;
    private final TicketHistory history;
    private final People people;
    private final Settings settings;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    SideConversations(SideConversationRepository conversations, SideConversationEventRepository events,
            Tickets tickets, TicketHistory history, People people, Settings settings,
            ApplicationEventPublisher publisher, Clock clock) {
        this.conversations = conversations;
        this.events = events;
        this.tickets = tickets;
        this.history = history;
        this.people = people;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ListPage<SideConversationViews.Conversation> list(Actor actor, long ticketId, boolean includeEvents,
            Paging paging) {
        checkParent(actor, ticketId);
        Specification<SideConversation> onTicket = (root, query, cb) -> cb.equal(root.get("ticketId"), ticketId);
        return paging.fetch(conversations, onTicket, "seq", SideConversation::getSeq)
            .mapAll(page -> views(actor, page, includeEvents));
    }

    @Transactional(readOnly = true)
    public SideConversationViews.Conversation show(Actor actor, long ticketId, UUID id, boolean includeEvents) {
        checkParent(actor, ticketId);
        return views(actor, List.of(find(ticketId, id)), includeEvents).get(0);
    }

    @Transactional(readOnly = true)
    public ListPage<SideConversationViews.Event> events(Actor actor, long ticketId, UUID id, Paging paging) {
        checkParent(actor, ticketId);
        find(ticketId, id);
        Specification<SideConversationEvent> of = (root, query, cb) -> cb.equal(root.get("sideConversationId"), id);
        return paging.fetch(events, of, "seq", SideConversationEvent::getSeq).map(SideConversationViews.Event::of);
    }

    @Transactional
    public SideConversationViews.Created create(Actor actor, long ticketId, SideConversationRequests.Create request) {
        Ticket parent = parent(actor, ticketId);
        SideConversationPolicy.requireSender(actor);
        SideConversationRequests.Message message = request.message();
        if (message == null) {
            throw RecordInvalid.field("message", "is required");
        }
        Set<CopyField> copyFields = copyFields(request.copyFields());
        Participant.Support to = addressee(message.to());
        Content content = content(message);
        // Without a subject, the parent's (as Zendesk's composer pre-fills it), never one read from the body: the
        // child's first comment may be internal, and its subject is read by the child's requester (R22).
        String subject = message.subject() != null && !message.subject().isBlank() ? message.subject().strip()
                : parent.getSubject();

        Instant now = now();
        Map<String, String> externalIds = new LinkedHashMap<>();
        for (Map<String, String> given : java.util.Arrays.asList(request.externalIds(), message.externalIds())) {
            if (given != null) {
                // An id sent as null has always been kept (and shown) as the empty string.
                given.forEach((key, value) -> externalIds.put(key, value == null ? "" : value));
            }
        }
        Participant.Person sender = Participant.Person.of(actor);
        SideConversation conversation = new SideConversation(UUID.randomUUID(), ticketId, subject,
                content.preview(), List.of(sender, to), externalIds, now);
        conversations.save(conversation);
        SideConversationEvent created = event(conversation, SideConversationEventType.CREATE, sender,
                Message.sent(subject, content.preview(), content.plain(), sender, to), null, null, now);

        publisher.publishEvent(new SideConversationOpened(conversation, created, parent, actor,
                new SideConversationOpened.Message(subject, message.body(), message.htmlBody(), to.supportGroupId(),
                        to.supportAgentId(), 0), copyFields));

        recordOnParent(conversation, actor.userId(), List.of(onParent(conversation, "created", created)));
        return new SideConversationViews.Created(view(actor, conversation), SideConversationViews.Event.of(created),
                Map.of());
    }

    /** The ids of the parent's child tickets, the closed ones that follow-ups replaced included (R20). */
    @Transactional(readOnly = true)
    public List<Long> childTicketIds(long parentId) {
        List<Long> ids = new ArrayList<>();
        for (SideConversation conversation : conversations.findByTicketIdAndChildTicketIdNotNull(parentId)) {
            ids.addAll(conversation.getEarlierChildTicketIds());
            ids.add(conversation.getChildTicketId());
        }
        return ids;
    }

    /** The side conversation, locked: the first lock of every write on it and its child (one lock order). */
    public SideConversation forUpdate(long ticketId, UUID id) {
        return conversations.lockOnTicket(id, ticketId).orElseThrow(() -> new RecordNotFound("Side conversation", id));
    }

    @Transactional
    public SideConversationViews.Replied reply(Actor actor, long ticketId, UUID id, SideConversationRequests.Reply request) {
        checkParent(actor, ticketId);
        SideConversationPolicy.requireSender(actor);
        SideConversation conversation = forUpdate(ticketId, id);
        SideConversationRequests.Message message = request.message();
        if (message == null) {
            throw RecordInvalid.field("message", "is required");
        }
        Participant.Support to = addressee(message.to());
        Content content = content(message);
        Instant now = now();
        Participant.Person sender = Participant.Person.of(actor);
        boolean reopened = conversation.addMessage(content.preview(), List.of(sender, to), true, now);
        SideConversationEvent replied = event(conversation, SideConversationEventType.REPLY, sender,
                Message.sent(conversation.getSubject(), content.preview(), content.plain(), sender, to), null, null,
                now);
        publisher.publishEvent(new SideConversationReplied(conversation, actor, replied,
                new SideConversationOpened.Message(conversation.getSubject(), message.body(), message.htmlBody(),
                        to.supportGroupId(), to.supportAgentId(), 0)));
        List<AuditEvent> onParent = new ArrayList<>(List.of(onParent(conversation, "replied", replied)));
        if (reopened) {
            onParent.add(onParent(conversation, "reopened", replied));
        }
        recordOnParent(conversation, actor.userId(), onParent);
        return new SideConversationViews.Replied(view(actor, conversation), SideConversationViews.Event.of(replied));
    }

    @Transactional
    public SideConversationViews.Conversation update(Actor actor, long ticketId, UUID id,
            SideConversationRequests.Changes changes) {
        checkParent(actor, ticketId);
        SideConversationPolicy.requireSender(actor);
        SideConversation conversation = forUpdate(ticketId, id);
        Instant now = now();
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
        if (changes.subject() != null && !changes.subject().isBlank()
                && !changes.subject().strip().equals(conversation.getSubject())) {
            conversation.changeSubject(changes.subject().strip(), now);
            changedSubject = conversation.getSubject();
        }
        Updates updates = new Updates(changedState, changedSubject, null);
        if (!updates.isEmpty()) {
            SideConversationEvent updated = event(conversation, SideConversationEventType.UPDATE,
                    Participant.Person.of(actor), null, updates, null, now);
            if (changedState != null) {
                recordOnParent(conversation, actor.userId(),
                        List.of(onParent(conversation, conversation.isOpen() ? "reopened" : "closed", updated)));
            }
        }
        return view(actor, conversation);
    }

    /** A side conversation the write in progress has locked (so already loaded: no statement). */
    @Transactional(propagation = Propagation.MANDATORY)
    public SideConversation locked(UUID id) {
        return conversations.findById(id).orElseThrow(() -> new RecordNotFound("Side conversation", id));
    }

    /**
     * R8: a public comment on the linked child becomes a reply of its side conversation and an event on
     * the parent. The reply names the comment (R9: it never crosses back). It leaves the state alone: only
     * the child's status moves it (R11), and only when the account says so.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void replyFromChild(SideConversation conversation, Actor writer, long authorId, long commentId, String body,
            String htmlBody) {
        Instant now = now();
        Participant.Person author = authorId == writer.userId() ? Participant.Person.of(writer) : person(authorId);
        Message message = Message.fromChild(conversation.getSubject(), body, htmlBody, author);
        conversation.addMessage(message.previewText(), List.of(), false, now);
        SideConversationEvent replied = event(conversation, SideConversationEventType.REPLY, author, message, null,
                commentId, now);
        recordOnParent(conversation, authorId, List.of(onParent(conversation, "replied", replied)));
    }

    /**
     * R11: the child was solved (the side conversation closes) or reopened (it reopens). The change is an
     * {@code update} event of the side conversation, and the parent records it with the child's statuses.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void followChildStatus(SideConversation conversation, Actor actor, boolean solved, String previousStatus,
            String status) {
        Instant now = now();
        SideConversationState state = solved ? SideConversationState.CLOSED : SideConversationState.OPEN;
        SideConversationEvent updated = null;
        if (conversation.changeState(state, now)) {
            updated = event(conversation, SideConversationEventType.UPDATE, Participant.Person.of(actor), null,
                    Updates.state(state), null, now);
        }
        List<AuditEvent> onParent = new ArrayList<>();
        if (updated != null) {
            onParent.add(onParent(conversation, solved ? "closed" : "reopened", updated));
        }
        onParent.add(onParent(conversation, "child_status_changed", updated,
                Map.of("previous_value", previousStatus, "value", status)));
        recordOnParent(conversation, actor.userId(), onParent);
    }

    /**
     * R20: the linked child was closed, so a reply went to {@code followUp}, its follow-up. The link moves to the
     * follow-up ({@code external_ids.targetTicketId} names it), an {@code update} event of the side conversation
     * records the move, and so does the parent, naming both children.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void followedUp(SideConversation conversation, Actor actor, long closedChildId, long followUpId) {
        Instant now = now();
        conversation.moveLinkTo(followUpId, now);
        SideConversationEvent moved = event(conversation, SideConversationEventType.UPDATE,
                Participant.Person.of(actor), null, Updates.target(followUpId), null, now);
        recordOnParent(conversation, actor.userId(), List.of(onParent(conversation, "child_ticket_followed_up", moved,
                Map.of("previous_child_ticket_id", closedChildId))));
    }

    /** The time of a write, to the millisecond, from the service's clock. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Writes an event of the side conversation, carrying the write's correlation id. */
    private SideConversationEvent event(SideConversation conversation, SideConversationEventType type,
            Participant.Person actor, Message message, Updates updates, Long originCommentId, Instant now) {
        return events.save(new SideConversationEvent(conversation, type, actor, VIA, message, updates,
                originCommentId, Correlation.current(), now));
    }

    /** A {@code SideConversation} event for the parent's history (the write's correlation id included). */
    private static AuditEvent onParent(SideConversation conversation, String action, SideConversationEvent event) {
        return onParent(conversation, action, event, Map.of());
    }

    private static AuditEvent onParent(SideConversation conversation, String action, SideConversationEvent event,
            Map<String, Object> more) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("action", action);
        members.put("side_conversation_id", conversation.getId().toString());
        members.put("side_conversation_event_id", event == null ? null : event.getId().toString());
        members.put("subject", conversation.getSubject());
        members.put("preview_text", conversation.getPreviewText());
        if (conversation.getChildTicketId() != null) {
            members.put("child_ticket_id", conversation.getChildTicketId());
        }
        members.putAll(more);
        members.put("correlation_id", Correlation.current().toString());
        return AuditEvent.of("SideConversation", members);
    }

    /** The parent's history records side conversation activity; the parent itself is not changed. */
    private void recordOnParent(SideConversation conversation, long actorId, List<AuditEvent> events) {
        history.record(conversation.getTicketId(), actorId, VIA, events);
    }

    private SideConversationViews.Conversation view(Actor actor, SideConversation conversation) {
        return views(actor, List.of(conversation), false).get(0);
    }

    /** Views of a page: child tickets read live in two statements, events in one, whatever the page size. */
    private List<SideConversationViews.Conversation> views(Actor actor, List<SideConversation> page,
            boolean includeEvents) {
        List<Long> childIds = page.stream().map(SideConversation::getChildTicketId)
            .filter(java.util.Objects::nonNull).toList();
        Map<Long, Tickets.Summary> children = tickets.summaries(actor, childIds);
        Map<UUID, List<SideConversationViews.Event>> eventsOf = !includeEvents || page.isEmpty() ? Map.of()
                : events.findBySideConversationIdInOrderBySeq(page.stream().map(SideConversation::getId).toList())
                    .stream()
                    .collect(Collectors.groupingBy(SideConversationEvent::getSideConversationId, LinkedHashMap::new,
                            Collectors.mapping(SideConversationViews.Event::of, Collectors.toList())));
        return page.stream().map(conversation -> SideConversationViews.Conversation.of(conversation,
                childTicket(conversation, children),
                includeEvents ? eventsOf.getOrDefault(conversation.getId(), List.of()) : null)).toList();
    }

    /** R10: the child's status and assignee, read live; only id and linked for a child the caller may not see. */
    private static SideConversationViews.ChildTicket childTicket(SideConversation conversation,
            Map<Long, Tickets.Summary> children) {
        if (conversation.getChildTicketId() == null) {
            return null;
        }
        Tickets.Summary child = children.get(conversation.getChildTicketId());
        boolean linked = child != null && conversation.isLinkedTo(child.externalId());
        return child != null && child.visible()
                ? new SideConversationViews.VisibleChild(child.id(), child.status(), child.assigneeId(),
                        child.groupId(), linked)
                : new SideConversationViews.HiddenChild(conversation.getChildTicketId(), linked);
    }

    /** The parent ticket, loaded (creating a side conversation hands it on); a 404 if the caller cannot see it. */
    private Ticket parent(Actor actor, long ticketId) {
        SideConversationPolicy.requireReader(actor);
        return tickets.requireVisible(actor, ticketId);
    }

    /** A 404 unless the caller can see the parent ticket, which is not loaded (one column read). */
    private void checkParent(Actor actor, long ticketId) {
        SideConversationPolicy.requireReader(actor);
        tickets.checkVisible(actor, ticketId);
    }

    private SideConversation find(long ticketId, UUID id) {
        return conversations.findByIdAndTicketId(id, ticketId)
            .orElseThrow(() -> new RecordNotFound("Side conversation", id));
    }

    /** Who a message goes to: exactly one support group, with at most one agent of it. */
    private static Participant.Support addressee(List<SideConversationRequests.Participant> to) {
        if (to == null || to.isEmpty()) {
            throw RecordInvalid.field("message.to", "is required: address a support_group_id");
        }
        boolean support = to.stream().anyMatch(p -> p != null && p.isSupport());
        boolean email = to.stream().anyMatch(p -> p != null && p.isEmail());
        if (support && email) {
            throw RecordInvalid.field("message.to", "participant types cannot be mixed");
        }
        if (email) {
            throw RecordInvalid.field("email_channel",
                    "email side conversations are not available: address a support_group_id for a child ticket");
        }
        if (!support || to.size() != 1) {
            throw RecordInvalid.field("message.to",
                    "must name exactly one participant with a support_group_id (and optionally a support_agent_id)");
        }
        SideConversationRequests.Participant participant = to.get(0);
        if (participant.supportGroupId() == null) {
            throw RecordInvalid.field("message.to[0].support_group_id", "is required with a support_agent_id");
        }
        return new Participant.Support(participant.supportGroupId(), participant.supportAgentId());
    }

    record Content(String plain, String preview) {
    }

    private static Content content(SideConversationRequests.Message message) {
        // A message keeps its plain text; the sanitized HTML is the child ticket comment's alone.
        String plain = CommentBody.of(message.body(), message.htmlBody(), "message", "message").body().strip();
        if (plain.isEmpty()) {
            // A comment may be an image alone; a message needs text, which its preview shows.
            throw CommentBody.missing("message", "message");
        }
        String preview = message.previewText() != null && !message.previewText().isBlank()
                ? message.previewText().strip()
                : Message.preview(plain);
        return new Content(plain, preview);
    }

    /** A user as a participant, with the name and email the directory has for them. */
    private Participant.Person person(long userId) {
        return people.person(userId)
            .map(person -> new Participant.Person(userId, person.name(), person.email()))
            .orElse(new Participant.Person(userId, null, null));
    }

    private static Set<CopyField> copyFields(List<String> names) {
        Set<CopyField> fields = EnumSet.noneOf(CopyField.class);
        if (names != null) {
            for (String name : names) {
                CopyField field = io.sidedesk.web.WireValue.find(CopyField.class, name);
                if (field == null) {
                    throw RecordInvalid.field("copy_fields", "can name only tags, followers, ticket_form, requester");
                }
                fields.add(field);
            }
        }
        return fields;
    }
}
