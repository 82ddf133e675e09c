package io.sidedesk.view;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eight standard views (a migration; docs/views-contract.md): there for everyone, {@code default: true}, and each
 * lists what its title says. They hold every test's tickets, so each test makes its own tickets (a match and its near
 * misses) and looks for them among the newest, except where the view is the caller's own (their assignments, their
 * new group). They are never changed here.
 */
class StandardViewTests extends ViewTestSupport {

    @Test
    void theEightStandardViewsAreThereForEveryoneAsDefaults() {
        List<JsonNode> every = ApiAssertions.all(admin(), VIEWS, "views");
        List<String> defaults = every.stream()
                .filter(v -> v.get("default").asBoolean())
                .map(v -> v.get("title").asString())
                .toList();

        assertThat(defaults)
                .as("only the standard views are default")
                .containsExactlyInAnyOrderElementsOf(STANDARD_TITLES);
        for (String title : STANDARD_TITLES) {
            JsonNode view = standardView(admin(), title);
            assertThat(view.get("restriction").isNull())
                    .as(title + " is everyone's")
                    .isTrue();
            assertThat(view.get("active").asBoolean()).as(title + " is active").isTrue();
            long id = view.get("id").asLong();
            for (Api caller :
                    List.of(as(agent()), as(lightAgent()), as(user("agent", lightAgentRole("assigned-only"))))) {
                Api.Response read = caller.get(VIEWS + "/" + id);
                assertThat(read.status()).as(title + " → " + read).isEqualTo(200);
                assertThat(read.json().get("view")).isEqualTo(view);
                assertThat(caller.get(ticketsOf(id) + "?per_page=1").status()).isEqualTo(200);
            }
        }
        assertThat(ids(admin().get(VIEWS + "/compact").json().get("views")))
                .as("the compact list holds the standard views")
                .containsAll(STANDARD_TITLES.stream()
                        .map(t -> standardView(admin(), t).get("id").asLong())
                        .toList());
    }

    @Test
    void theStandardViewsConditionsAreAsDocumented() {
        assertConditions("Your unsolved tickets", "status less_than solved", "assignee_id is current_user");
        assertConditions("Unassigned tickets", "status less_than solved", "assignee_id is ");
        assertConditions("All unsolved tickets", "status less_than solved");
        assertConditions("Recently updated tickets", "updated_at less_than 24");
        assertConditions("Pending tickets", "status is pending");
        assertConditions("Recently solved tickets", "status is solved", "updated_at less_than 168");
        assertConditions("Child tickets waiting on other teams", "child_status less_than solved");
        assertConditions(
                "Child tickets for my groups",
                "via_id is 100",
                "status less_than solved",
                "group_id is current_groups");
    }

    @Test
    void yourUnsolvedTicketsAreTheCallersUnsolvedAssignments() {
        Team team = team(true);
        Team other = team(true);
        long open =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id());
        long pending =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id(), "status", "pending");
        long hold =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id(), "status", "hold");
        long solved =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id());
        updated(admin(), solved, fields("status", "solved"));
        long others =
                ticketOf("group_id", other.group(), "assignee_id", other.agent().id());
        long view = standardView(as(team.agent()), "Your unsolved tickets")
                .get("id")
                .asLong();

        assertThat(listedAndCounted(as(team.agent()), view)).containsExactlyInAnyOrder(open, pending, hold);
        assertThat(listedAndCounted(as(other.agent()), view)).containsExactly(others);
        assertThat(listedAmong(admin(), view, Set.of(open, others)))
                .as("not the admin's")
                .isEmpty();
    }

    @Test
    void unassignedTicketsAreUnsolvedTicketsWithoutAnAssignee() {
        Team team = team(true);
        long unassigned = ticketOf();
        long inAGroup = ticketOf("group_id", team.group(), "status", "pending");
        long assigned =
                ticketOf("group_id", team.group(), "assignee_id", team.agent().id());
        long view = standardView(admin(), "Unassigned tickets").get("id").asLong();

        Set<Long> mine = Set.of(unassigned, inAGroup, assigned);
        assertThat(listedAmong(admin(), view, mine)).containsExactlyInAnyOrder(unassigned, inAGroup);
        assertThat(listedAmong(as(agent()), view, mine)).containsExactlyInAnyOrder(unassigned, inAGroup);
    }

    @Test
    void allUnsolvedTicketsAreEveryTicketBeforeSolved() {
        long fresh = ticketInStatus("new");
        long open = ticketInStatus("open");
        long pending = ticketInStatus("pending");
        long hold = ticketInStatus("hold");
        long solved = ticketInStatus("solved");
        long closed = ticketInStatus("closed");
        long view = standardView(admin(), "All unsolved tickets").get("id").asLong();

        assertThat(listedAmong(admin(), view, Set.of(fresh, open, pending, hold, solved, closed)))
                .containsExactlyInAnyOrder(fresh, open, pending, hold);
    }

    @Test
    void recentlyUpdatedTicketsWereUpdatedInTheLastDay() {
        long fresh = ticketOf();
        long touched = ticketOf();
        long stale = ticketOf();
        backdate(touched, Duration.ofDays(3), Duration.ofHours(23));
        backdate(stale, Duration.ofDays(3), Duration.ofHours(25));
        long view = standardView(admin(), "Recently updated tickets").get("id").asLong();

        assertThat(listedAmong(admin(), view, Set.of(fresh, touched, stale))).containsExactlyInAnyOrder(fresh, touched);
    }

    @Test
    void pendingTicketsArePendingOnly() {
        long pending = ticketInStatus("pending");
        long open = ticketInStatus("open");
        long hold = ticketInStatus("hold");
        long solved = ticketInStatus("solved");
        long view = standardView(admin(), "Pending tickets").get("id").asLong();

        assertThat(listedAmong(admin(), view, Set.of(pending, open, hold, solved)))
                .containsExactly(pending);
    }

    @Test
    void recentlySolvedTicketsWereSolvedWithinTheWeek() {
        long solved = ticketInStatus("solved");
        long solvedLongAgo = ticketInStatus("solved");
        long closed = ticketInStatus("closed");
        long open = ticketInStatus("open");
        backdate(solvedLongAgo, Duration.ofDays(10), Duration.ofHours(169));
        long view = standardView(admin(), "Recently solved tickets").get("id").asLong();

        assertThat(listedAmong(admin(), view, Set.of(solved, solvedLongAgo, closed, open)))
                .containsExactly(solved);
    }

    @Test
    void childTicketsWaitingOnOtherTeamsAreParentsWithAnUnsolvedLinkedChild_R13() {
        Link waiting = link();
        Link answered = link();
        updated(as(answered.childAgent()), answered.child(), fields("status", "solved"));
        Link broken = link();
        updated(admin(), broken.child(), fields("external_id", unique("moved")));
        long childless = ticketOf();
        long view = standardView(admin(), "Child tickets waiting on other teams")
                .get("id")
                .asLong();

        Set<Long> mine = Set.of(
                waiting.parent(),
                waiting.child(),
                answered.parent(),
                answered.child(),
                broken.parent(),
                broken.child(),
                childless);
        assertThat(listedAmong(admin(), view, mine)).containsExactly(waiting.parent());
        assertThat(listedAmong(as(agent()), view, mine)).containsExactly(waiting.parent());
    }

    @Test
    void childTicketsForMyGroupsAreTheUnsolvedChildTicketsOfTheCallersGroups() {
        Link link = link();
        long parent = link.parent();
        JsonNode toGroup =
                startedToGroup(as(link.childAgent()), parent, link.childTeam().group());
        long unassignedChild = childOf(toGroup);
        JsonNode another =
                startedToGroup(as(link.childAgent()), parent, link.childTeam().group());
        long solvedChild = childOf(another);
        updated(admin(), solvedChild, fields("assignee_id", link.childAgent().id()));
        updated(admin(), solvedChild, fields("status", "solved"));
        long plainInGroup = ticketOf("group_id", link.childTeam().group());
        long view = standardView(as(link.childAgent()), "Child tickets for my groups")
                .get("id")
                .asLong();

        assertThat(listedAndCounted(as(link.childAgent()), view))
                .as("the child team's new group holds only this test's tickets")
                .containsExactlyInAnyOrder(link.child(), unassignedChild);
        assertThat(listedAndCounted(as(link.parentAgent()), view))
                .as("the parent's team: none of theirs")
                .isEmpty();
        assertThat(listedAmong(admin(), view, Set.of(link.child(), unassignedChild, solvedChild, plainInGroup, parent)))
                .as("the admin is in none of these groups")
                .isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The standard view's {@code all} holds each condition given as "field operator value" (value may be ""). */
    private void assertConditions(String title, String... conditions) {
        JsonNode view = standardView(admin(), title);
        JsonNode all = view.at("/conditions/all");
        for (String condition : conditions) {
            String[] parts = condition.split(" ", 3);
            String value = parts.length > 2 ? parts[2] : "";
            assertThat(holds(all, parts[0], parts[1], value))
                    .as("%s: all holds %s: %s", title, condition, all)
                    .isTrue();
        }
        assertThat(all).as(title + ": nothing else in all").hasSize(conditions.length);
        assertThat(view.at("/conditions/any")).as(title + ": no any").isEmpty();
    }
}
