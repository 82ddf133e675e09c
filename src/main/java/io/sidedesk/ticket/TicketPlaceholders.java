package io.sidedesk.ticket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.web.ApiUrls;

/**
 * Zendesk's placeholders for a ticket ({@code {{ticket.title}}}, {@code {{ticket.requester.first_name}}},
 * {@code {{current_user.name}}}, ...), as the values a template renders with: for a staff reader, or for an end-user,
 * who never reads an internal comment nor tags. What the templates do not name ({@link Needs}) is not read.
 */
@Component
public class TicketPlaceholders {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Tickets tickets;
    private final People people;
    private final String account;

    TicketPlaceholders(Tickets tickets, People people, @Value("${sidedesk.account-name:Sidedesk}") String account) {
        this.tickets = tickets;
        this.people = people;
        this.account = account;
    }

    /** Which placeholders that need a statement the templates name. */
    public record Needs(boolean people, boolean group, boolean comments) {

        /** What these template sources name. */
        public static Needs of(String... sources) {
            String all = String.join("\n", sources);
            return new Needs(
                    all.contains("requester") || all.contains("assignee"),
                    all.contains("group"),
                    all.contains("comment"));
        }
    }

    /**
     * The values for a ticket ({@code null}: none, only {@code current_user}), read by staff or not, with the write's
     * comment when there is one (else the latest ones recorded).
     */
    public Map<String, Object> of(
            Ticket ticket, Actor currentUser, boolean staff, Needs needs, RuleRun.RuleComment comment) {
        Map<String, Object> all = new HashMap<>();
        if (ticket != null) {
            all.put("ticket", ticket(ticket, staff, needs, comment));
        }
        if (currentUser != null) {
            all.put(
                    "current_user",
                    Map.of(
                            "name",
                            currentUser.name(),
                            "email",
                            currentUser.email(),
                            "first_name",
                            firstName(currentUser.name())));
        }
        return all;
    }

    private Map<String, Object> ticket(Ticket ticket, boolean staff, Needs needs, RuleRun.RuleComment comment) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", ticket.getId());
        values.put("title", ticket.getSubject());
        values.put("url", url(ticket));
        values.put("status", ticket.getStatus().value());
        values.put(
                "priority",
                ticket.getPriority() == null ? "" : ticket.getPriority().value());
        values.put(
                "ticket_type", ticket.getType() == null ? "" : ticket.getType().value());
        // Tags carry tagger fields' values, which end-users may not see (the API hides tags from them too).
        values.put("tags", staff ? String.join(" ", ticket.getTags()) : "");
        values.put("account", account);
        values.put("via", ticket.getViaChannel());
        values.put("description", staff || ticket.isDescriptionPublic() ? ticket.getDescription() : "");
        if (needs.people()) {
            Map<Long, People.Person> named = people.people(
                    ticket.getAssigneeId() == null
                            ? List.of(ticket.getRequesterId())
                            : List.of(ticket.getRequesterId(), ticket.getAssigneeId()));
            values.put("requester", person(named.get(ticket.getRequesterId())));
            values.put("assignee", person(named.get(ticket.getAssigneeId())));
        }
        if (needs.group() && ticket.getGroupId() != null) {
            values.put(
                    "group",
                    Map.of("name", people.groupName(ticket.getGroupId()).orElse("")));
        }
        if (needs.comments()) {
            String latest;
            String latestPublic;
            if (comment != null && comment.isPublic()) {
                latest = comment.body();
                latestPublic = comment.body();
            } else {
                Tickets.LatestComments earlier = tickets.latestComments(ticket.getId());
                latest = comment != null ? comment.body() : earlier.latest();
                latestPublic = earlier.latestPublic();
            }
            values.put("latest_public_comment", latestPublic == null ? "" : latestPublic);
            values.put(
                    "latest_comment", staff ? latest == null ? "" : latest : latestPublic == null ? "" : latestPublic);
        }
        return values;
    }

    /** The ticket's address as the caller reached the service; none outside a request. */
    private static String url(Ticket ticket) {
        try {
            return ApiUrls.of("tickets", ticket.getId());
        } catch (IllegalStateException noRequest) {
            return "";
        }
    }

    private static Map<String, Object> person(People.Person person) {
        if (person == null) {
            return Map.of();
        }
        return Map.of("name", person.name(), "email", person.email(), "first_name", firstName(person.name()));
    }

    private static String firstName(String name) {
        return WHITESPACE.split(name, 2)[0];
    }
}
