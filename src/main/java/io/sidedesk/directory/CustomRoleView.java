package io.sidedesk.directory;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

@Schema(name = "CustomRole")
record CustomRoleView(
        @ReadOnly long id,
        String name,
        @MayBeNull String description,
        int roleType,
        CustomRole.Configuration configuration,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    static CustomRoleView of(CustomRole role) {
        return new CustomRoleView(
                role.getId(),
                role.getName(),
                role.getDescription(),
                role.getRoleType(),
                role.configuration(),
                role.getCreatedAt(),
                role.getUpdatedAt());
    }

    @Schema(name = "CustomRoleResponse")
    record One(CustomRoleView customRole) {}

    /** A change's answer: the role, and how many tickets of its agents the change unassigned. */
    @Schema(name = "CustomRoleChangedResponse")
    record CustomRoleChanged(CustomRoleView customRole, int unassignedTickets) {}
}
