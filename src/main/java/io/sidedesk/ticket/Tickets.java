package io.sidedesk.ticket;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.directory.People;
import io.sidedesk.form.CustomFields;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.Transactions;

/**
 * What other features ask of tickets: whether the caller may see one, live facts of several, and the writes a
 * side conversation makes (its child ticket, mirrored comments). The API's own reads and writes are
 * {@link TicketReads} and {@link TicketWrites}; who may do what is {@link TicketAccessPolicy}.
 */
@Service
public class Tickets {

    private final TicketReads reads;
    private final TicketVisibility visibility;
    private final TicketRepository tickets;
    private final TicketHistory history;
    private final CustomFields customFields;
    private final EntityManager entityManager;
    private final ActorLookup actors;
    private final People people;
    private final java.time.Clock clock;

    Tickets(
            TicketReads reads,
            TicketVisibility visibility,
            TicketRepository tickets,
            TicketHistory history,
            CustomFields customFields,
            EntityManager entityManager,
            ActorLookup actors,
            People people,
            java.time.Clock clock) {
        this.reads = reads;
        this.visibility = visibility;
        this.tickets = tickets;
        this.history = history;
        this.customFields = customFields;
        this.entityManager = entityManager;
        this.actors = actors;
        this.people = people;
        this.clock = clock;
    }

    /**
     * Those of the users who are active and may see the ticket as it is now (R17: never a private group's ticket to
     * a non-member), as actors: what each may read of it follows from their role. One statement.
     */
    public Map<Long, Actor> readersAmong(Ticket ticket, Collection<Long> userIds) {
        Transactions.requireActive();
        Map<Long, Actor> readers = new HashMap<>();
        actors.activeByIds(userIds).forEach((id, actor) -> {
            // Only agents' visibility depends on their groups (which the lookup read with them: no statement).
            People.GroupScope scope = actor.isStaff() && !actor.isAdmin()
                    ? people.scopeOf(actor)
                    : new People.GroupScope(Set.of(), Set.of());
            if (TicketAccessPolicy.visibility(actor, scope).admits(id, ticket)) {
                readers.put(id, actor);
            }
        });
        return readers;
    }

    /** The text of a ticket's latest comment and of its latest public comment (null when none), in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public LatestComments latestComments(long ticketId) {
        List<?> rows = entityManager
                .createNativeQuery("""
                        (select body, "public" from ticket_comments where ticket_id = :ticket order by id desc limit 1)
                        union all
                        (select body, "public" from ticket_comments where ticket_id = :ticket and "public"
                         order by id desc limit 1)""")
                .setParameter("ticket", ticketId)
                .getResultList();
        String latest = null;
        String latestPublic = null;
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            latest = latest == null ? (String) columns[0] : latest;
            if ((Boolean) columns[1]) {
                latestPublic = (String) columns[0];
            }
        }
        return new LatestComments(latest, latestPublic);
    }

    /** What a notification may quote of a ticket's comments. */
    public record LatestComments(String latest, String latestPublic) {}

    /** The ticket if the caller may see it, else a 404. */
    @Transactional(readOnly = true)
    public Ticket requireVisible(Actor actor, long id) {
        return visibility.find(actor, id, false);
    }

    /**
     * A 404 unless the caller may see the ticket; for features that need only that, not the ticket itself. One
     * statement through JdbcClient, in the caller's transaction if any: not transactional itself.
     */
    public void checkVisible(Actor actor, long id) {
        visibility.check(actor, id);
    }

    /** Whether the caller may see the ticket (a missing one: no), without a 404: one column read. */
    @Transactional(readOnly = true)
    public boolean isVisible(Actor actor, long id) {
        return visibility.isVisible(actor, id);
    }

    /** The nearest SLA breach still to be recorded among the tickets of {@code ids} the caller may see. */
    @Transactional(readOnly = true)
    public Optional<java.time.Instant> nearestSlaBreach(Actor actor, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return visibility.nearestSlaBreach(actor, ids);
    }

    /** One page of the tickets the caller may see, by id (what features that list per ticket walk). */
    @Transactional(readOnly = true)
    public ListPage<Ticket> visiblePage(Actor actor, Paging paging) {
        return paging.fetch(tickets, visibility.visibleTo(actor), Ticket::getId);
    }

    /**
     * One page of the tickets the caller may see that meet a rule's checked conditions (a view's), in the order
     * asked; {@code current_user}, {@code current_groups} and the hour fields as the caller asks them now.
     */
    @Transactional(readOnly = true)
    public ListPage<?> matching(
            Actor actor, ConditionLanguage.Checked conditions, TicketQuery.Order order, Paging paging) {
        return reads.matching(actor, TicketQuery.meeting(conditions, viewer(actor)), order, paging);
    }

    /** How many tickets the caller may see meet the conditions: one statement. */
    @Transactional(readOnly = true)
    public long countMatching(Actor actor, ConditionLanguage.Checked conditions) {
        return reads.countMatching(actor, TicketQuery.meeting(conditions, viewer(actor)));
    }

    /**
     * One page of the tickets the caller may see that hold every term of a search, in the order asked; words match
     * the comments the caller may read (R22).
     */
    @Transactional(readOnly = true)
    public ListPage<?> search(Actor actor, List<TicketQuery.Term> terms, TicketQuery.Order order, Paging paging) {
        return reads.matching(actor, TicketQuery.searching(terms, viewer(actor), actor.isStaff()), order, paging);
    }

    @Transactional(readOnly = true)
    public long countSearch(Actor actor, List<TicketQuery.Term> terms) {
        return reads.countMatching(actor, TicketQuery.searching(terms, viewer(actor), actor.isStaff()));
    }

    /**
     * For each of the tickets, the index of the first of the rules (in order) whose conditions it meets, as the system
     * sees tickets (every ticket; no current user or groups); tickets that meet none are absent. One statement,
     * whatever the number of rules, with the tickets as the transaction has them (pending changes flushed first).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Long, Integer> firstMeeting(Collection<Long> ids, List<ConditionLanguage.Checked> rules) {
        Map<Long, Integer> first = new HashMap<>();
        if (ids.isEmpty() || rules.isEmpty()) {
            return first;
        }
        TicketQuery.Viewer system =
                new TicketQuery.Viewer(Audit.SYSTEM, Set.of(), clock.instant(), (root, query, cb) -> cb.conjunction());
        var cb = entityManager.getCriteriaBuilder();
        var query = cb.createTupleQuery();
        var root = query.from(Ticket.class);
        var firstRule = cb.<Integer>selectCase();
        for (int index = 0; index < rules.size(); index++) {
            firstRule = firstRule.when(
                    TicketQuery.meeting(rules.get(index), system).toPredicate(root, query, cb), cb.literal(index));
        }
        query.multiselect(root.get("id"), firstRule.otherwise(cb.literal(-1)))
                .where(root.get("id").in(ids));
        for (var row : entityManager.createQuery(query).getResultList()) {
            int index = row.get(1, Integer.class);
            if (index >= 0) {
                first.put(row.get(0, Long.class), index);
            }
        }
        return first;
    }

    private TicketQuery.Viewer viewer(Actor actor) {
        Set<Long> groups = actor.groups() != null
                ? actor.groups().memberOf()
                : actor.isStaff() ? people.scopeOf(actor).memberOf() : Set.of();
        return new TicketQuery.Viewer(actor.userId(), groups, clock.instant(), visibility.visibleTo(actor));
    }

    /** The tickets among {@code ids} that the caller may see, one page of them. */
    public ListPage<TicketView> listAmong(Actor actor, Collection<Long> ids, Paging paging) {
        return reads.listAmong(actor, ids, paging);
    }

    /** A ticket's live facts, with whether the caller may see it (then and only then are its details shown). */
    public record Summary(
            long id, TicketStatus status, Long assigneeId, Long groupId, String externalId, boolean visible) {}

    /** Live facts of these tickets, in one statement whatever their number; unknown ids are absent. */
    public Map<Long, Summary> summaries(Actor actor, Collection<Long> ids) {
        return reads.summaries(actor, ids);
    }

    /**
     * A child ticket as a side conversation creates it (R5, R6), or a follow-up of a closed one (R20). Its group
     * and assignee have been checked by the caller: the addressee against the creator (R2, R3), or the closed
     * child's assignee against its group. {@code originEventId} names the side conversation event whose message is
     * the first comment, when it is one (R9).
     */
    public record NewChild(
            String subject,
            String body,
            String htmlBody,
            boolean publicComment,
            long requesterId,
            long groupId,
            Long assigneeId,
            String externalId,
            String viaSource,
            List<String> tags,
            List<Long> followerIds,
            Long ticketFormId,
            String customFieldsJson,
            UUID originEventId) {}

    /** Writes a child ticket with its first comment and creation audit, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Ticket createChild(Actor creator, NewChild child) {
        CommentBody body = CommentBody.of(child.body(), child.htmlBody(), "message");
        Ticket ticket = new Ticket(
                child.subject(),
                body.body(),
                child.requesterId(),
                creator.userId(),
                Ticket.VIA_SIDE_CONVERSATION,
                child.viaSource());
        ticket.changeForm(child.ticketFormId() != null ? child.ticketFormId() : customFields.defaultFormId());
        if (child.customFieldsJson() != null) {
            ticket.replaceCustomFields(child.customFieldsJson(), Map.of(), Map.of());
        }
        ticket.replaceTags(TicketChanges.tags(child.tags()));
        ticket.replaceFollowers(new TreeSet<>(child.followerIds()));
        ticket.assign(child.groupId(), child.assigneeId());
        ticket.changeExternalId(child.externalId());
        ticket.countComment(child.publicComment());
        ticket.takeEvents();
        tickets.save(ticket);
        history.record(
                ticket.getId(),
                creator.userId(),
                Ticket.VIA_SIDE_CONVERSATION,
                AuditEvent.creationOf(ticket),
                new TicketHistory.NewComment(creator.userId(), body, child.publicComment(), child.originEventId()));
        return ticket;
    }

    /**
     * The ticket, locked for a mirrored write, whoever may see it (the mirror acts for the side
     * conversation, whose sender was checked). The caller holds the side conversation lock (one lock order).
     */
    public Optional<Ticket> lockForMirror(long id) {
        Transactions.requireActive();
        return Optional.ofNullable(entityManager.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(ticket -> !ticket.isDeleted());
    }

    /**
     * A comment mirrored from a side conversation reply (R7) on a ticket locked by {@link #lockForMirror},
     * marked with the reply's event id so that it never crosses back (R9). Fields and status are untouched.
     */
    public Comment addMirroredComment(
            Ticket ticket, long authorId, String body, String htmlBody, boolean isPublic, UUID originEventId) {
        Transactions.requireActive();
        CommentBody content = CommentBody.of(body, htmlBody, "message");
        ticket.countComment(isPublic);
        ticket.touch();
        return history.record(
                        ticket.getId(),
                        authorId,
                        Ticket.VIA_SIDE_CONVERSATION,
                        List.of(),
                        new TicketHistory.NewComment(authorId, content, isPublic, originEventId))
                .comment();
    }

    /**
     * Assigns a ticket by routing (R21), on a ticket the router holds locked and has found routable: the agent
     * becomes its assignee in the group, an audit by the system ({@link Audit#SYSTEM}) through the routing channel,
     * with the via's source ({@code viaSource}, JSON), records it with the router's event, and business rules run on
     * it as on any write.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Ticket route(long ticketId, long groupId, long agentId, String viaSource, AuditEvent routing) {
        Ticket ticket = entityManager.find(Ticket.class, ticketId);
        ticket.route(groupId, agentId);
        return recordRouting(ticket, viaSource, routing);
    }

    /**
     * Takes a routed ticket from its assignee to route it again (R21: the agent went offline, or the ticket reopened
     * while they could not take it), on a ticket the router holds locked.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Ticket unroute(long ticketId, String viaSource, AuditEvent routing) {
        Ticket ticket = entityManager.find(Ticket.class, ticketId);
        ticket.assign(ticket.getGroupId(), null);
        return recordRouting(ticket, viaSource, routing);
    }

    private Ticket recordRouting(Ticket ticket, String viaSource, AuditEvent routing) {
        List<AuditEvent> events = new java.util.ArrayList<>(ticket.takeEvents());
        events.add(routing);
        ticket.touch();
        history.record(ticket.getId(), Audit.SYSTEM, Ticket.VIA_ROUTING, viaSource, events);
        entityManager.flush();
        return ticket;
    }
}
