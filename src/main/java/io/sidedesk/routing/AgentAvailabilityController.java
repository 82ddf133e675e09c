package io.sidedesk.routing;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.DecimalIds;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/agent_availabilities")
@Tag(name = OpenApiConfiguration.ROUTING)
class AgentAvailabilityController {

    private final AgentStatuses statuses;
    private final Availabilities availabilities;

    AgentAvailabilityController(AgentStatuses statuses, Availabilities availabilities) {
        this.statuses = statuses;
        this.availabilities = availabilities;
    }

    @GetMapping
    @ListOf(value = "data", of = AgentAvailabilityView.class, with = Included.class, offset = false)
    @Operation(
            operationId = "listAgentAvailabilities",
            summary = "Agents' availability, by agent id (admins: every agent; agents: those sharing a group)",
            description = "JSON:API: `data` (each agent's status, groups and version), `included` (their channels: "
                    + "status, max_capacity, work_item_count). Cursor paging only.")
    ListPage.Body list(
            @AuthenticationPrincipal Actor actor,
            @Parameter(description = "Comma-separated agent ids")
                    @RequestParam(name = "filter[agent_id]", required = false)
                    String agentIds,
            @Parameter(description = "channel:status, as email:online")
                    @RequestParam(name = "filter[channel_status]", required = false)
                    String channelStatus,
            @Parameter(description = "channel:count, as email:1: at least that many free places")
                    @RequestParam(name = "filter[remaining_capacity]", required = false)
                    String remainingCapacity,
            @Parameter(description = "Members of this group") @RequestParam(name = "filter[group_id]", required = false)
                    Long groupId,
            Paging paging) {
        return availabilities.list(
                actor, new Availabilities.Filter(ids(agentIds), channelStatus, remainingCapacity, groupId), paging);
    }

    /** What the list has besides its agents and paging: their channels. */
    record Included(List<AgentAvailabilityView.Channel> included) {}

    @GetMapping("/{agent_id}")
    @Operation(operationId = "showAgentAvailability", summary = "One agent's availability (JSON:API)")
    AgentAvailabilityView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("agent_id") long agentId) {
        return availabilities.show(actor, agentId);
    }

    @GetMapping("/agent_statuses")
    @Operation(
            operationId = "listAgentStatuses",
            summary = "The statuses agents can be in: the system's four (2 Offline, 3 Online, 4 Away, 5 Transfers "
                    + "only) and the admins' own")
    AgentStatusView.All listStatuses(@AuthenticationPrincipal Actor actor) {
        return statuses.list(actor);
    }

    @PostMapping("/agent_statuses")
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"agent_status\": {\"name\": \"In a meeting\", \"channels\": {\"email\": \"away\", "
                    + "\"messaging\": \"offline\", \"voice\": \"offline\"}}}",
            required = {"agent_status.name", "agent_status.channels"})
    @Operation(
            operationId = "createAgentStatus",
            summary = "Create a status (admins) that maps each channel to online, away, transfers_only or offline")
    AgentStatusView.One createStatus(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody AgentStatusRequest request) {
        return new AgentStatusView.One(statuses.create(actor, request.agentStatus()));
    }

    @PutMapping("/agent_statuses/{agent_status_id}")
    @RequestDoc(example = "{\"agent_status\": {\"channels\": {\"email\": \"online\"}}}")
    @Operation(operationId = "updateAgentStatus", summary = "Change an admin's own status (admins)")
    AgentStatusView.One updateStatus(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("agent_status_id") long id,
            @Valid @RequestBody AgentStatusRequest request) {
        return new AgentStatusView.One(statuses.update(actor, id, request.agentStatus()));
    }

    @DeleteMapping("/agent_statuses/{agent_status_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteAgentStatus",
            summary = "Delete an admin's own status (admins): its agents go Offline")
    void deleteStatus(@AuthenticationPrincipal Actor actor, @PathVariable("agent_status_id") long id) {
        statuses.delete(actor, id);
    }

    @PutMapping("/agent_statuses/agents/me")
    @RequestDoc(
            example = "{\"id\": 3}",
            required = {"id"})
    @Operation(
            operationId = "setOwnAgentStatus",
            summary = "Set one's own status (agents and admins who can be assigned tickets)")
    AgentStatusView.Changed setOwn(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody AgentStatusRequest.Choice choice) {
        return statuses.set(actor, null, choice);
    }

    @PutMapping("/agent_statuses/agents/{agent_id}")
    @RequestDoc(
            example = "{\"id\": 3}",
            required = {"id"})
    @Operation(operationId = "setAgentStatus", summary = "Set an agent's status (admins)")
    AgentStatusView.Changed set(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("agent_id") long agentId,
            @Valid @RequestBody AgentStatusRequest.Choice choice) {
        return statuses.set(actor, agentId, choice);
    }

    private static List<Long> ids(String text) {
        return text == null || text.isBlank()
                ? null
                : List.copyOf(DecimalIds.list(text, "filter[agent_id]", "agents", Paging.MAX_SIZE));
    }
}
