package io.sidedesk.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.People;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.RecordInvalid;
import io.sidedesk.web.RecordNotFound;

/**
 * Agent statuses: the system's four and the admins' own (which admins write), and the status each agent is in,
 * which the agent sets for themself and an admin for anyone. Light agents are never routed (R3), so they have none.
 */
@Service
class AgentStatuses {

    static final int MAX_CUSTOM = 100;

    private final AgentStatusRepository statuses;
    private final AgentAvailabilities availabilities;
    private final People people;
    private final RoutingEntries entries;

    AgentStatuses(
            AgentStatusRepository statuses, AgentAvailabilities availabilities, People people, RoutingEntries entries) {
        this.statuses = statuses;
        this.availabilities = availabilities;
        this.people = people;
        this.entries = entries;
    }

    @Transactional(readOnly = true)
    AgentStatusView.All list(Actor actor) {
        actor.requireStaff();
        List<AgentStatus> all = statuses.findAllByOrderByIsSystemDescIdAsc();
        return new AgentStatusView.All(
                all.stream()
                        .filter(AgentStatus::isSystem)
                        .map(AgentStatusView::of)
                        .toList(),
                all.stream()
                        .filter(status -> !status.isSystem())
                        .sorted(Comparator.comparing(
                                        (AgentStatus status) -> status.getName().toLowerCase(Locale.ROOT))
                                .thenComparing(AgentStatus::getId))
                        .map(AgentStatusView::of)
                        .toList());
    }

    @Transactional
    AgentStatusView create(Actor actor, AgentStatusRequest.Fields fields) {
        actor.requireAdmin();
        String name = name(fields.name(), 0);
        AgentStatusRequest.Channels channels = fields.channels();
        if (channels == null) {
            throw RecordInvalid.field("channels", "is required: email, messaging and voice");
        }
        for (String channel : List.of("email", "messaging", "voice")) {
            if (channel(channels, channel) == null) {
                throw RecordInvalid.field(
                        "channels." + channel, "is required: online, away, transfers_only or offline");
            }
        }
        if (statuses.countByIsSystemFalse() >= MAX_CUSTOM) {
            throw RecordInvalid.field("base", "an account has at most " + MAX_CUSTOM + " custom agent statuses");
        }
        return AgentStatusView.of(statuses.save(
                new AgentStatus(name, fields.description(), channels.email(), channels.messaging(), channels.voice())));
    }

    @Transactional
    AgentStatusView update(Actor actor, long id, AgentStatusRequest.Fields fields) {
        actor.requireAdmin();
        AgentStatus status = find(id);
        status.requireCustom();
        String name = fields.name() == null ? null : name(fields.name(), id);
        AgentStatusRequest.Channels channels = fields.channels();
        status.change(
                name,
                fields.description(),
                channels == null ? null : channels.email(),
                channels == null ? null : channels.messaging(),
                channels == null ? null : channels.voice());
        statuses.flush();
        // A status that now lets its agents take tickets (or no longer does) changes who the routers may choose.
        entries.wakeRoutersAfterCommit();
        return AgentStatusView.of(status);
    }

    /** Deletes an admin's own status; the agents in it go Offline. */
    @Transactional
    void delete(Actor actor, long id) {
        actor.requireAdmin();
        AgentStatus status = find(id);
        status.requireCustom();
        availabilities.offlineAllOn(id, AgentAvailabilities.Reason.AGENT_STATUS_DELETED, actor.userId());
        statuses.delete(status);
    }

    /** Puts an agent (the caller's own with {@code me}) in a status. */
    @Transactional
    AgentStatusView.Changed set(Actor actor, Long agentId, AgentStatusRequest.Choice choice) {
        long agent;
        AgentAvailabilities.Reason reason;
        if (agentId == null) {
            actor.requireStaff();
            if (actor.isLightAgent()) {
                throw new ActionForbidden("Light agents are never routed work, so they have no status");
            }
            agent = actor.userId();
            reason = AgentAvailabilities.Reason.AGENT_STATUS_SWITCHER;
        } else {
            actor.requireAdmin();
            People.Person person = people.person(agentId).orElseThrow(() -> new RecordNotFound("User", agentId));
            if (!person.isStaff() || !person.assignable()) {
                throw RecordInvalid.field(
                        "agent_id",
                        "must be an active agent or admin who can be assigned tickets (light agents cannot)");
            }
            agent = agentId;
            reason = AgentAvailabilities.Reason.PUBLIC_API;
        }
        AgentStatus status =
                statuses.findById(choice.id()).orElseThrow(() -> RecordInvalid.field("id", "is not an agent status"));
        return AgentStatusView.Changed.of(
                availabilities.change(agent, status.getId(), reason, actor.userId()), status.getName());
    }

    private AgentStatus find(long id) {
        return statuses.findById(id).orElseThrow(() -> new RecordNotFound("Agent status", id));
    }

    /** A status name, stripped, unique among all statuses (the system's included) but the one with {@code id}. */
    private String name(String given, long id) {
        String name = given == null ? "" : given.strip();
        if (name.isEmpty()) {
            throw RecordInvalid.field("name", "is required");
        }
        if (statuses.existsByNameIgnoreCaseAndIdNot(name, id)) {
            throw RecordInvalid.field("name", "is already the name of another status");
        }
        return name;
    }

    private static ChannelStatus channel(AgentStatusRequest.Channels channels, String channel) {
        return switch (channel) {
            case "email" -> channels.email();
            case "messaging" -> channels.messaging();
            default -> channels.voice();
        };
    }
}
