package io.sidedesk.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.sidedesk.Api;
import io.sidedesk.MutableClock;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parent summary (B1; docs/rollup-contract.md §6): linked children by status, the oldest unsolved, the nearest SLA
 * breach among the unsolved, unlinked children (R13) and how many the caller may not see (R17: a count, never their
 * ids, statuses or dates); 404 for a parent the caller may not see, 403 for end-users; the same object inside
 * {@code ticket} with {@code include=child_ticket_summary}; and one statement for it, the same with one child as with
 * five hundred. The service's clock is the test's: children are created at known times, nothing sleeps.
 */
@Import(MutableClock.AsTheServiceClock.class)
class ChildTicketSummaryTests extends RollUpTestSupport {

    private static final List<String> STATUSES = List.of("new", "open", "pending", "hold", "solved", "closed");

    @Autowired
    private MutableClock clock;

    private final List<Long> slaPolicies = new ArrayList<>();

    private Instant t0;

    @BeforeEach
    void setTheClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(2)));
        t0 = clock.instant();
    }

    @AfterEach
    void deleteTheSlaPolicies() {
        slaPolicies.forEach(
                id -> assertThat(admin().delete("/api/v2/slas/policies/" + id).status())
                        .isEqualTo(204));
    }

    @Test
    void countsTheLinkedChildrenTheCallerMaySeeByStatusTheOldestUnsolvedTheUnlinkedAndTheHidden_B1_R13_R17() {
        Family family = family();
        Team privateTeam = team(false);
        at(0);
        Child hiddenOldest = child(family.parent(), privateTeam);
        at(1);
        Child firstOpen = child(family);
        at(2);
        Child pending = child(family);
        status(as(pending.agent()), pending.id(), "pending");
        at(3);
        child(family);
        at(4);
        Child hold = child(family);
        status(as(hold.agent()), hold.id(), "hold");
        at(5);
        Child solved = child(family);
        status(as(solved.agent()), solved.id(), "solved");
        at(6);
        close(child(family));
        at(7);
        Child fresh = unassignedChild(family.parent(), family.childTeam());
        assertThat(statusOf(fresh.id())).isEqualTo("new");
        at(8);
        breakLink(child(family).id());
        at(9);
        Child hiddenBroken = child(family.parent(), privateTeam);
        breakLink(hiddenBroken.id());
        at(10);
        Child deleted = child(family);
        assertThat(admin().delete("/api/v2/tickets/" + deleted.id()).status()).isEqualTo(204);

        for (TestUser caller : List.of(family.parentAgent(), lightAgent())) {
            JsonNode summary = summary(as(caller), family.parent());
            assertThat(summary.get("ticket_id").asLong()).isEqualTo(family.parent());
            assertThat(summary.get("linked").asInt()).isEqualTo(7);
            assertThat(byStatus(summary)).isEqualTo(statuses(1, 2, 1, 1, 1, 1));
            assertThat(summary.get("unsolved").asInt()).isEqualTo(5);
            JsonNode oldest = summary.get("oldest_unsolved");
            assertThat(new TreeSet<>(oldest.propertyNames()))
                    .isEqualTo(new TreeSet<>(Set.of("id", "created_at", "status")));
            assertThat(oldest.get("id").asLong())
                    .as("the hidden older child is not it")
                    .isEqualTo(firstOpen.id());
            assertThat(oldest.get("created_at").asString())
                    .as("when it was created, as the ticket says")
                    .isEqualTo(ticket(firstOpen.id()).get("created_at").asString());
            assertThat(oldest.get("status").asString()).isEqualTo("open");
            assertThat(summary.get("nearest_sla_breach").isNull())
                    .as("no SLA applies")
                    .isTrue();
            assertThat(summary.get("unlinked").asInt()).isEqualTo(1);
            assertThat(summary.get("hidden").asInt()).as("linked or not").isEqualTo(2);
            assertThat(idsIn(summary))
                    .as("nothing of a hidden child but its count")
                    .doesNotContain(hiddenOldest.id(), hiddenBroken.id());
        }

        for (Api caller : List.of(admin(), as(privateTeam.agent()))) {
            JsonNode summary = summary(caller, family.parent());
            assertThat(summary.get("linked").asInt()).isEqualTo(8);
            assertThat(byStatus(summary)).isEqualTo(statuses(1, 3, 1, 1, 1, 1));
            assertThat(summary.get("unsolved").asInt()).isEqualTo(6);
            assertThat(summary.at("/oldest_unsolved/id").asLong()).isEqualTo(hiddenOldest.id());
            assertThat(summary.at("/oldest_unsolved/created_at").asString())
                    .isEqualTo(ticket(hiddenOldest.id()).get("created_at").asString());
            assertThat(summary.get("unlinked").asInt()).isEqualTo(2);
            assertThat(summary.get("hidden").asInt()).isZero();
        }
    }

    @Test
    void aParentWithoutChildrenHasAnEmptySummary_B1() {
        Family family = family();

        JsonNode summary = summary(as(family.parentAgent()), family.parent());

        assertThat(summary.get("linked").asInt()).isZero();
        assertThat(byStatus(summary)).isEqualTo(statuses(0, 0, 0, 0, 0, 0));
        assertThat(summary.get("unsolved").asInt()).isZero();
        assertThat(summary.get("oldest_unsolved").isNull()).isTrue();
        assertThat(summary.get("nearest_sla_breach").isNull()).isTrue();
        assertThat(summary.get("unlinked").asInt()).isZero();
        assertThat(summary.get("hidden").asInt()).isZero();
    }

    @Test
    void theNearestBreachIsTheUnsolvedChildWhoseNextBreachComesFirstAmongThoseTheCallerMaySee_B1_R14() {
        Family family = family();
        Team slow = team(true);
        Team fast = team(true);
        Team privateTeam = team(false);
        ola(slow.group(), 60);
        ola(fast.group(), 30);
        ola(privateTeam.group(), 10);
        Api creator = as(family.parentAgent());
        at(0);
        Child slowChild = childBy(creator, family.parent(), slow);
        Child solvedFast = childBy(creator, family.parent(), fast);
        status(as(fast.agent()), solvedFast.id(), "solved");
        at(1);
        Child hidden = childBy(admin(), family.parent(), privateTeam);
        at(10);
        Child fastChild = childBy(creator, family.parent(), fast);
        assertThat(breachOf(slowChild.id())).isEqualTo(at(t0, 60));
        assertThat(breachOf(fastChild.id())).isEqualTo(at(t0, 40));
        assertThat(breachOf(hidden.id())).isEqualTo(at(t0, 11));

        JsonNode nearest = summary(as(family.parentAgent()), family.parent()).get("nearest_sla_breach");

        assertThat(new TreeSet<>(nearest.propertyNames())).isEqualTo(new TreeSet<>(Set.of("id", "breach_at")));
        assertThat(nearest.get("id").asLong())
                .as("not the solved child's, nor the hidden one's")
                .isEqualTo(fastChild.id());
        assertThat(Instant.parse(nearest.get("breach_at").asString())).isEqualTo(at(t0, 40));
        JsonNode seenByAll = summary(admin(), family.parent()).get("nearest_sla_breach");
        assertThat(seenByAll.get("id").asLong()).isEqualTo(hidden.id());
        assertThat(Instant.parse(seenByAll.get("breach_at").asString())).isEqualTo(at(t0, 11));

        clock.set(at(t0, 45));
        JsonNode overdue = summary(as(family.parentAgent()), family.parent()).get("nearest_sla_breach");
        assertThat(overdue.get("id").asLong())
                .as("a breached child is still the nearest")
                .isEqualTo(fastChild.id());
    }

    @Test
    void aParentTheCallerMayNotSeeIsA404AndEndUsersAreRefused_B1_R17_R22() {
        Team privateTeam = team(false);
        TestUser requester = endUser();
        long hiddenParent = privateParent(privateTeam, requester);
        child(hiddenParent, privateTeam);
        Family family = family();
        child(family);
        TestUser publicRequester = endUser();
        long publicParent = parentTicket(fields("requester_id", publicRequester.id()));

        for (TestUser outsider : List.of(agent(), lightAgent(), family.parentAgent())) {
            Api.Response hidden = as(outsider).get(path(hiddenParent));
            Api.Response missing = as(outsider).get(path(987_654_321L));
            assertNotFound(hidden);
            assertNotFound(missing);
            assertThat(hidden.json().get("title"))
                    .as("exactly like a missing ticket")
                    .isEqualTo(missing.json().get("title"));
        }
        assertNotFound(admin().get(path(987_654_321L)));
        assertThat(admin().get(path(hiddenParent)).status()).isEqualTo(200);
        assertThat(summary(as(privateTeam.agent()), hiddenParent).get("linked").asInt())
                .isEqualTo(1);

        assertForbidden(as(requester).get(path(hiddenParent)));
        assertForbidden(as(publicRequester).get(path(publicParent)));
        assertForbidden(as(endUser()).get(path(family.parent())));
        assertThat(api().get(path(family.parent())).status()).isEqualTo(401);

        Api.Response shown =
                as(publicRequester).get("/api/v2/tickets/" + publicParent + "?include=child_ticket_summary");
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("ticket").has("child_ticket_summary"))
                .as("staff only")
                .isFalse();
    }

    @Test
    void theShowIncludesTheSameSummaryInsideTheTicketWithoutAnETag_B1() {
        Family family = family();
        child(family);
        Child hidden = child(family.parent(), team(false));
        breakLink(child(family).id());
        String show = "/api/v2/tickets/" + family.parent();

        for (Api caller : List.of(as(family.parentAgent()), admin())) {
            Api.Response plain = caller.get(show);
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.header("ETag")).as("a plain show has one").isNotNull();
            assertThat(plain.json().get("ticket").has("child_ticket_summary")).isFalse();

            Api.Response included = caller.get(show + "?include=child_ticket_summary");

            assertThat(included.status()).as(included.toString()).isEqualTo(200);
            assertThat(included.json().at("/ticket/child_ticket_summary")).isEqualTo(summary(caller, family.parent()));
            assertThat(included.header("ETag")).isNull();
            assertThat(included.json().at("/ticket/id").asLong()).isEqualTo(family.parent());

            Api.Response both = caller.get(show + "?include=slas,child_ticket_summary");
            assertThat(both.status()).as(both.toString()).isEqualTo(200);
            assertThat(both.json().get("ticket").has("slas")).isTrue();
            assertThat(both.json().at("/ticket/child_ticket_summary")).isEqualTo(summary(caller, family.parent()));
        }
        assertThat(summary(as(family.parentAgent()), family.parent())
                        .get("hidden")
                        .asInt())
                .isEqualTo(1);
        assertThat(idsIn(as(family.parentAgent())
                        .get(show + "?include=child_ticket_summary")
                        .json()
                        .at("/ticket/child_ticket_summary")))
                .doesNotContain(hidden.id());
    }

    /**
     * Five hundred children (480 the parent's agent may see, 12 of them unlinked, and 20 in a private group), seeded
     * with SQL: the counts hold, and the summary costs the same statements as for one child; inside the show it adds
     * exactly one ("One SQL statement for the summary, whatever the number of children").
     */
    @Test
    void fiveHundredChildrenAreCountedInOneStatementAsOneChildIs_B1() {
        Family family = family();
        Child template = child(family);
        status(as(template.agent()), template.id(), "solved");
        Child hiddenTemplate = child(family.parent(), team(false));
        List<Long> clones = seedChildren(template.id(), 479);
        List<Long> hiddenClones = seedChildren(hiddenTemplate.id(), 19);
        Map<String, List<Long>> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(status -> byStatus.put(status, new ArrayList<>()));
        List<Long> broken = new ArrayList<>();
        for (int i = 0; i < clones.size(); i++) {
            String status =
                    switch (i % 5) {
                        case 0 -> "open";
                        case 1 -> "pending";
                        case 2 -> "hold";
                        case 3 -> i % 10 == 3 ? "solved" : "closed";
                        default -> "new";
                    };
            byStatus.get(status).add(clones.get(i));
            if (i % 40 == 1) {
                broken.add(clones.get(i));
            }
        }
        byStatus.forEach((status, ids) -> seedStatus(ids, status));
        seedBrokenLinks(broken);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String status : STATUSES) {
            expected.put(
                    status,
                    (int) byStatus.get(status).stream()
                                    .filter(id -> !broken.contains(id))
                                    .count()
                            + (status.equals("solved") ? 1 : 0));
        }
        int linked = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(linked).isEqualTo(480 - broken.size());
        int unsolved = expected.get("new") + expected.get("open") + expected.get("pending") + expected.get("hold");
        Instant templateCreated =
                Instant.parse(ticket(template.id()).get("created_at").asString());

        Api agent = as(family.parentAgent());
        JsonNode summary = summary(agent, family.parent());

        assertThat(summary.get("linked").asInt()).isEqualTo(linked);
        assertThat(byStatus(summary)).isEqualTo(expected);
        assertThat(summary.get("unsolved").asInt()).isEqualTo(unsolved);
        assertThat(summary.at("/oldest_unsolved/id").asLong())
                .as("the template is solved: the first copy, open, is the oldest unsolved")
                .isEqualTo(clones.get(0));
        assertThat(Instant.parse(summary.at("/oldest_unsolved/created_at").asString()))
                .isEqualTo(templateCreated.plusSeconds(1));
        assertThat(summary.get("unlinked").asInt()).isEqualTo(broken.size());
        assertThat(summary.get("hidden").asInt()).isEqualTo(20);
        JsonNode all = summary(admin(), family.parent());
        assertThat(all.get("linked").asInt()).isEqualTo(linked + 20);
        assertThat(all.get("unsolved").asInt()).isEqualTo(unsolved + 20);
        assertThat(all.get("hidden").asInt()).isZero();
        assertThat(hiddenClones).hasSize(19);

        Family small = family();
        child(small);
        Api smallAgent = as(small.parentAgent());
        String many = path(family.parent());
        String one = path(small.parent());
        // Warm: a first request may fill caches that a later one reads.
        agent.get(many);
        smallAgent.get(one);
        long withOne = counted(() -> smallAgent.get(one)).statements();
        long withMany = counted(() -> agent.get(many)).statements();
        String show = "/api/v2/tickets/" + family.parent();
        agent.get(show);
        agent.get(show + "?include=child_ticket_summary");
        long plainShow = counted(() -> agent.get(show)).statements();
        long includedShow =
                counted(() -> agent.get(show + "?include=child_ticket_summary")).statements();

        System.out.printf(
                "statements: summary of 1 child %d, of 500 %d; show %d, with the summary included %d%n",
                withOne, withMany, plainShow, includedShow);
        assertThat(withMany).as("500 children cost what one does").isEqualTo(withOne);
        assertThat(includedShow).as("the summary is one statement").isEqualTo(plainShow + 1);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String path(long parent) {
        return "/api/v2/tickets/" + parent + "/child_ticket_summary";
    }

    private JsonNode summary(Api caller, long parent) {
        Api.Response response = caller.get(path(parent));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode summary = response.json().get("child_ticket_summary");
        assertThat(new TreeSet<>(summary.propertyNames()))
                .isEqualTo(new TreeSet<>(Set.of(
                        "ticket_id",
                        "linked",
                        "by_status",
                        "unsolved",
                        "oldest_unsolved",
                        "nearest_sla_breach",
                        "unlinked",
                        "hidden")));
        return summary;
    }

    /** Every value of a member named {@code id} or {@code *_id}, however deep. */
    private static List<Long> idsIn(JsonNode node) {
        List<Long> ids = new ArrayList<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                JsonNode value = node.get(name);
                if ((name.equals("id") || name.endsWith("_id")) && value.isNumber()) {
                    ids.add(value.asLong());
                }
                ids.addAll(idsIn(value));
            }
        } else if (node.isArray()) {
            node.forEach(item -> ids.addAll(idsIn(item)));
        }
        return ids;
    }

    private static Map<String, Integer> byStatus(JsonNode summary) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        JsonNode byStatus = summary.get("by_status");
        assertThat(new TreeSet<>(byStatus.propertyNames())).isEqualTo(new TreeSet<>(STATUSES));
        STATUSES.forEach(status -> counts.put(status, byStatus.get(status).asInt()));
        return counts;
    }

    private static Map<String, Integer> statuses(int... counts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < STATUSES.size(); i++) {
            map.put(STATUSES.get(i), counts[i]);
        }
        return map;
    }

    /** Sets the service's clock this many minutes after the test's start: the instant. */
    private Instant at(int minutes) {
        clock.set(at(t0, minutes));
        return clock.instant();
    }

    private static Instant at(Instant start, int minutes) {
        return start.plus(Duration.ofMinutes(minutes));
    }

    /** A child the creator addresses to the team's agent in its group (so assigned: {@code open}). */
    private Child childBy(Api creator, long parent, Team team) {
        JsonNode conversation = started(
                        creator,
                        parent,
                        message(
                                unique("Measured"),
                                "How long will this take?",
                                toAgent(team.group(), team.agent().id())))
                .get("side_conversation");
        return new Child(childOf(conversation), conversation.get("id").asString(), team);
    }

    /** An OLA on the group (R14): first reply within these minutes, in calendar time. */
    private void ola(long group, int minutes) {
        Map<String, Object> policy = Map.of(
                "title", unique("Roll-up OLA"),
                "filter",
                        Map.of(
                                "all",
                                List.of(
                                        Map.of("field", "via_id", "operator", "is", "value", "100"),
                                        Map.of("field", "group_id", "operator", "is", "value", group))),
                "policy_metrics",
                        List.of(Map.of(
                                "priority",
                                "normal",
                                "metric",
                                "first_reply_time",
                                "target",
                                minutes,
                                "business_hours",
                                false)));
        Api.Response created = admin().post("/api/v2/slas/policies", Map.of("sla_policy", policy));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        slaPolicies.add(created.json().at("/sla_policy/id").asLong());
    }

    /** The child's first reply time breach, from {@code include=slas}. */
    private Instant breachOf(long ticket) {
        Api.Response response = admin().get("/api/v2/tickets/" + ticket + "?include=slas");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode target : response.json().at("/ticket/slas/policy_metrics")) {
            if (target.get("metric").asString().equals("first_reply_time")) {
                return Instant.parse(target.get("breach_at").asString());
            }
        }
        throw new AssertionError("no first reply time target on ticket " + ticket + ": " + response);
    }
}
