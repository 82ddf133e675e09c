package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

import org.springframework.data.jpa.domain.Specification;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People.GroupScope;

/**
 * Who may see and do what with tickets (SPEC §1, R17). Visibility is one predicate, applied in SQL by
 * every read (show, list, show_many, comments, audits), so counts and cursors are always right.
 */
public final class TicketAccessPolicy {

    private TicketAccessPolicy() {
    }

    /**
     * The tickets the caller may see. Admins: all. End-users: those they requested or are CC'd on.
     * Agents: by their role's ticket access, and never a ticket in a private group they are not in.
     */
    public static Specification<Ticket> visibleTo(Actor actor, GroupScope scope) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            all.add(cb.isFalse(root.get("deleted")));
            if (actor.isEndUser()) {
                all.add(cb.or(cb.equal(root.get("requesterId"), actor.userId()), isCcd(root, cb, actor.userId())));
            } else if (!actor.isAdmin()) {
                if (!scope.hiddenPrivate().isEmpty()) {
                    all.add(cb.or(cb.isNull(root.get("groupId")),
                            cb.not(equalsAny(root.get("groupId"), scope.hiddenPrivate(), cb))));
                }
                Predicate own = cb.or(cb.equal(root.get("assigneeId"), actor.userId()),
                        cb.equal(root.get("requesterId"), actor.userId()));
                switch (actor.permissions().ticketAccess()) {
                    case ALL, WITHIN_GROUPS_AND_PUBLIC_GROUPS -> { }
                    case WITHIN_GROUPS -> all.add(scope.memberOf().isEmpty() ? own
                            : cb.or(own, equalsAny(root.get("groupId"), scope.memberOf(), cb)));
                    case ASSIGNED_ONLY -> all.add(own);
                }
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    /** Changing a ticket's properties: agents and admins, except light agents and roles without public comments. */
    static boolean mayChangeProperties(Actor actor) {
        return actor.isStaff() && actor.permissions().publicComments();
    }

    /** Public comments: end-users (always public) and agents whose role allows them; never light agents. */
    static boolean mayCommentPublicly(Actor actor) {
        return actor.isEndUser() || actor.permissions().publicComments();
    }

    /**
     * {@code value in (ids)} as {@code value = any(:array)}: one bound parameter whatever the number of ids, so
     * that Hibernate reuses the query's translation (an IN list of values makes it translate anew every time).
     */
    private static Predicate equalsAny(jakarta.persistence.criteria.Expression<Long> value, java.util.Set<Long> ids,
            CriteriaBuilder cb) {
        return cb.isTrue(cb.function("equals_any", Boolean.class, value,
                ((HibernateCriteriaBuilder) cb).value(ids.stream().sorted().toArray(Long[]::new))));
    }

    private static Predicate isCcd(Root<Ticket> root, CriteriaBuilder cb, long userId) {
        return ((HibernateCriteriaBuilder) cb).arrayContains(root.get("emailCcIds"), userId);
    }
}
