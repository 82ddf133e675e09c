package io.sidedesk.directory;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.access.Role;
import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.ReadOnly;

/** A user as the API shows it. */
@Schema(name = "User")
record UserView(
        @ReadOnly long id,
        @ReadOnly String url,
        String name,
        String email,
        Role role,
        @MayBeNull @ReadOnly Integer roleType,
        @MayBeNull Long customRoleId,
        @MayBeNull Long defaultGroupId,
        boolean active,
        @ReadOnly Instant createdAt,
        @ReadOnly Instant updatedAt) {

    static UserView of(User user) {
        return of(user, user.getDefaultGroupId());
    }

    /** With a default group changed in this transaction (the entity's value is read when it is loaded). */
    static UserView of(User user, Long defaultGroupId) {
        CustomRole customRole = user.getCustomRole();
        return new UserView(
                user.getId(),
                ApiUrls.of("users", user.getId()),
                user.getName(),
                user.getEmail(),
                user.getRole(),
                user.permissions().roleType(),
                customRole == null ? null : customRole.getId(),
                defaultGroupId,
                user.isActive(),
                user.getCreatedAt(),
                user.getUpdatedAt());
    }

    @Schema(name = "UserResponse")
    record One(UserView user) {}

    /** A change's answer: the user, and how many of their tickets the change unassigned. */
    @Schema(name = "UserChangedResponse")
    record UserChanged(UserView user, int unassignedTickets) {}
}
