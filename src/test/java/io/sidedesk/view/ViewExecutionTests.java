package io.sidedesk.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a view lists (issue 22, docs/views-contract.md): each condition field with each of its operators proven
 * against tickets of the test (a ticket that meets it is listed, a near miss is not), {@code any}, the viewer's own
 * values ({@code current_user}, {@code current_groups}), child tickets' status through a link that holds (R13), hours
 * since creation and update, hours until the next SLA breach; the view's sort and the caller's, offset and cursor
 * paging (cursors that hold while tickets are added), counts that equal what is listed, count_many, the preview
 * that saves nothing, and the export. Every view here is narrowed to the test's own tag.
 */
class ViewExecutionTests extends ViewTestSupport {

    // ---- each field ---------------------------------------------------------------------------------------------

    @Test
    void statusIsIsNotLessThanAndGreaterThanFollowZendesksOrder() {
        long fresh = ticketInStatus("new");
        long open = ticketInStatus("open");
        long pending = ticketInStatus("pending");
        long hold = ticketInStatus("hold");
        long solved = ticketInStatus("solved");
        long closed = ticketInStatus("closed");

        assertThat(listedAndCounted(admin(), viewWith(condition("status", "is", "pending"))))
                .containsExactly(pending);
        assertThat(listedAndCounted(admin(), viewWith(condition("status", "is_not", "pending"))))
                .containsExactlyInAnyOrder(fresh, open, hold, solved, closed);
        assertThat(listedAndCounted(admin(), viewWith(condition("status", "less_than", "pending"))))
                .containsExactlyInAnyOrder(fresh, open);
        assertThat(listedAndCounted(admin(), viewWith(condition("status", "greater_than", "pending"))))
                .containsExactlyInAnyOrder(hold, solved, closed);
        assertThat(listedAndCounted(admin(), viewWith(condition("status", "less_than", "solved"))))
                .as("unsolved")
                .containsExactlyInAnyOrder(fresh, open, pending, hold);
        assertThat(listedAndCounted(admin(), viewWith(condition("status", "is", "closed"))))
                .containsExactly(closed);
        assertThat(listedAndCounted(admin(), viewWith(condition("status", "is", "new"))))
                .containsExactly(fresh);
    }

    /** Priorities in their order, none ({@code ""}) first, as the conditions of triggers read them. */
    @Test
    void priorityIsIsNotLessThanAndGreaterThanWithNoneFirst() {
        long none = ticketOf();
        long low = ticketOf("priority", "low");
        long normal = ticketOf("priority", "normal");
        long high = ticketOf("priority", "high");
        long urgent = ticketOf("priority", "urgent");

        assertThat(listedAndCounted(admin(), viewWith(condition("priority", "is", "high"))))
                .containsExactly(high);
        assertThat(listedAndCounted(admin(), viewWith(condition("priority", "is", ""))))
                .as("no priority")
                .containsExactly(none);
        assertThat(listedAndCounted(admin(), viewWith(condition("priority", "is_not", ""))))
                .containsExactlyInAnyOrder(low, normal, high, urgent);
        assertThat(listedAndCounted(admin(), viewWith(condition("priority", "is_not", "urgent"))))
                .containsExactlyInAnyOrder(none, low, normal, high);
        assertThat(listedAndCounted(admin(), viewWith(condition("priority", "less_than", "normal"))))
                .containsExactlyInAnyOrder(none, low);
        assertThat(listedAndCounted(admin(), viewWith(condition("priority", "greater_than", "normal"))))
                .containsExactlyInAnyOrder(high, urgent);
    }

    @Test
    void typeIsAndIsNotWithNone() {
        long none = ticketOf();
        long question = ticketOf("type", "question");
        long incident = ticketOf("type", "incident");
        long problem = ticketOf("type", "problem");
        long task = ticketOf("type", "task");

        assertThat(listedAndCounted(admin(), viewWith(condition("type", "is", "incident"))))
                .containsExactly(incident);
        assertThat(listedAndCounted(admin(), viewWith(condition("type", "is", ""))))
                .containsExactly(none);
        assertThat(listedAndCounted(admin(), viewWith(condition("type", "is_not", "incident"))))
                .containsExactlyInAnyOrder(none, question, problem, task);
        assertThat(listedAndCounted(admin(), viewWith(condition("type", "is_not", ""))))
                .containsExactlyInAnyOrder(question, incident, problem, task);
    }

    /** A ticket in no group is not in the group named: is_not holds for it (as a trigger's condition reads it). */
    @Test
    void groupIdIsAGroupNoneOrTheViewersGroups() {
        Team first = team(true);
        Team second = team(true);
        long inFirst = ticketOf("group_id", first.group());
        long inSecond = ticketOf("group_id", second.group());
        long inNone = ticketOf();

        assertThat(listedAndCounted(admin(), viewWith(condition("group_id", "is", first.group()))))
                .containsExactly(inFirst);
        assertThat(listedAndCounted(admin(), viewWith(condition("group_id", "is", String.valueOf(first.group())))))
                .as("an id given as text")
                .containsExactly(inFirst);
        assertThat(listedAndCounted(admin(), viewWith(condition("group_id", "is", ""))))
                .containsExactly(inNone);
        assertThat(listedAndCounted(admin(), viewWith(condition("group_id", "is_not", ""))))
                .containsExactlyInAnyOrder(inFirst, inSecond);
        assertThat(listedAndCounted(admin(), viewWith(condition("group_id", "is_not", first.group()))))
                .containsExactlyInAnyOrder(inSecond, inNone);

        long mine = viewWith(condition("group_id", "is", "current_groups"));
        long notMine = viewWith(condition("group_id", "is_not", "current_groups"));
        assertThat(listedAndCounted(as(first.agent()), mine)).containsExactly(inFirst);
        assertThat(listedAndCounted(as(second.agent()), mine)).containsExactly(inSecond);
        assertThat(listedAndCounted(as(agent()), mine))
                .as("an agent in no group")
                .isEmpty();
        assertThat(listedAndCounted(as(first.agent()), notMine)).containsExactlyInAnyOrder(inSecond, inNone);
        TestUser both = agent();
        membership(both, first.group());
        membership(both, second.group());
        assertThat(listedAndCounted(as(both), mine)).containsExactlyInAnyOrder(inFirst, inSecond);
        assertThat(listedAndCounted(as(both), notMine)).containsExactly(inNone);
    }

    @Test
    void assigneeIdIsAnAgentNoneOrTheViewer() {
        Team team = team(true);
        Team other = team(true);
        long assigned =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id());
        long assignedElsewhere =
                ticketOf("group_id", other.group(), "assignee_id", other.agent().id());
        long unassigned = ticketOf("group_id", team.group());

        assertThat(listedAndCounted(
                        admin(),
                        viewWith(condition("assignee_id", "is", team.agent().id()))))
                .containsExactly(assigned);
        assertThat(listedAndCounted(admin(), viewWith(condition("assignee_id", "is", ""))))
                .containsExactly(unassigned);
        assertThat(listedAndCounted(admin(), viewWith(condition("assignee_id", "is_not", ""))))
                .containsExactlyInAnyOrder(assigned, assignedElsewhere);
        assertThat(listedAndCounted(
                        admin(),
                        viewWith(condition("assignee_id", "is_not", team.agent().id()))))
                .containsExactlyInAnyOrder(assignedElsewhere, unassigned);

        long mine = viewWith(condition("assignee_id", "is", "current_user"));
        long notMine = viewWith(condition("assignee_id", "is_not", "current_user"));
        assertThat(listedAndCounted(as(team.agent()), mine)).containsExactly(assigned);
        assertThat(listedAndCounted(as(other.agent()), mine)).containsExactly(assignedElsewhere);
        assertThat(listedAndCounted(admin(), mine))
                .as("the admin is assigned none of them")
                .isEmpty();
        assertThat(listedAndCounted(as(team.agent()), notMine))
                .containsExactlyInAnyOrder(assignedElsewhere, unassigned);
    }

    @Test
    void requesterIdIsAUserOrTheViewer() {
        TestUser customer = endUser();
        TestUser otherCustomer = endUser();
        TestUser agent = agent();
        long byCustomer = ticketOf("requester_id", customer.id());
        long byOther = ticketOf("requester_id", otherCustomer.id());
        long byAgent = ticketOf("requester_id", agent.id());

        assertThat(listedAndCounted(admin(), viewWith(condition("requester_id", "is", customer.id()))))
                .containsExactly(byCustomer);
        assertThat(listedAndCounted(admin(), viewWith(condition("requester_id", "is_not", customer.id()))))
                .containsExactlyInAnyOrder(byOther, byAgent);
        long mine = viewWith(condition("requester_id", "is", "current_user"));
        assertThat(listedAndCounted(as(agent), mine)).containsExactly(byAgent);
        assertThat(listedAndCounted(as(agent()), mine)).isEmpty();
        assertThat(listedAndCounted(as(agent), viewWith(condition("requester_id", "is_not", "current_user"))))
                .containsExactlyInAnyOrder(byCustomer, byOther);
    }

    /** Tags are whole words: includes holds when the ticket has at least one of them, not_includes when none. */
    @Test
    void currentTagsIncludesAnyOfTheTagsAndNotIncludesNone() {
        String red = tag + "red";
        String blue = tag + "blue";
        long withRed = ticketOf("tags", List.of(red));
        long withBlue = ticketOf("tags", List.of(blue));
        long withBoth = ticketOf("tags", List.of(red, blue));
        long withLookalike = ticketOf("tags", List.of(red + "dish"));
        long plain = ticketOf();

        assertThat(listedAndCounted(admin(), viewWith(condition("current_tags", "includes", red))))
                .containsExactlyInAnyOrder(withRed, withBoth);
        assertThat(listedAndCounted(admin(), viewWith(condition("current_tags", "includes", red + " " + blue))))
                .containsExactlyInAnyOrder(withRed, withBlue, withBoth);
        assertThat(listedAndCounted(admin(), viewWith(condition("current_tags", "not_includes", red))))
                .containsExactlyInAnyOrder(withBlue, withLookalike, plain);
        assertThat(listedAndCounted(admin(), viewWith(condition("current_tags", "not_includes", red + " " + blue))))
                .containsExactlyInAnyOrder(withLookalike, plain);
        assertThat(listedAndCounted(
                        admin(),
                        viewWith(
                                condition("current_tags", "includes", red),
                                condition("current_tags", "includes", blue))))
                .as("two conditions in all: both")
                .containsExactly(withBoth);
    }

    @Test
    void viaIdTellsSideConversationChildTicketsFromTheRest() {
        Link link = link();
        addTag(link.parent());
        addTag(link.child());
        long plain = ticketOf();

        assertThat(listedAndCounted(admin(), viewWith(condition("via_id", "is", "100"))))
                .containsExactly(link.child());
        assertThat(listedAndCounted(admin(), viewWith(condition("via_id", "is", "5"))))
                .containsExactlyInAnyOrder(link.parent(), plain);
        assertThat(listedAndCounted(admin(), viewWith(condition("via_id", "is_not", "100"))))
                .containsExactlyInAnyOrder(link.parent(), plain);
        assertThat(listedAndCounted(admin(), viewWith(condition("via_id", "is_not", "5"))))
                .containsExactly(link.child());
    }

    @Test
    void ticketFormIdIsAndIsNot() {
        long form = ticketForm();
        long otherForm = ticketForm();
        long withForm = ticketOf("ticket_form_id", form);
        long withOther = ticketOf("ticket_form_id", otherForm);

        assertThat(listedAndCounted(admin(), viewWith(condition("ticket_form_id", "is", form))))
                .containsExactly(withForm);
        assertThat(listedAndCounted(admin(), viewWith(condition("ticket_form_id", "is_not", form))))
                .containsExactly(withOther);
    }

    /** NEW is hours since the ticket was created; updated_at hours since its last update. */
    @Test
    void hoursSinceCreatedAndSinceUpdated() {
        long recent = ticketOf();
        long oldButTouched = ticketOf();
        long stale = ticketOf();
        backdate(oldButTouched, Duration.ofHours(30), Duration.ofHours(1));
        backdate(stale, Duration.ofHours(50), Duration.ofHours(48));

        assertThat(listedAndCounted(admin(), viewWith(condition("NEW", "less_than", 24))))
                .containsExactly(recent);
        assertThat(listedAndCounted(admin(), viewWith(condition("NEW", "greater_than", 24))))
                .containsExactlyInAnyOrder(oldButTouched, stale);
        assertThat(listedAndCounted(admin(), viewWith(condition("NEW", "greater_than", "40"))))
                .as("hours given as text")
                .containsExactly(stale);
        assertThat(listedAndCounted(admin(), viewWith(condition("updated_at", "less_than", 24))))
                .containsExactlyInAnyOrder(recent, oldButTouched);
        assertThat(listedAndCounted(admin(), viewWith(condition("updated_at", "greater_than", 24))))
                .containsExactly(stale);
        assertThat(listedAndCounted(admin(), viewWith(condition("updated_at", "less_than", 0.5))))
                .as("updated within the half hour")
                .containsExactly(recent);
    }

    /** Tickets without a running SLA target (none applies, or it was fulfilled) meet neither operator. */
    @Test
    void hoursUntilTheNextSlaBreachCountOnlyRunningTargets() {
        String policies = "/api/v2/slas/policies";
        Api.Response policy = admin().post(
                        policies,
                        Map.of(
                                "sla_policy",
                                Map.of(
                                        "title",
                                        unique("View policy " + tag),
                                        "filter",
                                        Map.of("all", List.of(tagged())),
                                        "policy_metrics",
                                        List.of(Map.of(
                                                "priority",
                                                "urgent",
                                                "metric",
                                                "first_reply_time",
                                                "target",
                                                120,
                                                "business_hours",
                                                false)))));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        long policyId = policy.json().at("/sla_policy/id").asLong();
        try {
            Team team = team(true);
            TestUser customer = endUser();
            long running = customerTicket(customer, team, "urgent");
            long noTarget = customerTicket(customer, team, "low");
            long fulfilled = customerTicket(customer, team, "urgent");
            commented(as(team.agent()), fulfilled, "On it", true);

            assertThat(listedAndCounted(admin(), viewWith(condition("hours_until_next_sla_breach", "less_than", 3))))
                    .containsExactly(running);
            assertThat(listedAndCounted(admin(), viewWith(condition("hours_until_next_sla_breach", "greater_than", 1))))
                    .containsExactly(running);
            assertThat(listedAndCounted(admin(), viewWith(condition("hours_until_next_sla_breach", "greater_than", 3))))
                    .isEmpty();
            assertThat(listedAndCounted(admin(), viewWith(condition("hours_until_next_sla_breach", "less_than", 1))))
                    .isEmpty();
            assertThat(listedAndCounted(admin(), viewWith()))
                    .as("the near misses are the test's")
                    .containsExactlyInAnyOrder(running, noTarget, fulfilled);
        } finally {
            Api.Response deleted = admin().delete(policies + "/" + policyId);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        }
    }

    /**
     * child_status holds for a ticket with a linked child (R13) whose status meets it: a ticket without children
     * meets none of its operators, is_not included; a link broken by changing the child's external_id stops counting,
     * and counts again once the external_id is back.
     */
    @Test
    void childStatusCountsLinkedChildTicketsOnly_R13() {
        Link link = link();
        addTag(link.parent());
        addTag(link.child());
        long childless = ticketOf();
        String childStatus = ticket(link.child()).get("status").asString();
        assertThat(childStatus).as("the child is assigned").isEqualTo("open");
        long unsolved = viewWith(condition("child_status", "less_than", "solved"));
        long solved = viewWith(condition("child_status", "is", "solved"));
        long notSolved = viewWith(condition("child_status", "is_not", "solved"));
        long open = viewWith(condition("child_status", "is", "open"));
        long beyondOpen = viewWith(condition("child_status", "greater_than", "open"));

        assertThat(listedAndCounted(admin(), unsolved)).containsExactly(link.parent());
        assertThat(listedAndCounted(admin(), open)).containsExactly(link.parent());
        assertThat(listedAndCounted(admin(), notSolved))
                .as("a ticket without children meets no child_status condition")
                .containsExactly(link.parent());
        assertThat(listedAndCounted(admin(), solved)).isEmpty();
        assertThat(listedAndCounted(admin(), beyondOpen)).isEmpty();
        assertThat(listed(admin(), viewWith())).contains(childless);

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        assertThat(listedAndCounted(admin(), solved)).containsExactly(link.parent());
        assertThat(listedAndCounted(admin(), beyondOpen)).containsExactly(link.parent());
        assertThat(listedAndCounted(admin(), unsolved)).isEmpty();
        assertThat(listedAndCounted(admin(), notSolved)).isEmpty();

        updated(admin(), link.child(), fields("external_id", unique("moved")));
        assertThat(listedAndCounted(admin(), solved)).as("the link is broken").isEmpty();
        assertThat(listedAndCounted(admin(), beyondOpen)).isEmpty();
        assertThat(listedAndCounted(admin(), notSolved)).isEmpty();

        updated(admin(), link.child(), fields("external_id", link.externalId()));
        assertThat(listedAndCounted(admin(), solved)).as("the link holds again").containsExactly(link.parent());
    }

    @Test
    void aParentWithTwoChildrenMeetsAConditionIfEitherChildDoes_R13() {
        Link link = link();
        addTag(link.parent());
        JsonNode second = startedToGroup(
                as(link.childAgent()), link.parent(), link.childTeam().group());
        long secondChild = childOf(second);
        long unsolved = viewWith(condition("child_status", "less_than", "solved"));
        long solved = viewWith(condition("child_status", "is", "solved"));

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));

        assertThat(ticket(secondChild).get("status").asString()).isIn("new", "open");
        assertThat(listedAndCounted(admin(), unsolved)).containsExactly(link.parent());
        assertThat(listedAndCounted(admin(), solved)).containsExactly(link.parent());
    }

    // ---- any ----------------------------------------------------------------------------------------------------

    @Test
    void anyNeedsOneOfItsConditionsAndAnEmptyAnyNoneOfThem() {
        long openLow = ticketOf("status", "open", "priority", "low");
        long pendingUrgent = ticketOf("status", "pending", "priority", "urgent");
        long pendingLow = ticketOf("status", "pending", "priority", "low");
        long openUrgent = ticketOf("status", "open", "priority", "urgent");

        long either = createdView(
                        admin(),
                        viewBody(
                                "any",
                                List.of(condition("status", "is", "open"), condition("priority", "is", "urgent"))))
                .get("id")
                .asLong();
        assertThat(listedAndCounted(admin(), either)).containsExactlyInAnyOrder(openLow, pendingUrgent, openUrgent);
        long allAndAny = createdView(
                        admin(),
                        viewBody(
                                "all",
                                allOf(condition("status", "is", "pending")),
                                "any",
                                List.of(condition("priority", "is", "urgent"), condition("type", "is", "task"))))
                .get("id")
                .asLong();
        assertThat(listedAndCounted(admin(), allAndAny)).containsExactly(pendingUrgent);
        long emptyAny =
                createdView(admin(), viewBody("any", List.of())).get("id").asLong();
        assertThat(listedAndCounted(admin(), emptyAny))
                .containsExactlyInAnyOrder(openLow, pendingUrgent, pendingLow, openUrgent);
        long anyOfOne = createdView(admin(), viewBody("any", List.of(condition("status", "is", "pending"))))
                .get("id")
                .asLong();
        assertThat(listedAndCounted(admin(), anyOfOne)).containsExactlyInAnyOrder(pendingUrgent, pendingLow);
    }

    @Test
    void theViewersOwnValuesInAnyAreTheViewers() {
        Team team = team(true);
        long assigned =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id());
        long requested = ticketOf("requester_id", team.agent().id());
        long neither = ticketOf();
        long view = createdView(
                        admin(),
                        viewBody(
                                "any",
                                List.of(
                                        condition("assignee_id", "is", "current_user"),
                                        condition("requester_id", "is", "current_user"))))
                .get("id")
                .asLong();

        assertThat(listedAndCounted(as(team.agent()), view)).containsExactlyInAnyOrder(assigned, requested);
        assertThat(listedAndCounted(admin(), view))
                .as("the admin opened them, so requested those not requested for the agent")
                .containsExactlyInAnyOrder(assigned, neither);
    }

    // ---- the tickets listed -------------------------------------------------------------------------------------

    @Test
    void aViewListsTheSameTicketObjectsAsTheTicketsEndpoint() {
        Team team = team(true);
        long id = ticketOf(
                "group_id", team.group(), "assignee_id", team.agent().id(), "priority", "high", "type", "question");

        JsonNode listed = single(ApiAssertions.allOffsetPages(admin(), ticketsOf(viewWith()), "tickets", 10));

        assertThat(listed).isEqualTo(ticket(id));
        JsonNode byAgent = single(ApiAssertions.allOffsetPages(as(team.agent()), ticketsOf(viewWith()), "tickets", 10));
        assertThat(byAgent)
                .isEqualTo(as(team.agent()).get("/api/v2/tickets/" + id).json().get("ticket"));
    }

    /**
     * The tickets' creation follows their ids (the service stamps them as it writes them), so by created_at is by id;
     * updates, statuses and priorities each order them otherwise.
     */
    @Test
    void theViewsSortOrTheCallersOrdersTheTickets() {
        Sorted t = sortedTickets();
        long byDefault = view().get("id").asLong();
        long byUpdate = view("output", output("sort_by", "updated_at", "sort_order", "desc"))
                .get("id")
                .asLong();
        long byStatus = view("output", output("sort_by", "status")).get("id").asLong();
        long byPriority = view("output", output("sort_by", "priority", "sort_order", "desc"))
                .get("id")
                .asLong();

        assertThat(listed(admin(), byDefault)).as("created_at asc").containsExactly(t.t1, t.t2, t.t3, t.t4);
        assertThat(listed(admin(), ticketsOf(byDefault) + "?sort_order=desc"))
                .as("the view's sort, the caller's order")
                .containsExactly(t.t4, t.t3, t.t2, t.t1);
        assertThat(listed(admin(), byUpdate)).containsExactly(t.t2, t.t4, t.t3, t.t1);
        assertThat(listed(admin(), byStatus)).as("new, open, pending, hold").containsExactly(t.t2, t.t1, t.t4, t.t3);
        assertThat(listed(admin(), byPriority)).as("urgent, high, normal, low").containsExactly(t.t2, t.t1, t.t4, t.t3);
        String path = ticketsOf(byDefault);
        assertThat(listed(admin(), path + "?sort_by=id")).containsExactly(t.t1, t.t2, t.t3, t.t4);
        assertThat(listed(admin(), path + "?sort_by=id&sort_order=desc")).containsExactly(t.t4, t.t3, t.t2, t.t1);
        assertThat(listed(admin(), path + "?sort_by=created_at&sort_order=desc"))
                .containsExactly(t.t4, t.t3, t.t2, t.t1);
        assertThat(listed(admin(), path + "?sort_by=updated_at")).containsExactly(t.t1, t.t3, t.t4, t.t2);
        assertThat(listed(admin(), path + "?sort_by=status")).containsExactly(t.t2, t.t1, t.t4, t.t3);
        assertThat(listed(admin(), path + "?sort_by=priority")).containsExactly(t.t3, t.t4, t.t1, t.t2);
        assertThat(listed(admin(), ticketsOf(byPriority) + "?sort_by=id&sort_order=asc"))
                .as("the caller's sort over the view's")
                .containsExactly(t.t1, t.t2, t.t3, t.t4);
        assertThat(listed(admin(), ticketsOf(byUpdate) + "?sort_order=asc"))
                .as("the view's sort, the caller's order")
                .containsExactly(t.t1, t.t3, t.t4, t.t2);
        Api.Response sideways = admin().get(path + "?sort_order=sideways");
        assertThat(sideways.status()).as(sideways.toString()).isEqualTo(400);
        assertThat(sideways.json().path("details").has("sort_order"))
                .as(sideways.toString())
                .isTrue();
    }

    @Test
    void offsetPagesReachEveryTicketOnceAndCountThemAll() {
        List<Long> made = tickets(5);
        long view = view().get("id").asLong();

        assertThat(ids(ApiAssertions.allOffsetPages(admin(), ticketsOf(view), "tickets", 2)))
                .isEqualTo(made);
        Api.Response second = admin().get(ticketsOf(view) + "?page=2&per_page=2");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(ids(second.json().get("tickets"))).isEqualTo(made.subList(2, 4));
        assertThat(second.json().get("count").asLong()).isEqualTo(5);
        assertThat(second.json().get("next_page").asString()).contains("page=3");
        assertThat(second.json().get("previous_page").asString()).contains("page=1");
        Api.Response beyond = admin().get(ticketsOf(view) + "?page=4&per_page=2");
        assertThat(beyond.json().get("tickets")).isEmpty();
        assertThat(beyond.json().get("next_page").isNull()).isTrue();
    }

    @Test
    void cursorPagesReachEveryTicketOnceInTheOrderAsked() {
        List<Long> made = tickets(5);
        long view = view().get("id").asLong();
        List<Long> reversed = new ArrayList<>(made);
        java.util.Collections.reverse(reversed);

        assertThat(ids(cursorPages(admin(), ticketsOf(view), "tickets", 2))).isEqualTo(made);
        assertThat(ids(cursorPages(admin(), ticketsOf(view) + "?sort_by=id&sort_order=desc", "tickets", 2)))
                .isEqualTo(reversed);
        assertThat(ids(cursorPages(admin(), ticketsOf(view) + "?sort_by=updated_at", "tickets", 3)))
                .isEqualTo(made);
        long newestFirst = view("output", output("sort_by", "created_at", "sort_order", "desc"))
                .get("id")
                .asLong();
        assertThat(ids(cursorPages(admin(), ticketsOf(newestFirst), "tickets", 2)))
                .isEqualTo(reversed);
    }

    @Test
    void cursorPagesByStatusOrPriorityReachEveryTicketOnceInTheOrderOfferedByOffset() {
        // Ties (several tickets of one priority or status) are broken by id, so cursors are keysets on (key, id).
        for (String priority : List.of("urgent", "low", "high", "low", "normal", "urgent")) {
            ticketOf("priority", priority);
        }
        ticketInStatus("open");
        ticketInStatus("pending");
        long byStatus = view("output", output("sort_by", "status", "sort_order", "desc"))
                .get("id")
                .asLong();
        long byDefault = view().get("id").asLong();

        for (String path : List.of(
                ticketsOf(byStatus),
                ticketsOf(byDefault) + "?sort_by=priority&sort_order=desc",
                ticketsOf(byDefault) + "?sort_by=priority&sort_order=asc",
                ticketsOf(byDefault) + "?sort_by=status&sort_order=asc",
                ticketsOf(byDefault) + "?sort_by=updated_at&sort_order=desc")) {
            List<Long> byOffset = listed(admin(), path);
            assertThat(byOffset).as(path).hasSize(8);
            assertThat(ids(cursorPages(admin(), path, "tickets", 3)))
                    .as("%s walked by cursor, three at a time", path)
                    .containsExactlyElementsOf(byOffset);
        }
    }

    @Test
    void unusablePageParametersOnAViewsTicketsAre400NamingTheParameter() {
        tickets(1);
        long view = view().get("id").asLong();
        String[][] cases = {
            {"per_page=0", "per_page"},
            {"per_page=101", "per_page"},
            {"page=0", "page"},
            {"page=10001&per_page=1", "page"},
            {"page[size]=0", "page[size]"},
            {"page[size]=101", "page[size]"},
            {"page[size]=2&page[after]=!!!", "page[after]"},
        };
        for (String[] c : cases) {
            for (String path : List.of(ticketsOf(view), VIEWS + "/" + view + "/export")) {
                if (path.endsWith("/export") && !c[1].startsWith("page[")) {
                    continue;
                }
                Api.Response response = admin().get(path + "?" + c[0]);
                assertThat(response.status())
                        .as(path + "?" + c[0] + " → " + response)
                        .isEqualTo(400);
                assertThat(response.json().path("details").has(c[1]))
                        .as(path + "?" + c[0] + " → " + response)
                        .isTrue();
            }
        }
    }

    /** A cursor is a key, not an offset: tickets added while a client pages neither repeat nor hide others. */
    @Test
    void aCursorHoldsWhileTicketsAreAdded() {
        List<Long> made = tickets(4);
        long oldestFirst = view().get("id").asLong();
        long newestFirst = view("output", output("sort_by", "nice_id", "sort_order", "desc"))
                .get("id")
                .asLong();

        Api.Response first = admin().get(ticketsOf(oldestFirst) + "?page[size]=2");
        Api.Response firstNewest = admin().get(ticketsOf(newestFirst) + "?page[size]=2");
        assertThat(ids(first.json().get("tickets"))).isEqualTo(made.subList(0, 2));
        assertThat(ids(firstNewest.json().get("tickets"))).containsExactly(made.get(3), made.get(2));
        List<Long> added = tickets(3);

        List<Long> oldest = new ArrayList<>(ids(first.json().get("tickets")));
        oldest.addAll(ids(rest(first)));
        List<Long> everyOldestFirst = new ArrayList<>(made);
        everyOldestFirst.addAll(added);
        assertThat(oldest).as("every ticket once, the added ones last").isEqualTo(everyOldestFirst);
        List<Long> newest = new ArrayList<>(ids(firstNewest.json().get("tickets")));
        newest.addAll(ids(rest(firstNewest)));
        assertThat(newest)
                .as("the older tickets once; the added ones are before the cursor")
                .containsExactly(made.get(3), made.get(2), made.get(1), made.get(0));
        assertThat(listedAndCounted(admin(), oldestFirst)).hasSize(7);
    }

    // ---- counts -------------------------------------------------------------------------------------------------

    @Test
    void aCountHasZendesksShapeAndEqualsWhatIsListedForEachCaller() {
        Team team = team(true);
        Team privateTeam = team(false);
        ticketOf("group_id", team.group());
        ticketOf("group_id", privateTeam.group());
        ticketOf();
        long view = view().get("id").asLong();

        JsonNode count = viewCount(admin(), view);
        assertThat(count.get("view_id").asLong()).isEqualTo(view);
        assertThat(count.get("value").asLong()).isEqualTo(3);
        assertThat(count.get("pretty").asString()).isEqualTo("3");
        assertThat(count.get("fresh").asBoolean()).isTrue();
        assertThat(listedAndCounted(admin(), view)).hasSize(3);
        assertThat(listedAndCounted(as(team.agent()), view)).hasSize(2);
        assertThat(listedAndCounted(as(privateTeam.agent()), view)).hasSize(3);
        assertThat(listedAndCounted(as(lightAgent()), view)).hasSize(2);
        assertThat(count.get("url").asString())
                .as("Zendesk's view count names its own url")
                .contains("/api/v2/views/" + view + "/count");
    }

    @Test
    void countManyAnswersInTheOrderAskedAndLeavesOutViewsTheCallerMayNotUse() {
        ticketOf("status", "open");
        ticketOf("status", "open");
        ticketOf("status", "pending");
        long two = viewWith(condition("status", "is", "open"));
        long one = viewWith(condition("status", "is", "pending"));
        long none = viewWith(condition("status", "is", "hold"));
        long hidden = createdView(admin(), viewBody("restriction", groupRestriction(group(true))))
                .get("id")
                .asLong();
        Api agent = as(agent());

        Api.Response response =
                agent.get(VIEWS + "/count_many?ids=" + one + "," + MISSING + "," + two + "," + hidden + "," + none);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode counts = response.json().get("view_counts");
        assertThat(counts.findValuesAsString("view_id"))
                .containsExactly(String.valueOf(one), String.valueOf(two), String.valueOf(none));
        assertThat(counts.get(0).get("value").asLong()).isEqualTo(1);
        assertThat(counts.get(1).get("value").asLong()).isEqualTo(2);
        assertThat(counts.get(2).get("value").asLong()).isZero();
        counts.forEach(count -> assertThat(count.get("fresh").asBoolean()).isTrue());
        JsonNode byAdmin = admin().get(VIEWS + "/count_many?ids=" + hidden + "," + two)
                .json()
                .get("view_counts");
        assertThat(byAdmin.findValuesAsString("view_id")).containsExactly(String.valueOf(hidden), String.valueOf(two));
        assertThat(byAdmin.get(0).get("value").asLong()).isEqualTo(3);

        String twentyOne =
                LongStream.rangeClosed(1, 21).mapToObj(String::valueOf).collect(Collectors.joining(","));
        for (String ids : List.of(twentyOne, "", "x")) {
            Api.Response refused = admin().get(VIEWS + "/count_many?ids=" + ids);
            assertThat(refused.status()).as(ids + " → " + refused).isEqualTo(400);
            assertThat(refused.json().path("details").has("ids"))
                    .as(refused.toString())
                    .isTrue();
        }
        String twenty = LongStream.rangeClosed(1, 19)
                .mapToObj(n -> String.valueOf(MISSING + n))
                .collect(Collectors.joining(","));
        Api.Response atTheLimit = admin().get(VIEWS + "/count_many?ids=" + twenty + "," + two);
        assertThat(atTheLimit.status()).as(atTheLimit.toString()).isEqualTo(200);
        assertThat(atTheLimit.json().get("view_counts").findValuesAsString("view_id"))
                .containsExactly(String.valueOf(two));
    }

    // ---- preview ------------------------------------------------------------------------------------------------

    @Test
    void aPreviewListsWhatTheViewWouldAndSavesNothing() {
        long open = ticketOf("status", "open", "priority", "high");
        long alsoOpen = ticketOf("status", "open");
        long pending = ticketOf("status", "pending");
        List<Long> viewsBefore = viewIds(admin(), VIEWS);
        Map<String, Object> preview = fields(
                "all",
                allOf(condition("status", "is", "open")),
                "any",
                List.of(),
                "output",
                output("columns", List.of("subject", "status", "priority")));

        Api.Response response = admin().post(VIEWS + "/preview", Map.of("view", preview));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(rowTicketIds(body)).containsExactlyInAnyOrder(open, alsoOpen).doesNotContain(pending);
        assertThat(body.get("count").asLong()).isEqualTo(2);
        assertThat(body.get("columns").findValuesAsString("id")).containsExactly("subject", "status", "priority");
        assertThat(body.get("groups").isArray()).isTrue();
        for (JsonNode row : body.get("rows")) {
            assertThat(row.get("ticket")).isEqualTo(ticket(row.at("/ticket/id").asLong()));
        }
        Api.Response paged = admin().post(VIEWS + "/preview?per_page=1", Map.of("view", preview));
        assertThat(paged.status()).as(paged.toString()).isEqualTo(200);
        assertThat(paged.json().get("rows")).hasSize(1);
        assertThat(paged.json().get("count").asLong()).isEqualTo(2);
        assertThat(paged.json().get("next_page").isNull()).isFalse();
        assertThat(paged.json().get("previous_page").isNull()).isTrue();
        Api.Response withAny = admin().post(
                        VIEWS + "/preview",
                        Map.of("view", fields("all", allOf(), "any", List.of(condition("priority", "is", "high")))));
        assertThat(rowTicketIds(withAny.json())).containsExactly(open);
        assertThat(viewIds(admin(), VIEWS)).as("nothing saved").isEqualTo(viewsBefore);
    }

    @Test
    void aPreviewCountCountsWhatThePreviewLists() {
        ticketOf("status", "open");
        ticketOf("status", "open");
        ticketOf("status", "pending");
        Team privateTeam = team(false);
        ticketOf("status", "open", "group_id", privateTeam.group());

        Api.Response response = admin().post(
                        VIEWS + "/preview/count",
                        Map.of("view", fields("all", allOf(condition("status", "is", "open")), "any", List.of())));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode count = response.json().get("view_count");
        assertThat(count.get("view_id").isNull()).isTrue();
        assertThat(count.get("url").isNull()).isTrue();
        assertThat(count.get("value").asLong()).isEqualTo(3);
        assertThat(count.get("pretty").asString()).isEqualTo("3");
        assertThat(count.get("fresh").asBoolean()).isTrue();
        Api.Response byOutsider = as(agent())
                .post(
                        VIEWS + "/preview/count",
                        Map.of("view", fields("all", allOf(condition("status", "is", "open")))));
        assertThat(byOutsider.json().at("/view_count/value").asLong())
                .as("not the private group's ticket")
                .isEqualTo(2);
    }

    @Test
    void aWrongPreviewIsA422NamingThePlace() {
        Api api = admin().withoutContract();
        List<Long> viewsBefore = viewIds(admin(), VIEWS);

        assertInvalid(
                api.post(
                        VIEWS + "/preview",
                        Map.of("view", fields("all", List.of(tagged(), condition("bogus", "is", "x"))))),
                "all[1].field");
        assertInvalid(
                api.post(
                        VIEWS + "/preview",
                        Map.of("view", fields("all", allOf(), "any", List.of(condition("status", "changed", "open"))))),
                "any[0].operator");
        assertInvalid(api.post(VIEWS + "/preview", Map.of("view", fields("all", List.of()))), "all");
        assertInvalid(
                api.post(
                        VIEWS + "/preview",
                        Map.of("view", fields("all", allOf(), "output", output("columns", List.of("bogus"))))),
                "output.columns[0]");
        assertInvalid(
                api.post(
                        VIEWS + "/preview/count",
                        Map.of("view", fields("all", List.of(tagged(), condition("status", "is", "bogus"))))),
                "all[1].value");
        assertThat(viewIds(admin(), VIEWS)).as("nothing saved").isEqualTo(viewsBefore);
    }

    // ---- export -------------------------------------------------------------------------------------------------

    @Test
    void theExportWalksEveryTicketOfTheViewByIdWithACursor() {
        List<Long> made = tickets(5);
        long view = view("output", output("sort_by", "created_at", "sort_order", "desc"))
                .get("id")
                .asLong();

        Api.Response first = admin().get(VIEWS + "/" + view + "/export?page[size]=2");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().at("/export/view_id").asLong()).isEqualTo(view);
        assertThat(first.json().at("/export/status").asString()).isEqualTo("ready");
        List<JsonNode> exported = cursorPages(admin(), VIEWS + "/" + view + "/export", "tickets", 2);
        assertThat(ids(exported)).as("by id, whatever the view's sort").isEqualTo(made);
        for (JsonNode ticket : exported) {
            assertThat(ticket).isEqualTo(ticket(ticket.get("id").asLong()));
        }
        long open = viewWith(condition("status", "is", "open"));
        updated(admin(), made.get(2), fields("status", "open"));
        assertThat(ids(cursorPages(admin(), VIEWS + "/" + open + "/export", "tickets", 100)))
                .containsExactly(made.get(2));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Tickets of the test, made in turn: their ids, oldest first. */
    private List<Long> tickets(int count) {
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(ticketOf());
        }
        return made;
    }

    /** Every further page of a cursor-paged answer, following links.next. */
    private List<JsonNode> rest(Api.Response page) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode next = page.json().at("/links/next");
        while (!next.isMissingNode() && !next.isNull()) {
            Api.Response response = admin().get(next.asString());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.json().get("tickets").forEach(items::add);
            next = response.json().at("/links/next");
        }
        return items;
    }

    /** Four tickets created in id order, whose update, status and priority orders each differ from it. */
    private record Sorted(long t1, long t2, long t3, long t4) {}

    private Sorted sortedTickets() {
        long t1 = ticketOf("status", "open", "priority", "high");
        long t2 = ticketOf("status", "new", "priority", "urgent");
        long t3 = ticketOf("status", "hold", "priority", "low");
        long t4 = ticketOf("status", "pending", "priority", "normal");
        backdate(t1, Duration.ofHours(4), Duration.ofMinutes(40));
        backdate(t2, Duration.ofHours(3), Duration.ofMinutes(10));
        backdate(t3, Duration.ofHours(2), Duration.ofMinutes(30));
        backdate(t4, Duration.ofHours(1), Duration.ofMinutes(20));
        return new Sorted(t1, t2, t3, t4);
    }

    /** An end-user's ticket (their own comment, so first reply time runs), tagged, in the team's group. */
    private long customerTicket(TestUser customer, Team team, String priority) {
        return ticketOf(
                "comment",
                Map.of("body", "It does not work", "author_id", customer.id()),
                "requester_id",
                customer.id(),
                "group_id",
                team.group(),
                "assignee_id",
                team.agent().id(),
                "priority",
                priority);
    }
}
