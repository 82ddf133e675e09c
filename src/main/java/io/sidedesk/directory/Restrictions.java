package io.sidedesk.directory;

import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.web.RecordInvalid;

/**
 * Who may use which {@link RestrictedRule}, in SQL: admins every one; everyone else the unrestricted ones, their
 * groups' and their own. A rule the caller may not use does not exist for them. And what a restriction may name.
 */
@Component
public class Restrictions {

    private final People people;
    private final Groups groups;

    Restrictions(People people, Groups groups) {
        this.people = people;
        this.groups = groups;
    }

    /** The rules the caller may use. */
    public <R extends RestrictedRule> Specification<R> usableBy(Actor actor) {
        if (actor.isAdmin()) {
            return (root, query, cb) -> cb.conjunction();
        }
        Long[] memberOf = memberOf(actor).stream().sorted().toArray(Long[]::new);
        return (root, query, cb) -> cb.or(
                cb.isNull(root.get("restrictionType")),
                cb.and(cb.equal(root.get("restrictionType"), Restriction.USER), naming(root, cb, actor.userId())),
                cb.and(cb.equal(root.get("restrictionType"), Restriction.GROUP), naming(root, cb, memberOf)));
    }

    /** The rules of one kind of access: {@code personal} (the caller's own), {@code agents} (anyone's own),
     * {@code shared} (everyone's and groups'), {@code account} (everyone's). */
    public static <R extends RestrictedRule> Specification<R> access(String access, Actor actor) {
        return (root, query, cb) -> {
            var type = root.<String>get("restrictionType");
            return switch (access) {
                case "personal" -> Restrictions.<R>personalOf(actor.userId()).toPredicate(root, query, cb);
                case "agents" -> cb.equal(type, Restriction.USER);
                case "shared" -> cb.or(cb.isNull(type), cb.equal(type, Restriction.GROUP));
                default -> cb.isNull(type);
            };
        };
    }

    /** The personal rules of the user. */
    public static <R extends RestrictedRule> Specification<R> personalOf(long userId) {
        return (root, query, cb) ->
                cb.and(cb.equal(root.get("restrictionType"), Restriction.USER), naming(root, cb, userId));
    }

    /** The rules restricted to the group. */
    public static <R extends RestrictedRule> Specification<R> ofGroup(long groupId) {
        return (root, query, cb) ->
                cb.and(cb.equal(root.get("restrictionType"), Restriction.GROUP), naming(root, cb, groupId));
    }

    /** {@code restriction_ids && :ids}: the rule names one of them (one array parameter, the GIN index). */
    private static Predicate naming(Root<?> root, CriteriaBuilder cb, Long... ids) {
        return cb.isTrue(cb.function(
                "overlaps", Boolean.class, root.get("restrictionIds"), ((HibernateCriteriaBuilder) cb).value(ids)));
    }

    /** A restriction's groups must be live groups the writer may know of; its user an active agent or admin. */
    public void check(Actor writer, Restriction restriction) {
        List<Long> ids = restriction.ids();
        if (Restriction.GROUP.equals(restriction.type())) {
            Set<Long> visible = groups.visibleAmong(writer, ids);
            for (int i = 0; i < ids.size(); i++) {
                if (!visible.contains(ids.get(i))) {
                    throw RecordInvalid.field(
                            "restriction.ids[" + i + "]", "names group " + ids.get(i) + ", which does not exist");
                }
            }
        } else if (restriction.isPersonal()) {
            People.Person user = people.person(ids.get(0)).orElse(null);
            if (user == null || !user.active() || !user.isStaff()) {
                throw RecordInvalid.field(
                        "restriction.id", "names user " + ids.get(0) + ", who is not an active agent");
            }
        }
    }

    /** The private groups the caller is not in (none for admins): to them, those groups do not exist. */
    public Set<Long> hiddenGroups(Actor actor) {
        if (actor.isAdmin()) {
            return Set.of();
        }
        return actor.groups() != null
                ? actor.groups().hiddenPrivate()
                : people.scopeOf(actor).hiddenPrivate();
    }

    /** The groups the caller belongs to. */
    public Set<Long> memberOf(Actor actor) {
        return actor.groups() != null
                ? actor.groups().memberOf()
                : people.scopeOf(actor).memberOf();
    }
}
