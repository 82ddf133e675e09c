package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.directory.People.GroupScope;
import io.sidedesk.directory.People.Person;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.PreconditionFailed;
import io.sidedesk.web.RecordNotFound;
import io.sidedesk.web.UpdateConflict;
import io.sidedesk.form.CustomFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tickets: load → check access → change through the entity → record the audit. A ticket the caller
 * cannot see is a 404 on every path; visibility is always applied in SQL.
 */
@Service
public class Tickets {

    static final String API = "api";
    static final String SIDE_CONVERSATION = Ticket.VIA_SIDE_CONVERSATION;
    static final String NO_SOURCE = "{\"from\": {}, \"to\": {}, \"rel\": null}";
    static final int MAX_TAGS = 100;
    static final int MAX_SHOW_MANY = 100;

    private final TicketRepository tickets;
    private final CommentRepository comments;
    private final AuditRepository audits;
    private final TicketHistory history;
    private final People people;
    private final Groups groups;
    private final CustomFields customFields;
    private final EntityManager entityManager;
    private final JsonMapper json;
    private final ChildLinks links;
    private final ApplicationEventPublisher publisher;

    Tickets(TicketRepository tickets, CommentRepository comments, AuditRepository audits, TicketHistory history,
            People people, Groups groups, CustomFields customFields, EntityManager entityManager, JsonMapper json,
            ChildLinks links, ApplicationEventPublisher publisher) {
        this.tickets = tickets;
        this.comments = comments;
        this.audits = audits;
        this.history = history;
        this.people = people;
        this.groups = groups;
        this.customFields = customFields;
        this.entityManager = entityManager;
        this.json = json;
        this.links = links;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    public TicketView show(Actor actor, long id) {
        return view(actor, visible(actor, id, false));
    }

    @Transactional(readOnly = true)
    public ListPage<TicketView> list(Actor actor, String externalId, Paging paging) {
        Specification<Ticket> filter = visibleTo(actor);
        if (externalId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("externalId"), externalId));
        }
        return paging.fetch(tickets, filter, Ticket::getId).mapAll(page -> views(actor, page));
    }

    @Transactional(readOnly = true)
    public List<TicketView> showMany(Actor actor, String ids) {
        Set<Long> wanted = parseIds(ids);
        Specification<Ticket> filter = visibleTo(actor).and((root, query, cb) -> root.get("id").in(wanted));
        return views(actor, tickets.findAll(filter, org.springframework.data.domain.Sort.by("id")));
    }

    @Transactional(readOnly = true)
    public ListPage<CommentView> comments(Actor actor, long ticketId, Paging paging) {
        visible(actor, ticketId, false);
        Specification<Comment> filter = (root, query, cb) -> cb.equal(root.get("ticketId"), ticketId);
        if (actor.isEndUser()) {
            filter = filter.and((root, query, cb) -> cb.isTrue(root.get("isPublic")));
        }
        return paging.fetch(comments, filter, Comment::getId).map(CommentView::of);
    }

    @Transactional(readOnly = true)
    public ListPage<AuditView> audits(Actor actor, long ticketId, Paging paging) {
        if (actor.isEndUser()) {
            throw new ActionForbidden("End-users cannot read ticket audits");
        }
        visible(actor, ticketId, false);
        Specification<Audit> filter = (root, query, cb) -> cb.equal(root.get("ticketId"), ticketId);
        return paging.fetch(audits, filter, Audit::getId).map(AuditView::of);
    }

    @Transactional
    public TicketView.Written create(Actor actor, TicketRequest.Fields fields) {
        if (fields.comment == null) {
            throw RecordInvalid.field("comment", "is required: a ticket starts with a comment");
        }
        // Anyone who may create a ticket gives it a subject; end-users may also choose its form and fill in the
        // custom fields editable in the portal (checked with their values). Other properties need the right role.
        List<String> properties = new ArrayList<>(propertiesSent(fields));
        if (!actor.isEndUser()) {
            properties.addAll(formOrFieldsSent(fields));
        }
        if (!properties.isEmpty() && !TicketAccessPolicy.mayChangeProperties(actor)) {
            throw new ActionForbidden("You cannot set ticket properties: " + String.join(", ", properties));
        }
        Person requester = requester(actor, fields);
        TicketHistory.NewComment comment = comment(actor, fields.comment, "comment");
        // Without a subject, the first line of a public first comment; never of an internal one, which the
        // requester may not read (R22).
        String subject = fields.subject != null ? fields.subject.strip()
                : comment.isPublic() ? CommentBody.firstLine(comment.body().body(), 80) : "";

        Ticket ticket = new Ticket(subject, comment.body().body(), requester.id(), actor.userId(), API, NO_SOURCE);
        if (fields.ticketFormId == null || fields.ticketFormId.isEmpty()) {
            ticket.changeForm(customFields.defaultFormId());
        }
        applyProperties(actor, ticket, fields);
        if (fields.status != null && fields.status != TicketStatus.NEW) {
            ticket.changeStatus(fields.status);
        }
        if (ticket.getStatus() == TicketStatus.SOLVED) {
            customFields.checkRequiredToSolve(ticket.getTicketFormId(), values(ticket));
        }
        ticket.countComment(comment.isPublic());
        ticket.takeEvents();
        tickets.save(ticket);

        Audit audit = history.record(ticket.getId(), actor.userId(), API, creationEvents(ticket), comment).audit();
        tickets.flush();
        return new TicketView.Written(view(actor, ticket), AuditView.of(audit));
    }

    @Transactional
    public TicketView.Written update(Actor actor, long id, TicketRequest.Fields fields, String ifMatch) {
        Optional<ChildLinks.Link> link = links.lockLinkOf(id);
        UUID sideConversationId = link.map(ChildLinks.Link::sideConversationId).orElse(null);
        Ticket ticket = visible(actor, id, true);
        checkPreconditions(ticket, fields, ifMatch);
        ticket.checkUpdatable();
        List<String> properties = new ArrayList<>(propertiesSent(fields));
        properties.addAll(formOrFieldsSent(fields));
        if (fields.subject != null) {
            properties.add(0, "subject");
        }
        if (!properties.isEmpty() && !TicketAccessPolicy.mayChangeProperties(actor)) {
            throw new ActionForbidden("You cannot change ticket properties: " + String.join(", ", properties));
        }
        TicketStatus before = ticket.getStatus();
        Long assigneeBefore = ticket.getAssigneeId();
        if (fields.subject != null) {
            ticket.changeSubject(fields.subject.strip());
        }
        if (fields.requesterId != null || fields.requester != null) {
            ticket.changeRequester(requester(actor, fields).id());
        }
        applyProperties(actor, ticket, fields);
        if (fields.status != null && !(fields.status == TicketStatus.NEW && before == TicketStatus.NEW)) {
            ticket.changeStatus(fields.status);
        }
        // Every write that leaves the ticket solved or closed with other fields, another form or another status
        // checks the fields required to solve: none can be cleared once it is solved, nor closed without them.
        boolean done = ticket.getStatus() == TicketStatus.SOLVED || ticket.getStatus() == TicketStatus.CLOSED;
        if (done && (before != ticket.getStatus() || !formOrFieldsSent(fields).isEmpty())) {
            customFields.checkRequiredToSolve(ticket.getTicketFormId(), values(ticket));
        }
        TicketHistory.NewComment comment = null;
        if (fields.comment != null) {
            comment = comment(actor, fields.comment, "comment");
            ticket.countComment(comment.isPublic());
            boolean byRequesterSide = comment.authorId() == actor.userId() ? actor.isEndUser()
                    : people.person(comment.authorId()).filter(author -> !author.isStaff()).isPresent();
            if (byRequesterSide) {
                ticket.reopenForRequesterReply();
            }
        }
        AuditEvent released = releaseOnReopen(ticket, before, assigneeBefore);
        List<AuditEvent> events = ticket.takeEvents();
        if (released != null) {
            events = new ArrayList<>(events);
            events.add(released);
        }
        if (events.isEmpty() && comment == null) {
            return new TicketView.Written(view(actor, ticket, link), null);
        }
        ticket.touch();
        TicketHistory.Recorded recorded = history.record(ticket.getId(), actor.userId(), API, events, comment);
        publisher.publishEvent(new TicketUpdated(ticket, recorded.comment(), before, actor, sideConversationId));
        tickets.flush();
        return new TicketView.Written(view(actor, ticket, link), AuditView.of(recorded.audit()));
    }

    /** The ticket if the caller may see it, else a 404 (for features built on tickets). */
    @Transactional(readOnly = true)
    public Ticket requireVisible(Actor actor, long id) {
        return visible(actor, id, false);
    }

    /**
     * A 404 unless the caller may see the ticket; for features that need only that, not the ticket itself: one
     * column is read and no entity is loaded (nothing to hydrate, nor to dirty-check at every later flush).
     */
    @Transactional(readOnly = true)
    public void checkVisible(Actor actor, long id) {
        Specification<Ticket> spec = visibleTo(actor).and((root, query, cb) -> cb.equal(root.get("id"), id));
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<Ticket> root = query.from(Ticket.class);
        query.select(root.get("id")).where(spec.toPredicate(root, query, cb));
        if (entityManager.createQuery(query).getResultList().isEmpty()) {
            throw new RecordNotFound("Ticket", id);
        }
    }

    /** The tickets among {@code ids} that the caller may see, one page of them. */
    @Transactional(readOnly = true)
    public ListPage<TicketView> listAmong(Actor actor, Collection<Long> ids, Paging paging) {
        Specification<Ticket> filter = visibleTo(actor)
            .and((root, query, cb) -> ids.isEmpty() ? cb.disjunction() : root.get("id").in(ids));
        return paging.fetch(tickets, filter, Ticket::getId).mapAll(page -> views(actor, page));
    }

    /** A ticket's live facts, with whether the caller may see it (then and only then are its details shown). */
    public record Summary(long id, TicketStatus status, Long assigneeId, Long groupId, String externalId,
            boolean visible) {
    }

    /** Live facts of these tickets, in two statements whatever their number; unknown ids are absent. */
    @Transactional(readOnly = true)
    public Map<Long, Summary> summaries(Actor actor, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // One statement: each ticket's facts with whether the caller's visibility predicate holds for it; only
        // those columns (no entity to hydrate). Selected as a constructed record, not a multiselect: Hibernate
        // (7.2) never finds an Object[] or Tuple selection equal to the one cached, so such a query is translated
        // anew on every call, and its cache entries, all with one hash code, pile up and slow every look-up.
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Summary> query = cb.createQuery(Summary.class);
        Root<Ticket> root = query.from(Ticket.class);
        jakarta.persistence.criteria.Expression<Boolean> visible = cb.<Boolean>selectCase()
            .when(visibleTo(actor).toPredicate(root, query, cb), true)
            .otherwise(false);
        query.select(cb.construct(Summary.class, root.get("id"), root.get("status"), root.get("assigneeId"),
                root.get("groupId"), root.get("externalId"), visible))
            // One array parameter, not an IN list, so that the translation is reused (PostgreSqlFunctions).
            .where(cb.isTrue(cb.function("equals_any", Boolean.class, root.get("id"),
                    cb.parameter(Long[].class, "ids"))));
        Map<Long, Summary> summaries = new java.util.HashMap<>();
        for (Summary summary : entityManager.createQuery(query).setParameter("ids", ids.toArray(Long[]::new))
                .getResultList()) {
            summaries.put(summary.id(), summary);
        }
        return summaries;
    }

    /**
     * A child ticket as a side conversation creates it (R5, R6), or a follow-up of a closed one (R20). Its group
     * and assignee have been checked by the caller: the addressee against the creator (R2, R3), or the closed
     * child's assignee against its group. {@code originEventId} names the side conversation event whose message is
     * the first comment, when it is one (R9).
     */
    public record NewChild(String subject, String body, String htmlBody, boolean publicComment, long requesterId,
            long groupId, Long assigneeId, String externalId, String viaSource, List<String> tags,
            List<Long> followerIds, Long ticketFormId, String customFieldsJson, UUID originEventId) {
    }

    /** Writes a child ticket with its first comment and creation audit, in the caller's transaction. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Ticket createChild(Actor creator, NewChild child) {
        CommentBody body = CommentBody.of(child.body(), child.htmlBody(), "message");
        Ticket ticket = new Ticket(child.subject(), body.body(), child.requesterId(), creator.userId(),
                SIDE_CONVERSATION, child.viaSource());
        ticket.changeForm(child.ticketFormId() != null ? child.ticketFormId() : customFields.defaultFormId());
        if (child.customFieldsJson() != null) {
            ticket.replaceCustomFields(child.customFieldsJson(), Map.of(), Map.of());
        }
        ticket.replaceTags(tags(child.tags()));
        ticket.replaceFollowers(new TreeSet<>(child.followerIds()));
        ticket.assign(child.groupId(), child.assigneeId());
        ticket.changeExternalId(child.externalId());
        ticket.countComment(child.publicComment());
        ticket.takeEvents();
        tickets.save(ticket);
        history.record(ticket.getId(), creator.userId(), SIDE_CONVERSATION, creationEvents(ticket),
                new TicketHistory.NewComment(creator.userId(), body, child.publicComment(), child.originEventId()));
        return ticket;
    }

    /**
     * The ticket, locked for a mirrored write, whoever may see it (the mirror acts for the side
     * conversation, whose sender was checked). The caller holds the side conversation lock (one lock order).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Optional<Ticket> lockForMirror(long id) {
        return Optional.ofNullable(entityManager.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE))
            .filter(ticket -> !ticket.isDeleted());
    }

    /**
     * A comment mirrored from a side conversation reply (R7) on a ticket locked by {@link #lockForMirror},
     * marked with the reply's event id so that it never crosses back (R9). Fields and status are untouched.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Comment addMirroredComment(Ticket ticket, long authorId, String body, String htmlBody, boolean isPublic,
            java.util.UUID originEventId) {
        CommentBody content = CommentBody.of(body, htmlBody, "message");
        ticket.countComment(isPublic);
        ticket.touch();
        return history.record(ticket.getId(), authorId, SIDE_CONVERSATION, List.of(),
                new TicketHistory.NewComment(authorId, content, isPublic, originEventId)).comment();
    }

    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireAdmin();
        visible(actor, id, true).markDeleted();
    }

    /**
     * Optimistic checks, made while the ticket row is locked: {@code safe_update} with a stale
     * {@code updated_stamp} is a 409, a stale {@code If-Match} a 412; either way nothing is written.
     */
    private void checkPreconditions(Ticket ticket, TicketRequest.Fields fields, String ifMatch) {
        if (Boolean.TRUE.equals(fields.safeUpdate)) {
            if (fields.updatedStamp == null) {
                throw RecordInvalid.field("updated_stamp", "is required with safe_update");
            }
            if (!fields.updatedStamp.equals(ticket.getUpdatedAt())) {
                throw new UpdateConflict("The ticket was updated at " + ticket.getUpdatedAt()
                        + ", after your updated_stamp; reload it and try again");
            }
        }
        if (ifMatch != null && !ifMatch.isBlank()) {
            String current = TicketView.etag(ticket);
            boolean matches = java.util.Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
            if (!matches) {
                throw new PreconditionFailed("If-Match does not match the ticket's current ETag " + current);
            }
        }
    }

    TicketView view(Actor actor, Ticket ticket) {
        return views(actor, List.of(ticket)).get(0);
    }

    /** The view of a ticket whose link the write has already read (and locked): no statement for it. */
    private TicketView view(Actor actor, Ticket ticket, Optional<ChildLinks.Link> link) {
        return TicketView.of(ticket, json, link.map(l -> l.childOf(ticket)).orElse(null), readerOf(actor));
    }

    /** Views of tickets, their child ticket links read in one statement for all of them. */
    List<TicketView> views(Actor actor, List<Ticket> shown) {
        Map<Long, ChildLinks.ChildOf> parents = shown.isEmpty() ? Map.of() : links.parentsOf(shown);
        TicketView.Reader reader = shown.isEmpty() ? TicketView.Reader.STAFF : readerOf(actor);
        return shown.stream()
            .map(ticket -> TicketView.of(ticket, json, parents.get(ticket.getId()), reader))
            .toList();
    }

    /** How the caller reads tickets: staff read everything; end-users read no more than the portal shows. */
    private TicketView.Reader readerOf(Actor actor) {
        return actor.isEndUser() ? TicketView.Reader.endUser(customFields.visibleToEndUsers()) : TicketView.Reader.STAFF;
    }

    /** The ticket if the caller may see it (and it is not deleted); locked for the rest of the write if asked. */
    Ticket visible(Actor actor, long id, boolean forUpdate) {
        Specification<Ticket> spec = visibleTo(actor).and((root, query, cb) -> cb.equal(root.get("id"), id));
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Ticket> query = cb.createQuery(Ticket.class);
        Root<Ticket> root = query.from(Ticket.class);
        query.where(spec.toPredicate(root, query, cb));
        List<Ticket> found = entityManager.createQuery(query)
            .setLockMode(forUpdate ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
            .getResultList();
        if (found.isEmpty()) {
            throw new RecordNotFound("Ticket", id);
        }
        return found.get(0);
    }

    private Specification<Ticket> visibleTo(Actor actor) {
        GroupScope scope = actor.isStaff() && !actor.isAdmin() ? people.scopeOf(actor)
                : new GroupScope(Set.of(), Set.of());
        return TicketAccessPolicy.visibleTo(actor, scope);
    }

    /** The members sent that change a ticket's properties (which light agents and end-users may not set). */
    private static List<String> propertiesSent(TicketRequest.Fields fields) {
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

    private static List<String> formOrFieldsSent(TicketRequest.Fields fields) {
        List<String> sent = new ArrayList<>();
        addIfSent(sent, "ticket_form_id", fields.ticketFormId);
        addIfSent(sent, "custom_fields", fields.customFields);
        return sent;
    }

    private static void addIfSent(List<String> sent, String member, Object value) {
        if (value != null) {
            sent.add(member);
        }
    }

    private void applyProperties(Actor actor, Ticket ticket, TicketRequest.Fields fields) {
        if (fields.priority != null) {
            ticket.changePriority(fields.priority.orElse(null));
        }
        if (fields.type != null) {
            ticket.changeType(fields.type.orElse(null));
        }
        if (fields.externalId != null) {
            String externalId = fields.externalId.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
            if (externalId != null && externalId.startsWith(ChildLinks.RESERVED_PREFIX)
                    && !(ticket.getId() != null && links.linkExternalId(ticket.getId()).filter(externalId::equals).isPresent())) {
                throw RecordInvalid.field("external_id", "values starting " + ChildLinks.RESERVED_PREFIX
                        + " link child tickets; only a child ticket's own link value may be restored");
            }
            ticket.changeExternalId(externalId);
        }
        if (fields.tags != null) {
            ticket.replaceTags(tags(fields.tags));
        }
        if (fields.ticketFormId != null) {
            Long form = fields.ticketFormId.orElse(null);
            if (form != null) {
                customFields.checkForm(form);
            }
            ticket.changeForm(form);
        }
        if (fields.customFields != null) {
            CustomFields.Applied applied = customFields.apply(ticket.getTicketFormId(), values(ticket),
                    fields.customFields, actor.isEndUser());
            Map<String, JsonNode> stored = new java.util.TreeMap<>();
            applied.values().forEach((fieldId, value) -> stored.put(String.valueOf(fieldId), value));
            ticket.replaceCustomFields(json.writeValueAsString(stored), applied.changed(), applied.values());
            if (!applied.tagsAdded().isEmpty() || !applied.tagsRemoved().isEmpty()) {
                List<String> tags = new ArrayList<>(ticket.getTags());
                tags.removeAll(applied.tagsRemoved());
                tags.addAll(applied.tagsAdded());
                ticket.replaceTags(tags(tags));
            }
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
        if (fields.groupId != null || fields.assigneeId != null) {
            assign(actor, ticket, fields.groupId, fields.assigneeId);
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

    /**
     * An assignee must be an assignable agent in the ticket's group; named without a group, the ticket
     * goes to the agent's default (or only) group. The group must be one the caller may assign to.
     */
    private void assign(Actor actor, Ticket ticket, Optional<Long> groupField, Optional<Long> assigneeField) {
        boolean sameGroup = groupField == null || Objects.equals(groupField.orElse(null), ticket.getGroupId());
        boolean sameAssignee = assigneeField == null
                || Objects.equals(assigneeField.orElse(null), ticket.getAssigneeId());
        if (sameGroup && sameAssignee) {
            return; // sent back as read (clients send whole tickets back): nothing to check, nothing changes
        }
        Long group = groupField != null ? groupField.orElse(null) : ticket.getGroupId();
        Long assignee = assigneeField != null ? assigneeField.orElse(null) : ticket.getAssigneeId();
        if (assigneeField != null && assignee != null) {
            Person agent = people.person(assignee)
                .orElseThrow(() -> RecordInvalid.field("assignee_id", "is not an existing user"));
            if (!agent.isStaff() || !agent.assignable()) {
                throw RecordInvalid.field("assignee_id", "must be an active agent who can be assigned tickets "
                        + "(light agents cannot)");
            }
            if (groupField == null && (group == null || !agent.groupIds().contains(group))) {
                group = agent.defaultGroupId() != null ? agent.defaultGroupId()
                        : agent.groupIds().size() == 1 ? agent.groupIds().iterator().next() : null;
                if (group == null) {
                    throw RecordInvalid.field("assignee_id", "belongs to no default group: name a group_id");
                }
            }
            if (group == null || !agent.groupIds().contains(group)) {
                throw RecordInvalid.field("assignee_id", "is not a member of the ticket's group");
            }
        } else if (assigneeField == null && assignee != null
                && (group == null || !people.person(assignee).map(p -> p.groupIds().contains(ticket.getGroupId()))
                    .orElse(false) || !group.equals(ticket.getGroupId()))) {
            // Moving the ticket to another group leaves the previous assignee behind unless they belong to it.
            Long newGroup = group;
            assignee = newGroup == null ? null
                    : people.person(assignee).filter(p -> p.groupIds().contains(newGroup)).map(Person::id).orElse(null);
        }
        if (group != null && !group.equals(ticket.getGroupId())) {
            if (!groups.canSee(actor, group)) {
                // A private group the caller is not in is answered like a missing one: its existence is hidden.
                throw RecordInvalid.field("group_id", "is not an existing group");
            }
            if (!groups.mayAssignTo(actor, group)) {
                throw RecordInvalid.field("group_id", "is not a group you may assign tickets to");
            }
            if (!people.holdGroup(group)) {
                throw RecordInvalid.field("group_id", "is not an existing group");
            }
        }
        if (assignee != null && (!assignee.equals(ticket.getAssigneeId()) || !group.equals(ticket.getGroupId()))) {
            holdAssignee(assignee, group);
        }
        ticket.assign(group, assignee);
    }

    /**
     * A solved ticket kept its assignee while the directory changed (a solved ticket needs one); reopened, it is
     * unassigned if they may no longer hold it, as the directory change would have done.
     */
    private AuditEvent releaseOnReopen(Ticket ticket, TicketStatus before, Long assigneeBefore) {
        Long assignee = ticket.getAssigneeId();
        // An assignee this write changed to was checked as it was assigned; one sent back unchanged was not.
        if (before != TicketStatus.SOLVED || !DirectoryChanges.UNSOLVED.contains(ticket.getStatus())
                || assignee == null || !assignee.equals(assigneeBefore)
                || people.holdMembership(assignee, ticket.getGroupId())) {
            return null;
        }
        ticket.assign(ticket.getGroupId(), null);
        Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("reason", "assignee_cannot_hold");
        members.put("user_id", assignee);
        members.put("body", "Unassigned: the ticket reopened, and its assignee may no longer hold it");
        return AuditEvent.of("DirectoryChange", members);
    }

    /** The assignee's membership, held until commit so that a concurrent directory change finds the ticket. */
    private void holdAssignee(long assignee, long group) {
        if (!people.holdMembership(assignee, group)) {
            throw RecordInvalid.field("assignee_id", "is not an active member of the ticket's group");
        }
    }

    private Person requester(Actor actor, TicketRequest.Fields fields) {
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
        if (actor.isEndUser() && id != actor.userId()) {
            throw new ActionForbidden("End-users cannot name another requester");
        }
        Person requester = people.person(id).orElseThrow(() -> RecordInvalid.field("requester_id", "is not an existing user"));
        if (!requester.active()) {
            throw RecordInvalid.field("requester_id", "is not an active user");
        }
        return requester;
    }

    /**
     * Comment rules: end-users comment publicly; light agents and roles without public comments add
     * internal notes (public left out means private; asking for public is refused).
     */
    private TicketHistory.NewComment comment(Actor actor, TicketRequest.CommentRequest request, String field) {
        CommentBody body = CommentBody.of(request.body(), request.htmlBody(), field);
        boolean isPublic;
        if (actor.isEndUser()) {
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
            if (!actor.isStaff() || !TicketAccessPolicy.mayChangeProperties(actor)) {
                throw new ActionForbidden("You cannot comment on behalf of another user");
            }
            authorId = people.person(request.authorId()).filter(Person::active).map(Person::id)
                .orElseThrow(() -> RecordInvalid.field(field + ".author_id", "is not an active user"));
        }
        return new TicketHistory.NewComment(authorId, body, isPublic);
    }

    private Map<Long, JsonNode> values(Ticket ticket) {
        Map<Long, JsonNode> values = new java.util.TreeMap<>();
        json.readTree(ticket.getCustomFields()).properties()
            .forEach(entry -> values.put(Long.parseLong(entry.getKey()), entry.getValue()));
        return values;
    }

    private static List<AuditEvent> creationEvents(Ticket ticket) {
        List<AuditEvent> events = new ArrayList<>();
        events.add(AuditEvent.create("subject", ticket.getSubject()));
        events.add(AuditEvent.create("status", ticket.getStatus()));
        events.add(AuditEvent.create("requester_id", ticket.getRequesterId()));
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
            events.add(AuditEvent.create(field, value));
        }
    }

    /** Tags as Zendesk keeps them: lower case, no spaces (a space separates two tags), at most 100. */
    private static SortedSet<String> tags(List<String> given) {
        SortedSet<String> tags = new TreeSet<>();
        for (String tag : given) {
            if (tag == null) {
                throw RecordInvalid.field("tags", "cannot contain null");
            }
            for (String part : tag.strip().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
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

    private static Collection<Long> userIds(TicketRequest.Fields fields) {
        Set<Long> ids = new HashSet<>();
        for (List<Long> list : new ArrayList<>(java.util.Arrays.asList(fields.followerIds, fields.emailCcIds,
                fields.collaboratorIds))) {
            if (list != null) {
                list.stream().filter(java.util.Objects::nonNull).forEach(ids::add);
            }
        }
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

    private static Set<Long> parseIds(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new InvalidParameter("ids", "is required: a comma-separated list of ticket ids");
        }
        Set<Long> parsed = new java.util.LinkedHashSet<>();
        for (String part : ids.split(",")) {
            try {
                parsed.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidParameter("ids", "must be comma-separated ticket ids");
            }
        }
        if (parsed.size() > MAX_SHOW_MANY) {
            throw new InvalidParameter("ids", "can name at most " + MAX_SHOW_MANY + " tickets");
        }
        return parsed;
    }
}
