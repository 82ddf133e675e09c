package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the metric suites over HTTP: the service's clock is the test's (set to a fixed instant before each test,
 * moved by the test, never slept on), SLA policies that match only this test's tag (every ticket write of the JVM
 * applies the first policy that holds) and business hours schedules, both deleted after the test (the oldest
 * schedule is the account's default), and reads of a ticket's SLAs and metric events.
 */
abstract class MetricTestSupport extends ApiTestSupport {

    static final String POLICIES = "/api/v2/slas/policies";
    static final String SCHEDULES = "/api/v2/business_hours/schedules";

    /** A Monday, 09:00 UTC: far enough ahead that no other suite's clock reaches its tickets' breaches. */
    static final Instant T0 = Instant.parse("2031-01-06T09:00:00Z");

    @Autowired
    MutableClock clock;

    /** A tag no other test's ticket carries: this test's policies name it. */
    final String tag = unique("metric").replace("-", "");

    private final List<Long> policies = new ArrayList<>();
    private final List<Long> schedules = new ArrayList<>();
    private Instant exportFrom;

    @BeforeEach
    void setTheClock() {
        at(T0);
    }

    @AfterEach
    void deletePoliciesAndSchedules() {
        policies.forEach(id -> expect(admin().delete(POLICIES + "/" + id), 204));
        schedules.forEach(id -> expect(admin().delete(SCHEDULES + "/" + id), 204));
    }

    /** Sets the clock; the export is read from then on. */
    void at(Instant instant) {
        clock.set(instant);
        exportFrom = exportFrom == null || instant.isBefore(exportFrom) ? instant : exportFrom;
    }

    Instant later(Duration duration) {
        clock.advance(duration);
        return clock.instant();
    }

    static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    // ---- policies and schedules -----------------------------------------------------------------------------

    static Map<String, Object> target(String priority, String metric, int minutes, boolean businessHours) {
        return Map.of("priority", priority, "metric", metric, "target", minutes, "business_hours", businessHours);
    }

    static Map<String, Object> target(String metric, int minutes) {
        return target("normal", metric, minutes, false);
    }

    /** A policy on this test's tag with these targets: its id. */
    @SafeVarargs
    final long policy(Map<String, Object>... targets) {
        Map<String, Object> policy = Map.of(
                "title", unique("Metric policy"),
                "description", "Tickets tagged " + tag,
                "filter", Map.of("all", List.of(Map.of("field", "current_tags", "operator", "includes", "value", tag))),
                "policy_metrics", List.of(targets));
        long id = expect(admin().post(POLICIES, Map.of("sla_policy", policy)), 201)
                .json()
                .at("/sla_policy/id")
                .asLong();
        policies.add(id);
        return id;
    }

    /** A Europe/Berlin schedule, Monday to Friday 09:00–17:00, which must be the account's default: its id. */
    long berlinOfficeHours() {
        List<Map<String, Object>> week = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            week.add(Map.of("start_time", day * 1440 + 9 * 60, "end_time", day * 1440 + 17 * 60));
        }
        long id = expect(
                        admin().post(
                                        SCHEDULES,
                                        Map.of(
                                                "schedule",
                                                Map.of(
                                                        "name",
                                                        unique("Berlin office"),
                                                        "time_zone",
                                                        "Europe/Berlin",
                                                        "intervals",
                                                        week))),
                        201)
                .json()
                .at("/schedule/id")
                .asLong();
        schedules.add(id);
        assertThat(io.sidedesk.ApiAssertions.allIds(admin(), SCHEDULES, "schedules"))
                .as("the only schedule, so the account's default")
                .containsExactly(id);
        return id;
    }

    // ---- tickets ------------------------------------------------------------------------------------------

    /** An end-user's ticket (their comment), tagged for this test's policies, in the team's group and assigned. */
    long ticket(TestUser requester, Team team, Object... more) {
        Map<String, Object> fields = fields(
                "subject", unique("Metrics"),
                "comment", Map.of("body", "It does not work", "author_id", requester.id()),
                "requester_id", requester.id(),
                "group_id", team.group(),
                "assignee_id", team.agent().id(),
                "tags", List.of(tag));
        fields.putAll(fields(more));
        return created(admin(), fields).get("id").asLong();
    }

    void status(long ticket, String status) {
        assertThat(updated(admin(), ticket, fields("status", status))
                        .get("status")
                        .asString())
                .isEqualTo(status);
    }

    // ---- reads --------------------------------------------------------------------------------------------

    JsonNode slas(long ticket) {
        return expect(admin().get("/api/v2/tickets/" + ticket + "?include=slas"), 200)
                .json()
                .at("/ticket/slas");
    }

    /** The ticket's target for the metric, from {@code include=slas}. */
    JsonNode sla(long ticket, String metric) {
        for (JsonNode target : slas(ticket).get("policy_metrics")) {
            if (target.get("metric").asString().equals(metric)) {
                return target;
            }
        }
        throw new AssertionError("no " + metric + " target on ticket " + ticket + ": " + slas(ticket));
    }

    Instant breachAt(long ticket, String metric) {
        JsonNode at = sla(ticket, metric).get("breach_at");
        return at.isNull() ? null : Instant.parse(at.asString());
    }

    String stage(long ticket, String metric) {
        return sla(ticket, metric).get("stage").asString();
    }

    JsonNode ticketMetric(long ticket) {
        return expect(admin().get("/api/v2/tickets/" + ticket + "/metrics"), 200)
                .json()
                .get("ticket_metric");
    }

    /** Every metric event of the ticket in the export, in the order recorded (the clock moves past them first). */
    List<JsonNode> events(long ticket) {
        clock.advance(Duration.ofMillis(1));
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event : export(100)) {
            if (event.get("ticket_id").asLong() == ticket) {
                found.add(event);
            }
        }
        return found;
    }

    /** Every event of the export from this test's start, walking pages of the size given. */
    List<JsonNode> export(int perPage) {
        List<JsonNode> found = new ArrayList<>();
        String next = "/api/v2/incremental/ticket_metric_events?start_time=" + exportFrom.getEpochSecond()
                + "&per_page=" + perPage;
        while (next != null) {
            JsonNode page = expect(admin().get(next), 200).json();
            assertThat(page.get("ticket_metric_events").size()).isLessThanOrEqualTo(perPage);
            page.get("ticket_metric_events").forEach(found::add);
            next = page.get("next_page").isNull() ? null : page.get("next_page").asString();
        }
        return found;
    }

    /** The events of one instance of one metric. */
    static List<JsonNode> of(List<JsonNode> events, String metric, int instance) {
        return events.stream()
                .filter(event -> event.get("metric").asString().equals(metric)
                        && event.get("instance_id").asInt() == instance)
                .toList();
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.get("type").asString()).toList();
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream()
                .filter(event -> event.get("type").asString().equals(type))
                .toList();
    }

    static Instant time(JsonNode event) {
        return Instant.parse(event.get("time").asString());
    }

    /** {@code {calendar, business}} of an {@code update_status} or a ticket metric's minutes. */
    static Map<String, Long> minutes(JsonNode node) {
        Map<String, Long> minutes = new LinkedHashMap<>();
        minutes.put(
                "calendar",
                node.get("calendar").isNull() ? null : node.get("calendar").asLong());
        minutes.put(
                "business",
                node.get("business").isNull() ? null : node.get("business").asLong());
        return minutes;
    }

    static Map<String, Long> minutes(long calendar, long business) {
        Map<String, Long> minutes = new LinkedHashMap<>();
        minutes.put("calendar", calendar);
        minutes.put("business", business);
        return minutes;
    }
}
