package io.sidedesk.directory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Groups. Only admins change them. Who sees which group, and who may assign to (or address) it, is
 * {@link GroupPolicy}: applied here in SQL.
 */
@Service
public class Groups {

    private final GroupRepository groups;
    private final GroupMembershipRepository memberships;
    private final ApplicationEventPublisher publisher;

    Groups(GroupRepository groups, GroupMembershipRepository memberships, ApplicationEventPublisher publisher) {
        this.groups = groups;
        this.memberships = memberships;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    public ListPage<GroupView> list(Actor actor, Paging paging) {
        actor.requireStaff();
        return paging.fetch(groups, live().and(visibleTo(actor)), Group::getId).map(GroupView::of);
    }

    /** The groups the caller may assign tickets to (and address child tickets to). */
    @Transactional(readOnly = true)
    public ListPage<GroupView> assignable(Actor actor, Paging paging) {
        actor.requireStaff();
        return paging.fetch(groups, live().and(assignableBy(actor)), Group::getId)
                .map(GroupView::of);
    }

    @Transactional(readOnly = true)
    public GroupView show(Actor actor, long id) {
        actor.requireStaff();
        return GroupView.of(visible(actor, id));
    }

    @Transactional
    public GroupView create(Actor actor, GroupRequest.Fields fields) {
        actor.requireAdmin();
        String name = requiredName(fields.name());
        Group group =
                groups.save(new Group(name, fields.description(), fields.isPublic() == null || fields.isPublic()));
        if (Boolean.TRUE.equals(fields.defaultGroup())) {
            makeDefault(group);
        }
        return GroupView.of(group);
    }

    @Transactional
    public GroupView update(Actor actor, long id, GroupRequest.Fields fields) {
        actor.requireAdmin();
        Group group = live(id);
        if (fields.name() != null && !fields.name().trim().equalsIgnoreCase(group.getName())) {
            group.rename(requiredName(fields.name()));
        } else if (fields.name() != null) {
            group.rename(fields.name().trim());
        }
        if (fields.description() != null) {
            group.describe(fields.description());
        }
        if (fields.isPublic() != null) {
            group.changeVisibility(fields.isPublic());
        }
        if (fields.defaultGroup() != null) {
            if (fields.defaultGroup()) {
                makeDefault(group);
            } else {
                group.markDefault(false);
            }
        }
        return GroupView.of(group);
    }

    /** What deleting a group did to its tickets. */
    record Deletion(int movedTickets, int unassignedTickets) {}

    /**
     * Deleting keeps the row (solved and closed tickets still name it) but removes it from lists and its
     * memberships. A group with unsolved tickets is deleted only with a live group to move them to.
     */
    @Transactional
    public Deletion delete(Actor actor, long id, Long moveToGroupId) {
        actor.requireAdmin();
        Group group = live(id);
        if (moveToGroupId != null
                && (moveToGroupId == id || findLive(moveToGroupId).isEmpty())) {
            throw RecordInvalid.field(
                    "move_to_group_id", moveToGroupId == id ? "must be another group" : "is not an existing group");
        }
        // Written first, so that the group's row is locked: a concurrent ticket write into it waits (it holds the
        // group, People.holdGroup) and then finds it deleted, or went first and has its ticket moved below.
        memberships.deleteByGroup(group.getId());
        group.delete();
        groups.flush();
        GroupDeleted deleted = new GroupDeleted(actor, id, moveToGroupId);
        publisher.publishEvent(deleted);
        return new Deletion(deleted.moved().get(), deleted.unassigned().get());
    }

    /** The assignment rule: public groups with assign-to-any-group or membership; private ones by membership. */
    @Transactional(readOnly = true)
    public boolean mayAssignTo(Actor actor, long groupId) {
        return groups.findOne(
                        live().and(assignableBy(actor)).and((root, query, cb) -> cb.equal(root.get("id"), groupId)))
                .isPresent();
    }

    /** Whether the caller can see the group at all (admins: every live group; others: public or member). */
    @Transactional(readOnly = true)
    public boolean canSee(Actor actor, long groupId) {
        return groups.findOne(live().and(visibleTo(actor)).and((root, query, cb) -> cb.equal(root.get("id"), groupId)))
                .isPresent();
    }

    /** The live group of this name (any case) if the caller can see it ({@link #canSee}): one statement. */
    @Transactional(readOnly = true)
    public Optional<Long> visibleNamed(Actor actor, String name) {
        return groups.findOne(live().and(visibleTo(actor))
                        .and((root, query, cb) ->
                                cb.equal(cb.lower(root.get("name")), name.toLowerCase(java.util.Locale.ROOT))))
                .map(Group::getId);
    }

    /** The names of those of the ids that name groups the caller can see ({@link #canSee}), in one statement. */
    @Transactional(readOnly = true)
    public Map<Long, String> visibleNames(Actor actor, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return groups
                .findAll(live().and(visibleTo(actor))
                        .and((root, query, cb) -> root.get("id").in(ids)))
                .stream()
                .collect(Collectors.toMap(Group::getId, Group::getName));
    }

    /** Those of the ids that name groups the caller can see ({@link #canSee}), in one statement. */
    @Transactional(readOnly = true)
    public Set<Long> visibleAmong(Actor actor, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return groups
                .findAll(live().and(visibleTo(actor))
                        .and((root, query, cb) -> root.get("id").in(ids)))
                .stream()
                .map(Group::getId)
                .collect(Collectors.toSet());
    }

    /**
     * A live group's facts for one user, read now in the caller's transaction (not the groups authentication read
     * at the start of the request): whether it is public and whether they belong to it. Empty when there is no
     * such group.
     */
    @Transactional(readOnly = true)
    public Optional<GroupPolicy.Standing> standingOf(long userId, long groupId) {
        return findLive(groupId)
                .map(group -> new GroupPolicy.Standing(
                        group.isPublic(), memberships.existsByUserIdAndGroupId(userId, groupId)));
    }

    java.util.Optional<Group> findLive(long id) {
        return groups.findById(id).filter(group -> !group.isDeleted());
    }

    private Group live(long id) {
        return findLive(id).orElseThrow(() -> new RecordNotFound("Group", id));
    }

    private Group visible(Actor actor, long id) {
        return groups.findOne(visibleTo(actor).and((root, query, cb) -> cb.equal(root.get("id"), id)))
                .orElseThrow(() -> new RecordNotFound("Group", id));
    }

    private void makeDefault(Group group) {
        groups.clearDefaultExcept(group.getId());
        group.markDefault(true);
    }

    private String requiredName(String given) {
        if (given == null || given.isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        String name = given.trim();
        if (groups.findLiveByName(name).isPresent()) {
            throw RecordInvalid.field("name", "is already used by another group");
        }
        return name;
    }

    private static Specification<Group> live() {
        return (root, query, cb) -> cb.isFalse(root.get("deleted"));
    }

    static Specification<Group> visibleTo(Actor actor) {
        return within(GroupPolicy.visibility(actor), actor);
    }

    private static Specification<Group> assignableBy(Actor actor) {
        return within(GroupPolicy.assignment(actor), actor);
    }

    private static Specification<Group> within(GroupPolicy.Reach reach, Actor actor) {
        return switch (reach) {
            case ALL -> (root, query, cb) -> cb.conjunction();
            case PUBLIC_OR_MEMBER ->
                (root, query, cb) ->
                        cb.or(cb.isTrue(root.get("isPublic")), memberOf(actor).toPredicate(root, query, cb));
            case MEMBER_OF -> memberOf(actor);
            case NONE -> (root, query, cb) -> cb.disjunction();
        };
    }

    private static Specification<Group> memberOf(Actor actor) {
        return (root, query, cb) -> {
            Subquery<Long> membership = query.subquery(Long.class);
            Root<GroupMembership> m = membership.from(GroupMembership.class);
            membership
                    .select(m.get("id"))
                    .where(cb.equal(m.get("groupId"), root.get("id")), cb.equal(m.get("userId"), actor.userId()));
            return cb.exists(membership);
        };
    }
}
