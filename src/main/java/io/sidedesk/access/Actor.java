package io.sidedesk.access;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.sidedesk.web.ActionForbidden;

/**
 * Who is calling: the authenticated user and what their role lets them do. For an agent, authentication
 * also reads the groups their ticket visibility depends on ({@code groups}, null when not read), in the
 * same statement, so that a request does not read them again.
 */
public record Actor(long userId, String name, String email, Role role, Permissions permissions, Groups groups) {

    public Actor(long userId, String name, String email, Role role, Permissions permissions) {
        this(userId, name, email, role, permissions, null);
    }

    /** The groups the user belongs to, and the private groups they do not belong to (deleted ones included). */
    public record Groups(Set<Long> memberOf, Set<Long> hiddenPrivate) {

        public Groups {
            memberOf = Set.copyOf(memberOf);
            hiddenPrivate = Set.copyOf(hiddenPrivate);
        }
    }

    /** The authenticated caller of the request being served, if it has been authenticated. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Actor actor
                ? Optional.of(actor)
                : Optional.empty();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Agents and admins: staff who work tickets (light agents included). */
    public boolean isStaff() {
        return role == Role.AGENT || role == Role.ADMIN;
    }

    public boolean isEndUser() {
        return role == Role.END_USER;
    }

    public boolean isLightAgent() {
        return permissions.lightAgentRole();
    }

    /** Changing people, roles, groups, tokens and settings is for admins only. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new ActionForbidden("Only admins can do this");
        }
    }

    /** Reading the directory (users, groups, roles) is for agents and admins. */
    public void requireStaff() {
        if (!isStaff()) {
            throw new ActionForbidden("End-users cannot do this");
        }
    }
}
