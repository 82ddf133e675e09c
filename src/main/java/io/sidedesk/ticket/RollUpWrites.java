package io.sidedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.form.CustomFields;
import io.sidedesk.web.Problems;
import io.sidedesk.web.RecordInvalid;

/**
 * What the roll-up of parent and child tickets (B1) asks of tickets: the changes its policies make for the account,
 * the parent's summary of its children, and a ticket update given as JSON (a bulk update's, run by a job).
 */
@Service
public class RollUpWrites {

    private final EntityManager entityManager;
    private final TicketHistory history;
    private final TicketChanges changes;
    private final TicketVisibility visibility;
    private final TicketWrites writes;
    private final CustomFields customFields;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;
    private final Validator validator;
    private final ChildLinks links;

    RollUpWrites(
            EntityManager entityManager,
            TicketHistory history,
            TicketChanges changes,
            TicketVisibility visibility,
            TicketWrites writes,
            CustomFields customFields,
            ApplicationEventPublisher publisher,
            JsonMapper json,
            Validator validator,
            ChildLinks links) {
        this.links = links;
        this.entityManager = entityManager;
        this.history = history;
        this.changes = changes;
        this.visibility = visibility;
        this.writes = writes;
        this.customFields = customFields;
        this.publisher = publisher;
        this.json = json;
        this.validator = validator;
    }

    /** The {@code via.source} of a policy's audit: the ticket whose change set it off. */
    public String viaSource(long fromTicketId) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("ticket_id", fromTicketId);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("rel", "roll_up");
        source.put("from", from);
        return json.writeValueAsString(source);
    }

    /**
     * Solves a child ticket for a policy, in its parent's write, whose side conversation the write holds locked:
     * one audit by the actor, through a rule, with the status change, an internal note and the policy's event; then
     * the child's own followers run (R11 closes its side conversation) as on any write. False, and nothing written,
     * when the child is not unsolved or its rules refuse solving it (no assignee, fields required to solve missing).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean solveForPolicy(
            Actor actor, long childId, UUID sideConversationId, String viaSource, AuditEvent rollUp, String note) {
        Ticket child = entityManager.find(Ticket.class, childId, LockModeType.PESSIMISTIC_WRITE);
        if (child == null || child.isDeleted() || !unsolved(child.getStatus())) {
            return false;
        }
        if (child.getAssigneeId() == null
                || !child.hasRoomForComment()
                || customFields.missingToSolve(child.getTicketFormId(), changes.values(child)) != null) {
            return false;
        }
        TicketStatus before = child.getStatus();
        child.changeStatus(TicketStatus.SOLVED);
        child.countComment(false);
        List<AuditEvent> events = new ArrayList<>(child.takeEvents());
        events.add(rollUp);
        child.touch();
        TicketHistory.Recorded recorded = history.record(
                childId,
                actor.userId(),
                Ticket.VIA_RULE,
                viaSource,
                events,
                new TicketHistory.NewComment(actor.userId(), CommentBody.of(note, null, "comment"), false));
        publisher.publishEvent(new TicketUpdated(child, recorded.comment(), before, actor, sideConversationId, true));
        return true;
    }

    /**
     * Reopens a solved parent for a policy (a child of it reopened): an audit by the actor, through a rule, with the
     * status change and the policy's event, and what every reopening does (an assignee who may no longer hold it is
     * released); then its own followers run (R11, when the parent is itself another's child). False, and nothing
     * written, unless the parent is solved (a closed one stays closed, as R19). The write holds the child's side
     * conversation and row: it takes the parent's row, and the parent's own side conversation without waiting (a
     * 409 to retry when another write holds it, never a wait in the wrong order).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean reopenForPolicy(Actor actor, long parentId, String viaSource, AuditEvent rollUp) {
        Ticket parent = entityManager.find(Ticket.class, parentId, LockModeType.PESSIMISTIC_WRITE);
        if (parent == null || parent.isDeleted() || parent.getStatus() != TicketStatus.SOLVED) {
            return false;
        }
        java.util.Optional<ChildLinks.Link> link = links.lockLinkNowOf(parentId);
        Long assigneeBefore = parent.getAssigneeId();
        parent.changeStatus(TicketStatus.OPEN);
        AuditEvent released = writes.releaseOnReopen(parent, TicketStatus.SOLVED, assigneeBefore);
        List<AuditEvent> events = new ArrayList<>(parent.takeEvents());
        if (released != null) {
            events.add(released);
        }
        events.add(rollUp);
        parent.touch();
        history.record(parentId, actor.userId(), Ticket.VIA_RULE, viaSource, events, null);
        publisher.publishEvent(new TicketUpdated(
                parent,
                null,
                TicketStatus.SOLVED,
                actor,
                link.map(ChildLinks.Link::sideConversationId).orElse(null),
                true));
        return true;
    }

    /** An audit of a policy's events alone, on a ticket the write holds locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordForPolicy(Actor actor, long ticketId, String viaSource, List<AuditEvent> events) {
        history.record(ticketId, actor.userId(), Ticket.VIA_RULE, viaSource, events, null);
    }

    /** Whether a ticket in this status is still to be done: new, open, pending or on hold. */
    public static boolean unsolved(TicketStatus status) {
        return status != TicketStatus.SOLVED && status != TicketStatus.CLOSED;
    }

    /**
     * A parent's children as the caller may know them (B1), in one statement whatever their number: its linked
     * children the caller may see by status, the oldest unsolved and the one nearest its SLA breach among them, the
     * children the caller may see whose link is broken (R13), and a count of those the caller may not see.
     */
    public record ChildSummary(
            Map<TicketStatus, Long> byStatus,
            Long oldestUnsolvedId,
            Instant oldestUnsolvedAt,
            String oldestUnsolvedStatus,
            Long nearestBreachId,
            Instant nearestBreachAt,
            long unlinked,
            long hidden) {}

    /** One row of the summary's statement (a constructed record, so that Hibernate caches its translation). */
    public record SummaryRow(
            Long fresh,
            Long open,
            Long pending,
            Long hold,
            Long solved,
            Long closed,
            Long oldestUnsolvedId,
            Instant oldestUnsolvedAt,
            String oldestUnsolvedStatus,
            Long nearestBreachId,
            Instant nearestBreachAt,
            Long unlinked,
            Long hidden) {}

    /** The summary of a parent the caller may see (checked by the caller). */
    @Transactional(readOnly = true)
    public ChildSummary childSummary(Actor actor, long parentId) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<SummaryRow> query = cb.createQuery(SummaryRow.class);
        Root<Ticket> root = query.from(Ticket.class);
        Predicate visible = visibility.visibleTo(actor).toPredicate(root, query, cb);
        Predicate linked = cb.isTrue(cb.function(
                "links_child", Boolean.class, cb.literal(parentId), root.get("id"), root.get("externalId")));
        Predicate shown = cb.and(visible, linked);
        Expression<TicketStatus> status = root.get("status");
        Predicate open =
                cb.and(shown, status.in(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.HOLD));
        query.select(cb.construct(
                        SummaryRow.class,
                        count(cb, cb.and(shown, cb.equal(status, TicketStatus.NEW))),
                        count(cb, cb.and(shown, cb.equal(status, TicketStatus.OPEN))),
                        count(cb, cb.and(shown, cb.equal(status, TicketStatus.PENDING))),
                        count(cb, cb.and(shown, cb.equal(status, TicketStatus.HOLD))),
                        count(cb, cb.and(shown, cb.equal(status, TicketStatus.SOLVED))),
                        count(cb, cb.and(shown, cb.equal(status, TicketStatus.CLOSED))),
                        cb.function(
                                "first_long_by",
                                Long.class,
                                when(cb, open, root.<Long>get("id")),
                                when(cb, open, root.<Instant>get("createdAt")),
                                root.<Long>get("id")),
                        cb.least(when(cb, open, root.<Instant>get("createdAt"))),
                        cb.function(
                                "first_text_by",
                                String.class,
                                when(cb, open, status.as(String.class)),
                                when(cb, open, root.<Instant>get("createdAt")),
                                root.<Long>get("id")),
                        cb.function(
                                "first_long_by",
                                Long.class,
                                when(cb, open, root.<Long>get("id")),
                                when(cb, open, root.<Instant>get("slaNextBreachAt")),
                                root.<Long>get("id")),
                        cb.least(when(cb, open, root.<Instant>get("slaNextBreachAt"))),
                        count(cb, cb.and(visible, cb.not(linked))),
                        count(cb, cb.not(visible))))
                .where(
                        cb.isFalse(root.get("deleted")),
                        cb.isTrue(cb.function("child_of", Boolean.class, root.get("id"), cb.literal(parentId))));
        SummaryRow row = entityManager.createQuery(query).getSingleResult();
        Map<TicketStatus, Long> byStatus = new LinkedHashMap<>();
        byStatus.put(TicketStatus.NEW, zero(row.fresh()));
        byStatus.put(TicketStatus.OPEN, zero(row.open()));
        byStatus.put(TicketStatus.PENDING, zero(row.pending()));
        byStatus.put(TicketStatus.HOLD, zero(row.hold()));
        byStatus.put(TicketStatus.SOLVED, zero(row.solved()));
        byStatus.put(TicketStatus.CLOSED, zero(row.closed()));
        return new ChildSummary(
                byStatus,
                row.oldestUnsolvedId(),
                row.oldestUnsolvedAt(),
                row.oldestUnsolvedStatus(),
                row.nearestBreachAt() == null ? null : row.nearestBreachId(),
                row.nearestBreachAt(),
                zero(row.unlinked()),
                zero(row.hidden()));
    }

    private static Expression<Long> count(CriteriaBuilder cb, Predicate condition) {
        return cb.sum(cb.<Long>selectCase().when(condition, 1L).otherwise(0L));
    }

    private static <T> Expression<T> when(CriteriaBuilder cb, Predicate condition, Expression<T> value) {
        return cb.<T>selectCase().when(condition, value).otherwise(cb.nullLiteral(value.getJavaType()));
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    /**
     * Checks the members of a ticket update ({@code ticket} of {@code PUT /tickets/{id}}) without applying it: a
     * member of the wrong shape or an invalid value is the 422 the update would answer, naming it.
     */
    public void checkUpdate(JsonNode ticket) {
        bind(ticket);
    }

    /**
     * Updates a ticket as {@code PUT /tickets/{id}} by the caller would, from the members of its {@code ticket}, in
     * the caller's transaction (a job's, one per ticket): the same checks, errors, rules and mirror.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void update(Actor actor, long id, JsonNode ticket) {
        writes.apply(actor, id, bind(ticket), null);
    }

    private TicketRequest.Fields bind(JsonNode ticket) {
        TicketRequest.Fields fields;
        try {
            fields = json.treeToValue(ticket, TicketRequest.Fields.class);
        } catch (DatabindException e) {
            e.prependPath(ticket, "ticket");
            throw new HttpMessageNotReadableException("The ticket's members cannot be read", e, null);
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConstraintViolation<TicketRequest.Fields> violation : validator.validate(fields)) {
            errors.computeIfAbsent(
                            Problems.fieldName("ticket." + violation.getPropertyPath()), key -> new ArrayList<>())
                    .add(violation.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new RecordInvalid(errors);
        }
        return fields;
    }
}
