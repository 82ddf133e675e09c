package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.directory.People.Person;
import io.sidedesk.form.CustomFields;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.Patch;
import io.sidedesk.web.RecordInvalid;

/**
 * A write request applied to a ticket: which members it sends, and each member checked and changed through the
 * entity (properties, form and custom fields, tags, followers and CCs, assignment), with its requester and its
 * comment. Nothing here saves or records: {@link TicketWrites} does.
 */
@Component
class TicketChanges {

    private static final Pattern TAG_SEPARATORS = Pattern.compile("[\\s,]+");

    static final int MAX_TAGS = 100;

    private final People people;
    private final CustomFields customFields;
    private final ChildLinks links;
    private final TicketAssignment assignment;
    private final JsonMapper json;

    TicketChanges(
            People people, CustomFields customFields, ChildLinks links, TicketAssignment assignment, JsonMapper json) {
        this.people = people;
        this.customFields = customFields;
        this.links = links;
        this.assignment = assignment;
        this.json = json;
    }

    /** The members sent that change a ticket's properties (which light agents and end-users may not set). */
    static List<String> propertiesSent(TicketRequest.Fields fields) {
        List<String> sent = new ArrayList<>();
        addIfSent(sent, "status", fields.status);
        addIfSent(sent, "priority", fields.priority);
        addIfSent(sent, "type", fields.type);
        addIfSent(sent, "assignee_id", fields.assigneeId);
        addIfSent(sent, "group_id", fields.groupId);
        addIfSent(sent, "tags", fields.tags);
        addIfSent(sent, "follower_ids", fields.followerIds);
        addIfSent(sent, "email_cc_ids", fields.emailCcIds);
        addIfSent(sent, "collaborator_ids", fields.collaboratorIds);
        addIfSent(sent, "external_id", fields.externalId);
        addIfSent(sent, "requester_id", fields.requesterId);
        addIfSent(sent, "requester", fields.requester);
        return sent;
    }

    static List<String> formOrFieldsSent(TicketRequest.Fields fields) {
        List<String> sent = new ArrayList<>();
        addIfSent(sent, "ticket_form_id", fields.ticketFormId);
        addIfSent(sent, "custom_fields", fields.customFields);
        return sent;
    }

    private static void addIfSent(List<String> sent, String member, Object value) {
        if (value instanceof Patch<?> patch ? patch.isSent() : value != null) {
            sent.add(member);
        }
    }

    void applyProperties(Actor actor, Ticket ticket, TicketRequest.Fields fields) {
        if (fields.priority.isSent()) {
            ticket.changePriority(fields.priority.value());
        }
        if (fields.type.isSent()) {
            ticket.changeType(fields.type.value());
        }
        if (fields.externalId.isSent()) {
            changeExternalId(ticket, fields.externalId.value());
        }
        if (fields.tags != null) {
            ticket.replaceTags(tags(fields.tags));
        }
        if (fields.ticketFormId.isSent()) {
            Long form = fields.ticketFormId.value();
            if (form != null) {
                customFields.checkForm(form);
            }
            ticket.changeForm(form);
        }
        if (fields.customFields != null) {
            changeCustomFields(actor, ticket, fields.customFields);
        }
        Map<Long, Person> named = people.people(userIds(fields));
        if (fields.followerIds != null) {
            ticket.replaceFollowers(users(fields.followerIds, named, "follower_ids", true));
        }
        if (fields.emailCcIds != null) {
            ticket.replaceEmailCcs(users(fields.emailCcIds, named, "email_cc_ids", false));
        }
        if (fields.collaboratorIds != null) {
            collaborators(ticket, users(fields.collaboratorIds, named, "collaborator_ids", false), named);
        }
        if (fields.groupId.isSent() || fields.assigneeId.isSent()) {
            assignment.assign(actor, ticket, fields.groupId, fields.assigneeId);
        }
    }

    private void changeExternalId(Ticket ticket, String sent) {
        String externalId = sent == null || sent.isBlank() ? null : sent.strip();
        if (externalId != null
                && externalId.startsWith(ChildLinks.RESERVED_PREFIX)
                && !(ticket.getId() != null
                        && links.linkExternalId(ticket.getId())
                                .filter(externalId::equals)
                                .isPresent())) {
            throw RecordInvalid.field(
                    "external_id",
                    "values starting " + ChildLinks.RESERVED_PREFIX
                            + " link child tickets; only a child ticket's own link value may be restored");
        }
        ticket.changeExternalId(externalId);
    }

    private void changeCustomFields(Actor actor, Ticket ticket, List<CustomFields.Input> sent) {
        store(ticket, customFields.apply(ticket.getTicketFormId(), values(ticket), sent, actor.isEndUser()));
    }

    /** A custom field's value as a rule sets it; one the field does not take (or a field off the form) is not set. */
    void changeCustomFieldForRule(Ticket ticket, long fieldId, JsonNode value) {
        customFields
                .applyForRule(ticket.getTicketFormId(), values(ticket), new CustomFields.Input(fieldId, value))
                .ifPresent(applied -> store(ticket, applied));
    }

    private void store(Ticket ticket, CustomFields.Applied applied) {
        Map<String, JsonNode> stored = new TreeMap<>();
        applied.values().forEach((fieldId, value) -> stored.put(String.valueOf(fieldId), value));
        ticket.replaceCustomFields(json.writeValueAsString(stored), applied.changed(), applied.values());
        if (!applied.tagsAdded().isEmpty() || !applied.tagsRemoved().isEmpty()) {
            List<String> tags = new ArrayList<>(ticket.getTags());
            tags.removeAll(applied.tagsRemoved());
            tags.addAll(applied.tagsAdded());
            ticket.replaceTags(tags(tags));
        }
    }

    /**
     * {@code collaborator_ids} is Zendesk's legacy union of followers and CCs; clients send back what they
     * read. Only the difference counts: ids no longer named leave both sets, new agents become
     * followers and new end-users CCs. Sending back the same ids changes nothing.
     */
    private static void collaborators(Ticket ticket, SortedSet<Long> wanted, Map<Long, Person> named) {
        SortedSet<Long> followers = new TreeSet<>(ticket.getFollowerIds());
        SortedSet<Long> ccs = new TreeSet<>(ticket.getEmailCcIds());
        SortedSet<Long> current = new TreeSet<>(followers);
        current.addAll(ccs);
        followers.retainAll(wanted);
        ccs.retainAll(wanted);
        for (Long id : wanted) {
            if (!current.contains(id)) {
                (named.get(id).isStaff() ? followers : ccs).add(id);
            }
        }
        ticket.replaceFollowers(followers);
        ticket.replaceEmailCcs(ccs);
    }

    /** The requester the request names (by id, or by email: found or created), else the caller. */
    Person requester(Actor actor, TicketRequest.Fields fields) {
        if (fields.requester != null && fields.requester.email() != null) {
            if (!actor.isStaff()) {
                throw new ActionForbidden("End-users cannot name another requester");
            }
            return people.findOrCreateEndUser(fields.requester.name(), fields.requester.email(), "requester");
        }
        if (fields.requester != null) {
            throw RecordInvalid.field("requester.email", "is required");
        }
        long id = fields.requesterId != null ? fields.requesterId : actor.userId();
        if (!TicketAccessPolicy.mayNameRequester(actor, id)) {
            throw new ActionForbidden("End-users cannot name another requester");
        }
        Person requester =
                people.person(id).orElseThrow(() -> RecordInvalid.field("requester_id", "is not an existing user"));
        if (!requester.active()) {
            throw RecordInvalid.field("requester_id", "is not an active user");
        }
        return requester;
    }

    /**
     * Comment rules: end-users comment publicly; light agents and roles without public comments add
     * internal notes (public left out means private; asking for public is refused).
     */
    TicketHistory.NewComment comment(Actor actor, TicketRequest.CommentRequest request) {
        CommentBody body = CommentBody.of(request.body(), request.htmlBody(), "comment");
        boolean isPublic;
        if (!TicketAccessPolicy.mayAddInternalNotes(actor)) {
            if (Boolean.FALSE.equals(request.isPublic())) {
                throw new ActionForbidden("End-users cannot add internal notes");
            }
            isPublic = true;
        } else if (!TicketAccessPolicy.mayCommentPublicly(actor)) {
            if (Boolean.TRUE.equals(request.isPublic())) {
                throw new ActionForbidden("Your role can only add private comments");
            }
            isPublic = false;
        } else {
            isPublic = request.isPublic() == null || request.isPublic();
        }
        long authorId = actor.userId();
        if (request.authorId() != null && request.authorId() != actor.userId()) {
            if (!TicketAccessPolicy.mayCommentFor(actor)) {
                throw new ActionForbidden("You cannot comment on behalf of another user");
            }
            authorId = people.person(request.authorId())
                    .filter(Person::active)
                    .map(Person::id)
                    .orElseThrow(() -> RecordInvalid.field("comment.author_id", "is not an active user"));
        }
        return new TicketHistory.NewComment(authorId, body, isPublic);
    }

    /** Whether the comment's author is on the requester's side (their reply reopens the ticket). */
    boolean byRequesterSide(Actor actor, TicketHistory.NewComment comment) {
        return comment.authorId() == actor.userId()
                ? actor.isEndUser()
                : people.person(comment.authorId())
                        .filter(author -> !author.isStaff())
                        .isPresent();
    }

    Map<Long, JsonNode> values(Ticket ticket) {
        return values(json, ticket);
    }

    /** The ticket's custom field values by field id. */
    static Map<Long, JsonNode> values(JsonMapper json, Ticket ticket) {
        Map<Long, JsonNode> values = new TreeMap<>();
        json.readTree(ticket.getCustomFields())
                .properties()
                .forEach(entry -> values.put(Long.parseLong(entry.getKey()), entry.getValue()));
        return values;
    }

    /** Tags as Zendesk keeps them: lower case, no spaces (a space separates two tags), at most 100. */
    static SortedSet<String> tags(List<String> given) {
        SortedSet<String> tags = new TreeSet<>();
        for (String tag : given) {
            if (tag == null) {
                throw RecordInvalid.field("tags", "cannot contain null");
            }
            for (String part : TAG_SEPARATORS.split(tag.strip().toLowerCase(Locale.ROOT))) {
                if (part.length() > 255) {
                    throw RecordInvalid.field("tags", "each tag must be at most 255 characters");
                }
                if (!part.isEmpty()) {
                    tags.add(part);
                }
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw RecordInvalid.field("tags", "a ticket can have at most " + MAX_TAGS + " tags");
        }
        return tags;
    }

    private static Set<Long> userIds(TicketRequest.Fields fields) {
        Set<Long> ids = new HashSet<>();
        Stream.of(fields.followerIds, fields.emailCcIds, fields.collaboratorIds)
                .filter(list -> list != null)
                .forEach(list -> list.stream().filter(id -> id != null).forEach(ids::add));
        return ids;
    }

    private static SortedSet<Long> users(List<Long> ids, Map<Long, Person> named, String field, boolean staffOnly) {
        SortedSet<Long> users = new TreeSet<>();
        for (Long id : ids) {
            Person person = id == null ? null : named.get(id);
            if (person == null) {
                throw RecordInvalid.field(field, "names a user who does not exist: " + id);
            }
            if (staffOnly && !person.isStaff()) {
                throw RecordInvalid.field(field, "must name agents only; " + id + " is not an agent");
            }
            users.add(id);
        }
        if (users.size() > MAX_TAGS) {
            throw RecordInvalid.field(field, "can name at most " + MAX_TAGS + " users");
        }
        return users;
    }
}
