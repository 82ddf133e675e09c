package io.sidedesk.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Group memberships. Only agents and admins can be members (light agents included: membership is how
 * they see a private group's tickets). A user's first membership becomes their default group.
 */
@Service
class Memberships {

    private final GroupMembershipRepository memberships;
    private final UserRepository users;
    private final Groups groups;
    private final ApplicationEventPublisher publisher;

    Memberships(
            GroupMembershipRepository memberships,
            UserRepository users,
            Groups groups,
            ApplicationEventPublisher publisher) {
        this.memberships = memberships;
        this.users = users;
        this.groups = groups;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    public ListPage<MembershipView> list(Actor actor, Long userId, Long groupId, Paging paging) {
        actor.requireStaff();
        Specification<GroupMembership> filter = visibleTo(actor);
        if (userId != null) {
            users.findById(userId).orElseThrow(() -> new RecordNotFound("User", userId));
            filter = filter.and((root, query, cb) -> cb.equal(root.get("userId"), userId));
        }
        if (groupId != null) {
            if (!groups.canSee(actor, groupId)) {
                throw new RecordNotFound("Group", groupId);
            }
            filter = filter.and((root, query, cb) -> cb.equal(root.get("groupId"), groupId));
        }
        return paging.fetch(memberships, filter, GroupMembership::getId).map(MembershipView::of);
    }

    @Transactional(readOnly = true)
    public MembershipView show(Actor actor, long id) {
        actor.requireStaff();
        return memberships
                .findOne(visibleTo(actor).and((root, query, cb) -> cb.equal(root.get("id"), id)))
                .map(MembershipView::of)
                .orElseThrow(() -> new RecordNotFound("Group membership", id));
    }

    @Transactional
    public MembershipView create(Actor actor, MembershipRequest.Fields fields) {
        actor.requireAdmin();
        if (fields.userId() == null) {
            throw RecordInvalid.field("user_id", "is required");
        }
        if (fields.groupId() == null) {
            throw RecordInvalid.field("group_id", "is required");
        }
        User user = users.findById(fields.userId())
                .orElseThrow(() -> RecordInvalid.field("user_id", "is not an existing user"));
        if (user.getRole() == Role.END_USER) {
            throw RecordInvalid.field("user_id", "must be an agent or an admin; end-users cannot join groups");
        }
        Group group = groups.findLive(fields.groupId())
                .orElseThrow(() -> RecordInvalid.field("group_id", "is not an existing group"));
        if (memberships.existsByUserIdAndGroupId(user.getId(), group.getId())) {
            throw RecordInvalid.field("user_id", "is already a member of this group");
        }
        boolean makeDefault = Boolean.TRUE.equals(fields.defaultGroup()) || !memberships.existsByUserId(user.getId());
        if (makeDefault) {
            memberships.clearDefault(user.getId());
        }
        GroupMembership membership = memberships.save(new GroupMembership(user.getId(), group.getId(), makeDefault));
        publisher.publishEvent(new GroupJoined(user.getId(), group.getId()));
        return MembershipView.of(membership);
    }

    /**
     * Removing a default membership passes the default to the user's oldest remaining group. The user's unsolved
     * tickets in the group are unassigned (they stay in the group); answers how many.
     */
    @Transactional
    public int delete(Actor actor, long id) {
        return delete(actor, id, null);
    }

    /** As {@link #delete(Actor, long)}; with {@code userId}, a membership of another user is not found. */
    @Transactional
    public int delete(Actor actor, long id, Long userId) {
        actor.requireAdmin();
        GroupMembership membership = memberships
                .findById(id)
                .filter(found -> userId == null || found.getUserId() == userId)
                .orElseThrow(() -> new RecordNotFound("Group membership", id));
        memberships.delete(membership);
        memberships.flush();
        if (membership.isDefaultGroup()) {
            memberships.findByUserId(membership.getUserId()).stream()
                    .min(Comparator.comparing(GroupMembership::getId))
                    .ifPresent(next -> memberships.setDefault(next.getUserId(), next.getGroupId()));
        }
        AssigneesLostTickets lost = new AssigneesLostTickets(
                actor,
                Set.of(membership.getUserId()),
                membership.getGroupId(),
                AssigneesLostTickets.Reason.USER_LEFT_GROUP);
        publisher.publishEvent(lost);
        return lost.unassigned().get();
    }

    /** {@code PUT /users/{user_id}/group_memberships/{id}/make_default}: answers the user's memberships. */
    @Transactional
    public List<MembershipView> makeDefault(Actor actor, long userId, long membershipId) {
        actor.requireAdmin();
        GroupMembership membership = memberships
                .findById(membershipId)
                .filter(found -> found.getUserId() == userId)
                .orElseThrow(() -> new RecordNotFound("Group membership", membershipId));
        makeDefault(userId, membership.getGroupId());
        return memberships.findByUserId(userId).stream()
                .sorted(Comparator.comparing(GroupMembership::getId))
                .map(MembershipView::of)
                .toList();
    }

    boolean isMember(long userId, long groupId) {
        return memberships.existsByUserIdAndGroupId(userId, groupId);
    }

    void makeDefault(long userId, long groupId) {
        memberships.clearDefault(userId);
        memberships.setDefault(userId, groupId);
        memberships.findByUserIdAndGroupId(userId, groupId).ifPresent(m -> m.markDefault(true));
    }

    void removeAll(long userId) {
        memberships.deleteByUser(userId);
    }

    /** Admins see every membership; agents those of public groups and of groups they belong to. */
    private static Specification<GroupMembership> visibleTo(Actor actor) {
        if (actor.isAdmin()) {
            return (root, query, cb) -> cb.conjunction();
        }
        return (root, query, cb) -> {
            Subquery<Long> publicGroups = query.subquery(Long.class);
            Root<Group> g = publicGroups.from(Group.class);
            publicGroups.select(g.get("id")).where(cb.isTrue(g.get("isPublic")));
            Subquery<Long> ownGroups = query.subquery(Long.class);
            Root<GroupMembership> own = ownGroups.from(GroupMembership.class);
            ownGroups.select(own.get("groupId")).where(cb.equal(own.get("userId"), actor.userId()));
            return cb.or(
                    root.get("groupId").in(publicGroups), root.get("groupId").in(ownGroups));
        };
    }
}
