package io.sidedesk.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.AuditFollowers;
import io.sidedesk.ticket.ChildLinks;
import io.sidedesk.ticket.Ticket;

/**
 * Reads each recorded audit as webhook events, in Zendesk's event shape, and queues them with the write
 * ({@link WebhookQueue}): a {@code Create} is {@code ticket.created}, a {@code Comment} {@code ticket.comment_added},
 * each {@code Change} of a field its {@code *_changed} event, and the parent's {@code SideConversation} events
 * Sidedesk's {@code side_conversation.*} events. The body is made now, so it tells the ticket as this write left it,
 * whenever it is delivered. A child ticket whose {@code external_id} leaves (or comes back to) its link's tells the
 * parent's subscribers {@code link_broken} (or {@code child_ticket_linked}).
 */
@Component
class WebhookEvents implements AuditFollowers {

    static final String EVENT_VERSION = "2022-11-06";

    /** Sidedesk serves one account. */
    static final long ACCOUNT_ID = 1;

    private final WebhookQueue queue;
    private final JsonMapper json;
    private final EntityManager entityManager;
    private final Clock clock;

    WebhookEvents(WebhookQueue queue, JsonMapper json, EntityManager entityManager, Clock clock) {
        this.queue = queue;
        this.json = json;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** One event: its type, the ticket it is about, and what happened. */
    private record Event(String type, Ticket subject, Map<String, Object> what) {}

    @Override
    public void recorded(RecordedAudit audit) {
        Set<String> subscribed = queue.subscribed();
        if (subscribed.isEmpty()) {
            return; // no active webhook: no event to read, no payload to write
        }
        List<Event> events = new ArrayList<>();
        Ticket ticket = audit.ticket();
        if (audit.events().stream().anyMatch(event -> "Create".equals(event.member("type")))) {
            events.add(new Event(EventTypes.TICKET_CREATED, ticket, Map.of()));
        }
        // A field changed twice in one write (an assignment opens a ticket a rule then sets pending) is one event,
        // from its first previous value to its last.
        Map<Object, Object[]> fields = new LinkedHashMap<>();
        for (AuditEvent event : audit.events()) {
            if ("Change".equals(event.member("type"))) {
                Object[] change = fields.computeIfAbsent(
                        event.member("field_name"), field -> new Object[] {event.member("previous_value"), null});
                change[1] = event.member("value");
            }
        }
        for (AuditEvent event : audit.events()) {
            Object type = event.member("type");
            if ("Comment".equals(type)) {
                events.add(new Event(EventTypes.COMMENT_ADDED, ticket, comment(event)));
            } else if ("Change".equals(type)) {
                Object[] change = fields.remove(event.member("field_name"));
                if (change != null && !java.util.Objects.equals(change[0], change[1])) {
                    change(events, ticket, String.valueOf(event.member("field_name")), change[0], change[1]);
                }
            } else if ("SideConversation".equals(type)) {
                sideConversation(events, ticket, event);
            }
        }
        events.removeIf(event -> !subscribed.contains(event.type()));
        if (events.isEmpty()) {
            return;
        }
        Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<Ticket, Map<String, Object>> details = new LinkedHashMap<>();
        for (Event event : events) {
            Map<String, Object> detail = details.computeIfAbsent(event.subject(), about -> detail(about, audit));
            UUID id = UUID.randomUUID();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", event.type());
            body.put("account_id", ACCOUNT_ID);
            body.put("id", id.toString());
            body.put("time", time); // written as every timestamp: three fraction digits, always
            body.put("zendesk_event_version", EVENT_VERSION);
            body.put("subject", "zen:ticket:" + event.subject().getId());
            body.put("correlation_id", audit.correlationId().toString());
            body.put("detail", detail);
            body.put("event", event.what());
            queue.add(new WebhookQueue.Entry(
                    id,
                    event.type(),
                    event.subject().getId(),
                    audit.correlationId(),
                    json.writeValueAsString(body),
                    null));
        }
    }

    private void change(List<Event> events, Ticket ticket, String field, Object previous, Object current) {
        if ("tags".equals(field)) {
            TreeSet<String> added = strings(current);
            TreeSet<String> removed = strings(previous);
            added.removeAll(strings(previous));
            removed.removeAll(strings(current));
            events.add(new Event(
                    EventTypes.TAGS_CHANGED,
                    ticket,
                    Map.of("tags_added", List.copyOf(added), "tags_removed", List.copyOf(removed))));
            return;
        }
        Map<String, Object> what = new LinkedHashMap<>();
        if (field.chars().allMatch(Character::isDigit)) {
            what.put("field_id", field);
            what.put("previous", previous);
            what.put("current", current);
            events.add(new Event(EventTypes.CUSTOM_FIELD_CHANGED, ticket, what));
            return;
        }
        String type = EventTypes.CHANGES.get(field);
        if (type == null) {
            return;
        }
        what.put("previous", previous);
        what.put("current", current);
        events.add(new Event(type, ticket, what));
        if ("external_id".equals(field) && (reserved(previous) || reserved(current))) {
            linkChange(events, ticket, previous, current);
        }
    }

    /**
     * A child ticket's external id left its link's, or came back to it: the parent's side conversation event. The
     * link's external id names the side conversation and the parent ({@code zen:side_conversation:<id>:ticket:<id>}),
     * and only a link's may carry that prefix; the parent is read to tell it (the one statement this rare write adds).
     */
    private void linkChange(List<Event> events, Ticket child, Object previous, Object current) {
        boolean broken = reserved(previous);
        Link link = Link.of(String.valueOf(broken ? previous : current));
        if (link == null) {
            return;
        }
        Ticket parent = entityManager.find(Ticket.class, link.parentId());
        if (parent == null) {
            return;
        }
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", link.sideConversationId());
        conversation.put("child_ticket_id", String.valueOf(child.getId()));
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("side_conversation", conversation);
        what.put("side_conversation_event_id", null);
        what.put("external_id", child.getExternalId());
        events.add(new Event(broken ? EventTypes.LINK_BROKEN : EventTypes.CHILD_TICKET_LINKED, parent, what));
    }

    /** A child ticket's link as its external id writes it, or null when the text is not one. */
    private record Link(String sideConversationId, long parentId) {

        private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(ChildLinks.RESERVED_PREFIX) + "([0-9a-f-]{36}):ticket:([0-9]{1,19})");

        static Link of(String externalId) {
            java.util.regex.Matcher matcher = SHAPE.matcher(externalId);
            return matcher.matches() ? new Link(matcher.group(1), Long.parseLong(matcher.group(2))) : null;
        }
    }

    private static void sideConversation(List<Event> events, Ticket parent, AuditEvent event) {
        Object action = event.member("action");
        Object childId = event.member("child_ticket_id");
        boolean followedUp = "child_ticket_followed_up".equals(action);
        if (!(action instanceof String named && EventTypes.SIDE_CONVERSATION_ACTIONS.contains(named)) && !followedUp) {
            return;
        }
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", event.member("side_conversation_id"));
        conversation.put("subject", event.member("subject"));
        conversation.put("state", "closed".equals(action) ? "closed" : "open");
        conversation.put("child_ticket_id", childId == null ? null : String.valueOf(childId));
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("side_conversation", conversation);
        what.put("side_conversation_event_id", event.member("side_conversation_event_id"));
        if (followedUp) {
            what.put("previous_child_ticket_id", String.valueOf(event.member("previous_child_ticket_id")));
            events.add(new Event(EventTypes.CHILD_TICKET_LINKED, parent, what));
            return;
        }
        events.add(new Event(EventTypes.SIDE_CONVERSATION + action, parent, what));
        if ("created".equals(action) && childId != null) {
            events.add(new Event(EventTypes.CHILD_TICKET_LINKED, parent, what));
        }
    }

    private static Map<String, Object> comment(AuditEvent event) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("id", String.valueOf(event.member("id")));
        comment.put("body", event.member("body"));
        comment.put("is_public", event.member("public"));
        comment.put("author", Map.of("id", String.valueOf(event.member("author_id"))));
        return Map.of("comment", comment);
    }

    /** The ticket as the write left it, in the shape of Zendesk's event detail (ids as strings). */
    private static Map<String, Object> detail(Ticket ticket, RecordedAudit audit) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("actor_id", audit.authorId() == null ? "-1" : String.valueOf(audit.authorId()));
        detail.put("assignee_id", id(ticket.getAssigneeId()));
        detail.put("created_at", ticket.getCreatedAt());
        detail.put("description", ticket.getDescription());
        detail.put("external_id", ticket.getExternalId());
        detail.put("form_id", id(ticket.getTicketFormId()));
        detail.put("group_id", id(ticket.getGroupId()));
        detail.put("id", String.valueOf(ticket.getId()));
        detail.put("is_public", ticket.isPublic());
        detail.put(
                "priority",
                ticket.getPriority() == null ? null : ticket.getPriority().value());
        detail.put("requester_id", String.valueOf(ticket.getRequesterId()));
        detail.put("status", ticket.getStatus().value());
        detail.put("subject", ticket.getSubject());
        detail.put("submitter_id", String.valueOf(ticket.getSubmitterId()));
        detail.put("tags", ticket.getTags());
        detail.put("type", ticket.getType() == null ? null : ticket.getType().value());
        detail.put("updated_at", ticket.getUpdatedAt());
        detail.put("via", Map.of("channel", audit.channel()));
        Link link = ticket.getExternalId() == null ? null : Link.of(ticket.getExternalId());
        if (link != null) {
            // A child ticket, while linked: its external id is its link's (read from it, no statement).
            detail.put(
                    "child_of",
                    Map.of(
                            "ticket_id", String.valueOf(link.parentId()),
                            "side_conversation_id", link.sideConversationId(),
                            "linked", true));
        }
        return detail;
    }

    private static String id(Long id) {
        return id == null ? null : String.valueOf(id);
    }

    private static boolean reserved(Object externalId) {
        return externalId instanceof String text && text.startsWith(ChildLinks.RESERVED_PREFIX);
    }

    private static TreeSet<String> strings(Object values) {
        TreeSet<String> strings = new TreeSet<>();
        if (values instanceof Collection<?> items) {
            items.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }
}
