package io.sidedesk.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.access.Role;

/** {@code {"user": {...}}} for create and update; on update only the fields sent change. */
record UserRequest(@Valid @NotNull(message = "is required") Fields user) {

    record Fields(
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String name,
            @Size(max = 254, message = "must be at most 254 characters") String email,
            Role role,
            Long customRoleId,
            Long defaultGroupId) {
    }
}
