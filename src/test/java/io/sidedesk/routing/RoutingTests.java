package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omnichannel routing (SPEC R21; docs/routing-contract.md, "Routing"): with routing on, a ticket in a group with no
 * assignee, new or open, is queued and assigned to an online (or away), assignable member of its queue's groups below
 * their capacity; highest queue priority first, then ticket priority, then oldest; no agent beyond capacity and no
 * ticket routed twice; a manual assignment wins; light agents never routed (R3); a private group's ticket only to its
 * members (R17). And: waiting tickets routed as capacity frees, the assignment methods and their ties, the routing
 * audit, the routing tag, reassignment (offline, away, reopened), custom queues with secondary groups, and routing off.
 *
 * <p>Each test makes its own groups and agents, so that nothing of another test's is eligible; capacity rules name
 * the test's agents only. A ticket that must wait is proven to wait by a later ticket that must be routed
 * ({@link #proveWaiting}), or by a positive end (it is routed where only the right behaviour sends it).
 */
class RoutingTests extends RoutingTestSupport {

    // ---- child tickets ----------------------------------------------------------------------------------------------

    @Test
    void aChildTicketAddressedToAGroupOnlyIsRoutedToAnOnlineMember_R21() {
        long group = group(true);
        TestUser offline = memberOf(group);
        TestUser online = memberOf(group);
        online(online);
        turnOnRouting();
        long parent = parentTicket();

        JsonNode conversation = startedToGroup(admin(), parent, group);

        long child = childOf(conversation);
        JsonNode routed = awaitAssignee(child, online);
        assertThat(routed.get("group_id").asLong()).isEqualTo(group);
        assertThat(routed.get("status").asString())
                .as("new becomes open, as any assignment")
                .isEqualTo("open");
        JsonNode shown = show(parent, conversation.get("id").asString()).get("child_ticket");
        assertThat(shown.get("assignee_id").asLong())
                .as("the parent sees it live (R10)")
                .isEqualTo(online.id());
        assertThat(assignee(parent))
                .as("the parent is no child: not in a group")
                .isNull();
        assertThat(email(offline).get("work_item_count").asInt()).isZero();
        assertThat(email(online).get("work_item_count").asInt()).isEqualTo(1);
    }

    // ---- order ------------------------------------------------------------------------------------------------------

    @Test
    void waitingTicketsAreRoutedByPriorityThenAge_R21() {
        Team team = team(true);
        TestUser agent = team.agent();
        capacityRule(1, agent);
        turnOnRouting();
        long normal = ticketIn(team.group(), "priority", "normal");
        long low = ticketIn(team.group(), "priority", "low");
        long urgent = ticketIn(team.group(), "priority", "urgent");
        long none = ticketIn(team.group());
        long high = ticketIn(team.group(), "priority", "high");
        long laterUrgent = ticketIn(team.group(), "priority", "urgent");
        long laterNormal = ticketIn(team.group(), "priority", "normal");
        List<Long> expected = List.of(urgent, laterUrgent, high, normal, none, laterNormal, low);
        assertThat(queuedAmong(expected))
                .as("the routing queue, in routing order")
                .isEqualTo(expected);

        online(agent);

        List<Long> waiting = new ArrayList<>(expected);
        for (long next : expected) {
            awaitAssignee(next, agent);
            waiting.remove(next);
            assertUnassigned(waiting.stream().mapToLong(Long::longValue).toArray());
            assertThat(email(agent).get("work_item_count").asInt())
                    .as("capacity 1")
                    .isEqualTo(1);
            solve(next);
        }
    }

    @Test
    void aQueuesPriorityComesBeforeATicketsPriorityAndTheStandardQueueIsLast_R21() {
        long inbox = group(true);
        Team team = team(true);
        TestUser agent = team.agent();
        capacityRule(1, agent);
        queue(
                List.of(team.group()),
                "priority",
                5,
                "definition",
                definition(condition("current_tags", "includes", tag + "low")));
        queue(
                List.of(team.group()),
                "priority",
                1,
                "definition",
                definition(condition("current_tags", "includes", tag + "high")));
        turnOnRouting();
        long standard = ticketIn(team.group(), "priority", "urgent");
        long inLowQueue = ticketIn(inbox, "priority", "urgent", "tags", List.of(tag + "low"));
        long inHighQueue = ticketIn(inbox, "priority", "low", "tags", List.of(tag + "high"));

        online(agent);

        awaitAssignee(inHighQueue, agent);
        assertUnassigned(inLowQueue, standard);
        solve(inHighQueue);
        JsonNode second = awaitAssignee(inLowQueue, agent);
        assertThat(second.get("group_id").asLong()).as("the queue's group").isEqualTo(team.group());
        assertUnassigned(standard);
        solve(inLowQueue);
        awaitAssignee(standard, agent);
    }

    // ---- capacity ---------------------------------------------------------------------------------------------------

    @Test
    void noAgentIsRoutedBeyondTheirCapacity_R21() {
        long group = group(true);
        TestUser full = memberOf(group);
        TestUser later = memberOf(group);
        capacityRule(2, full);
        online(full);
        turnOnRouting();
        long first = ticketIn(group);
        long second = ticketIn(group);
        long third = ticketIn(group);

        awaitAssignee(first, full);
        awaitAssignee(second, full);
        proveWaiting(third);
        assertThat(email(full).get("work_item_count").asInt()).isEqualTo(2);
        assertThat(queueEntry(third)).as("it waits in the queue").isNotNull();

        online(later);

        awaitAssignee(third, later);
        assertThat(assignee(first)).isEqualTo(full.id());
        assertThat(assignee(second)).isEqualTo(full.id());
    }

    @Test
    void everyTicketIsRoutedOnceAndNoAgentExceedsCapacityWhenTicketsArriveTogether_R21() throws Exception {
        long group = group(true);
        List<TestUser> agents = List.of(memberOf(group), memberOf(group), memberOf(group));
        agents.forEach(agent -> capacityRule(2, agent));
        agents.forEach(this::online);
        turnOnRouting();

        List<Long> tickets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> made = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                made.add(pool.submit(() -> ticketIn(group)));
            }
            for (Future<Long> ticket : made) {
                tickets.add(ticket.get());
            }
        } finally {
            pool.shutdownNow();
        }

        eventually(
                "six of the eight tickets routed",
                () -> json(tickets.stream().filter(t -> assignee(t) != null).count()),
                routed -> routed.asLong() >= 6);
        List<Long> waiting = tickets.stream().filter(t -> assignee(t) == null).toList();
        assertThat(waiting).hasSize(2);
        proveWaiting(waiting.stream().mapToLong(Long::longValue).toArray());
        Map<Long, Integer> load = new HashMap<>();
        for (long ticket : tickets) {
            Long assignee = assignee(ticket);
            if (assignee != null) {
                load.merge(assignee, 1, Integer::sum);
                assertThat(routingEvents(ticket, "assigned"))
                        .as("ticket %d routed once", ticket)
                        .hasSize(1);
            }
        }
        for (TestUser agent : agents) {
            assertThat(load.get(agent.id()))
                    .as("agent %d at capacity, not beyond", agent.id())
                    .isEqualTo(2);
            assertThat(email(agent).get("work_item_count").asInt()).isEqualTo(2);
        }
    }

    // ---- waiting until capacity frees ----------------------------------------------------------------------------

    @Test
    void aTicketSolvedPendingOrReassignedFreesCapacityForTheNextWaitingTicket_R21() {
        long group = group(true);
        TestUser agent = memberOf(group);
        TestUser colleague = memberOf(group);
        capacityRule(1, agent);
        online(agent);
        turnOnRouting();
        long first = ticketIn(group);
        awaitAssignee(first, agent);
        long second = ticketIn(group);
        proveWaiting(second);

        updated(admin(), first, fields("status", "pending"));
        awaitAssignee(second, agent);

        long third = ticketIn(group);
        proveWaiting(third);
        solve(second);
        awaitAssignee(third, agent);

        long fourth = ticketIn(group);
        proveWaiting(fourth);
        updated(admin(), third, fields("assignee_id", colleague.id()));
        awaitAssignee(fourth, agent);
        assertThat(email(colleague).get("work_item_count").asInt())
                .as("a ticket assigned by hand is no routed work")
                .isZero();
    }

    @Test
    void pendingAndOnHoldTicketsKeepTheirPlaceWhenCounted_R21() {
        long group = group(true);
        TestUser agent = memberOf(group);
        capacityRule(1, agent);
        online(agent);
        turnOnRouting("count_pending_and_on_hold", true);
        long first = ticketIn(group);
        awaitAssignee(first, agent);

        updated(admin(), first, fields("status", "hold"));
        long second = ticketIn(group);
        proveWaiting(second);
        updated(admin(), first, fields("status", "pending"));
        proveWaiting(second);
        assertThat(email(agent).get("work_item_count").asInt()).isEqualTo(1);

        solve(first);
        awaitAssignee(second, agent);
    }

    @Test
    void aWaitingTicketIsRoutedWhenCapacityIsRaised_R21() {
        Team team = team(true);
        TestUser agent = team.agent();
        String rule = capacityRule(1, agent);
        online(agent);
        turnOnRouting();
        long first = ticketIn(team.group());
        awaitAssignee(first, agent);
        long second = ticketIn(team.group());
        proveWaiting(second);

        changedRule(rule, Map.of("capacities", fields("email", 2)));

        awaitAssignee(second, agent);
    }

    @Test
    void aWaitingTicketIsRoutedWhenAnAgentComesOnline_R21() {
        Team team = team(true);
        turnOnRouting();
        long ticket = ticketIn(team.group());
        proveWaiting(ticket);
        assertThat(queueEntry(ticket)).isNotNull();

        online(team.agent());

        awaitAssignee(ticket, team.agent());
        awaitNotQueued(ticket);
    }

    @Test
    void aWaitingTicketIsRoutedWhenAnAgentJoinsItsGroup_R21() {
        long group = group(true);
        TestUser agent = agent();
        online(agent);
        turnOnRouting();
        long ticket = ticketIn(group);
        proveWaiting(ticket);

        membership(agent, group);

        awaitAssignee(ticket, agent);
    }

    // ---- who is eligible ------------------------------------------------------------------------------------------

    @Test
    void awayAgentsAreRoutedButOfflineAndTransfersOnlyAgentsAreNot_R21() {
        long group = group(true);
        TestUser transfers = memberOf(group);
        TestUser offline = memberOf(group);
        TestUser away = memberOf(group);
        setStatus(transfers, TRANSFERS_ONLY);
        away(away);
        turnOnRouting();

        long ticket = ticketIn(group);

        awaitAssignee(ticket, away);
        assertThat(email(offline).get("work_item_count").asInt()).isZero();
        assertThat(email(transfers).get("work_item_count").asInt()).isZero();

        long custom = group(true);
        TestUser emailOff = memberOf(custom);
        TestUser emailOn = memberOf(custom);
        setStatus(
                emailOff, customStatus("offline", "online", "online").get("id").asLong());
        setStatus(
                emailOn, customStatus("online", "offline", "offline").get("id").asLong());
        long byEmail = ticketIn(custom);
        awaitAssignee(byEmail, emailOn);
    }

    @Test
    void lightAgentsAreNeverRouted_R21_R3() {
        long group = group(true);
        TestUser light = lightAgent();
        membership(light, group);
        TestUser restricted = user("agent", lightAgentRole("all"));
        membership(restricted, group);
        TestUser agent = memberOf(group);
        turnOnRouting();
        long ticket = ticketIn(group);

        assertInvalid(putStatus(admin(), statusOf(light), ONLINE), "agent_id");
        assertInvalid(putStatus(admin(), statusOf(restricted), ONLINE), "agent_id");
        proveWaiting(ticket);
        online(agent);

        awaitAssignee(ticket, agent);
    }

    @Test
    void aPrivateGroupsTicketGoesOnlyToItsMembersWhateverItsQueue_R21_R17() {
        long shared = group(true);
        long secret = group(false);
        long inbox = group(true);
        TestUser outsider = memberOf(shared);
        TestUser insider = memberOf(shared, secret);
        capacityRule(1, outsider);
        queue(List.of(shared));
        online(outsider);
        turnOnRouting();
        long hidden = ticketIn(secret);
        long open = ticketIn(inbox);

        awaitAssignee(open, outsider);
        assertUnassigned(hidden);
        assertThat(queueEntry(hidden)).as("it waits for a member").isNotNull();

        online(insider);

        JsonNode routed = awaitAssignee(hidden, insider);
        assertThat(routed.get("group_id").asLong())
                .as("the ticket's own group, the agent being in it")
                .isEqualTo(secret);
    }

    // ---- manual assignment --------------------------------------------------------------------------------------

    @Test
    void aManualAssignmentWinsAndTakesTheTicketOutOfTheQueue_R21() {
        long group = group(true);
        TestUser agent = memberOf(group);
        TestUser other = memberOf(group);
        capacityRule(1, agent);
        turnOnRouting();
        long ticket = ticketIn(group);
        awaitQueued(ticket);

        updated(admin(), ticket, fields("assignee_id", other.id()));

        assertThat(queueEntry(ticket)).as("out of the queue with the write").isNull();
        online(agent);
        long next = ticketIn(group);
        awaitAssignee(next, agent);
        assertThat(assignee(ticket)).isEqualTo(other.id());
        assertThat(email(other).get("work_item_count").asInt()).isZero();

        long overCapacity = ticketIn(group, "assignee_id", agent.id());
        assertThat(assignee(overCapacity))
                .as("a manual assignment may exceed capacity")
                .isEqualTo(agent.id());
        assertThat(email(agent).get("work_item_count").asInt()).isEqualTo(1);
        long byUpdate = ticketIn(group(true));
        JsonNode assigned = updated(admin(), byUpdate, fields("group_id", group, "assignee_id", agent.id()));
        assertThat(assigneeOf(assigned)).isEqualTo(agent.id());
    }

    // ---- assignment methods
    // ------------------------------------------------------------------------------------------

    @Test
    void spareCapacityChoosesTheAgentWithTheMostCapacityLeft_R21() {
        long group = group(true);
        TestUser smaller = memberOf(group);
        TestUser larger = memberOf(group);
        capacityRule(3, smaller);
        capacityRule(5, larger);
        online(smaller, larger);
        turnOnRouting("assignment_method", "spare_capacity");

        assertThat(routedTo(ticketIn(group))).as("5 left against 3").isEqualTo(larger.id());
        assertThat(routedTo(ticketIn(group))).as("4 left against 3").isEqualTo(larger.id());
        assertThat(routedTo(ticketIn(group)))
                .as("3 against 3: the one idle longest, never routed")
                .isEqualTo(smaller.id());
        assertThat(routedTo(ticketIn(group))).as("3 left against 2").isEqualTo(larger.id());
    }

    @Test
    void sparePercentageChoosesTheAgentWithTheMostOfTheirCapacityLeft_R21() {
        long group = group(true);
        TestUser four = memberOf(group);
        TestUser one = memberOf(group);
        capacityRule(4, four);
        capacityRule(1, one);
        online(four);
        turnOnRouting("assignment_method", "spare_percentage");
        awaitAssignee(ticketIn(group), four);
        awaitAssignee(ticketIn(group), four);

        online(one);

        assertThat(routedTo(ticketIn(group)))
                .as("all of 1 left against half of 4 (spare capacity would choose 2 left against 1)")
                .isEqualTo(one.id());
        assertThat(routedTo(ticketIn(group))).as("the other is full").isEqualTo(four.id());
    }

    @Test
    void roundRobinChoosesTheAgentIdleLongest_R21() {
        long group = group(true);
        TestUser big = memberOf(group);
        TestUser small = memberOf(group);
        capacityRule(10, big);
        capacityRule(2, small);
        online(big, small);
        turnOnRouting("assignment_method", "round_robin");

        assertThat(routedTo(ticketIn(group)))
                .as("neither routed yet: the lowest id")
                .isEqualTo(big.id());
        assertThat(routedTo(ticketIn(group)))
                .as("never routed (spare capacity would choose 9 left against 2)")
                .isEqualTo(small.id());
        assertThat(routedTo(ticketIn(group))).as("idle longer").isEqualTo(big.id());
        assertThat(routedTo(ticketIn(group))).as("idle longer").isEqualTo(small.id());
        assertThat(routedTo(ticketIn(group))).as("the other is full").isEqualTo(big.id());
    }

    @Test
    void tiesGoToTheAgentIdleLongestThenToTheLowestId_R21() {
        long group = group(true);
        TestUser lower = memberOf(group);
        TestUser higher = memberOf(group);
        online(lower);
        turnOnRouting("assignment_method", "spare_capacity");
        long first = ticketIn(group);
        awaitAssignee(first, lower);
        online(higher);
        solve(first);

        long second = ticketIn(group);
        assertThat(routedTo(second))
                .as("the same capacity left: never routed beats the lowest id")
                .isEqualTo(higher.id());
        solve(second);
        assertThat(routedTo(ticketIn(group)))
                .as("the same capacity left: routed longer ago")
                .isEqualTo(lower.id());

        long fresh = group(true);
        TestUser a = memberOf(fresh);
        TestUser b = memberOf(fresh);
        online(b, a);
        assertThat(routedTo(ticketIn(fresh)))
                .as("the same capacity, both never routed: the lowest id")
                .isEqualTo(a.id());
    }

    // ---- the audit --------------------------------------------------------------------------------------------------

    @Test
    void theRoutingAuditSaysHowAndWhyTheTicketWasAssigned_R21() {
        Team team = team(true);
        TestUser agent = team.agent();
        online(agent);
        turnOnRouting();
        long ticket = ticketIn(team.group());
        awaitAssignee(ticket, agent);

        List<JsonNode> audits = audits(ticket);
        String queuedBy = audits.get(0).get("correlation_id").asString();
        JsonNode audit = single(routingAudits(ticket));
        assertThat(audit.at("/via/channel").asString()).isEqualTo("routing");
        assertThat(audit.at("/via/source/rel").asString()).isEqualTo("omnichannel_routing");
        assertThat(audit.at("/via/source/from").has("queue_id")).isTrue();
        assertThat(audit.at("/via/source/from/queue_id").isNull())
                .as("the standard queue")
                .isTrue();
        assertThat(audit.at("/via/source/from").has("queue_name")).isTrue();
        assertThat(audit.get("author_id").asLong()).isEqualTo(-1);
        assertThat(UUID.fromString(audit.get("correlation_id").asString())).isNotNull();
        assertThat(audit.get("correlation_id").asString())
                .as("its own correlation id")
                .isNotEqualTo(queuedBy);
        JsonNode assignee = change(audit, "assignee_id");
        assertThat(assignee).isNotNull();
        assertThat(text(assignee.get("value"))).isEqualTo(String.valueOf(agent.id()));
        assertThat(text(assignee.get("previous_value"))).isEmpty();
        JsonNode status = change(audit, "status");
        assertThat(status).as("new becomes open").isNotNull();
        assertThat(text(status.get("previous_value"))).isEqualTo("new");
        assertThat(text(status.get("value"))).isEqualTo("open");
        assertThat(change(audit, "group_id")).as("the group did not change").isNull();
        JsonNode routing = single(eventsOf(audit, "Routing"));
        assertThat(routing.get("action").asString()).isEqualTo("assigned");
        assertThat(routing.get("agent_id").asLong()).isEqualTo(agent.id());
        assertThat(routing.get("queue_id").isNull()).isTrue();
        assertThat(routing.get("assignment_method").asString()).isEqualTo("spare_capacity");
        assertThat(routing.get("queued_correlation_id").asString())
                .as("the write that queued it")
                .isEqualTo(queuedBy);
    }

    @Test
    void aRoutingAuditThroughACustomQueueNamesTheQueueAndTheGroupItChose_R21() {
        long inbox = group(true);
        Team team = team(true);
        TestUser agent = team.agent();
        JsonNode queue = createdQueue(queueBody(List.of(team.group())));
        online(agent);
        turnOnRouting("assignment_method", "round_robin");
        long ticket = ticketIn(inbox, "status", "open");

        JsonNode routed = awaitAssignee(ticket, agent);

        assertThat(routed.get("group_id").asLong()).as("the queue's group").isEqualTo(team.group());
        JsonNode audit = single(routingAudits(ticket));
        assertThat(text(audit.at("/via/source/from/queue_id")))
                .isEqualTo(queue.get("id").asString());
        assertThat(audit.at("/via/source/from/queue_name").asString())
                .isEqualTo(queue.get("name").asString());
        JsonNode group = change(audit, "group_id");
        assertThat(group).isNotNull();
        assertThat(text(group.get("previous_value"))).isEqualTo(String.valueOf(inbox));
        assertThat(text(group.get("value"))).isEqualTo(String.valueOf(team.group()));
        assertThat(change(audit, "status")).as("open already").isNull();
        JsonNode routing = single(eventsOf(audit, "Routing"));
        assertThat(text(routing.get("queue_id"))).isEqualTo(queue.get("id").asString());
        assertThat(routing.get("assignment_method").asString()).isEqualTo("round_robin");
    }

    // ---- the routing tag
    // ----------------------------------------------------------------------------------------------

    @Test
    void onlyTicketsCarryingTheRoutingTagAreRoutedButChildTicketsAlways_R21() {
        Team team = team(true);
        TestUser agent = team.agent();
        String routingTag = tag + "route";
        online(agent);
        turnOnRouting("routing_tag", routingTag);

        long untagged = ticketIn(team.group());
        assertThat(queueEntry(untagged)).as("not routable: not queued").isNull();
        long tagged = ticketIn(team.group(), "tags", List.of(routingTag));
        awaitAssignee(tagged, agent);
        assertUnassigned(untagged);
        long child = childOf(startedToGroup(admin(), parentTicket(), team.group()));
        awaitAssignee(child, agent);
        assertUnassigned(untagged);

        updated(admin(), untagged, fields("tags", List.of(tag, routingTag)));

        awaitAssignee(untagged, agent);
    }

    // ---- reassignment
    // ---------------------------------------------------------------------------------------------------

    @Test
    void anAgentOfflineForTheDelayLosesTheirNewAndOpenRoutedTicketsToRouting_R21() {
        long group = group(true);
        TestUser leaving = memberOf(group);
        TestUser staying = memberOf(group);
        online(leaving);
        turnOnRouting("reassign_when_offline", true, "reassign_delay_seconds", 0);
        long open = ticketIn(group);
        long pending = ticketIn(group);
        awaitAssignee(open, leaving);
        awaitAssignee(pending, leaving);
        updated(admin(), pending, fields("status", "pending"));
        online(staying);

        offline(leaving);

        awaitAssignee(open, staying);
        JsonNode unassigned = single(routingEvents(open, "unassigned"));
        assertThat(unassigned.get("reason").asString()).isEqualTo("agent_offline");
        assertThat(routingEvents(open, "assigned")).hasSize(2);
        assertThat(assignee(pending)).as("a pending ticket stays").isEqualTo(leaving.id());
    }

    @Test
    void anAgentAwayForTheDelayLosesTheirRoutedTicketsWhenReassigningAway_R21() {
        long group = group(true);
        TestUser leaving = memberOf(group);
        TestUser staying = memberOf(group);
        online(leaving);
        turnOnRouting("reassign_when_away", true, "reassign_delay_seconds", 0);
        long ticket = ticketIn(group);
        awaitAssignee(ticket, leaving);
        online(staying);

        away(leaving);

        awaitAssignee(ticket, staying);
        assertThat(single(routingEvents(ticket, "unassigned")).get("reason").asString())
                .isEqualTo("agent_away");
    }

    @Test
    void aRoutedTicketReopenedWhileItsAssigneeIsOfflineIsRoutedAgain_R21() {
        long group = group(true);
        TestUser first = memberOf(group);
        TestUser second = memberOf(group);
        online(first);
        turnOnRouting("reassign_reopened", true);
        long ticket = ticketIn(group);
        awaitAssignee(ticket, first);
        solve(ticket);
        offline(first);
        online(second);

        updated(admin(), ticket, fields("status", "open"));

        awaitAssignee(ticket, second);
        assertThat(single(routingEvents(ticket, "unassigned")).get("reason").asString())
                .isEqualTo("reopened");
    }

    @Test
    void aTicketADirectoryChangeUnassignsIsRoutedAgain_R21() {
        long group = group(true);
        TestUser leaving = memberOf(group);
        online(leaving);
        turnOnRouting();
        long ticket = ticketIn(group);
        awaitAssignee(ticket, leaving);
        TestUser staying = memberOf(group);
        online(staying);
        long membership = admin().get("/api/v2/users/" + leaving.id() + "/group_memberships")
                .json()
                .at("/group_memberships/0/id")
                .asLong();

        assertThat(admin().delete("/api/v2/group_memberships/" + membership).status())
                .isEqualTo(204);

        awaitAssignee(ticket, staying);
    }

    // ---- custom queues
    // ------------------------------------------------------------------------------------------------

    @Test
    void theFirstMatchingQueueInOrderDecidesTheGroups_R21() {
        long inbox = group(true);
        Team first = team(true);
        Team second = team(true);
        online(first.agent(), second.agent());
        String other = queue(
                List.of(second.group()),
                "definition",
                definition(condition("current_tags", "includes", tag + "other")));
        String one = queue(List.of(first.group()));
        String two = queue(List.of(second.group()));
        putFirst(other, one, two);
        turnOnRouting();

        JsonNode routed = awaitAssignee(ticketIn(inbox), first.agent());
        assertThat(routed.get("group_id").asLong()).isEqualTo(first.group());

        putFirst(two, one);

        JsonNode rerouted = awaitAssignee(ticketIn(inbox), second.agent());
        assertThat(rerouted.get("group_id").asLong()).isEqualTo(second.group());
    }

    @Test
    void secondaryGroupsTakeATicketOnlyWhenNoPrimaryGroupsAgentCan_R21() {
        long inbox = group(true);
        Team backup = team(true);
        Team primary = team(true);
        capacityRule(10, backup.agent());
        queue(List.of(primary.group()), "secondary_groups", List.of(backup.group()));
        online(backup.agent(), primary.agent());
        turnOnRouting();

        JsonNode first = awaitAssignee(ticketIn(inbox), primary.agent());
        assertThat(first.get("group_id").asLong()).isEqualTo(primary.group());
        offline(primary.agent());

        JsonNode second = awaitAssignee(ticketIn(inbox), backup.agent());
        assertThat(second.get("group_id").asLong())
                .as("the group through which the agent was chosen")
                .isEqualTo(backup.group());
    }

    @Test
    void aTicketWaitsForItsPrimaryGroupsBeforeTheSecondaryOnesMayTakeIt_R21() {
        long inbox = group(true);
        Team primary = team(true);
        Team backup = team(true);
        queue(List.of(primary.group()), "secondary_groups", List.of(backup.group()));
        online(backup.agent());
        turnOnRouting("secondary_group_wait_seconds", 86_400);
        long ticket = ticketIn(inbox);
        proveWaiting(ticket);

        online(primary.agent());

        JsonNode routed = awaitAssignee(ticket, primary.agent());
        assertThat(routed.get("group_id").asLong()).isEqualTo(primary.group());
    }

    @Test
    void aTicketKeepsItsOwnGroupWhenTheChosenAgentIsInIt_R21() {
        long own = group(true);
        long queueGroup = group(true);
        TestUser agent = memberOf(queueGroup, own);
        queue(List.of(queueGroup));
        online(agent);
        turnOnRouting();

        JsonNode routed = awaitAssignee(ticketIn(own), agent);

        assertThat(routed.get("group_id").asLong()).isEqualTo(own);
    }

    // ---- routing off
    // ----------------------------------------------------------------------------------------------------

    @Test
    void withRoutingOffNothingIsQueuedOrRouted_R21() {
        Team team = team(true);
        TestUser agent = team.agent();
        capacityRule(1, agent);
        online(agent);
        long before = ticketIn(team.group());
        assertThat(queueEntry(before)).as("routing off: not queued").isNull();

        turnOnRouting();
        long after = ticketIn(team.group());

        awaitAssignee(after, agent);
        assertUnassigned(before);
        Api.Response off = putRouting(admin(), Map.of("enabled", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        solve(after);
        long whileOff = ticketIn(team.group());
        assertThat(queueEntry(whileOff)).as("routing off again: not queued").isNull();
        assertUnassigned(before, whileOff);
    }

    // ---- helpers
    // ----------------------------------------------------------------------------------------------------------

    /** Waits until the ticket is routed: whom to. */
    private long routedTo(long ticket) {
        return awaitRouted(ticket);
    }
}
