package io.sidedesk.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import io.sidedesk.access.Actor;
import io.sidedesk.web.InvalidParameter;
import io.sidedesk.web.LikePatterns;
import io.sidedesk.web.Patch;
import io.sidedesk.web.PositionedRepository;
import io.sidedesk.web.Positions;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * What the rules people use by hand (macros, views) have in common, for the feature that owns them: finding the ones
 * the caller may use (one they may not is a 404), the account's limits, the members every such rule has (title,
 * description, active, restriction, position) written as sent, several changed at once, and the list's filters. Who
 * may write or place one is the feature's to say ({@code writer}, {@code orderer}); positions stay 1..n.
 */
public final class RestrictedRules<R extends RestrictedRule> {

    /** What {@code GET} filters by; null members do not filter. */
    public record Filter(String access, Boolean active, Long groupId, String titleContains) {}

    /** The members every such rule has, as a write sends them (null, or absent: unchanged). */
    public record Members(
            String title,
            String description,
            Boolean active,
            Integer position,
            Patch<Restriction.Written> restriction) {}

    /** One rule of an {@code update_many}: its position and activity. */
    public record Change(Long id, Integer position, Boolean active) {}

    /** What the feature decides: whether the caller may write a rule so restricted, and may place one (403s). */
    public record Rights(Consumer<Restriction> writer, Consumer<Integer> orderer) {}

    private final JpaSpecificationExecutor<R> rules;
    private final PositionedRepository<R> rows;
    private final Positions<R> positions;
    private final Restrictions restrictions;
    private final String name;
    private final List<String> access;
    private final int maxShared;
    private final int maxPersonal;

    /**
     * Rules of one kind, called {@code name} in refusals ({@code "Macro"}), filtered by the {@code access} values
     * given, at most {@code maxShared} for everyone or groups and {@code maxPersonal} for each user.
     */
    public <Repository extends PositionedRepository<R> & JpaSpecificationExecutor<R>> RestrictedRules(
            Repository rules,
            Positions<R> positions,
            Restrictions restrictions,
            String name,
            List<String> access,
            int maxShared,
            int maxPersonal) {
        this.rules = rules;
        this.rows = rules;
        this.positions = positions;
        this.restrictions = restrictions;
        this.name = name;
        this.access = List.copyOf(access);
        this.maxShared = maxShared;
        this.maxPersonal = maxPersonal;
    }

    /** The rule if the caller may use it, else a 404. */
    public R usable(Actor actor, long id) {
        Specification<R> one = (root, query, cb) -> cb.equal(root.get("id"), id);
        return rules.findOne(restrictions.<R>usableBy(actor).and(one)).orElseThrow(() -> new RecordNotFound(name, id));
    }

    /** The rules with these ids, in their order; each once, or a 422; one the caller may not use is a 404. */
    public List<R> usable(Actor actor, List<Long> ids, String member) {
        return Positions.named(
                ids,
                named -> rules.findAll(restrictions.<R>usableBy(actor).and((root, query, cb) -> root.get("id")
                        .in(named))),
                member,
                name);
    }

    /** The rules the caller may use that the filter keeps (a bad {@code access} is a 400 naming it). */
    public Specification<R> listed(Actor actor, Filter filter) {
        if (filter.access() != null && !access.contains(filter.access())) {
            throw new InvalidParameter(
                    "access",
                    "must be " + String.join(", ", access.subList(0, access.size() - 1)) + " or "
                            + access.get(access.size() - 1));
        }
        // A private group the caller is not in is answered as one that does not exist: no rule names it.
        Long groupId =
                filter.groupId() != null && restrictions.hiddenGroups(actor).contains(filter.groupId())
                        ? Long.valueOf(-1)
                        : filter.groupId();
        Specification<R> kept = (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            if (filter.access() != null) {
                all.add(Restrictions.<R>access(filter.access(), actor).toPredicate(root, query, cb));
            }
            if (filter.active() != null) {
                all.add(cb.equal(root.get("active"), filter.active()));
            }
            if (groupId != null) {
                all.add(Restrictions.<R>ofGroup(groupId).toPredicate(root, query, cb));
            }
            if (filter.titleContains() != null) {
                all.add(cb.like(
                        cb.lower(root.get("title")),
                        LikePatterns.containing(filter.titleContains().toLowerCase(Locale.ROOT)),
                        '\\'));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
        return restrictions.<R>usableBy(actor).and(kept);
    }

    /** A new rule's restriction, checked: who may write a rule so restricted, and what it names. */
    public void checkNew(Actor actor, Restriction restriction, Rights rights) {
        rights.writer().accept(restriction);
        restrictions.check(actor, restriction);
    }

    /**
     * A new rule's room made, once the rest is checked: under the limits, at the position asked (which the caller must
     * be allowed to place) or last. Takes the list's lock.
     */
    public int makeRoom(Actor actor, Restriction restriction, Integer position, Rights rights) {
        positions.lock();
        rights.orderer().accept(position);
        if (restriction.isPersonal()) {
            if (rules.count(Restrictions.<R>personalOf(restriction.ids().get(0))) >= maxPersonal) {
                throw RecordInvalid.field(
                        "restriction.id", "a user can have at most " + maxPersonal + " personal " + plural());
            }
        } else if (rules.count(Restrictions.<R>access("shared", actor)) >= maxShared) {
            throw RecordInvalid.field(
                    name.toLowerCase(Locale.ROOT), "an account can have at most " + maxShared + " shared " + plural());
        }
        return positions.makeRoom(position);
    }

    /** A new rule's members besides its title and position: description, restriction, activity. */
    public void fill(R rule, Members members, Restriction restriction) {
        rule.describe(members.description());
        rule.restrict(restriction);
        if (members.active() != null) {
            rule.activate(members.active());
        }
    }

    /** The rule the caller may use and write, for a change: the list locked first. */
    public R forWriting(Actor actor, long id, Rights rights) {
        positions.lock();
        R rule = usable(actor, id);
        rights.writer().accept(rule.restriction());
        return rule;
    }

    /** The members sent, each checked, then written; the rule's own members are the feature's. */
    public void change(Actor actor, R rule, Members members, Rights rights, Instant now) {
        if (members.title() != null && members.title().isBlank()) {
            throw RecordInvalid.field("title", "cannot be blank");
        }
        if (members.restriction().isSent()) {
            Restriction restriction = Restriction.of(members.restriction().value());
            rights.writer().accept(restriction);
            restrictions.check(actor, restriction);
            rule.restrict(restriction);
        }
        if (members.title() != null) {
            rule.retitle(members.title().strip());
        }
        if (members.description() != null) {
            rule.describe(members.description());
        }
        if (members.active() != null) {
            rule.activate(members.active());
        }
        if (members.position() != null && members.position() != rule.getPosition()) {
            rights.orderer().accept(members.position());
            positions.place(Map.of(rule, members.position()));
        }
        rule.touch(now);
    }

    /** Deletes the rule the caller may use and write; the others close up. */
    public void delete(Actor actor, long id, Rights rights) {
        R rule = forWriting(actor, id, rights);
        rows.delete(rule);
        positions.closeUp();
    }

    /** Position and activity of several rules, all or none; each ends at the position asked of it. */
    public List<R> changeMany(Actor actor, List<Change> changes, String member, Rights rights, Instant now) {
        positions.lock();
        List<R> found = usable(actor, changes.stream().map(Change::id).toList(), member);
        found.forEach(rule -> rights.writer().accept(rule.restriction()));
        changes.forEach(change -> rights.orderer().accept(change.position()));
        Map<R, Integer> asked =
                Positions.asked(found, changes.stream().map(Change::position).toList(), member);
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).active() != null) {
                found.get(i).activate(changes.get(i).active());
            }
            found.get(i).touch(now);
        }
        if (!asked.isEmpty()) {
            positions.place(asked);
        }
        return found;
    }

    /** Several rules the caller may use and write deleted, all or none; the others close up. */
    public void deleteMany(Actor actor, List<Long> ids, String member, Rights rights) {
        positions.lock();
        List<R> found = usable(actor, ids, member);
        found.forEach(rule -> rights.writer().accept(rule.restriction()));
        rows.deleteAll(found);
        positions.closeUp();
    }

    private String plural() {
        return name.toLowerCase(Locale.ROOT) + "s";
    }
}
