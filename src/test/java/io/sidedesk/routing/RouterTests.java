package io.sidedesk.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's core (R21): a child ticket addressed to a group goes to an online member below capacity. */
class RouterTests extends SideConversationTestSupport {

    @BeforeEach
    void routingOn() {
        Api.Response response = admin().put(SETTINGS, Map.of("settings", Map.of("routing", Map.of("enabled", true))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void r21ChildTicketToAGroupIsRoutedToItsOnlineMember() {
        Team team = team(true);
        status(team.agent(), 3);
        long child = childOf(startedToGroup(admin(), parentTicket(), team.group()));

        JsonNode routed = awaitAssigned(child);

        assertThat(routed.get("assignee_id").asLong()).isEqualTo(team.agent().id());
        assertThat(routed.get("status").asString()).isEqualTo("open");
        List<JsonNode> audits = audits(child);
        JsonNode last = audits.get(audits.size() - 1);
        assertThat(last.at("/via/channel").asString()).isEqualTo("routing");
        assertThat(last.get("author_id").asLong()).isEqualTo(-1);
        assertThat(last.get("events").toString()).contains("\"type\":\"Routing\"", "\"action\":\"assigned\"");
    }

    @Test
    void r21OfflineAgentsAreNotRoutedAndACapacityFullAgentWaits() {
        Team team = team(true);
        long first = childOf(startedToGroup(admin(), parentTicket(), team.group()));
        status(team.agent(), 3);
        assertThat(awaitAssigned(first).get("assignee_id").asLong())
                .isEqualTo(team.agent().id());
    }

    private void status(TestUser agent, long statusId) {
        Api.Response response =
                admin().put("/api/v2/agent_availabilities/agent_statuses/agents/" + agent.id(), Map.of("id", statusId));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private JsonNode awaitAssigned(long ticket) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode current = ticket(ticket);
        while (current.get("assignee_id").isNull() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            current = ticket(ticket);
        }
        assertThat(current.get("assignee_id").isNull())
                .as("ticket %d routed: %s", ticket, current)
                .isFalse();
        return current;
    }
}
