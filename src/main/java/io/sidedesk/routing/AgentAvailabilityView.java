package io.sidedesk.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.web.MayBeNull;

/**
 * An agent's availability in Zendesk's JSON:API form: the agent's status, groups and version, and a channel resource
 * for each of email, messaging and voice (in {@code included}) with what the status makes the agent there, their
 * capacity and their work items.
 */
@Schema(name = "AgentAvailability")
record AgentAvailabilityView(String type, String id, Attributes attributes, Relationships relationships) {

    static final String TYPE = "agent_availabilities";

    record Attributes(long agentId, Status agentStatus, List<Long> groupIds, long version) {}

    /** The status by id and name, why it is so, and since when (null: never set). */
    @Schema(name = "AgentAvailabilityStatus")
    record Status(
            long id, String name, String reason, @MayBeNull Instant updatedAt) {

        static Status of(AgentAvailabilities.Current current, String name) {
            return new Status(current.statusId(), name, current.reason().name(), current.updatedAt());
        }
    }

    record Relationships(Channels channels) {}

    record Channels(List<Identifier> data) {}

    record Identifier(String type, String id) {}

    @Schema(name = "AgentAvailabilityChannel")
    record Channel(String type, String id, ChannelAttributes attributes) {}

    record ChannelAttributes(String name, ChannelStatus status, long maxCapacity, long workItemCount) {}

    /** One agent's availability as read: their status (and its channels), groups, capacities and load. */
    record Read(
            long agentId,
            AgentAvailabilities.Current current,
            AgentStatus status,
            List<Long> groupIds,
            CapacityRule.Capacities capacities,
            long load) {}

    static AgentAvailabilityView of(Read read) {
        List<Identifier> identifiers = new ArrayList<>();
        for (String channel : List.of("email", "messaging", "voice")) {
            identifiers.add(new Identifier("channel", read.agentId() + "|" + channel));
        }
        return new AgentAvailabilityView(
                TYPE,
                TYPE + "|" + read.agentId(),
                new Attributes(
                        read.agentId(),
                        Status.of(read.current(), read.status().getName()),
                        read.groupIds(),
                        read.current().version()),
                new Relationships(new Channels(identifiers)));
    }

    static List<Channel> channels(Read read) {
        String id = String.valueOf(read.agentId());
        return List.of(
                new Channel(
                        "channel",
                        id + "|email",
                        new ChannelAttributes(
                                "email",
                                read.status().getEmail(),
                                read.capacities().email(),
                                read.load())),
                new Channel(
                        "channel",
                        id + "|messaging",
                        new ChannelAttributes(
                                "messaging",
                                read.status().getMessaging(),
                                read.capacities().messaging(),
                                0)),
                new Channel(
                        "channel",
                        id + "|voice",
                        new ChannelAttributes(
                                "voice",
                                read.status().getVoice(),
                                read.capacities().voice(),
                                0)));
    }

    record One(AgentAvailabilityView data, List<Channel> included) {}

    @Schema(name = "AgentAvailabilityList")
    record Many(List<AgentAvailabilityView> data, List<Channel> included, Links links, Meta meta) {}

    record Links(
            @MayBeNull String first,
            @MayBeNull String prev,
            @MayBeNull String next) {}

    record Meta(
            boolean hasMore,
            @MayBeNull String afterCursor,
            @MayBeNull String beforeCursor) {}
}
