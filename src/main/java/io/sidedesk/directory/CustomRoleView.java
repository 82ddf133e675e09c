package io.sidedesk.directory;

import java.time.Instant;

record CustomRoleView(long id, String name, String description, int roleType, CustomRole.Configuration configuration,
        Instant createdAt, Instant updatedAt) {

    static CustomRoleView of(CustomRole role) {
        return new CustomRoleView(role.getId(), role.getName(), role.getDescription(), role.getRoleType(),
                role.configuration(), role.getCreatedAt(), role.getUpdatedAt());
    }

    record One(CustomRoleView customRole) {
    }

    /** A change's answer: the role, and how many tickets of its agents the change unassigned. */
    record Changed(CustomRoleView customRole, int unassignedTickets) {
    }
}
