package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liqp.Template;
import tools.jackson.databind.JsonNode;

import io.sidedesk.condition.Definition;
import io.sidedesk.template.Templates;
import io.sidedesk.ticket.ActionValues;
import io.sidedesk.ticket.TicketPriority;
import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.ticket.TicketType;
import io.sidedesk.web.RecordInvalid;

/**
 * What macros may do: the actions, each checked as a macro is written (a 422 naming its place, {@code actions[1].value})
 * and read into an {@link Action}. Ids named here are checked against the directory by {@link MacroChecks}, and again,
 * as the same change made by hand, when the macro is applied.
 */
final class MacroLanguage {

    static final int MAX_ACTIONS = 50;

    static final int MAX_SUBJECT = 255;

    /** Parent fields a macro's child ticket may copy (R6), as side conversations name them. */
    private static final List<String> COPY_FIELDS = List.of("tags", "followers", "ticket_form", "requester");

    /** Zendesk's address of a support group, or of an agent in one, in a side conversation action. */
    static final Pattern ASSIGNABLE = Pattern.compile(
            "SupportAssignable:support_assignable/group/([1-9][0-9]{0,17})(?:/agent/([1-9][0-9]{0,17}))?");

    /** The actions, with the values of those that take one of a list (for {@code GET /api/v2/macros/actions}). */
    static final Map<String, List<String>> ACTIONS = actions();

    /** An action as applying reads it. */
    sealed interface Action {

        /** A ticket member set to a value in its wire form ({@code status}, {@code priority}, {@code type}, {@code group_id}). */
        record Set(String member, Object value) implements Action {}

        /** An assignee: a user, the user applying the macro, or none. */
        record Assignee(Long userId, boolean currentUser) implements Action {}

        record Subject(Text text) implements Action {}

        /** {@code set_tags}, {@code current_tags} (add) or {@code remove_tags}. */
        record Tags(String field, SortedSet<String> tags) implements Action {}

        record CustomField(long fieldId, JsonNode value) implements Action {}

        /** The comment's text, or its HTML. */
        record Comment(Text text, boolean html) implements Action {}

        record CommentMode(boolean isPublic) implements Action {}

        /**
         * R16: a side conversation to a support group (or an agent in it), which opens a child ticket; checked as one
         * the applying agent sends by hand.
         */
        record SideConversation(Text subject, Text body, boolean html, long groupId, Long agentId, List<String> copy)
                implements Action {}
    }

    /** A text with placeholders: its Liquid source, parsed. */
    record Text(String source, Template template) {}

    /** One action as macros write it. */
    record Written(String field, JsonNode value) {}

    private MacroLanguage() {}

    /** The actions checked and read; a 422 naming the first wrong one's place. */
    static List<Action> actions(List<Written> written) {
        ActionValues.requireCount(written, MAX_ACTIONS);
        List<Action> actions = new ArrayList<>();
        Set<String> once = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String place = "actions[" + i + "]";
            Action action = action(written.get(i), place);
            String field = written.get(i).field();
            boolean repeatable = field.endsWith("_tags") || field.equals("side_conversation_ticket");
            if (!repeatable && !once.add(field)) {
                throw RecordInvalid.field(place + ".field", "is set by an earlier action already");
            }
            actions.add(action);
        }
        return actions;
    }

    private static Action action(Written action, String place) {
        Long customField =
                ActionValues.requireField(action, action == null ? null : action.field(), ACTIONS.keySet(), place);
        JsonNode value = action.value();
        try {
            if (customField != null) {
                return new Action.CustomField(customField, ActionValues.customFieldValue(value));
            }
            return switch (action.field()) {
                case "status" ->
                    new Action.Set(
                            "status",
                            ActionValues.choice(TicketStatus.class, value, ActionValues.SETTABLE_STATUSES)
                                    .value());
                case "priority" ->
                    new Action.Set(
                            "priority",
                            wire(ActionValues.choice(TicketPriority.class, value, ACTIONS.get("priority"))));
                case "type" ->
                    new Action.Set("type", wire(ActionValues.choice(TicketType.class, value, ACTIONS.get("type"))));
                case "group_id" -> new Action.Set("group_id", ActionValues.idOrNone(value));
                case "assignee_id" ->
                    ActionValues.isText(value, "current_user")
                            ? new Action.Assignee(null, true)
                            : new Action.Assignee(ActionValues.idOrNone(value), false);
                case "set_tags", "current_tags", "remove_tags" ->
                    new Action.Tags(action.field(), ActionValues.tags(value));
                case "subject" -> new Action.Subject(text(value, MAX_SUBJECT));
                case "comment_value" -> new Action.Comment(text(commentText(value), Templates.MAX_TEMPLATE), false);
                case "comment_value_html" -> new Action.Comment(text(commentText(value), Templates.MAX_TEMPLATE), true);
                case "comment_mode_is_public" -> new Action.CommentMode(bool(value));
                case "side_conversation_ticket" -> sideConversation(value);
                default -> throw new IllegalStateException(action.field());
            };
        } catch (IllegalArgumentException e) {
            throw RecordInvalid.field(place + ".value", e.getMessage());
        }
    }

    /**
     * {@code [subject, body, "SupportAssignable:support_assignable/group/<id>[/agent/<id>]"]}, then optionally the
     * body's type ({@code "text/html"}, the default, or {@code "text/plain"}) and the parent fields to copy.
     */
    private static Action sideConversation(JsonNode value) {
        String shape = "must be [subject, body, \"SupportAssignable:support_assignable/group/<id>\" (or "
                + "\".../group/<id>/agent/<id>\")], optionally then \"text/html\" or \"text/plain\" and the fields to "
                + "copy ([\"tags\", \"followers\", \"ticket_form\", \"requester\"])";
        if (value == null || !value.isArray() || value.size() < 3 || value.size() > 5) {
            throw new IllegalArgumentException(shape);
        }
        Matcher to = value.get(2).isString() ? ASSIGNABLE.matcher(value.get(2).asString()) : null;
        if (to == null || !to.matches()) {
            throw new IllegalArgumentException(shape);
        }
        boolean html = true;
        List<String> copy = new ArrayList<>();
        for (int i = 3; i < value.size(); i++) {
            JsonNode more = value.get(i);
            if (more.isString() && List.of("text/html", "text/plain").contains(more.asString())) {
                html = more.asString().equals("text/html");
            } else if (more.isArray()) {
                for (JsonNode field : more) {
                    if (!field.isString() || !COPY_FIELDS.contains(field.asString())) {
                        throw new IllegalArgumentException(
                                "can copy only " + String.join(", ", COPY_FIELDS) + " from the parent");
                    }
                    copy.add(field.asString());
                }
            } else {
                throw new IllegalArgumentException(shape);
            }
        }
        Text subject =
                value.get(0).isString() && value.get(0).asString().isBlank() ? null : text(value.get(0), MAX_SUBJECT);
        return new Action.SideConversation(
                subject,
                text(value.get(1), Templates.MAX_TEMPLATE),
                html,
                Long.parseLong(to.group(1)),
                to.group(2) == null ? null : Long.valueOf(to.group(2)),
                List.copyOf(copy));
    }

    /** Zendesk gives a comment as text, or as {@code ["channel:all", text]}. */
    private static JsonNode commentText(JsonNode value) {
        if (value != null && value.isArray() && value.size() == 2 && ActionValues.isText(value.get(0), "channel:all")) {
            return value.get(1);
        }
        return value;
    }

    private static Text text(JsonNode value, int max) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException("must be text");
        }
        String source = value.asString();
        if (source.length() > max) {
            throw new IllegalArgumentException("must be at most " + max + " characters");
        }
        return new Text(source, Templates.parse(source));
    }

    private static boolean bool(JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.asBoolean();
        }
        if (ActionValues.isText(value, "true") || ActionValues.isText(value, "false")) {
            return Boolean.parseBoolean(value.asString());
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static String wire(io.sidedesk.web.WireValue value) {
        return value == null ? null : value.value();
    }

    /** The actions as {@code GET /api/v2/macros/actions} lists them. */
    static List<Definition> definitions() {
        return ACTIONS.entrySet().stream()
                .map(action -> Definition.action(action.getKey(), type(action.getKey()), action.getValue()))
                .toList();
    }

    private static String type(String action) {
        return switch (action) {
            case "status", "priority", "type", "comment_mode_is_public" -> "list";
            case "group_id", "assignee_id" -> "id";
            case "side_conversation_ticket" -> "side_conversation";
            default -> "text";
        };
    }

    private static Map<String, List<String>> actions() {
        Map<String, List<String>> actions = ActionValues.ticketActions();
        actions.put("subject", null);
        actions.put("comment_value", null);
        actions.put("comment_value_html", null);
        actions.put("comment_mode_is_public", List.of("true", "false"));
        actions.put("side_conversation_ticket", null);
        return actions;
    }
}
