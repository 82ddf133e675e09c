package io.sidedesk.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

import org.springframework.data.jpa.domain.Specification;

import io.sidedesk.condition.ConditionLanguage;
import io.sidedesk.condition.Field;
import io.sidedesk.condition.Operator;
import io.sidedesk.web.WireValue;

/**
 * The condition language's second back end: a rule's checked conditions (a view's, a search's) as a predicate over
 * the tickets table, asking in SQL what {@link ConditionLanguage#compile} asks in memory. A field that takes one of a
 * list is asked for exactly the values its in-memory test keeps ({@link Field#valuesMeeting}), so the two cannot
 * disagree. Always ANDed after {@link TicketVisibility#visibleTo}: it narrows what the caller may see, never widens.
 */
public final class TicketQuery {

    /**
     * Who asks, and when: what {@code current_user}, {@code current_groups} and the hour fields mean, and the tickets
     * they may see ({@link TicketVisibility#visibleTo}), which conditions on child tickets look at only.
     */
    public record Viewer(long userId, Set<Long> groups, Instant now, Specification<Ticket> visible) {}

    /**
     * How a list of them is ordered: by {@code id} (which is also creation order), {@code updated_at}, {@code status}
     * (new to closed) or {@code priority} (none, low to urgent), ties by id in the same direction.
     */
    public record Order(String key, boolean descending) {}

    /** Sidedesk's fields beyond those triggers share ({@link TicketConditions}), for views and search. */
    public static final Field CREATED_HOURS_AGO = Field.number("NEW");

    public static final Field UPDATED_HOURS_AGO = Field.number("updated_at");

    public static final Field HOURS_UNTIL_NEXT_SLA_BREACH = Field.number("hours_until_next_sla_breach");

    /** The ticket has a linked child (R13: the link holds) the viewer may see whose status meets the condition. */
    public static final Field CHILD_STATUS = Field.ordered(
                    "child_status", TicketConditions.STATUS.values().toArray(String[]::new))
            .current();

    /**
     * The conditions on a ticket's current state that views, search and queues share: the fields triggers name,
     * without the operators that look at a change, with {@code current_user} and {@code current_groups}, the hour
     * fields and {@link #CHILD_STATUS}.
     */
    public static final ConditionLanguage CONDITIONS = new ConditionLanguage(List.of(
            TicketConditions.STATUS.current(),
            TicketConditions.PRIORITY.current(),
            TicketConditions.TYPE.current(),
            Field.id("group_id", "current_groups").current(),
            Field.id("assignee_id", "current_user").current(),
            Field.id("requester_id", "current_user").current(),
            TicketConditions.CURRENT_TAGS,
            TicketConditions.VIA_ID.current(),
            TicketConditions.TICKET_FORM_ID.current(),
            CREATED_HOURS_AGO,
            UPDATED_HOURS_AGO,
            HOURS_UNTIL_NEXT_SLA_BREACH,
            CHILD_STATUS));

    private TicketQuery() {}

    /** One term of a search: all of them must hold. */
    public sealed interface Term {}

    /** Conditions in the shared language ({@code status<solved}, {@code tags:x}). */
    public record Meets(ConditionLanguage.Checked conditions) implements Term {}

    /** Words in the subject or a comment the searcher may read: all of them, as a phrase, or a word's start. */
    public record Words(WordMode mode, String text) implements Term {}

    public enum WordMode {
        ALL("words_match"),
        PHRASE("phrase_matches"),
        PREFIX("prefix_matches");

        private final String function;

        WordMode(String function) {
            this.function = function;
        }
    }

    /** Assigned to ({@code assignee_id}) or requested by ({@code requester_id}) one of the users. */
    public record PersonAmong(String field, List<Long> ids) implements Term {}

    /** A child ticket of the parent (made by one of its side conversations). */
    public record ChildOf(long parentId) implements Term {}

    /** A parent with a linked child ticket the viewer may see. */
    public record HasChildren() implements Term {}

    /** The ticket of this id. */
    public record IdIs(long id) implements Term {}

    /** One of the terms holds. */
    public record AnyOf(List<Term> terms) implements Term {}

    /** The term does not hold. */
    public record Not(Term term) implements Term {}

    /** A term no ticket holds (negated: every ticket holds it). */
    public record Nothing() implements Term {}

    public static final Term NOTHING = new Nothing();

    /**
     * The tickets that hold every term, as the viewer asks them; words match internal comments only when
     * {@code readsInternal} (R22: never for someone who may not read them).
     */
    public static Specification<Ticket> searching(List<Term> terms, Viewer viewer, boolean readsInternal) {
        return (root, query, cb) -> cb.and(terms.stream()
                .map(term -> term(term, viewer, readsInternal).toPredicate(root, query, cb))
                .toArray(Predicate[]::new));
    }

    private static Specification<Ticket> term(Term term, Viewer viewer, boolean readsInternal) {
        if (term instanceof Meets meets) {
            return meeting(meets.conditions(), viewer);
        }
        if (term instanceof Not not) {
            return Specification.not(term(not.term(), viewer, readsInternal));
        }
        if (term instanceof AnyOf any) {
            return Specification.anyOf(any.terms().stream()
                    .map(one -> term(one, viewer, readsInternal))
                    .toList());
        }
        if (term instanceof Nothing) {
            // Said as plain SQL that is false for every row (an id is never null), so that its negation is true.
            return (root, query, cb) -> cb.isNull(root.get("id"));
        }
        if (term instanceof IdIs is) {
            return (root, query, cb) -> cb.equal(root.get("id"), is.id());
        }
        return (root, query, cb) -> {
            HibernateCriteriaBuilder hcb = (HibernateCriteriaBuilder) cb;
            if (term instanceof Words words) {
                return cb.isTrue(cb.function(
                        words.mode().function,
                        Boolean.class,
                        root.get("id"),
                        hcb.value(words.text()),
                        hcb.value(words.text()),
                        hcb.value(readsInternal)));
            }
            if (term instanceof PersonAmong among) {
                if (among.ids().isEmpty()) {
                    return cb.disjunction();
                }
                Expression<Long> column = root.get(among.field().equals("assignee_id") ? "assigneeId" : "requesterId");
                return cb.and(
                        cb.isNotNull(column),
                        cb.isTrue(cb.function(
                                "equals_any",
                                Boolean.class,
                                column,
                                hcb.value(
                                        among.ids().stream().sorted().distinct().toArray(Long[]::new)))));
            }
            if (term instanceof ChildOf child) {
                return cb.isTrue(cb.function(
                        "is_child_of",
                        Boolean.class,
                        root.get("id"),
                        hcb.value(child.parentId()),
                        hcb.value(child.parentId())));
            }
            return hasChild(List.of(TicketStatus.values()), viewer, root, query, cb);
        };
    }

    /** The tickets that meet the conditions, as the viewer asks them. */
    public static Specification<Ticket> meeting(ConditionLanguage.Checked conditions, Viewer viewer) {
        return (root, query, cb) -> {
            Predicate all = cb.and(conditions.all().stream()
                    .map(check -> predicate(check, viewer, root, query, cb))
                    .toArray(Predicate[]::new));
            if (conditions.any().isEmpty()) {
                return all;
            }
            return cb.and(
                    all,
                    cb.or(conditions.any().stream()
                            .map(check -> predicate(check, viewer, root, query, cb))
                            .toArray(Predicate[]::new)));
        };
    }

    /**
     * The order as a keyset: the key (a moment, or a rank) and the id, set as the ORDER BY of the query that loads
     * tickets (not of its count); each cursor is the position of a row as {@code key~id}, and the tickets after a
     * position are those after it in that order.
     */
    static io.sidedesk.web.Paging.Keyset<Ticket> keyset(Order order) {
        return new io.sidedesk.web.Paging.Keyset<>() {

            @Override
            public Specification<Ticket> from(String position, boolean downward) {
                Comparable<?>[] at = position == null ? null : read(position);
                if (position != null && at == null) {
                    return null;
                }
                return (root, query, cb) -> {
                    Expression<? extends Comparable<?>> key = key(root, cb);
                    if (query.getResultType() == Ticket.class) {
                        query.orderBy(
                                downward ? cb.desc(key) : cb.asc(key),
                                downward ? cb.desc(root.get("id")) : cb.asc(root.get("id")));
                    }
                    return at == null ? null : after(key, root.get("id"), at, downward, cb);
                };
            }

            @Override
            public String positionOf(Ticket ticket) {
                Object key =
                        switch (order.key()) {
                            case "updated_at" -> ticket.getUpdatedAt();
                            case "status" -> rankOf(ticket.getStatus(), STATUS_ORDER);
                            case "priority" -> rankOf(ticket.getPriority(), PRIORITY_ORDER);
                            default -> ticket.getId();
                        };
                return key + "~" + ticket.getId();
            }

            @Override
            public boolean descending() {
                return order.descending();
            }

            @SuppressWarnings("unchecked")
            private Expression<? extends Comparable<?>> key(Root<Ticket> root, CriteriaBuilder cb) {
                return (Expression<? extends Comparable<?>>) (Expression<?>)
                        switch (order.key()) {
                            case "updated_at" -> root.<Instant>get("updatedAt");
                            case "status" -> rank(root.get("status"), STATUS_ORDER, cb);
                            case "priority" -> rank(root.get("priority"), PRIORITY_ORDER, cb);
                            default -> root.<Long>get("id");
                        };
            }

            /** {@code key~id} read back; null when it is not one this order wrote. */
            private Comparable<?>[] read(String position) {
                int tilde = position.lastIndexOf('~');
                if (tilde < 0) {
                    return null;
                }
                try {
                    String key = position.substring(0, tilde);
                    long id = Long.parseLong(position.substring(tilde + 1));
                    Comparable<?> value =
                            switch (order.key()) {
                                case "updated_at" -> Instant.parse(key);
                                case "status", "priority" -> Integer.valueOf(key);
                                default -> Long.valueOf(key);
                            };
                    return new Comparable<?>[] {value, id};
                } catch (RuntimeException notOurs) {
                    return null;
                }
            }
        };
    }

    /** After (key, id) in the order: a later key, or the same key and a later id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate after(
            Expression key, Expression<Long> id, Comparable<?>[] at, boolean downward, CriteriaBuilder cb) {
        Comparable value = at[0];
        Long atId = (Long) at[1];
        return downward
                ? cb.or(cb.lessThan(key, value), cb.and(cb.equal(key, value), cb.lessThan(id, atId)))
                : cb.or(cb.greaterThan(key, value), cb.and(cb.equal(key, value), cb.greaterThan(id, atId)));
    }

    private static final List<TicketStatus> STATUS_ORDER = List.of(TicketStatus.values());

    private static final List<TicketPriority> PRIORITY_ORDER =
            List.of(TicketPriority.LOW, TicketPriority.NORMAL, TicketPriority.HIGH, TicketPriority.URGENT);

    /** The rank a row's value has in the order of {@link #rank} (none: 0). */
    private static <E> int rankOf(E value, List<E> ascending) {
        return value == null ? 0 : ascending.indexOf(value) + 1;
    }

    /** The place of the value in its order (statuses new to closed; priorities low to urgent, none first). */
    private static <E> Expression<Integer> rank(Expression<E> column, List<E> ascending, CriteriaBuilder cb) {
        CriteriaBuilder.SimpleCase<E, Integer> rank = cb.selectCase(column);
        for (int i = 0; i < ascending.size(); i++) {
            rank = rank.when(ascending.get(i), i + 1);
        }
        return rank.otherwise(0);
    }

    private static Predicate predicate(
            ConditionLanguage.Check check,
            Viewer viewer,
            Root<Ticket> root,
            CriteriaQuery<?> query,
            CriteriaBuilder cb) {
        Field field = check.field();
        Operator operator = check.operator();
        Object expected = check.expected();
        return switch (field.name()) {
            case "status" -> oneOf(root.get("status"), values(field, check, TicketStatus.class), false, cb);
            case "priority" ->
                oneOf(root.get("priority"), values(field, check, TicketPriority.class), meetsNone(field, check), cb);
            case "type" -> oneOf(root.get("type"), values(field, check, TicketType.class), meetsNone(field, check), cb);
            case "via_id" -> via(field.valuesMeeting(operator, expected), root, cb);
            case "child_status" -> hasChild(values(field, check, TicketStatus.class), viewer, root, query, cb);
            case "group_id" -> id(root.get("groupId"), operator, expected, viewer, cb);
            case "assignee_id" -> id(root.get("assigneeId"), operator, expected, viewer, cb);
            case "requester_id" -> id(root.get("requesterId"), operator, expected, viewer, cb);
            case "ticket_form_id" -> id(root.get("ticketFormId"), operator, expected, viewer, cb);
            case "current_tags" -> {
                Predicate includes = cb.isTrue(cb.function(
                        "overlaps_text",
                        Boolean.class,
                        root.get("tags"),
                        ((HibernateCriteriaBuilder) cb).value(((Set<?>) expected).toArray(String[]::new))));
                yield operator == Operator.INCLUDES ? includes : cb.not(includes);
            }
            case "NEW" -> hoursAgo(root.get("createdAt"), operator, (Double) expected, viewer.now(), cb);
            case "updated_at" -> hoursAgo(root.get("updatedAt"), operator, (Double) expected, viewer.now(), cb);
            case "hours_until_next_sla_breach" -> {
                Instant at = viewer.now().plus(hours((Double) expected));
                Expression<Instant> breach = root.get("slaNextBreachAt");
                yield cb.and(
                        cb.isNotNull(breach),
                        operator == Operator.LESS_THAN ? cb.lessThan(breach, at) : cb.greaterThan(breach, at));
            }
            default -> throw new IllegalArgumentException("No column asks " + field.name());
        };
    }

    /**
     * The ticket has a linked child ticket (R13) that the viewer may see, in one of the statuses: a child they may not
     * see tells nothing of itself, not even that it exists (R17).
     */
    private static Predicate hasChild(
            List<TicketStatus> statuses,
            Viewer viewer,
            Root<Ticket> parent,
            CriteriaQuery<?> query,
            CriteriaBuilder cb) {
        if (statuses.isEmpty()) {
            return cb.disjunction();
        }
        Subquery<Integer> children = query.subquery(Integer.class);
        Root<Ticket> child = children.from(Ticket.class);
        children.select(cb.literal(1))
                .where(
                        child.get("status").in(statuses),
                        viewer.visible().toPredicate(child, query, cb),
                        cb.isTrue(cb.function(
                                "links_child",
                                Boolean.class,
                                parent.get("id"),
                                child.get("id"),
                                child.get("externalId"))));
        return cb.exists(children);
    }

    /** The enum constants of the values that meet the condition, without none ({@code ""}). */
    private static <E extends Enum<E> & WireValue> List<E> values(
            Field field, ConditionLanguage.Check check, Class<E> type) {
        return field.valuesMeeting(check.operator(), check.expected()).stream()
                .filter(value -> !value.isEmpty())
                .map(value -> WireValue.find(type, value))
                .toList();
    }

    private static boolean meetsNone(Field field, ConditionLanguage.Check check) {
        return field.valuesMeeting(check.operator(), check.expected()).contains("");
    }

    private static <E> Predicate oneOf(Expression<E> column, Collection<E> values, boolean orNone, CriteriaBuilder cb) {
        List<Predicate> any = new ArrayList<>();
        if (!values.isEmpty()) {
            // Never null (a ticket without one is not among them), so that a negated condition keeps it.
            any.add(cb.and(cb.isNotNull(column), column.in(values)));
        }
        if (orNone) {
            any.add(cb.isNull(column));
        }
        return cb.or(any.toArray(Predicate[]::new));
    }

    /** Side conversation (100) or not (5, the API and web). */
    private static Predicate via(List<String> meeting, Root<Ticket> root, CriteriaBuilder cb) {
        boolean child = meeting.contains(TicketConditions.VIA_SIDE_CONVERSATION);
        boolean other = meeting.contains(TicketConditions.VIA_WEB_SERVICE);
        Expression<String> channel = root.get("viaChannel");
        if (child && other) {
            return cb.conjunction();
        }
        // A literal, not a bound value: the partial index on child tickets (V18) serves it.
        Expression<String> sideConversation = cb.literal(Ticket.VIA_SIDE_CONVERSATION);
        if (child) {
            return cb.equal(channel, sideConversation);
        }
        return other ? cb.notEqual(channel, sideConversation) : cb.disjunction();
    }

    /** An id column: a number, none, {@code current_user} or {@code current_groups} (is: any of them). */
    private static Predicate id(
            Expression<Long> column, Operator operator, Object expected, Viewer viewer, CriteriaBuilder cb) {
        Predicate is;
        if (expected == null) {
            is = cb.isNull(column);
        } else if (expected instanceof Field.Reference reference) {
            is = switch (reference.name()) {
                case "current_user" -> cb.equal(column, viewer.userId());
                case "current_groups" ->
                    viewer.groups().isEmpty()
                            ? cb.disjunction()
                            : cb.isTrue(cb.function(
                                    "equals_any",
                                    Boolean.class,
                                    column,
                                    ((HibernateCriteriaBuilder) cb)
                                            .value(viewer.groups().stream()
                                                    .sorted()
                                                    .toArray(Long[]::new))));
                default -> throw new IllegalArgumentException("No value for " + reference.name());
            };
        } else {
            is = cb.equal(column, expected);
        }
        // Never null (a ticket without one is not it), so that a negated condition keeps it.
        is = expected == null ? is : cb.and(cb.isNotNull(column), is);
        if (operator == Operator.IS) {
            return is;
        }
        // is_not: a ticket without one (null) is not it either.
        return expected == null ? cb.isNotNull(column) : cb.or(cb.isNull(column), cb.not(is));
    }

    /** Hours since the moment: less than (more recent than) or greater than (longer ago than). */
    private static Predicate hoursAgo(
            Expression<Instant> column, Operator operator, double hours, Instant now, CriteriaBuilder cb) {
        Instant then = now.minus(hours(hours));
        return operator == Operator.LESS_THAN ? cb.greaterThan(column, then) : cb.lessThan(column, then);
    }

    private static Duration hours(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }
}
