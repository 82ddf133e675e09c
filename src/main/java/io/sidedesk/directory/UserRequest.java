package io.sidedesk.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.access.Role;
import io.sidedesk.web.Patch;

/** {@code {"user": {...}}} for create and update; on update only the fields sent change. */
record UserRequest(@Valid @NotNull(message = "is required") Fields user) {

    /**
     * The user's writable fields. A field left out changes nothing; {@code "custom_role_id": null} removes an
     * agent's custom role (a {@link Patch}: left out, cleared or set).
     */
    static class Fields {

        @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
        public String name;

        @Size(max = 254, message = "must be at most 254 characters")
        public String email;

        public Role role;

        public Patch<Long> customRoleId = Patch.absent();

        public Long defaultGroupId;

        /** {@code true} reactivates a deactivated user; {@code false} deactivates, as {@code DELETE} does. */
        public Boolean active;
    }
}
