package io.sidedesk.directory;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.persistence.criteria.JoinType;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Reading and changing users. End-users see only themselves; agents and admins read the directory;
 * only admins change it.
 */
@Service
class Users {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"(),:;<>\\[\\]\\\\]+@[^@\\s\"(),:;<>\\[\\]\\\\]+\\.[A-Za-z0-9-]{2,}$");

    private final UserRepository users;
    private final CustomRoleRepository customRoles;
    private final Memberships memberships;

    Users(UserRepository users, CustomRoleRepository customRoles, Memberships memberships) {
        this.users = users;
        this.customRoles = customRoles;
        this.memberships = memberships;
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

    /** Users whose email is the query, or whose name or email starts with it (case-insensitive). */
    @Transactional(readOnly = true)
    public ListPage<UserView> search(Actor actor, String text, Paging paging) {
        actor.requireStaff();
        String query = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            throw new io.sidedesk.web.InvalidParameter("query", "is required");
        }
        String prefix = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Specification<User> matching = (root, q, cb) -> cb.or(
                cb.like(cb.lower(root.get("email")), prefix, '\\'),
                cb.like(cb.lower(root.get("name")), prefix, '\\'));
        return paging.fetch(users, withRole().and(matching), User::getId).map(UserView::of);
    }

    @Transactional
    public UserView create(Actor actor, UserRequest.Fields fields) {
        actor.requireAdmin();
        if (fields.name() == null || fields.name().isBlank()) {
            throw RecordInvalid.field("name", "is required");
        }
        String email = validEmail(fields.email());
        Role role = fields.role() == null ? Role.END_USER : fields.role();
        User user = new User(fields.name().trim(), email, role);
        user.changeRole(role, customRole(role, fields.customRoleId()));
        users.save(user);
        if (fields.defaultGroupId() != null) {
            throw RecordInvalid.field("default_group_id", "must be one of the user's groups; add a membership first");
        }
        return UserView.of(user);
    }

    @Transactional
    public UserView update(Actor actor, long id, UserRequest.Fields fields) {
        actor.requireAdmin();
        User user = users.findWithRoleById(id).orElseThrow(() -> new RecordNotFound("User", id));
        Long defaultGroupId = user.getDefaultGroupId();
        if (fields.name() != null) {
            if (fields.name().isBlank()) {
                throw RecordInvalid.field("name", "cannot be blank");
            }
            user.rename(fields.name().trim());
        }
        if (fields.email() != null && !fields.email().trim().equalsIgnoreCase(user.getEmail())) {
            user.changeEmail(validEmail(fields.email()));
        }
        if (fields.role() != null || fields.customRoleId() != null) {
            Role role = fields.role() != null ? fields.role() : user.getRole();
            if (user.getId() == actor.userId() && role != Role.ADMIN) {
                throw new ActionForbidden("You cannot remove your own admin role");
            }
            CustomRole customRole = fields.customRoleId() != null ? customRole(role, fields.customRoleId())
                    : role == Role.AGENT ? user.getCustomRole() : null;
            user.changeRole(role, customRole);
            if (role == Role.END_USER) {
                memberships.removeAll(user.getId());
                defaultGroupId = null;
            }
        }
        if (fields.defaultGroupId() != null) {
            if (!memberships.isMember(user.getId(), fields.defaultGroupId())) {
                throw RecordInvalid.field("default_group_id", "must be one of the user's groups");
            }
            memberships.makeDefault(user.getId(), fields.defaultGroupId());
            defaultGroupId = fields.defaultGroupId();
        }
        return UserView.of(user, defaultGroupId);
    }

    @Transactional
    public UserView deactivate(Actor actor, long id) {
        actor.requireAdmin();
        User user = users.findWithRoleById(id).orElseThrow(() -> new RecordNotFound("User", id));
        if (user.getId() == actor.userId()) {
            throw new ActionForbidden("You cannot deactivate yourself");
        }
        user.deactivate();
        return UserView.of(user);
    }

    private CustomRole customRole(Role role, Long customRoleId) {
        if (customRoleId == null) {
            return null;
        }
        if (role != Role.AGENT) {
            throw RecordInvalid.field("custom_role_id", "is only for agents");
        }
        return customRoles.findById(customRoleId)
            .orElseThrow(() -> RecordInvalid.field("custom_role_id", "is not an existing custom role"));
    }

    private String validEmail(String given) {
        if (given == null || given.isBlank()) {
            throw RecordInvalid.field("email", "is required");
        }
        String email = given.trim();
        if (!EMAIL.matcher(email).matches()) {
            throw RecordInvalid.field("email", "is not a valid email address");
        }
        if (users.findByEmailIgnoringCase(email).isPresent()) {
            throw RecordInvalid.field("email", "is already used by another user");
        }
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
