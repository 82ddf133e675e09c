package io.sidedesk.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing queue as it is read (docs/routing-contract.md, "Queue visibility"): the waiting tickets with their group,
 * queue, priority, time and reason, in routing order (queue priority, the standard queue last, then ticket priority,
 * then age), paged by cursor; a ticket leaves it with the write that makes it not routable, or when it is routed; and
 * who reads it: admins all of it, an agent the entries of their groups' tickets they may see (R17), light agents and
 * end-users nothing (R3).
 */
class RoutingQueueTests extends RoutingTestSupport {

    @Test
    void aWaitingTicketIsListedWithItsGroupQueuePriorityTimeAndReason() {
        Team team = team(true);
        Team other = team(true);
        JsonNode queue = createdQueue(queueBody(
                List.of(other.group()), "definition", definition(condition("current_tags", "includes", tag + "q"))));
        turnOnRouting();
        long standard = ticketIn(team.group(), "priority", "high");
        long custom = ticketIn(team.group(), "tags", List.of(tag + "q"));

        JsonNode entry = queueEntry(standard);
        JsonNode inQueue = queueEntry(custom);

        assertThat(entry).as("queued with the write").isNotNull();
        assertThat(entry.propertyNames())
                .contains("ticket_id", "group_id", "queue_id", "priority", "queued_at", "reason");
        assertThat(entry.get("ticket_id").asLong()).isEqualTo(standard);
        assertThat(entry.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(entry.get("queue_id").isNull()).as("the standard queue").isTrue();
        assertThat(entry.get("priority").isNull()).isFalse();
        Instant queuedAt = Instant.parse(entry.get("queued_at").asString());
        assertThat(queuedAt)
                .isAfterOrEqualTo(
                        Instant.parse(ticket(standard).get("created_at").asString()));
        assertThat(inQueue).isNotNull();
        assertThat(text(inQueue.get("queue_id"))).isEqualTo(queue.get("id").asString());
        assertThat(inQueue.get("group_id").asLong())
                .as("the ticket's own group while it waits")
                .isEqualTo(team.group());

        Api.Response page = admin().get(ROUTING_QUEUE + "?page[size]=1");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().propertyNames()).contains("queued_tickets", "meta", "links");
        assertThat(page.json().has("count")).isFalse();
        assertThat(page.json().get("queued_tickets")).hasSize(1);
        assertThat(page.json().at("/meta/has_more").asBoolean()).isTrue();
        assertThat(page.json().at("/meta/after_cursor").asString()).isNotBlank();
    }

    @Test
    void theQueueIsInRoutingOrder_R21() {
        long group = group(true);
        long target = group(true);
        queue(
                List.of(target),
                "priority",
                1,
                "definition",
                definition(condition("current_tags", "includes", tag + "h")));
        queue(
                List.of(target),
                "priority",
                3,
                "definition",
                definition(condition("current_tags", "includes", tag + "l")));
        turnOnRouting();
        long standardUrgent = ticketIn(group, "priority", "urgent");
        long lowQueueLow = ticketIn(group, "priority", "low", "tags", List.of(tag + "l"));
        long highQueueNormal = ticketIn(group, "priority", "normal", "tags", List.of(tag + "h"));
        long lowQueueUrgent = ticketIn(group, "priority", "urgent", "tags", List.of(tag + "l"));
        long highQueueUrgent = ticketIn(group, "priority", "urgent", "tags", List.of(tag + "h"));
        long standardLow = ticketIn(group, "priority", "low");
        long standardNone = ticketIn(group);
        long standardUrgentLater = ticketIn(group, "priority", "urgent");

        List<Long> expected = List.of(
                highQueueUrgent,
                highQueueNormal,
                lowQueueUrgent,
                lowQueueLow,
                standardUrgent,
                standardUrgentLater,
                standardNone,
                standardLow);
        assertThat(queuedAmong(expected)).isEqualTo(expected);
        List<Long> mine = new ArrayList<>();
        for (JsonNode entry : queuedTickets(admin(), 2)) {
            if (expected.contains(entry.get("ticket_id").asLong())) {
                mine.add(entry.get("ticket_id").asLong());
            }
        }
        assertThat(mine).as("the same walking pages of 2").isEqualTo(expected);
    }

    @Test
    void aTicketLeavesTheQueueWithTheWriteThatMakesItNotRoutableOrWhenItIsRouted_R21() {
        Team team = team(true);
        TestUser other = memberOf(team.group());
        turnOnRouting();
        long assigned = ticketIn(team.group());
        long pending = ticketIn(team.group());
        long groupless = ticketIn(team.group());
        long deleted = ticketIn(team.group());
        long routed = ticketIn(team.group());
        assertThat(queuedAmong(List.of(assigned, pending, groupless, deleted, routed)))
                .containsExactly(assigned, pending, groupless, deleted, routed);

        updated(admin(), assigned, fields("assignee_id", other.id()));
        updated(admin(), pending, fields("status", "pending"));
        updated(admin(), groupless, nullable("group_id", null));
        assertThat(admin().delete("/api/v2/tickets/" + deleted).status()).isEqualTo(204);

        assertThat(queuedAmong(List.of(assigned, pending, groupless, deleted, routed)))
                .as("out with each write")
                .containsExactly(routed);
        updated(admin(), pending, fields("status", "open"));
        assertThat(queuedAmong(List.of(pending, routed)))
                .as("routable again: queued again, behind the ticket that waited all along")
                .containsExactly(routed, pending);

        online(team.agent());

        awaitAssignee(routed, team.agent());
        awaitAssignee(pending, team.agent());
        awaitNotQueued(routed);
        awaitNotQueued(pending);
    }

    @Test
    void anAgentSeesTheEntriesOfTheirGroupsTicketsOnly_R17() {
        long mine = group(true);
        long theirs = group(true);
        long secret = group(false);
        TestUser agent = memberOf(mine);
        TestUser neighbour = memberOf(theirs);
        TestUser insider = memberOf(secret);
        TestUser loner = agent();
        turnOnRouting();
        long inMine = ticketIn(mine);
        long inTheirs = ticketIn(theirs);
        long inSecret = ticketIn(secret);
        List<Long> all = List.of(inMine, inTheirs, inSecret);

        assertThat(queuedAmong(all)).as("the admin sees every entry").containsExactlyElementsOf(all);
        assertThat(among(as(agent), all)).containsExactly(inMine);
        assertThat(among(as(neighbour), all)).containsExactly(inTheirs);
        assertThat(among(as(insider), all)).containsExactly(inSecret);
        assertThat(among(as(loner), all)).isEmpty();
        membership(agent, secret);
        assertThat(among(as(agent), all)).containsExactly(inMine, inSecret);
    }

    @Test
    void lightAgentsAndEndUsersCannotReadTheQueue_R3() {
        long group = group(true);
        TestUser light = lightAgent();
        membership(light, group);

        for (TestUser caller : List.of(light, user("agent", lightAgentRole("all")), endUser())) {
            assertForbidden(as(caller).get(ROUTING_QUEUE));
            assertForbidden(as(caller).get(ROUTING_QUEUE + "?page[size]=1"));
        }
    }

    @Test
    void aPageHoldsOneToAHundredEntries() {
        for (String size : List.of("0", "101", "-1", "abc")) {
            Api.Response response = admin().get(ROUTING_QUEUE + "?page[size]=" + size);
            assertThat(response.status()).as(size + " → " + response).isEqualTo(400);
            assertThat(response.json().path("details").has("page[size]"))
                    .as(size + " → " + response)
                    .isTrue();
        }
        Api.Response cursor = admin().get(ROUTING_QUEUE + "?page[size]=2&page[after]=!!!");
        assertThat(cursor.status()).as(cursor.toString()).isEqualTo(400);
        assertThat(cursor.json().path("details").has("page[after]")).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Of these tickets, those the caller reads in the routing queue, in its order. */
    private static List<Long> among(Api caller, List<Long> tickets) {
        return queuedIds(caller).stream().filter(tickets::contains).toList();
    }
}
