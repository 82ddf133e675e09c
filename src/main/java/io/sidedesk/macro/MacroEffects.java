package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

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

    private final TicketPlaceholders placeholders;
    private final JsonMapper json;

    MacroEffects(TicketPlaceholders placeholders, JsonMapper json) {
        this.placeholders = placeholders;
        this.json = json;
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
        Rendering rendering = new Rendering(actor, ticket, macros);
        SortedSet<String> tags = null;
        Map<Long, JsonNode> fields = new LinkedHashMap<>();
        List<String> bodies = new ArrayList<>();
        List<String> htmlBodies = new ArrayList<>();
        Boolean isPublic = null;
        for (int k = 0; k < macros.size(); k++) {
            Macro macro = macros.get(k);
            String prefix = macros.size() == 1 ? "macro" : "macros[" + k + "]";
            List<MacroLanguage.Action> actions =
                    MacroLanguage.actions(List.of(json.readValue(macro.getActions(), MacroLanguage.Written[].class)));
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
                    members.put(member, rendering.line(subject.text()));
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
                    member = "custom_fields";
                    fields.put(field.fieldId(), field.value());
                } else if (action instanceof MacroLanguage.Action.Comment comment) {
                    member = "comment";
                    (comment.html() ? htmlBodies : bodies).add(rendering.text(comment.text(), comment.html()));
                } else if (action instanceof MacroLanguage.Action.CommentMode mode) {
                    member = "comment";
                    isPublic = mode.isPublic();
                } else {
                    MacroLanguage.Action.SideConversation side = (MacroLanguage.Action.SideConversation) action;
                    member = null;
                    openings.add(new Opening(
                            macro,
                            place,
                            side.subject() == null ? null : rendering.line(side.subject()),
                            rendering.text(side.body(), side.html()),
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
        if (!bodies.isEmpty() || !htmlBodies.isEmpty()) {
            Map<String, Object> comment = new LinkedHashMap<>();
            if (!htmlBodies.isEmpty()) {
                // The HTML carries the text's paragraphs too: Zendesk's HTML body wins over its plain one.
                bodies.forEach(body -> htmlBodies.add(0, Templates.html(body)));
                comment.put("html_body", String.join("\n", htmlBodies));
            } else {
                comment.put("body", String.join("\n\n", bodies));
            }
            if (isPublic != null) {
                comment.put("public", isPublic);
            }
            members.put("comment", comment);
        } else {
            places.remove("comment");
        }
        return new Effect(members, places, openings);
    }

    /** Placeholders for the ticket and the user applying the macros, read once and only if a text names them. */
    private final class Rendering {

        private final Actor actor;
        private final Ticket ticket;
        private final List<Macro> macros;
        private Map<String, Object> values;
        private Map<String, Object> escaped;

        Rendering(Actor actor, Ticket ticket, List<Macro> macros) {
            this.actor = actor;
            this.ticket = ticket;
            this.macros = macros;
        }

        /** A subject: one line of at most 255 characters. */
        String line(MacroLanguage.Text text) {
            String line = text(text, false).replaceAll("[\\r\\n]+", " ").strip();
            return line.length() > MacroLanguage.MAX_SUBJECT ? line.substring(0, MacroLanguage.MAX_SUBJECT) : line;
        }

        /** A text; in HTML the values are escaped (ticket data is data, never markup). */
        String text(MacroLanguage.Text text, boolean html) {
            if (values == null) {
                String[] sources = macros.stream().map(Macro::getActions).toArray(String[]::new);
                values = placeholders.of(ticket, actor, true, TicketPlaceholders.Needs.of(sources), null);
                escaped = escape(values);
            }
            return Templates.render(text.template(), html ? escaped : values, text.source());
        }
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
