package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.DecimalIds;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;

/** Reading tickets, their comments and audits: always through {@link TicketVisibility}. */
@Service
class TicketReads {

    static final int MAX_SHOW_MANY = 100;

    private final TicketRepository tickets;
    private final CommentRepository comments;
    private final AuditRepository audits;
    private final TicketVisibility visibility;
    private final TicketViews views;
    private final EntityManager entityManager;

    TicketReads(
            TicketRepository tickets,
            CommentRepository comments,
            AuditRepository audits,
            TicketVisibility visibility,
            TicketViews views,
            EntityManager entityManager) {
        this.tickets = tickets;
        this.comments = comments;
        this.audits = audits;
        this.visibility = visibility;
        this.views = views;
        this.entityManager = entityManager;
    }

    /**
     * One ticket: read through JdbcClient, outside any transaction (each of its statements, the ticket and its link,
     * and for an end-user the fields they may read, sees what was committed when it ran, as in a read-committed
     * transaction), with no ORM session to open.
     */
    public TicketView show(Actor actor, long id) {
        return views.of(actor, visibility.read(actor, id));
    }

    /**
     * What {@code GET /api/v2/tickets} and the per-person lists filter by, all of them at once (null: no filter);
     * {@code ccId}: tickets that CC the user.
     */
    record Filter(
            String externalId,
            Set<TicketStatus> statuses,
            Long groupId,
            Long assigneeId,
            Long requesterId,
            Long ccId,
            boolean newestFirst) {}

    /** The tickets the caller may see that the filter keeps: visibility first, always. */
    @Transactional(readOnly = true)
    public ListPage<TicketView> list(Actor actor, Filter filter, Paging paging) {
        Specification<Ticket> kept = visibility.visibleTo(actor).and(filtered(filter));
        ListPage<Ticket> page = filter.newestFirst()
                ? paging.fetchNewestFirst(tickets, kept, Ticket::getId)
                : paging.fetch(tickets, kept, Ticket::getId);
        return page.mapAll(found -> views.of(actor, found));
    }

    /** One page of the tickets the caller may see that meet a rule's conditions, in the order asked. */
    @Transactional(readOnly = true)
    public ListPage<TicketView> matching(
            Actor actor, Specification<Ticket> conditions, TicketQuery.Order order, Paging paging) {
        Specification<Ticket> kept = visibility.visibleTo(actor).and(conditions);
        ListPage<Ticket> page;
        if (order.key().equals("id")) {
            page = order.descending()
                    ? paging.fetchNewestFirst(tickets, kept, Ticket::getId)
                    : paging.fetch(tickets, kept, Ticket::getId);
        } else {
            page = paging.fetchByKeyset(tickets, kept, TicketQuery.keyset(order));
        }
        return page.mapAll(found -> views.of(actor, found));
    }

    /** How many tickets the caller may see meet a rule's conditions: one statement. */
    @Transactional(readOnly = true)
    public long countMatching(Actor actor, Specification<Ticket> conditions) {
        return tickets.count(visibility.visibleTo(actor).and(conditions));
    }

    private static Specification<Ticket> filtered(Filter filter) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            if (filter.externalId() != null) {
                all.add(cb.equal(root.get("externalId"), filter.externalId()));
            }
            if (filter.statuses() != null) {
                all.add(root.get("status").in(filter.statuses()));
            }
            if (filter.groupId() != null) {
                all.add(cb.equal(root.get("groupId"), filter.groupId()));
            }
            if (filter.assigneeId() != null) {
                all.add(cb.equal(root.get("assigneeId"), filter.assigneeId()));
            }
            if (filter.requesterId() != null) {
                all.add(cb.equal(root.get("requesterId"), filter.requesterId()));
            }
            if (filter.ccId() != null) {
                // email_cc_ids && {id}: the GIN index on the CCs serves it.
                all.add(cb.isTrue(cb.function(
                        "overlaps",
                        Boolean.class,
                        root.get("emailCcIds"),
                        ((HibernateCriteriaBuilder) cb).value(new Long[] {filter.ccId()}))));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    @Transactional(readOnly = true)
    public List<TicketView> showMany(Actor actor, String ids) {
        Set<Long> wanted = DecimalIds.list(ids, "ids", "ticket", MAX_SHOW_MANY);
        Specification<Ticket> filter = visibility.visibleTo(actor).and((root, query, cb) -> root.get("id")
                .in(wanted));
        return views.of(actor, tickets.findAll(filter, Sort.by("id")));
    }

    /** The tickets among {@code ids} that the caller may see, one page of them. */
    @Transactional(readOnly = true)
    public ListPage<TicketView> listAmong(Actor actor, Collection<Long> ids, Paging paging) {
        Specification<Ticket> filter = visibility
                .visibleTo(actor)
                .and((root, query, cb) ->
                        ids.isEmpty() ? cb.disjunction() : root.get("id").in(ids));
        return paging.fetch(tickets, filter, Ticket::getId).mapAll(page -> views.of(actor, page));
    }

    @Transactional(readOnly = true)
    public ListPage<CommentView> comments(Actor actor, long ticketId, Paging paging) {
        visibility.find(actor, ticketId, false);
        Specification<Comment> filter = (root, query, cb) -> cb.equal(root.get("ticketId"), ticketId);
        if (actor.isEndUser()) {
            filter = filter.and((root, query, cb) -> cb.isTrue(root.get("isPublic")));
        }
        return paging.fetch(comments, filter, Comment::getId).map(CommentView::of);
    }

    @Transactional(readOnly = true)
    public ListPage<AuditView> audits(Actor actor, long ticketId, Paging paging) {
        if (!TicketAccessPolicy.mayReadAudits(actor)) {
            throw new ActionForbidden("End-users cannot read ticket audits");
        }
        visibility.find(actor, ticketId, false);
        Specification<Audit> filter = (root, query, cb) -> cb.equal(root.get("ticketId"), ticketId);
        return paging.fetch(audits, filter, Audit::getId).map(AuditView::of);
    }

    /**
     * Live facts of these tickets, in one statement whatever their number; unknown ids are absent. Through JdbcClient,
     * in the caller's transaction if any: not transactional itself (every reply and list asks).
     */
    public Map<Long, Tickets.Summary> summaries(Actor actor, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // One statement through JdbcClient: each ticket's facts with whether the caller's visibility predicate holds
        // for it; only those columns (no entity, nor the ORM's query machinery, on every list and reply).
        return visibility.summaries(actor, ids);
    }
}
