package io.sidedesk.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code {"agent_status": {...}}} for create and update; on update only the members sent change. */
record AgentStatusRequest(
        @Valid @NotNull(message = "is required") Fields agentStatus) {

    record Fields(
            @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
            String name,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            @Valid Channels channels) {}

    record Channels(ChannelStatus email, ChannelStatus messaging, ChannelStatus voice) {}

    /** {@code {"id": 3}}: the status an agent is to be in. */
    record Choice(@NotNull(message = "is required") Long id) {}
}
