package io.sidedesk.webhook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The event types webhooks subscribe to: Zendesk's ticket events, and Sidedesk's side conversation events. */
final class EventTypes {

    static final String PREFIX = "zen:event-type:";

    /** The subscription of webhooks that triggers notify ({@code notification_webhook}): no event of its own. */
    static final String CONDITIONAL_TICKET_EVENTS = "conditional_ticket_events";

    static final String TICKET_CREATED = PREFIX + "ticket.created";
    static final String COMMENT_ADDED = PREFIX + "ticket.comment_added";
    static final String TAGS_CHANGED = PREFIX + "ticket.tags_changed";
    static final String CUSTOM_FIELD_CHANGED = PREFIX + "ticket.custom_field_changed";
    static final String SIDE_CONVERSATION = PREFIX + "side_conversation.";
    static final String CHILD_TICKET_LINKED = SIDE_CONVERSATION + "child_ticket_linked";
    static final String LINK_BROKEN = SIDE_CONVERSATION + "link_broken";

    /** A ticket field's {@code Change} events, by field name, as the event type they make. */
    static final Map<String, String> CHANGES = Map.of(
            "status", PREFIX + "ticket.status_changed",
            "priority", PREFIX + "ticket.priority_changed",
            "type", PREFIX + "ticket.type_changed",
            "subject", PREFIX + "ticket.subject_changed",
            "assignee_id", PREFIX + "ticket.agent_assignment_changed",
            "group_id", PREFIX + "ticket.group_assignment_changed",
            "tags", TAGS_CHANGED,
            "external_id", PREFIX + "ticket.external_id_changed",
            "requester_id", PREFIX + "ticket.requester_changed");

    /** The parent's {@code SideConversation} audit actions that are events of their own. */
    static final Set<String> SIDE_CONVERSATION_ACTIONS = Set.of("created", "replied", "closed", "reopened");

    /** Every event type, in the order the OpenAPI description lists them. */
    static final List<String> ALL = List.of(
            TICKET_CREATED,
            CHANGES.get("status"),
            CHANGES.get("priority"),
            CHANGES.get("type"),
            CHANGES.get("subject"),
            CHANGES.get("assignee_id"),
            CHANGES.get("group_id"),
            TAGS_CHANGED,
            COMMENT_ADDED,
            CHANGES.get("external_id"),
            CUSTOM_FIELD_CHANGED,
            CHANGES.get("requester_id"),
            SIDE_CONVERSATION + "created",
            SIDE_CONVERSATION + "replied",
            SIDE_CONVERSATION + "closed",
            SIDE_CONVERSATION + "reopened",
            CHILD_TICKET_LINKED,
            LINK_BROKEN);

    private EventTypes() {}
}
