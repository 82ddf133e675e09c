package io.sidedesk.routing;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of issue 23: "Routing runs after commit on the instance that made the write (and on every instance every few
 * seconds)", and a waiting ticket "is routed when capacity frees (... an agent online; capacity raised; an agent
 * added to a group)". The test profile puts the periodic look off (an hour, application-test.properties), so that
 * only the wake of the write that frees a place can route the waiting ticket: each test fails if that write wakes no
 * router.
 */
class RoutingWakeReviewTests extends RoutingTestSupport {

    /** Memberships.create publishes nothing routing listens to (RoutingDirectoryChanges handles removals only). */
    @Test
    void anAgentAddedToAWaitingTicketsGroupIsRoutedItAtOnce_R21() {
        long group = group(true);
        TestUser joining = agent();
        online(joining);
        turnOnRouting();
        long ticket = ticketIn(group);
        proveWaiting(ticket); // its turn came while nobody was in its group

        membership(joining, group);

        awaitAssignee(ticket, joining);
    }

    /**
     * AgentStatuses.update changes what a custom status maps email to, and says in a comment that this "changes who
     * the routers may choose", but wakes no router.
     */
    @Test
    void aCustomStatusThatNowLetsItsAgentsTakeEmailRoutesTheWaitingTicketAtOnce_R21() {
        Team team = team(true);
        JsonNode busy = customStatus("offline", "offline", "offline");
        setStatus(team.agent(), busy.get("id").asLong());
        turnOnRouting();
        long ticket = ticketIn(team.group());
        proveWaiting(ticket);

        Api.Response changed = admin().put(
                        STATUSES + "/" + busy.get("id").asLong(),
                        Map.of("agent_status", Map.of("channels", channels("online", "offline", "offline"))));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(email(team.agent()).get("status").asString()).isEqualTo("online");

        awaitAssignee(ticket, team.agent());
    }
}
