package io.sidedesk.access;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.sidedesk.web.ActionForbidden;

/** Who is calling: the authenticated user and what their role lets them do. */
public record Actor(long userId, String name, String email, Role role, Permissions permissions) {

    /** The authenticated caller of the request being served, if it has been authenticated. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Actor actor
                ? Optional.of(actor) : Optional.empty();
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
