package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of issue 23 (R21 routing): defects found by reading the change, each proven over HTTP against PostgreSQL.
 * Every test fails on the code as reviewed; none depends on how fast the machine is (waits poll with
 * {@link #PATIENCE}; a ticket that must not be routed is never judged from a pause alone).
 */
class RoutingReviewTests extends RoutingTestSupport {

    private static final String TRIGGERS = "/api/v2/triggers";

    private final List<Long> triggers = new ArrayList<>();

    /** Runs before the support's clean-up (routing off first there): the test's triggers go. */
    @AfterEach
    void deleteTheTriggers() {
        for (long id : triggers) {
            Api.Response response = admin().withoutContract().delete(TRIGGERS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
    }

    private long trigger(Map<String, Object> conditions, List<Map<String, Object>> actions) {
        Api.Response response = admin().post(
                        TRIGGERS,
                        Map.of(
                                "trigger",
                                Map.of(
                                        "title",
                                        unique("Trigger " + tag),
                                        "conditions",
                                        conditions,
                                        "actions",
                                        actions)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        long id = response.json().at("/trigger/id").asLong();
        triggers.add(id);
        return id;
    }

    /**
     * Waits until the ticket is assigned to the agent, reading with it (for the failure message) the ticket's group,
     * status and assignee and its entry in the routing queue (null: not queued) of each ticket named: the last read.
     */
    private JsonNode awaitAssigneeShowing(long ticket, TestUser agent, long... others) {
        return eventually(
                "ticket " + ticket + " assigned to " + agent.id(),
                () -> {
                    Map<String, Object> state = new java.util.LinkedHashMap<>();
                    List<Long> all = new ArrayList<>(List.of(ticket));
                    for (long other : others) {
                        all.add(other);
                    }
                    for (long id : all) {
                        JsonNode read = ticket(id);
                        state.put(
                                "ticket " + id,
                                fields(
                                        "group_id", read.get("group_id"),
                                        "status", read.get("status"),
                                        "assignee_id", read.get("assignee_id"),
                                        "routing_queue_entry", queueEntry(id)));
                    }
                    return json(state);
                },
                state -> state.at("/ticket " + ticket + "/assignee_id").asLong() == agent.id());
    }

    // ---- 1. a trigger on the routing audit that leaves the ticket routable -------------------------------------

    /**
     * The contract: triggers run on the routing audit, and any write (a trigger's included) that leaves a ticket
     * routable queues it. Here a trigger moves a routed ticket to another group, where its agent may not hold it (so
     * it is unassigned there): RoutingRule queues it again inside the router's transaction, and then Router.route
     * deletes the queue row (removeEntry after tickets.route). The ticket is left unassigned, in a group with an
     * online agent, and out of the queue for good.
     */
    @Test
    void aRoutedTicketThatATriggerMovesToAnotherGroupIsRoutedThere_R21() {
        Team first = team(true);
        Team second = team(true);
        online(first.agent(), second.agent());
        trigger(
                fields(
                        "all",
                        List.of(
                                tagged(),
                                condition(
                                        "assignee_id",
                                        "is",
                                        String.valueOf(first.agent().id()))),
                        "any",
                        List.of()),
                List.of(fields("field", "group_id", "value", second.group())));
        turnOnRouting();

        long ticket = ticketIn(first.group());

        eventually(
                "ticket " + ticket + " routed once",
                () -> json(routingEvents(ticket, "assigned").size()),
                count -> count.asInt() >= 1);
        JsonNode state = awaitAssigneeShowing(ticket, second.agent());
        assertThat(state.at("/ticket " + ticket + "/group_id").asLong()).isEqualTo(second.group());
    }

    // ---- 2. the queue a ticket is in follows the ticket -------------------------------------------------------

    /**
     * "Queue: the first custom queue (in order) whose definition the ticket meets". A queued ticket is matched once
     * (QueueTargets.match) and matched again only when RoutingRule re-queues it, which it does only for changes of
     * status, group, assignee or tags (RoutingRule.ROUTING_FIELDS). A waiting ticket whose priority becomes urgent
     * never reaches the queue for urgent tickets, whose agent is online; it waits in the standard queue forever.
     */
    @Test
    void aWaitingTicketThatComesToMeetACustomQueueIsRoutedThroughIt_R21() {
        long inbox = group(true);
        Team urgent = team(true);
        online(urgent.agent());
        queue(List.of(urgent.group()), "definition", definition(condition("priority", "is", "urgent")));
        turnOnRouting();
        long ticket = ticketIn(inbox, "priority", "normal");
        proveWaiting(ticket); // matched to the standard queue (its group has no agent) and waiting

        updated(admin(), ticket, fields("priority", "urgent"));

        JsonNode state = awaitAssigneeShowing(ticket, urgent.agent());
        assertThat(state.at("/ticket " + ticket + "/group_id").asLong()).isEqualTo(urgent.group());
    }

    /**
     * The same defect through a directory change: deleting a group moves its tickets to another group (a group
     * change, which RoutingRule treats as a reason to match again), but RoutingDirectoryChanges.QUEUE_AUDITED inserts
     * with ON CONFLICT DO NOTHING, so the ticket keeps the custom queue it matched in its old group. It waits for that
     * queue's (offline) agents while the agent of its new group is online.
     */
    @Test
    void aWaitingTicketMovedByAGroupDeletionIsMatchedToItsQueuesAgain_R21() {
        long doomed = group(true);
        Team queueTeam = team(true); // offline throughout
        Team target = team(true);
        online(target.agent());
        queue(
                List.of(queueTeam.group()),
                "definition",
                definition(condition("group_id", "is", String.valueOf(doomed))));
        turnOnRouting();
        long ticket = ticketIn(doomed);
        proveWaiting(ticket); // matched to the custom queue, whose agent is offline

        Api.Response deleted = admin().delete("/api/v2/groups/" + doomed + "?move_to_group_id=" + target.group());
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        assertThat(ticket(ticket).get("group_id").asLong()).isEqualTo(target.group());

        awaitAssigneeShowing(ticket, target.agent());
    }

    // ---- 3. secondary groups: a ticket that has waited is not held back by one that has not -------------------

    /**
     * "When none of the primary groups' agents can take it and the ticket has waited secondary_group_wait_seconds,
     * the secondary groups' agents." Router.routeDue marks a queue/group key "full" on NO_AGENT, and skips every later
     * ticket of that key in the round. A newer, urgent ticket that has not waited yet answers NO_AGENT (it may not go
     * to the secondary group), so the older ticket that has waited, and may go there, is skipped in every round, and
     * the secondary agent's one place goes to the newer ticket once its own wait is over.
     */
    @Test
    void aTicketThatHasWaitedGoesToTheSecondaryGroupEvenWhenANewerOneMayNotYet_R21() throws InterruptedException {
        int wait = 15;
        long inbox = group(true);
        Team primary = team(true); // offline throughout
        Team backup = team(true);
        capacityRule(1, backup.agent());
        queue(List.of(primary.group()), "secondary_groups", List.of(backup.group()));
        turnOnRouting("secondary_group_wait_seconds", wait);
        long older = ticketIn(inbox, "priority", "normal");
        awaitQueued(older);
        // Setup, not an assertion: the older ticket waits longer than the secondary wait (server and test share a
        // clock).
        Thread.sleep((wait + 2) * 1000L);
        long newer = ticketIn(inbox, "priority", "urgent");

        online(backup.agent());

        awaitAssigneeShowing(older, backup.agent(), newer);
        assertUnassigned(newer);
    }

    // ---- 4. hidden private groups in a queue's definition (R22) -----------------------------------------------

    /**
     * Agents read queues, "but see only the groups they may see". Views leave out a condition naming a private group
     * the reader is not in (Views.shownConditions, R22: to them it does not exist); Queues.views shows the stored
     * definition as it is, so an agent reads the id of a private group they may not know of.
     */
    @Test
    void anAgentReadingAQueueDoesNotSeeAHiddenPrivateGroupInItsDefinition_R17_R22() {
        long hidden = group(false);
        Team team = team(true);
        String id = queue(
                List.of(team.group()), "definition", definition(condition("group_id", "is", String.valueOf(hidden))));

        Api.Response one = as(team.agent()).get(QUEUES + "/" + id);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        Api.Response all = as(team.agent()).get(QUEUES);
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode queue : all.json().get("queues")) {
            if (queue.get("id").asString().equals(id)) {
                listed = queue;
            }
        }
        assertThat(listed).as("the agent lists the queue").isNotNull();

        for (JsonNode definition : List.of(one.json().at("/queue/definition"), listed.get("definition"))) {
            List<String> named = new ArrayList<>();
            for (String list : List.of("all", "any")) {
                definition.path(list).forEach(condition -> {
                    if (condition.get("field").asString().equals("group_id")) {
                        named.add(text(condition.get("value")));
                    }
                });
            }
            assertThat(named)
                    .as("the groups the definition names for an agent not in private group %d: %s", hidden, definition)
                    .doesNotContain(String.valueOf(hidden));
        }
    }

    // ---- 5. setting the status an agent already has ----------------------------------------------------------

    /**
     * "An agent with no status set is Offline (reason UNKNOWN)"; "setting the status one already has changes nothing
     * (same updated_at, same version)". AgentAvailabilities.change treats an agent with no row as having no status,
     * so setting Offline writes a row: version 2, reason PUBLIC_API, a new updated_at, and a recorded change.
     * (RoutingDirectoryChanges, by contrast, treats the same agent as already Offline.)
     */
    @Test
    void settingOfflineOnAnAgentWhoNeverSetAStatusChangesNothing() {
        TestUser agent = agent();
        JsonNode before = availability(agent).at("/data/attributes");
        assertThat(before.at("/agent_status/id").asLong()).isEqualTo(OFFLINE);

        setStatus(agent, OFFLINE);

        JsonNode after = availability(agent).at("/data/attributes");
        assertThat(after.get("version").asLong())
                .as("version")
                .isEqualTo(before.get("version").asLong());
        assertThat(after.get("agent_status")).as("status, reason, updated_at").isEqualTo(before.get("agent_status"));
    }

    // ---- 6. writes while routing is off ---------------------------------------------------------------------

    /**
     * "Routable: routing on; ..." and "a write that leaves a queued ticket not routable (assigned by hand, solved,
     * pending, group removed) takes it out". RoutingRule.apply returns before anything when routing is off, so a
     * ticket queued while it was on and taken out of its group while it is off stays in the routing queue, which GET
     * /api/v2/routing/queue goes on listing as a waiting ticket.
     */
    @Test
    void aQueuedTicketLeftWithoutAGroupWhileRoutingIsOffLeavesTheQueue_R21() {
        long group = group(true); // nobody in it: the ticket waits
        turnOnRouting();
        long ticket = ticketIn(group);
        awaitQueued(ticket);
        Api.Response off = putRouting(admin(), Map.of("enabled", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);

        assertThat(updated(admin(), ticket, fields("group_id", null))
                        .get("group_id")
                        .isNull())
                .isTrue();

        assertThat(queueEntry(ticket))
                .as("a ticket in no group is no waiting ticket")
                .isNull();
    }
}
