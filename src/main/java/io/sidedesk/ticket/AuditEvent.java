package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of a ticket audit, in the dialect's shape ({@code {"type": "Change", "field_name": ...}}).
 * Values are written as Zendesk writes them: text, ids as strings, sets as sorted lists of strings.
 */
public final class AuditEvent {

    private final Map<String, Object> members;

    private AuditEvent(Map<String, Object> members) {
        this.members = members;
    }

    /** A creation audit's events: each field the new ticket has, in the dialect's order. */
    static List<AuditEvent> creationOf(Ticket ticket) {
        List<AuditEvent> events = new ArrayList<>();
        events.add(create("subject", ticket.getSubject()));
        events.add(create("status", ticket.getStatus()));
        events.add(create("requester_id", ticket.getRequesterId()));
        addIfSet(events, "priority", ticket.getPriority());
        addIfSet(events, "type", ticket.getType());
        addIfSet(events, "group_id", ticket.getGroupId());
        addIfSet(events, "assignee_id", ticket.getAssigneeId());
        addIfSet(events, "external_id", ticket.getExternalId());
        addIfSet(events, "ticket_form_id", ticket.getTicketFormId());
        addIfSet(events, "tags", ticket.getTags().isEmpty() ? null : ticket.getTags());
        addIfSet(events, "follower_ids", ticket.getFollowerIds().isEmpty() ? null : ticket.getFollowerIds());
        addIfSet(events, "email_cc_ids", ticket.getEmailCcIds().isEmpty() ? null : ticket.getEmailCcIds());
        return events;
    }

    private static void addIfSet(List<AuditEvent> events, String field, Object value) {
        if (value != null) {
            events.add(create(field, value));
        }
    }

    static AuditEvent create(String field, Object value) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "Create");
        members.put("field_name", field);
        members.put("value", wire(value));
        return new AuditEvent(members);
    }

    static AuditEvent change(String field, Object previous, Object value) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "Change");
        members.put("field_name", field);
        members.put("previous_value", wire(previous));
        members.put("value", wire(value));
        return new AuditEvent(members);
    }

    static AuditEvent comment(Comment comment) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("id", comment.getId());
        members.put("type", "Comment");
        members.put("author_id", comment.getAuthorId());
        members.put("body", comment.getBody());
        members.put("html_body", comment.getHtmlBody());
        members.put("plain_body", comment.getBody());
        members.put("public", comment.isPublic());
        members.put("attachments", List.of());
        return new AuditEvent(members);
    }

    /** An event of another feature's making (side conversations), recorded on the ticket's history as given. */
    public static AuditEvent of(String type, Map<String, Object> members) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("type", type);
        all.putAll(members);
        return new AuditEvent(all);
    }

    Map<String, Object> members() {
        return members;
    }

    /** One member as it will be written (text, lists of text, nested maps), or null. */
    public Object member(String name) {
        return members.get(name);
    }

    /** The same event with one more member. */
    AuditEvent with(String name, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(members);
        all.put(name, value);
        return new AuditEvent(all);
    }

    private static Object wire(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).sorted().toList();
        }
        if (value instanceof tools.jackson.databind.JsonNode node) {
            return node.isString() ? node.stringValue() : node.toString();
        }
        if (value instanceof io.sidedesk.web.WireValue wireValue) {
            return wireValue.value();
        }
        return String.valueOf(value);
    }
}
