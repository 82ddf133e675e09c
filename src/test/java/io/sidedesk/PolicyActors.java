package io.sidedesk;

import io.sidedesk.access.Actor;
import io.sidedesk.access.MacroAccess;
import io.sidedesk.access.Permissions;
import io.sidedesk.access.Role;
import io.sidedesk.access.TicketAccess;

/** Callers of every kind, built without Spring, for the policies' plain unit tests. */
public enum PolicyActors {
    ADMIN(Role.ADMIN, Permissions.admin()),
    AGENT(Role.AGENT, Permissions.agent()),
    AGENT_IN_OWN_GROUPS_ONLY(
            Role.AGENT, Permissions.customRole(0, TicketAccess.ALL, true, true, false, MacroAccess.MANAGE_PERSONAL)),
    AGENT_WITHIN_GROUPS(
            Role.AGENT,
            Permissions.customRole(0, TicketAccess.WITHIN_GROUPS, true, true, true, MacroAccess.MANAGE_PERSONAL)),
    AGENT_WITHIN_GROUPS_AND_PUBLIC(
            Role.AGENT,
            Permissions.customRole(
                    0, TicketAccess.WITHIN_GROUPS_AND_PUBLIC_GROUPS, true, true, true, MacroAccess.MANAGE_PERSONAL)),
    AGENT_ASSIGNED_ONLY(
            Role.AGENT,
            Permissions.customRole(0, TicketAccess.ASSIGNED_ONLY, true, true, true, MacroAccess.MANAGE_PERSONAL)),
    AGENT_WITHOUT_PUBLIC_COMMENTS(
            Role.AGENT, Permissions.customRole(0, TicketAccess.ALL, false, true, true, MacroAccess.MANAGE_PERSONAL)),
    AGENT_WITHOUT_SIDE_CONVERSATIONS(
            Role.AGENT, Permissions.customRole(0, TicketAccess.ALL, true, false, true, MacroAccess.MANAGE_PERSONAL)),
    LIGHT_AGENT(Role.AGENT, Permissions.lightAgent(TicketAccess.ALL)),
    /** A light agent role keeps only its ticket access, whatever else its configuration says (R3). */
    LIGHT_AGENT_ROLE_ALL_ON(
            Role.AGENT,
            Permissions.customRole(
                    Permissions.LIGHT_AGENT, TicketAccess.ALL, true, true, true, MacroAccess.MANAGE_PERSONAL)),
    END_USER(Role.END_USER, Permissions.endUser());

    /** Every actor's user id: tests compare others' ids with it. */
    public static final long USER_ID = 7;

    private final Role role;
    private final Permissions permissions;

    PolicyActors(Role role, Permissions permissions) {
        this.role = role;
        this.permissions = permissions;
    }

    public Actor actor() {
        return new Actor(USER_ID, name(), name().toLowerCase() + "@example.com", role, permissions);
    }
}
