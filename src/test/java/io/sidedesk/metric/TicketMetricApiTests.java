package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.MutableClock;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket metrics and the metric events' export over HTTP (issue 20): the counts, times and minutes Zendesk's ticket
 * metrics show after a ticket's life of replies, waits, holds, reassignments, solves and a reopen; paging; who may
 * read them; the export's parameters, who may export, and cursor paging that walks every event once. The service's
 * clock is the test's.
 */
@Import(MutableClock.AsTheServiceClock.class)
class TicketMetricApiTests extends MetricTestSupport {

    private static final String EXPORT = "/api/v2/incremental/ticket_metric_events";

    @Test
    void ticketMetricsCountRepliesReopensResolutionsWaitingTimeAndStations() {
        Team first = team(true);
        Team second = team(true);
        TestUser requester = endUser();
        long id = ticket(requester, first);

        at(T0.plus(Duration.ofMinutes(10)));
        updated(
                as(first.agent()),
                id,
                fields("comment", Map.of("body", "Which version?", "public", true), "status", "pending"));
        at(T0.plus(Duration.ofMinutes(40)));
        assertThat(commented(as(requester), id, "The latest", null)
                        .get("status")
                        .asString())
                .isEqualTo("open");
        at(T0.plus(Duration.ofMinutes(50)));
        status(id, "hold");
        at(T0.plus(Duration.ofMinutes(70)));
        updated(
                admin(),
                id,
                fields(
                        "status",
                        "open",
                        "group_id",
                        second.group(),
                        "assignee_id",
                        second.agent().id()));
        at(T0.plus(Duration.ofMinutes(90)));
        status(id, "solved");
        at(T0.plus(Duration.ofMinutes(100)));
        assertThat(commented(as(requester), id, "Not fixed", null).get("status").asString())
                .isEqualTo("open");
        at(T0.plus(Duration.ofMinutes(120)));
        status(id, "solved");
        at(T0.plus(Duration.ofMinutes(150)));

        JsonNode metric = ticketMetric(id);
        assertThat(metric.get("id").asLong()).isEqualTo(id);
        assertThat(metric.get("ticket_id").asLong()).isEqualTo(id);
        assertThat(metric.get("replies").asInt()).isEqualTo(1);
        assertThat(metric.get("reopens").asInt()).isEqualTo(1);
        assertThat(metric.get("group_stations").asInt()).isEqualTo(2);
        assertThat(metric.get("assignee_stations").asInt()).isEqualTo(2);
        assertThat(Instant.parse(metric.get("created_at").asString())).isEqualTo(T0);
        assertThat(Instant.parse(metric.get("solved_at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(120)));
        assertThat(Instant.parse(metric.get("requester_updated_at").asString()))
                .isEqualTo(T0.plus(Duration.ofMinutes(100)));
        assertThat(Instant.parse(metric.get("initially_assigned_at").asString()))
                .isEqualTo(T0);
        assertThat(Instant.parse(metric.get("assigned_at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(70)));
        assertThat(minutes(metric.get("reply_time_in_minutes"))).isEqualTo(minutes(10, 10));
        assertThat(minutes(metric.get("first_resolution_time_in_minutes"))).isEqualTo(minutes(90, 90));
        assertThat(minutes(metric.get("full_resolution_time_in_minutes"))).isEqualTo(minutes(120, 120));
        assertThat(minutes(metric.get("agent_wait_time_in_minutes")))
                .as("pending")
                .isEqualTo(minutes(30, 30));
        assertThat(minutes(metric.get("requester_wait_time_in_minutes")))
                .as("new, open and on-hold, not pending nor solved")
                .isEqualTo(minutes(80, 80));
        assertThat(minutes(metric.get("on_hold_time_in_minutes"))).isEqualTo(minutes(20, 20));
        assertThat(expect(admin().get("/api/v2/ticket_metrics/" + id), 200)
                        .json()
                        .get("ticket_metric"))
                .as("the same by the metric's id")
                .isEqualTo(metric);
    }

    @Test
    void ticketMetricsArePagedOverTheTicketsTheAgentMaySee() {
        Team team = team(true);
        TestUser inGroup = user("agent", customRole(Map.of("ticket_access", "within-groups")));
        membership(inGroup, team.group());
        TestUser requester = endUser();
        List<Long> ids = List.of(ticket(requester, team), ticket(requester, team), ticket(requester, team));

        List<JsonNode> metrics =
                ApiAssertions.allOffsetPages(as(inGroup), "/api/v2/ticket_metrics", "ticket_metrics", 2);

        assertThat(metrics.stream().map(metric -> metric.get("ticket_id").asLong()))
                .containsExactlyInAnyOrderElementsOf(ids);
        metrics.forEach(metric -> assertThat(metric.get("id").asLong())
                .isEqualTo(metric.get("ticket_id").asLong()));
    }

    @Test
    void endUsersMayNotReadTicketMetricsAndATicketTheAgentMayNotSeeIsNotFound() {
        TestUser requester = endUser();
        long id = ticket(requester, team(true));
        assertForbidden(as(requester).get("/api/v2/ticket_metrics"));
        assertForbidden(as(requester).get("/api/v2/ticket_metrics/" + id));
        assertForbidden(as(requester).get("/api/v2/tickets/" + id + "/metrics"));

        TestUser elsewhere = user("agent", customRole(Map.of("ticket_access", "within-groups")));
        membership(elsewhere, group(true));
        assertNotFound(as(elsewhere).get("/api/v2/ticket_metrics/" + id));
        assertNotFound(as(elsewhere).get("/api/v2/tickets/" + id + "/metrics"));
        assertNotFound(as(elsewhere).get("/api/v2/tickets/" + id + "?include=slas"));
    }

    @Test
    void theExportNeedsAStartTimeAndAPageSizeFrom1To100AndIsForAdmins() {
        assertBadParameter(admin().get(EXPORT), "start_time");
        for (String perPage : List.of("0", "101")) {
            assertBadParameter(admin().get(EXPORT + "?start_time=0&per_page=" + perPage), "per_page");
        }
        expect(admin().get(EXPORT + "?start_time=" + T0.getEpochSecond() + "&per_page=100"), 200);
        assertForbidden(as(agent()).get(EXPORT + "?start_time=" + T0.getEpochSecond()));
    }

    @Test
    void theExportsCursorPagesWalkEveryEventOnce() {
        policy(target("first_reply_time", 60), target("periodic_update_time", 60), target("agent_work_time", 120));
        Team team = team(true);
        long id = ticket(endUser(), team);
        later(Duration.ofMinutes(10));
        commented(as(team.agent()), id, "Which version?", true);
        later(Duration.ofMinutes(10));
        status(id, "pending");
        later(Duration.ofMinutes(10));
        status(id, "solved");

        List<JsonNode> all = events(id);
        assertThat(all.size()).as("enough events for several pages").isGreaterThan(12);
        List<JsonNode> walked = export(3);
        List<Long> ids = walked.stream().map(event -> event.get("id").asLong()).toList();
        assertThat(new HashSet<>(ids)).as("no event twice").hasSameSizeAs(ids);
        assertThat(walked.stream()
                        .filter(event -> event.get("ticket_id").asLong() == id)
                        .map(event -> event.get("id").asLong()))
                .as("the same events as one large page, in the same order")
                .containsExactlyElementsOf(
                        all.stream().map(event -> event.get("id").asLong()).toList());
    }

    private static void assertBadParameter(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("details").has(parameter))
                .as("details name %s: %s", parameter, response)
                .isTrue();
    }
}
