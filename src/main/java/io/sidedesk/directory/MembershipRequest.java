package io.sidedesk.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** {@code {"group_membership": {"user_id", "group_id", "default"}}}. */
record MembershipRequest(
        @Valid @NotNull(message = "is required") Fields groupMembership) {

    record Fields(
            Long userId,
            Long groupId,
            @JsonProperty("default") Boolean defaultGroup) {}
}
