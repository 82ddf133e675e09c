package io.sidedesk.routing;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;

/** An agent status as {@code /agent_availabilities/agent_statuses} shows it (Zendesk's unified statuses). */
@Schema(name = "AgentStatus")
record AgentStatusView(long id, String type, Instant updatedAt, Attributes attributes) {

    record Attributes(String name, @MayBeNull String description, Channels channels) {}

    /** What the status makes the agent on each channel. */
    record Channels(ChannelStatus email, ChannelStatus messaging, ChannelStatus voice) {}

    static AgentStatusView of(AgentStatus status) {
        return new AgentStatusView(
                status.getId(),
                "agent_status",
                status.getUpdatedAt(),
                new Attributes(
                        status.getName(),
                        status.getDescription(),
                        new Channels(status.getEmail(), status.getMessaging(), status.getVoice())));
    }

    @Schema(name = "AgentStatuses")
    record All(@JsonProperty("default") List<AgentStatusView> defaults, List<AgentStatusView> custom) {}

    record One(AgentStatusView agentStatus) {}

    /** An agent's status as a change answers it (Zendesk's unified agent status). */
    record Changed(Data data) {

        record Data(String type, String id, Attributes attributes) {}

        record Attributes(long agentId, AgentAvailabilityView.Status agentStatus) {}

        static Changed of(AgentAvailabilities.Current current, String name) {
            return new Changed(new Data(
                    AgentAvailabilityView.TYPE,
                    AgentAvailabilityView.TYPE + "|" + current.agentId(),
                    new Attributes(current.agentId(), AgentAvailabilityView.Status.of(current, name))));
        }
    }
}
