package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.sidedesk.MutableClock;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R14 over HTTP: an OLA (an SLA policy on the side conversation channel and the child team's group) measures how
 * fast the child team answers. Mirrored replies start reply time on the child, the child team's public comment
 * fulfils it, an internal note or marking the side conversation done fulfils nothing; a breach is recorded once at
 * its true time however many look for it; the parent shows its visible children's nearest breach. The service's
 * clock is the test's: nothing sleeps.
 */
@Import(MutableClock.AsTheServiceClock.class)
class ChildTicketSlaTests extends SideConversationTestSupport {

    @Autowired
    private MutableClock clock;

    @Autowired
    private SlaBreaches breaches;

    private final List<Long> policies = new ArrayList<>();
    private Instant start;

    @BeforeEach
    void startTheClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1)));
        start = clock.instant();
    }

    @AfterEach
    void deletePolicies() {
        policies.forEach(id -> expect(admin().delete("/api/v2/slas/policies/" + id), 204));
    }

    @Test
    void mirroredRepliesStartReplyTimeAndTheChildTeamsPublicCommentFulfilsIt_R14() {
        Link link = olaLink();
        JsonNode first = target(link.child(), "first_reply_time");
        assertThat(first.get("stage").asString()).isEqualTo("active");
        assertThat(Instant.parse(first.get("breach_at").asString()))
                .as("first reply time runs from the child's creation, by the agent who asked")
                .isEqualTo(start.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(5));
        expect(reply(as(link.parentAgent()), link, "Any news?"), 200);
        assertThat(target(link.child(), "first_reply_time").get("breach_at").asString())
                .as("a mirrored reply keeps it running")
                .isEqualTo(first.get("breach_at").asString());

        clock.advance(Duration.ofMinutes(10));
        commented(as(link.childAgent()), link.child(), "On it.", true);

        assertThat(target(link.child(), "first_reply_time").get("stage").asString())
                .isEqualTo("achieved");
        assertThat(events(link.child(), "fulfill", "reply_time")).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        expect(reply(as(link.parentAgent()), link, "Thanks, and the second one?"), 200);
        JsonNode next = target(link.child(), "next_reply_time");
        assertThat(next.get("stage").asString()).isEqualTo("active");
        assertThat(Instant.parse(next.get("breach_at").asString()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(expect(admin().get("/api/v2/tickets/" + link.child() + "/metrics"), 200)
                        .json()
                        .at("/ticket_metric/replies")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void mirroredRepliesStartReplyTimeAlsoWhenChildTicketCommentsAreInternal_R14() {
        sideConversationSettings(Map.of("child_ticket_comment_type", "internal"));
        try {
            Link link = olaLink();
            assertThat(comments(link.child()).get(0).get("public").asBoolean()).isFalse();
            JsonNode first = target(link.child(), "first_reply_time");
            assertThat(first.get("stage").asString()).isEqualTo("active");
            assertThat(Instant.parse(first.get("breach_at").asString())).isEqualTo(start.plus(Duration.ofHours(1)));
        } finally {
            restoreDefaultSettings();
        }
    }

    @Test
    void anOlaAddsNoStatementToTheChildTeamsAnswer_R14() {
        Link measured = olaLink();
        Link unmeasured = sideConversationLink(false);

        long withOla = counted(() -> comment(as(measured.childAgent()), measured.child(), "On it.", true))
                .statements();
        long without = counted(() -> comment(as(unmeasured.childAgent()), unmeasured.child(), "On it.", true))
                .statements();

        System.out.printf("statements: the child team's answer with an OLA %d, without %d%n", withOla, without);
        assertThat(target(measured.child(), "first_reply_time").get("stage").asString())
                .isEqualTo("achieved");
        // Both fulfil reply time and write its events in one statement; the OLA's apply_sla and update_status
        // join that same statement.
        assertThat(withOla).isEqualTo(without);
    }

    @Test
    void anInternalNoteOrMarkingTheSideConversationDoneFulfilsNothing_R14() {
        Link link = olaLink();
        int childAudits = audits(link.child()).size();

        commented(as(link.childAgent()), link.child(), "Asking finance first.", false);
        assertThat(target(link.child(), "first_reply_time").get("stage").asString())
                .isEqualTo("active");

        changeState(link, "closed");
        changeState(link, "open");
        assertThat(target(link.child(), "first_reply_time").get("stage").asString())
                .isEqualTo("active");
        assertThat(audits(link.child()))
                .as("only the internal note was written on the child")
                .hasSize(childAudits + 1);
        assertThat(events(link.child(), "fulfill", "reply_time")).isEmpty();
    }

    @Test
    void aBreachIsRecordedOnceAtItsTrueTimeHoweverManyLookAndTheParentShowsItsVisibleChildrensNearest_R14() {
        Link link = olaLink();
        Instant breachAt = Instant.parse(
                target(link.child(), "first_reply_time").get("breach_at").asString());
        JsonNode parentSlas = slas(admin(), link.parent());
        assertThat(Instant.parse(parentSlas.get("child_tickets_next_breach_at").asString()))
                .isEqualTo(breachAt);
        TestUser parentTeamOnly = user("agent", customRole(Map.of("ticket_access", "within-groups")));
        membership(parentTeamOnly, link.parentTeam().group());
        assertThat(slas(as(parentTeamOnly), link.parent())
                        .get("child_tickets_next_breach_at")
                        .isNull())
                .as("an agent who may not see the child is not told of its breach")
                .isTrue();
        assertThat(expect(as(link.requester()).get("/api/v2/tickets/" + link.parent() + "?include=slas"), 200)
                        .json()
                        .at("/ticket")
                        .has("slas"))
                .as("end-users are not shown SLAs")
                .isFalse();

        clock.advance(Duration.ofHours(3));
        List<Future<Integer>> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = breaches::recordDue;
            runs.add(pool.submit(run));
            runs.add(pool.submit(run));
            for (Future<Integer> done : runs) {
                done.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
        breaches.recordDue();

        List<JsonNode> recorded = events(link.child(), "breach", "reply_time");
        assertThat(recorded).hasSize(1);
        assertThat(Instant.parse(recorded.get(0).get("time").asString())).isEqualTo(breachAt);
        assertThat(Instant.parse(slas(admin(), link.parent())
                        .get("child_tickets_next_breach_at")
                        .asString()))
                .as("a child in breach is still the parent's nearest: overdue")
                .isEqualTo(breachAt);
        assertThat(target(link.child(), "first_reply_time").get("hours").asLong())
                .as("two hours past the breach")
                .isEqualTo(-2);
    }

    @Test
    void aTriggerCanWarnTheChildTeamBeforeItsOlaBreaches_R14() {
        Link link = olaLink();
        String warned = unique("ola_due").replace("-", "");
        long trigger = expect(
                        admin().post(
                                        "/api/v2/triggers",
                                        Map.of(
                                                "trigger",
                                                Map.of(
                                                        "title",
                                                        unique("Warn before the OLA breaches"),
                                                        "conditions",
                                                        Map.of(
                                                                "all",
                                                                List.of(
                                                                        Map.of(
                                                                                "field", "group_id",
                                                                                "operator", "is",
                                                                                "value",
                                                                                        link.childTeam()
                                                                                                .group()),
                                                                        Map.of(
                                                                                "field", "hours_until_next_sla_breach",
                                                                                "operator", "less_than",
                                                                                "value", 0.25))),
                                                        "actions",
                                                        List.of(Map.of("field", "current_tags", "value", warned))))),
                        201)
                .json()
                .at("/trigger/id")
                .asLong();
        try {
            commented(as(link.childAgent()), link.child(), "Looking at it.", false);
            assertThat(ticket(link.child()).get("tags").toString())
                    .as("an hour left: no warning yet")
                    .doesNotContain(warned);

            clock.advance(Duration.ofMinutes(50));
            commented(as(link.childAgent()), link.child(), "Still looking.", false);
            assertThat(ticket(link.child()).get("tags").toString())
                    .as("ten minutes left")
                    .contains(warned);
        } finally {
            expect(admin().delete("/api/v2/triggers/" + trigger), 204);
        }
    }

    /**
     * An OLA on a new child team's group, then a side conversation the parent team's agent opens to that group: its
     * child ticket's requester is that agent.
     */
    private Link olaLink() {
        return sideConversationLink(true);
    }

    private Link sideConversationLink(boolean ola) {
        Team parentTeam = team(true);
        Team childTeam = team(true);
        if (ola) {
            ola(childTeam.group());
        }
        TestUser requester = endUser();
        long parent = created(
                        admin(),
                        fields(
                                "subject", "Parent " + unique("p"),
                                "comment", body("The invoice is wrong"),
                                "requester_id", requester.id(),
                                "group_id", parentTeam.group(),
                                "assignee_id", parentTeam.agent().id()))
                .get("id")
                .asLong();
        JsonNode conversation = started(
                        as(parentTeam.agent()),
                        parent,
                        message("Invoice " + unique("c"), "Can you look at this invoice?", toGroup(childTeam.group())))
                .get("side_conversation");
        long child = childOf(conversation);
        assertThat(ticket(child).get("requester_id").asLong())
                .isEqualTo(parentTeam.agent().id());
        return new Link(parent, conversation.get("id").asString(), child, parentTeam, childTeam, requester, null);
    }

    /** An OLA on the child team's group: first reply within an hour, next replies within half an hour. */
    private void ola(long group) {
        Map<String, Object> policy = Map.of(
                "title", unique("Billing OLA"),
                "filter",
                        Map.of(
                                "all",
                                List.of(
                                        Map.of("field", "via_id", "operator", "is", "value", "100"),
                                        Map.of("field", "group_id", "operator", "is", "value", group))),
                "policy_metrics",
                        List.of(
                                Map.of("priority", "normal", "metric", "first_reply_time", "target", 60),
                                Map.of("priority", "normal", "metric", "next_reply_time", "target", 30)));
        policies.add(expect(admin().post("/api/v2/slas/policies", Map.of("sla_policy", policy)), 201)
                .json()
                .at("/sla_policy/id")
                .asLong());
    }

    private static io.sidedesk.Api.Response expect(io.sidedesk.Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    private static JsonNode slas(io.sidedesk.Api caller, long ticket) {
        return expect(caller.get("/api/v2/tickets/" + ticket + "?include=slas"), 200)
                .json()
                .at("/ticket/slas");
    }

    private JsonNode target(long ticket, String metric) {
        for (JsonNode target : slas(admin(), ticket).get("policy_metrics")) {
            if (target.get("metric").asString().equals(metric)) {
                return target;
            }
        }
        throw new AssertionError("no " + metric + " target on ticket " + ticket);
    }

    /** The ticket's metric events of a type and metric, from the export (the clock moves past them first). */
    private List<JsonNode> events(long ticket, String type, String metric) {
        clock.advance(Duration.ofMillis(1));
        List<JsonNode> found = new ArrayList<>();
        String next = "/api/v2/incremental/ticket_metric_events?start_time=" + start.getEpochSecond();
        while (next != null) {
            JsonNode page = expect(admin().get(next), 200).json();
            for (JsonNode event : page.get("ticket_metric_events")) {
                if (event.get("ticket_id").asLong() == ticket
                        && event.get("type").asString().equals(type)
                        && event.get("metric").asString().equals(metric)) {
                    found.add(event);
                }
            }
            next = page.get("next_page").isNull()
                    ? null
                    : page.get("next_page").asString().replaceFirst("^https?://[^/]+", "");
        }
        return found;
    }
}
