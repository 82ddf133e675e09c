package io.sidedesk.trigger;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Predicate;

import liqp.Template;
import tools.jackson.databind.JsonNode;

import io.sidedesk.condition.Condition;
import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.condition.Conditions;
import io.sidedesk.condition.Field;
import io.sidedesk.condition.Operator;
import io.sidedesk.condition.Subject;
import io.sidedesk.template.Templates;
import io.sidedesk.ticket.ActionValues;
import io.sidedesk.ticket.TicketConditions;
import io.sidedesk.ticket.TicketPriority;
import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.ticket.TicketType;
import io.sidedesk.web.RecordInvalid;

/**
 * What triggers may say: the conditions ({@link #CONDITIONS}, the shared condition language over a ticket change)
 * and the actions, each checked as a trigger is written (a 422 naming its place, {@code actions[1].value}) and read
 * into an {@link Action} the engine applies. Ids named here are checked against the directory by {@link Triggers}.
 */
final class TriggerLanguage {

    static final int MAX_ACTIONS = 50;

    static final int MAX_SUBJECT = 255;

    static final ConditionLanguage CONDITIONS = new ConditionLanguage(
            List.of(
                    Field.only("update_type", EnumSet.of(Operator.IS), "Create", "Change"),
                    TicketConditions.STATUS,
                    TicketConditions.PRIORITY,
                    TicketConditions.TYPE,
                    TicketConditions.GROUP_ID,
                    Field.id("assignee_id", "current_user", "requester_id"),
                    Field.id("requester_id", "current_user", "assignee_id"),
                    TicketConditions.TICKET_FORM_ID,
                    TicketConditions.CURRENT_TAGS,
                    TicketConditions.VIA_ID,
                    Field.choice(
                            "current_via_id", TicketConditions.VIA_WEB_SERVICE, TicketConditions.VIA_SIDE_CONVERSATION),
                    Field.facts("comment_is_public", "true", "false", "not_relevant", "requester_can_see_comment"),
                    Field.words("comment_includes_word"),
                    Field.words("subject_includes_word"),
                    Field.only("role", EnumSet.of(Operator.IS, Operator.IS_NOT), "end_user", "agent", "admin"),
                    Field.facts("side_conversation", "created", "replied", "closed", "reopened"),
                    Field.number("hours_until_next_sla_breach")),
            "custom_fields_<id>",
            name -> ActionValues.customFieldId(name) == null ? null : Field.any(name));

    /** The fields whose condition values name users or groups, which must exist. */
    static final Map<String, String> ID_FIELDS =
            Map.of("group_id", "group", "assignee_id", "user", "requester_id", "user");

    /** Recipients {@code notification_user} names by role; any other is a user id. */
    static final List<String> RECIPIENTS =
            List.of("requester_id", "assignee_id", "current_user", "requester_and_ccs", "all_agents");

    /** The actions, with the values of those that take one of a list (for {@code definitions}). */
    static final Map<String, List<String>> ACTIONS = actions();

    /** An action as the engine applies it. */
    sealed interface Action {

        record Status(TicketStatus status) implements Action {}

        record Priority(TicketPriority priority) implements Action {}

        record Type(TicketType type) implements Action {}

        /** A group (null: none, which also unassigns). */
        record Group(Long groupId) implements Action {}

        /** An assignee: a user, the current user, or none. */
        record Assignee(Long userId, boolean currentUser) implements Action {}

        record Tags(String field, SortedSet<String> tags) implements Action {}

        /** A custom field's value (null clears it), checked against the field as the trigger is written. */
        record CustomField(long fieldId, JsonNode value) implements Action {}

        /** {@code recipient}: one of {@link #RECIPIENTS}, or null with {@code userId}. */
        record NotifyUser(String recipient, Long userId, Text subject, Text body) implements Action {}

        /** The ticket's group when {@code groupId} is null. */
        record NotifyGroup(Long groupId, Text subject, Text body) implements Action {}

        /** A body for a webhook that takes triggers' notifications ({@code conditional_ticket_events}). */
        record NotifyWebhook(String webhookId, Text body) implements Action {}
    }

    /** A notification's subject or body: its Liquid source, parsed. */
    record Text(String source, Template template) {}

    /** One action as rules write it. */
    record Written(String field, JsonNode value) {}

    private TriggerLanguage() {}

    static Predicate<Subject> conditions(Conditions conditions) {
        return CONDITIONS.compile(conditions, "conditions");
    }

    /** The actions checked and read; a 422 naming the first wrong one's place. */
    static List<Action> actions(List<Written> written) {
        ActionValues.requireCount(written, MAX_ACTIONS);
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            actions.add(action(written.get(i), "actions[" + i + "]"));
        }
        return actions;
    }

    private static Action action(Written action, String place) {
        Long customField =
                ActionValues.requireField(action, action == null ? null : action.field(), ACTIONS.keySet(), place);
        JsonNode value = action.value();
        String member = place + ".value";
        if (customField != null) {
            try {
                return new Action.CustomField(customField, ActionValues.customFieldValue(value));
            } catch (IllegalArgumentException e) {
                throw RecordInvalid.field(member, e.getMessage());
            }
        }
        try {
            return switch (action.field()) {
                case "status" ->
                    new Action.Status(ActionValues.choice(TicketStatus.class, value, ActionValues.SETTABLE_STATUSES));
                case "priority" ->
                    new Action.Priority(ActionValues.choice(TicketPriority.class, value, ACTIONS.get("priority")));
                case "type" -> new Action.Type(ActionValues.choice(TicketType.class, value, ACTIONS.get("type")));
                case "group_id" -> new Action.Group(ActionValues.idOrNone(value));
                case "assignee_id" ->
                    ActionValues.isText(value, "current_user")
                            ? new Action.Assignee(null, true)
                            : new Action.Assignee(ActionValues.idOrNone(value), false);
                case "set_tags", "current_tags", "remove_tags" ->
                    new Action.Tags(action.field(), ActionValues.tags(value));
                case "notification_user" -> notifyUser(value);
                case "notification_group" -> notifyGroup(value);
                case "notification_webhook" -> notifyWebhook(value);
                default -> throw new IllegalStateException(action.field());
            };
        } catch (IllegalArgumentException e) {
            throw RecordInvalid.field(member, e.getMessage());
        }
    }

    private static Action notifyUser(JsonNode value) {
        JsonNode[] parts = notification(value, "recipient");
        String recipient = parts[0].isString() ? parts[0].asString() : null;
        if (recipient != null && RECIPIENTS.contains(recipient)) {
            return new Action.NotifyUser(recipient, null, template(parts[1], true), template(parts[2], false));
        }
        Long userId = id(parts[0]);
        if (userId == null) {
            throw new IllegalArgumentException(
                    "must start with a recipient: a user id or one of " + String.join(", ", RECIPIENTS));
        }
        return new Action.NotifyUser(null, userId, template(parts[1], true), template(parts[2], false));
    }

    private static Action notifyGroup(JsonNode value) {
        JsonNode[] parts = notification(value, "group");
        Long groupId = ActionValues.isText(parts[0], "group_id") ? null : id(parts[0]);
        if (groupId == null && !ActionValues.isText(parts[0], "group_id")) {
            throw new IllegalArgumentException("must start with a group id, or \"group_id\" for the ticket's group");
        }
        return new Action.NotifyGroup(groupId, template(parts[1], true), template(parts[2], false));
    }

    private static Action notifyWebhook(JsonNode value) {
        if (value == null
                || !value.isArray()
                || value.size() != 2
                || !value.get(0).isString()
                || value.get(0).asString().isBlank()) {
            throw new IllegalArgumentException("must be [webhook id, body]");
        }
        return new Action.NotifyWebhook(value.get(0).asString(), template(value.get(1), false));
    }

    private static JsonNode[] notification(JsonNode value, String first) {
        if (value == null || !value.isArray() || value.size() != 3) {
            throw new IllegalArgumentException("must be [" + first + ", subject, body]");
        }
        return new JsonNode[] {value.get(0), value.get(1), value.get(2)};
    }

    private static Text template(JsonNode text, boolean subject) {
        if (text == null || !text.isString() || text.asString().isBlank()) {
            throw new IllegalArgumentException("must have a " + (subject ? "subject" : "body") + " (text)");
        }
        int max = subject ? MAX_SUBJECT : Templates.MAX_TEMPLATE;
        if (text.asString().length() > max) {
            throw new IllegalArgumentException(
                    "has a " + (subject ? "subject" : "body") + " longer than " + max + " characters");
        }
        return new Text(text.asString(), Templates.parse(text.asString()));
    }

    /** The custom fields a trigger's conditions name, with their places. */
    static Map<String, Long> namedCustomFields(Conditions conditions) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (String kind : List.of("all", "any")) {
            List<Condition> list = kind.equals("all") ? conditions.all() : conditions.any();
            for (int i = 0; i < list.size(); i++) {
                Long id = ActionValues.customFieldId(list.get(i).field());
                if (id != null) {
                    named.put("conditions." + kind + "[" + i + "].field", id);
                }
            }
        }
        return named;
    }

    /** A positive id, as a number or its digits; null when it is not one. */
    static Long id(JsonNode value) {
        return Conditions.id(value);
    }

    /** The ids a trigger's conditions name for each kind ({@link #ID_FIELDS}), with their places. */
    static Map<String, Long> namedIds(Conditions conditions, String kind) {
        return conditions.namedIds("conditions", ID_FIELDS, kind);
    }

    private static Map<String, List<String>> actions() {
        Map<String, List<String>> actions = ActionValues.ticketActions();
        actions.put("notification_user", RECIPIENTS);
        actions.put("notification_group", List.of("group_id"));
        actions.put("notification_webhook", null);
        return actions;
    }
}
