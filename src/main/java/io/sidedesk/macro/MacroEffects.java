package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import io.sidedesk.access.Actor;
import io.sidedesk.template.Templates;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketPlaceholders;

/**
 * What macros do to a ticket (or, previewed without one, to an empty ticket) for the user applying them: the ticket
 * members they set in the API's shape, placeholders rendered, the action behind each, and the side conversations they
 * open. Later actions and later macros win a member; tags accumulate; comments join.
 */
@Component
class MacroEffects {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

    private final TicketPlaceholders placeholders;
    private final JsonMapper json;

    MacroEffects(TicketPlaceholders placeholders, JsonMapper json) {
        this.placeholders = placeholders;
        this.json = json;
    }

    /**
     * Macros' actions read and their templates parsed, by the text they are stored as: an edit is a new text, read
     * anew. What is kept is what the macro says, the same for whoever applies it.
     */
    private final Cache<String, List<MacroLanguage.Action>> read =
            Caffeine.newBuilder().maximumSize(1000).build();

    private List<MacroLanguage.Action> actions(Macro macro) {
        return read.get(
                macro.getActions(),
                text -> MacroLanguage.actions(List.of(json.readValue(text, MacroLanguage.Written[].class))));
    }

    /** A side conversation to open, rendered, with the action that asks for it. */
    record Opening(
            Macro macro,
            String place,
            String subject,
            String body,
            boolean html,
            long groupId,
            Long agentId,
            List<String> copyFields) {}

    /** The members set ({@code ticket}), the action setting each ({@code places}), the side conversations to open. */
    record Effect(Map<String, Object> ticket, Map<String, String> places, List<Opening> openings) {}

    Effect of(Actor actor, Ticket ticket, List<Macro> macros) {
        Map<String, Object> members = new LinkedHashMap<>();
        Map<String, String> places = new HashMap<>();
        List<Opening> openings = new ArrayList<>();
        List<List<MacroLanguage.Action>> read =
                macros.stream().map(this::actions).toList();
        Rendering rendering = new Rendering(actor, ticket, read);
        SortedSet<String> tags = null;
        Map<Long, JsonNode> fields = new LinkedHashMap<>();
        List<MacroLanguage.Action.Comment> comments = new ArrayList<>();
        Boolean isPublic = null;
        for (int k = 0; k < macros.size(); k++) {
            Macro macro = macros.get(k);
            String prefix = macros.size() == 1 ? "macro" : "macros[" + k + "]";
            List<MacroLanguage.Action> actions = read.get(k);
            for (int i = 0; i < actions.size(); i++) {
                String place = prefix + ".actions[" + i + "]";
                MacroLanguage.Action action = actions.get(i);
                String member;
                if (action instanceof MacroLanguage.Action.Set set) {
                    member = set.member();
                    members.put(member, set.value());
                } else if (action instanceof MacroLanguage.Action.Assignee assignee) {
                    member = "assignee_id";
                    members.put(member, assignee.currentUser() ? actor.userId() : assignee.userId());
                } else if (action instanceof MacroLanguage.Action.Subject subject) {
                    member = "subject";
                    members.put(member, rendering.line(subject.text(), false));
                } else if (action instanceof MacroLanguage.Action.Tags change) {
                    member = "tags";
                    tags = tags == null ? new TreeSet<>(ticket == null ? List.of() : ticket.getTags()) : tags;
                    switch (change.field()) {
                        case "set_tags" -> tags.clear();
                        case "remove_tags" -> tags.removeAll(change.tags());
                        default -> {}
                    }
                    if (!change.field().equals("remove_tags")) {
                        tags.addAll(change.tags());
                    }
                    members.put(member, List.copyOf(tags));
                } else if (action instanceof MacroLanguage.Action.CustomField field) {
                    // Each field by its own action (a refusal names the field: custom_fields.<id>).
                    member = "custom_fields." + field.fieldId();
                    places.putIfAbsent("custom_fields", place);
                    fields.put(field.fieldId(), field.value());
                } else if (action instanceof MacroLanguage.Action.Comment comment) {
                    member = "comment";
                    comments.add(comment);
                } else if (action instanceof MacroLanguage.Action.CommentMode mode) {
                    member = "comment";
                    isPublic = mode.isPublic();
                } else {
                    MacroLanguage.Action.SideConversation side = (MacroLanguage.Action.SideConversation) action;
                    member = null;
                    openings.add(new Opening(
                            macro,
                            place,
                            side.subject() == null ? null : rendering.line(side.subject(), false),
                            rendering.text(side.body(), side.html(), false),
                            side.html(),
                            side.groupId(),
                            side.agentId(),
                            side.copy()));
                }
                if (member != null) {
                    places.put(member, place);
                }
            }
        }
        if (!fields.isEmpty()) {
            List<Map<String, Object>> values = new ArrayList<>();
            fields.forEach((id, value) -> {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("id", id);
                input.put("value", value);
                values.add(input);
            });
            members.put("custom_fields", values);
        }
        if (!comments.isEmpty()) {
            // R22: a comment the requester may read quotes nothing internal (an internal note, tags); an internal
            // note may quote everything staff read.
            boolean internal = Boolean.FALSE.equals(isPublic)
                    || isPublic == null && !actor.permissions().publicComments();
            boolean anyHtml = comments.stream().anyMatch(MacroLanguage.Action.Comment::html);
            // In the order of the actions; with any HTML, all of it HTML (Zendesk's HTML body wins over its plain one).
            List<String> texts = comments.stream()
                    .map(comment -> {
                        String text = rendering.text(comment.text(), comment.html(), internal);
                        return anyHtml && !comment.html() ? Templates.html(text) : text;
                    })
                    .toList();
            Map<String, Object> comment = new LinkedHashMap<>();
            comment.put(anyHtml ? "html_body" : "body", String.join(anyHtml ? "\n" : "\n\n", texts));
            if (isPublic != null) {
                comment.put("public", isPublic);
            }
            members.put("comment", comment);
        } else {
            places.remove("comment");
        }
        return new Effect(members, places, openings);
    }

    /**
     * Placeholders for the ticket and the user applying the macros, read once and only if a text names them: staff's
     * for internal notes, the requester's for anything they or another team's requester may read (R22: subjects,
     * public comments, side conversation texts, which a child ticket's requester may read).
     */
    private final class Rendering {

        private final Actor actor;
        private final Ticket ticket;
        private final TicketPlaceholders.Needs needs;
        private final Map<Boolean, Map<String, Object>> values = new HashMap<>();
        private final Map<Boolean, Map<String, Object>> escaped = new HashMap<>();

        Rendering(Actor actor, Ticket ticket, List<List<MacroLanguage.Action>> actions) {
            this.actor = actor;
            this.ticket = ticket;
            this.needs = TicketPlaceholders.Needs.of(actions.stream()
                    .flatMap(List::stream)
                    .flatMap(MacroEffects::texts)
                    .map(MacroLanguage.Text::source)
                    .toArray(String[]::new));
        }

        /** A subject: one line of at most 255 characters. */
        String line(MacroLanguage.Text text, boolean staff) {
            String line = LINE_BREAKS
                    .matcher(text(text, false, staff))
                    .replaceAll(" ")
                    .strip();
            return line.length() > MacroLanguage.MAX_SUBJECT ? line.substring(0, MacroLanguage.MAX_SUBJECT) : line;
        }

        /** A text; in HTML the values are escaped (ticket data is data, never markup). */
        String text(MacroLanguage.Text text, boolean html, boolean staff) {
            Map<String, Object> forReader =
                    values.computeIfAbsent(staff, forStaff -> placeholders.of(ticket, actor, forStaff, needs, null));
            return Templates.render(
                    text.template(),
                    html ? escaped.computeIfAbsent(staff, x -> escape(forReader)) : forReader,
                    text.source());
        }
    }

    /** The texts of an action that placeholders render. */
    private static Stream<MacroLanguage.Text> texts(MacroLanguage.Action action) {
        if (action instanceof MacroLanguage.Action.Subject subject) {
            return Stream.of(subject.text());
        }
        if (action instanceof MacroLanguage.Action.Comment comment) {
            return Stream.of(comment.text());
        }
        if (action instanceof MacroLanguage.Action.SideConversation side) {
            return Stream.of(side.subject(), side.body()).filter(Objects::nonNull);
        }
        return Stream.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> escape(Map<String, Object> values) {
        Map<String, Object> escaped = new HashMap<>();
        values.forEach((key, value) -> escaped.put(
                key,
                value instanceof Map<?, ?> map
                        ? escape((Map<String, Object>) map)
                        : value instanceof String text ? HtmlUtils.htmlEscape(text) : value));
        return escaped;
    }
}
