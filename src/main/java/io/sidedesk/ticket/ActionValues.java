package io.sidedesk.ticket;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.sidedesk.condition.Conditions;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.WireValue;

/**
 * The values of the ticket actions rules share (triggers, macros), read from what the API was given: each read
 * throws an {@link IllegalArgumentException} saying what the value must be, which the rule's language reports as a
 * 422 naming the action's place.
 */
public final class ActionValues {

    /** A custom field's name in conditions and actions: {@code custom_fields_<id>}. */
    private static final Pattern CUSTOM_FIELD = Pattern.compile("custom_fields_([1-9][0-9]{0,17})");

    /** The statuses a rule may set: a ticket never returns to new, and only time closes it. */
    public static final List<String> SETTABLE_STATUSES = List.of("open", "pending", "hold", "solved");

    private ActionValues() {}

    /**
     * The ticket actions every rule has (status, priority, type, group, assignee, tags), in order, with the values of
     * those that take one of a list: a rule's own actions follow them.
     */
    public static Map<String, List<String>> ticketActions() {
        Map<String, List<String>> actions = new LinkedHashMap<>();
        actions.put("status", SETTABLE_STATUSES);
        actions.put("priority", TicketConditions.PRIORITY.values());
        actions.put("type", TicketConditions.TYPE.values());
        actions.put("group_id", null);
        actions.put("assignee_id", List.of("current_user"));
        actions.put("set_tags", null);
        actions.put("current_tags", null);
        actions.put("remove_tags", null);
        return actions;
    }

    /** A rule's actions: 1 to {@code max} of them, a 422 naming {@code actions} otherwise. */
    public static void requireCount(List<?> actions, int max) {
        if (actions == null || actions.isEmpty()) {
            throw RecordInvalid.field("actions", "must name at least one action");
        }
        if (actions.size() > max) {
            throw RecordInvalid.field("actions", "can hold at most " + max + " actions");
        }
    }

    /**
     * The custom field an action's {@code field} names ({@code custom_fields_<id>}), or null when it is one of
     * {@code known}; a 422 naming {@code place.field} when it is neither (or the action itself is null).
     */
    public static Long requireField(Object action, String field, Collection<String> known, String place) {
        if (action == null) {
            throw RecordInvalid.field(place, "cannot be null");
        }
        Long customField = customFieldId(field);
        if (field == null || !known.contains(field) && customField == null) {
            throw RecordInvalid.field(
                    place + ".field", "must be one of " + String.join(", ", known) + ", custom_fields_<id>");
        }
        return customField;
    }

    /** One of {@code allowed} ({@code ""}, when allowed, is null: none). */
    public static <E extends Enum<E> & WireValue> E choice(Class<E> type, JsonNode value, List<String> allowed) {
        String text = value != null && value.isString() ? value.asString() : null;
        if ("".equals(text) && allowed.contains("")) {
            return null;
        }
        E found = text == null ? null : WireValue.find(type, text);
        if (found == null || !allowed.contains(text)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
        }
        return found;
    }

    /** Tags as a ticket keeps them, from space-separated text; at least one. */
    public static SortedSet<String> tags(JsonNode value) {
        String text = value != null && value.isString() ? value.asString() : "";
        SortedSet<String> tags;
        try {
            tags = RuleRun.tags(text);
        } catch (RecordInvalid refused) {
            throw new IllegalArgumentException(refused.details().get("tags").get(0));
        }
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("must name at least one tag");
        }
        return tags;
    }

    /** An id, or none ({@code null} or {@code ""}). */
    public static Long idOrNone(JsonNode value) {
        if (value == null || value.isNull() || isText(value, "")) {
            return null;
        }
        Long id = Conditions.id(value);
        if (id == null) {
            throw new IllegalArgumentException("must be an id, or \"\" for none");
        }
        return id;
    }

    /** A custom field's value: a plain value the field takes (checked against the field), or null to clear it. */
    public static JsonNode customFieldValue(JsonNode value) {
        if (value != null && !value.isNull() && !value.isValueNode()) {
            throw new IllegalArgumentException("must be a value the field takes, or null to clear it");
        }
        return value == null || value.isNull() ? null : value;
    }

    public static boolean isText(JsonNode value, String text) {
        return value != null && value.isString() && value.asString().equals(text);
    }

    /** The id in {@code custom_fields_<id>}, or null when the name is not one. */
    public static Long customFieldId(String name) {
        Matcher matcher = name == null ? null : CUSTOM_FIELD.matcher(name);
        return matcher != null && matcher.matches() ? Long.valueOf(matcher.group(1)) : null;
    }
}
