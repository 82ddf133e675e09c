package io.sidedesk.directory;

import java.util.Locale;
import java.util.Set;

import jakarta.persistence.criteria.JoinType;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.LikePatterns;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Reading and changing users. End-users see only themselves; agents and admins read the directory;
 * only admins change it.
 */
@Service
public class Users {

    private final UserRepository users;
    private final CustomRoleRepository customRoles;
    private final Memberships memberships;
    private final ApplicationEventPublisher publisher;

    Users(
            UserRepository users,
            CustomRoleRepository customRoles,
            Memberships memberships,
            ApplicationEventPublisher publisher) {
        this.users = users;
        this.customRoles = customRoles;
        this.memberships = memberships;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    public UserView show(Actor actor, long id) {
        if (!actor.isStaff() && actor.userId() != id) {
            throw new RecordNotFound("User", id);
        }
        return users.findWithRoleById(id).map(UserView::of).orElseThrow(() -> new RecordNotFound("User", id));
    }

    @Transactional(readOnly = true)
    public ListPage<UserView> list(Actor actor, Role role, Paging paging) {
        actor.requireStaff();
        Specification<User> filter = withRole();
        if (role != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("role"), role));
        }
        return paging.fetch(users, filter, User::getId).map(UserView::of);
    }

    /** The same search, for other features (search's {@code type:user}). */
    @Transactional(readOnly = true)
    public ListPage<?> find(Actor actor, String text, Paging paging) {
        return search(actor, text, paging);
    }

    /** Users whose email is the query, or whose name or email starts with it (case-insensitive). */
    @Transactional(readOnly = true)
    public ListPage<UserView> search(Actor actor, String text, Paging paging) {
        actor.requireStaff();
        String query = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            throw new io.sidedesk.web.InvalidParameter("query", "is required");
        }
        String prefix = LikePatterns.startingWith(query);
        Specification<User> matching = (root, q, cb) -> cb.or(
                cb.like(cb.lower(root.get("email")), prefix, '\\'), cb.like(cb.lower(root.get("name")), prefix, '\\'));
        return paging.fetch(users, withRole().and(matching), User::getId).map(UserView::of);
    }

    @Transactional
    public UserView create(Actor actor, UserRequest.Fields fields) {
        actor.requireAdmin();
        if (fields.name == null || fields.name.isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        String email = unusedEmail(fields.email);
        Role role = fields.role == null ? Role.END_USER : fields.role;
        User user = new User(fields.name.trim(), email, role);
        user.changeRole(role, customRole(role, fields.customRoleId.value()));
        if (Boolean.FALSE.equals(fields.active)) {
            throw RecordInvalid.field("active", "a new user is active; deactivate them once created");
        }
        users.save(user);
        if (fields.defaultGroupId != null) {
            throw RecordInvalid.field("default_group_id", "must be one of the user's groups; add a membership first");
        }
        return UserView.of(user);
    }

    /**
     * Changes what is sent. When the change leaves the user unable to hold tickets (deactivated, an end-user, a
     * light agent), their unsolved tickets are unassigned in the same transaction, and the answer says how many.
     */
    @Transactional
    public UserView.UserChanged update(Actor actor, long id, UserRequest.Fields fields) {
        actor.requireAdmin();
        User user = find(id);
        Long defaultGroupId = user.getDefaultGroupId();
        if (fields.name != null) {
            if (fields.name.isBlank()) {
                throw RecordInvalid.field("name", "cannot be blank");
            }
            user.rename(fields.name.trim());
        }
        if (fields.email != null && !fields.email.trim().equalsIgnoreCase(user.getEmail())) {
            user.changeEmail(unusedEmail(fields.email));
        }
        if (fields.role != null || fields.customRoleId.isSent()) {
            Role role = fields.role != null ? fields.role : user.getRole();
            if (user.getId() == actor.userId() && role != Role.ADMIN) {
                throw new ActionForbidden("You cannot remove your own admin role");
            }
            CustomRole customRole = fields.customRoleId.isSent()
                    ? customRole(role, fields.customRoleId.value())
                    : role == Role.AGENT ? user.getCustomRole() : null;
            user.changeRole(role, customRole);
            if (role == Role.END_USER) {
                memberships.removeAll(user.getId());
                defaultGroupId = null;
            }
        }
        if (fields.active != null && fields.active != user.isActive()) {
            if (fields.active) {
                user.reactivate();
            } else {
                checkNotSelf(actor, user);
                user.deactivate();
            }
        }
        if (fields.defaultGroupId != null) {
            if (!memberships.isMember(user.getId(), fields.defaultGroupId)) {
                throw RecordInvalid.field("default_group_id", "must be one of the user's groups");
            }
            memberships.makeDefault(user.getId(), fields.defaultGroupId);
            defaultGroupId = fields.defaultGroupId;
        }
        boolean mayHaveLostTickets = fields.role != null || fields.customRoleId.isSent() || fields.active != null;
        int unassigned = mayHaveLostTickets ? releaseTickets(actor, user) : 0;
        return new UserView.UserChanged(UserView.of(user, defaultGroupId), unassigned);
    }

    @Transactional
    public UserView.UserChanged deactivate(Actor actor, long id) {
        actor.requireAdmin();
        User user = find(id);
        checkNotSelf(actor, user);
        user.deactivate();
        return new UserView.UserChanged(UserView.of(user), releaseTickets(actor, user));
    }

    /** Unassigns the unsolved tickets of a user who may no longer hold any; how many. */
    private int releaseTickets(Actor actor, User user) {
        if (user.mayHoldTickets()) {
            return 0;
        }
        AssigneesLostTickets.Reason reason = !user.isActive()
                ? AssigneesLostTickets.Reason.USER_DEACTIVATED
                : user.getRole() == Role.END_USER
                        ? AssigneesLostTickets.Reason.USER_BECAME_END_USER
                        : AssigneesLostTickets.Reason.USER_BECAME_LIGHT_AGENT;
        // Written first: the user's row lock is what a concurrent assignment to them waits on (People.holdMembership).
        users.flush();
        AssigneesLostTickets lost = new AssigneesLostTickets(actor, Set.of(user.getId()), null, reason);
        publisher.publishEvent(lost);
        return lost.unassigned().get();
    }

    private User find(long id) {
        return users.findWithRoleById(id).orElseThrow(() -> new RecordNotFound("User", id));
    }

    private static void checkNotSelf(Actor actor, User user) {
        if (user.getId() == actor.userId()) {
            throw new ActionForbidden("You cannot deactivate yourself");
        }
    }

    private CustomRole customRole(Role role, Long customRoleId) {
        if (customRoleId == null) {
            return null;
        }
        if (role != Role.AGENT) {
            throw RecordInvalid.field("custom_role_id", "is only for agents");
        }
        return customRoles
                .findById(customRoleId)
                .orElseThrow(() -> RecordInvalid.field("custom_role_id", "is not an existing custom role"));
    }

    /** A valid address no other user has; a deactivated user's is answered with how to reactivate them. */
    private String unusedEmail(String given) {
        String email = Emails.valid(given, "email");
        users.findByEmailIgnoringCase(email).ifPresent(other -> {
            throw RecordInvalid.field(
                    "email", other.isActive() ? "is already used by another user" : Emails.deactivated(other.getId()));
        });
        return email;
    }

    /** Fetches each user's custom role in the same query (no N+1 when listing). */
    private static Specification<User> withRole() {
        return (root, query, cb) -> {
            if (query.getResultType() != Long.class) {
                root.fetch("customRole", JoinType.LEFT);
            }
            return cb.conjunction();
        };
    }
}
