package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.directory.People.GroupScope;
import io.sidedesk.web.PendingWrites;
import io.sidedesk.web.RecordNotFound;

/**
 * The one predicate that decides which tickets a caller sees ({@link TicketAccessPolicy#visibility}), applied in
 * SQL by every read (show, list, show_many, comments, audits, summaries), so counts and cursors are always right.
 * A ticket the caller cannot see is a 404 on every path.
 */
@Component
class TicketVisibility {

    private final People people;
    private final EntityManager entityManager;
    private final JdbcClient jdbc;

    TicketVisibility(People people, EntityManager entityManager, JdbcClient jdbc) {
        this.people = people;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    private TicketAccessPolicy.Visibility visibility(Actor actor) {
        GroupScope scope =
                actor.isStaff() && !actor.isAdmin() ? people.scopeOf(actor) : new GroupScope(Set.of(), Set.of());
        return TicketAccessPolicy.visibility(actor, scope);
    }

    /** The tickets the caller may see (never deleted ones). */
    Specification<Ticket> visibleTo(Actor actor) {
        TicketAccessPolicy.Visibility visibility = visibility(actor);
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            all.add(cb.isFalse(root.get("deleted")));
            if (visibility.requesterOrCc() != null) {
                long user = visibility.requesterOrCc();
                all.add(cb.or(
                        cb.equal(root.get("requesterId"), user),
                        ((HibernateCriteriaBuilder) cb).arrayContains(root.get("emailCcIds"), user)));
            }
            if (!visibility.hiddenGroups().isEmpty()) {
                all.add(cb.or(
                        cb.isNull(root.get("groupId")),
                        cb.not(equalsAny(root.get("groupId"), visibility.hiddenGroups(), cb))));
            }
            if (visibility.ownOrIn() != null) {
                Predicate own = cb.or(
                        cb.equal(root.get("assigneeId"), actor.userId()),
                        cb.equal(root.get("requesterId"), actor.userId()));
                all.add(
                        visibility.ownOrIn().isEmpty()
                                ? own
                                : cb.or(own, equalsAny(root.get("groupId"), visibility.ownOrIn(), cb)));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    /**
     * The ticket if the caller may see it; locked for the rest of the write if asked. Loaded by id (the ORM's prepared
     * loader, no query to build) and held to the same conditions in hand ({@link TicketAccessPolicy.Visibility#admits}):
     * one statement, as a query with the predicate would be. A ticket the caller may not see is a 404 either way.
     */
    Ticket find(Actor actor, long id, boolean forUpdate) {
        Ticket ticket = forUpdate
                ? entityManager.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE)
                : entityManager.find(Ticket.class, id);
        if (ticket == null || !visibility(actor).admits(actor.userId(), ticket)) {
            throw new RecordNotFound("Ticket", id);
        }
        return ticket;
    }

    /**
     * The ticket if the caller may see it, read through JdbcClient for a read that writes nothing (no ORM session,
     * nothing to dirty-check): one statement with the predicate in SQL ({@link #sql}). A 404 otherwise.
     */
    Ticket read(Actor actor, long id) {
        PendingWrites.flush(entityManager);
        Sql visible = sql(actor);
        return jdbc.sql("select " + Ticket.COLUMNS + " from tickets t where t.id = ? and " + visible.condition())
                .param(id)
                .params(visible.params())
                .query((row, number) -> Ticket.read(row))
                .optional()
                .orElseThrow(() -> new RecordNotFound("Ticket", id));
    }

    /** A 404 unless the caller may see the ticket: one column is read, no entity loaded (nor dirty-checked). */
    void check(Actor actor, long id) {
        if (!isVisible(actor, id)) {
            throw new RecordNotFound("Ticket", id);
        }
    }

    /**
     * The same predicate in SQL over {@code tickets t}, with its parameters in order: for the reads every request
     * makes (is the ticket visible, the summaries of linked tickets), which need no entity and run through JdbcClient,
     * without the ORM's query machinery. The conditions are {@link #visibleTo}'s, from the same {@link
     * TicketAccessPolicy.Visibility}; TicketVisibilitySqlTests holds the two to the same answers.
     */
    record Sql(String condition, List<Object> params) {}

    Sql sql(Actor actor) {
        TicketAccessPolicy.Visibility visibility = visibility(actor);
        StringBuilder condition = new StringBuilder("not t.deleted");
        List<Object> params = new ArrayList<>();
        if (visibility.requesterOrCc() != null) {
            condition.append(" and (t.requester_id = ? or ? = any(t.email_cc_ids))");
            params.add(visibility.requesterOrCc());
            params.add(visibility.requesterOrCc());
        }
        if (!visibility.hiddenGroups().isEmpty()) {
            condition.append(" and (t.group_id is null or not (t.group_id = any(?)))");
            params.add(visibility.hiddenGroups().stream().sorted().toArray(Long[]::new));
        }
        if (visibility.ownOrIn() != null) {
            condition.append(" and (t.assignee_id = ? or t.requester_id = ?");
            params.add(actor.userId());
            params.add(actor.userId());
            if (!visibility.ownOrIn().isEmpty()) {
                condition.append(" or t.group_id = any(?)");
                params.add(visibility.ownOrIn().stream().sorted().toArray(Long[]::new));
            }
            condition.append(")");
        }
        return new Sql(condition.toString(), List.copyOf(params));
    }

    /** Whether the caller may see the ticket (a missing one: no): one column is read, through JdbcClient. */
    boolean isVisible(Actor actor, long id) {
        PendingWrites.flush(entityManager);
        Sql visible = sql(actor);
        return !jdbc.sql("select t.id from tickets t where t.id = ? and " + visible.condition())
                .param(id)
                .params(visible.params())
                .query(Long.class)
                .list()
                .isEmpty();
    }

    /** Live facts of these tickets with whether the caller may see each, in one statement; unknown ids are absent. */
    java.util.Map<Long, Tickets.Summary> summaries(Actor actor, java.util.Collection<Long> ids) {
        PendingWrites.flush(entityManager);
        Sql visible = sql(actor);
        java.util.Map<Long, Tickets.Summary> summaries = new java.util.HashMap<>();
        jdbc.sql("select t.id, t.status, t.assignee_id, t.group_id, t.external_id, " + visible.condition()
                        + " from tickets t where t.id = any(?)")
                .params(visible.params())
                .param(ids.toArray(Long[]::new))
                .query((row, number) -> new Tickets.Summary(
                        row.getLong(1),
                        TicketStatus.of(row.getString(2)),
                        row.getObject(3, Long.class),
                        row.getObject(4, Long.class),
                        row.getString(5),
                        row.getBoolean(6)))
                .list()
                .forEach(summary -> summaries.put(summary.id(), summary));
        return summaries;
    }

    /** The nearest {@code sla_next_breach_at} among the tickets of {@code ids} the caller may see: one statement. */
    java.util.Optional<java.time.Instant> nearestSlaBreach(Actor actor, java.util.Collection<Long> ids) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<java.time.Instant> query = cb.createQuery(java.time.Instant.class);
        Root<Ticket> root = query.from(Ticket.class);
        Specification<Ticket> among = visibleTo(actor).and((r, q, b) -> equalsAny(r.get("id"), Set.copyOf(ids), b));
        query.select(cb.least(root.<java.time.Instant>get("slaNextBreachAt")))
                .where(among.toPredicate(root, query, cb));
        return java.util.Optional.ofNullable(entityManager.createQuery(query).getSingleResult());
    }

    private Specification<Ticket> one(Actor actor, long id) {
        return visibleTo(actor).and((root, query, cb) -> cb.equal(root.get("id"), id));
    }

    /**
     * {@code value in (ids)} as {@code value = any(:array)}: one bound parameter whatever the number of ids, so
     * that Hibernate reuses the query's translation (an IN list of values makes it translate anew every time).
     */
    private static Predicate equalsAny(Expression<Long> value, Set<Long> ids, CriteriaBuilder cb) {
        return cb.isTrue(cb.function(
                "equals_any",
                Boolean.class,
                value,
                ((HibernateCriteriaBuilder) cb).value(ids.stream().sorted().toArray(Long[]::new))));
    }
}
