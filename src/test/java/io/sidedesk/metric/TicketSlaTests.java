package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.sidedesk.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA measurement over HTTP (issue 20, R14), one behaviour a test: each metric started, paused, resumed and
 * fulfilled by the writes Zendesk names, with the metric events the export shows; breaches recorded once at their
 * true time, by the scheduler or by the next write; re-targeting on a priority or policy change; business hours
 * across a weekend, a daylight-saving change and a holiday. The service's clock is the test's: nothing sleeps.
 */
@Import(MutableClock.AsTheServiceClock.class)
class TicketSlaTests extends MetricTestSupport {

    @Autowired
    private SlaBreaches breaches;

    // ---- each metric ----------------------------------------------------------------------------------------

    @Test
    void firstReplyTimeIsFulfilledByAnAgentsPublicCommentOnAnEndUsersTicket_R14() {
        long policy = policy(target("first_reply_time", 60));
        Team team = team(true);
        long id = ticket(endUser(), team);
        assertThat(stage(id, "first_reply_time")).isEqualTo("active");
        assertThat(breachAt(id, "first_reply_time")).isEqualTo(T0.plus(Duration.ofHours(1)));

        Instant replied = later(Duration.ofMinutes(10));
        commented(as(team.agent()), id, "Looking into it", true);

        assertThat(stage(id, "first_reply_time")).isEqualTo("achieved");
        assertThat(breachAt(id, "first_reply_time")).isNull();
        List<JsonNode> events = of(events(id), "reply_time", 1);
        assertThat(types(events)).containsExactly("apply_sla", "activate", "fulfill", "update_status");
        JsonNode applied = events.get(0);
        assertThat(time(applied)).isEqualTo(T0);
        assertThat(applied.at("/sla/target").asLong()).isEqualTo(60);
        assertThat(applied.at("/sla/target_in_seconds").asLong()).isEqualTo(3600);
        assertThat(applied.at("/sla/business_hours").asBoolean()).isFalse();
        assertThat(applied.at("/sla/policy/id").asLong()).isEqualTo(policy);
        assertThat(applied.at("/sla/policy/title").asString()).startsWith("Metric policy");
        assertThat(time(events.get(1))).isEqualTo(T0);
        assertThat(time(events.get(2))).isEqualTo(replied);
        assertThat(minutes(events.get(3).get("status"))).isEqualTo(minutes(10, 10));
        assertThat(minutes(ticketMetric(id).get("reply_time_in_minutes"))).isEqualTo(minutes(10, 10));
    }

    @Test
    void anInternalNoteFulfilsNoFirstReplyTime_R14() {
        policy(target("first_reply_time", 60));
        Team team = team(true);
        long id = ticket(endUser(), team);

        later(Duration.ofMinutes(10));
        commented(as(team.agent()), id, "Asking finance", false);

        assertThat(stage(id, "first_reply_time")).isEqualTo("active");
        assertThat(breachAt(id, "first_reply_time")).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(types(of(events(id), "reply_time", 1))).containsExactly("apply_sla", "activate");
    }

    @Test
    void nextReplyTimeIsStartedByTheRequestersNextPublicComment_R14() {
        policy(target("first_reply_time", 60), target("next_reply_time", 30));
        Team team = team(true);
        TestUser requester = endUser();
        long id = ticket(requester, team);
        later(Duration.ofMinutes(10));
        commented(as(team.agent()), id, "Which browser?", true);
        assertThat(slas(id).get("policy_metrics").findValuesAsString("metric"))
                .as("no next reply is asked for yet")
                .containsExactly("first_reply_time");

        Instant asked = later(Duration.ofMinutes(5));
        commented(as(requester), id, "Firefox", null);
        assertThat(stage(id, "next_reply_time")).isEqualTo("active");
        assertThat(breachAt(id, "next_reply_time")).isEqualTo(asked.plus(Duration.ofMinutes(30)));

        Instant answered = later(Duration.ofMinutes(20));
        commented(as(team.agent()), id, "Fixed in the next release", true);
        assertThat(stage(id, "next_reply_time")).isEqualTo("achieved");

        List<JsonNode> next = of(events(id), "reply_time", 2);
        assertThat(types(next)).containsExactly("apply_sla", "activate", "fulfill", "update_status");
        assertThat(next.get(0).at("/sla/target").asLong()).isEqualTo(30);
        assertThat(time(next.get(1))).isEqualTo(asked);
        assertThat(time(next.get(2))).isEqualTo(answered);
        assertThat(minutes(next.get(3).get("status"))).isEqualTo(minutes(20, 20));
        assertThat(of(events(id), "reply_time", 3))
                .as("an agent's reply asks for nothing")
                .isEmpty();
    }

    @Test
    void periodicUpdateTimeRunsInPendingAndRestartsAtEachPublicAgentComment() {
        policy(target("periodic_update_time", 60));
        Team team = team(true);
        long id = ticket(endUser(), team);
        later(Duration.ofMinutes(20));
        status(id, "pending");
        assertThat(stage(id, "periodic_update_time")).as("it does not pause").isEqualTo("active");
        assertThat(breachAt(id, "periodic_update_time")).isEqualTo(T0.plus(Duration.ofMinutes(60)));

        Instant updated = later(Duration.ofMinutes(10));
        commented(as(team.agent()), id, "Still on it", true);

        assertThat(stage(id, "periodic_update_time")).isEqualTo("active");
        assertThat(breachAt(id, "periodic_update_time")).isEqualTo(updated.plus(Duration.ofMinutes(60)));
        List<JsonNode> events = events(id);
        List<JsonNode> first = of(events, "periodic_update_time", 1);
        assertThat(types(first)).containsExactly("apply_sla", "activate", "fulfill", "update_status");
        assertThat(time(first.get(2))).isEqualTo(updated);
        assertThat(minutes(first.get(3).get("status"))).isEqualTo(minutes(30, 30));
        List<JsonNode> second = of(events, "periodic_update_time", 2);
        assertThat(types(second)).containsExactly("apply_sla", "activate");
        assertThat(time(second.get(1))).isEqualTo(updated);
    }

    @Test
    void pausableUpdateTimeAndAgentWorkTimePauseInPendingAndOnHoldAndResume() {
        policy(target("pausable_update_time", 60), target("agent_work_time", 120));
        long id = ticket(endUser(), team(true));

        later(Duration.ofMinutes(10));
        status(id, "pending");
        for (String metric : List.of("pausable_update_time", "agent_work_time")) {
            assertThat(stage(id, metric)).as(metric).isEqualTo("paused");
            assertThat(breachAt(id, metric)).as(metric).isNull();
        }
        assertThat(sla(id, "pausable_update_time").get("minutes").asLong()).isEqualTo(50);

        Instant resumed = later(Duration.ofHours(2));
        status(id, "open");
        assertThat(stage(id, "pausable_update_time")).isEqualTo("active");
        assertThat(breachAt(id, "pausable_update_time")).isEqualTo(resumed.plus(Duration.ofMinutes(50)));
        assertThat(breachAt(id, "agent_work_time")).isEqualTo(resumed.plus(Duration.ofMinutes(110)));

        later(Duration.ofMinutes(10));
        status(id, "hold");
        for (String metric : List.of("pausable_update_time", "agent_work_time")) {
            assertThat(stage(id, metric)).as(metric).isEqualTo("paused");
            assertThat(breachAt(id, metric)).as(metric).isNull();
        }

        Instant again = later(Duration.ofHours(1));
        status(id, "open");
        assertThat(breachAt(id, "pausable_update_time")).isEqualTo(again.plus(Duration.ofMinutes(40)));
        assertThat(breachAt(id, "agent_work_time")).isEqualTo(again.plus(Duration.ofMinutes(100)));
        List<JsonNode> events = events(id);
        for (String metric : List.of("pausable_update_time", "agent_work_time")) {
            assertThat(types(of(events, metric, 1)))
                    .as(metric)
                    .containsExactly("apply_sla", "activate", "pause", "activate", "pause", "activate");
            assertThat(of(events, metric, 1).stream().map(MetricTestSupport::time))
                    .as(metric)
                    .containsExactly(
                            T0,
                            T0,
                            T0.plus(Duration.ofMinutes(10)),
                            resumed,
                            resumed.plus(Duration.ofMinutes(10)),
                            again);
        }
    }

    @Test
    void requesterWaitTimePausesOnlyInPending() {
        policy(target("requester_wait_time", 120));
        long id = ticket(endUser(), team(true));

        later(Duration.ofMinutes(10));
        status(id, "hold");
        assertThat(stage(id, "requester_wait_time"))
                .as("on-hold keeps it running")
                .isEqualTo("active");
        assertThat(breachAt(id, "requester_wait_time")).isEqualTo(T0.plus(Duration.ofMinutes(120)));

        Instant paused = later(Duration.ofMinutes(10));
        status(id, "pending");
        assertThat(stage(id, "requester_wait_time")).isEqualTo("paused");
        assertThat(breachAt(id, "requester_wait_time")).isNull();

        Instant resumed = later(Duration.ofHours(1));
        status(id, "open");
        assertThat(breachAt(id, "requester_wait_time")).isEqualTo(resumed.plus(Duration.ofMinutes(100)));
        List<JsonNode> events = of(events(id), "requester_wait_time", 1);
        assertThat(types(events)).containsExactly("apply_sla", "activate", "pause", "activate");
        assertThat(time(events.get(2))).isEqualTo(paused);
        assertThat(time(events.get(3))).isEqualTo(resumed);
    }

    @Test
    void totalResolutionTimeIsFulfilledBySolvingAndActiveAgainOnReopening() {
        policy(target("total_resolution_time", 600));
        TestUser requester = endUser();
        long id = ticket(requester, team(true));

        Instant solved = later(Duration.ofMinutes(30));
        status(id, "solved");
        assertThat(stage(id, "total_resolution_time")).isEqualTo("achieved");
        assertThat(breachAt(id, "total_resolution_time")).isNull();

        Instant reopened = later(Duration.ofMinutes(90));
        assertThat(commented(as(requester), id, "It broke again", null)
                        .get("status")
                        .asString())
                .isEqualTo("open");
        assertThat(stage(id, "total_resolution_time")).isEqualTo("active");
        assertThat(breachAt(id, "total_resolution_time"))
                .as("counted from the ticket's creation")
                .isEqualTo(T0.plus(Duration.ofMinutes(600)));
        List<JsonNode> events = of(events(id), "resolution_time", 1);
        assertThat(types(events)).containsExactly("apply_sla", "activate", "fulfill", "update_status", "activate");
        assertThat(time(events.get(2))).isEqualTo(solved);
        assertThat(minutes(events.get(3).get("status"))).isEqualTo(minutes(30, 30));
        assertThat(time(events.get(4))).isEqualTo(reopened);
    }

    // ---- breaches -------------------------------------------------------------------------------------------

    @Test
    void aDueBreachIsRecordedOnceAtItsTrueTime() {
        policy(target("first_reply_time", 60));
        long id = ticket(endUser(), team(true));
        Instant breachAt = breachAt(id, "first_reply_time");

        later(Duration.ofHours(3));
        recordDue();
        recordDue();

        List<JsonNode> breached = ofType(of(events(id), "reply_time", 1), "breach");
        assertThat(breached).hasSize(1);
        assertThat(time(breached.get(0))).isEqualTo(breachAt);
        assertThat(sla(id, "first_reply_time").get("hours").asLong()).isEqualTo(-2);
    }

    @Test
    void aWriteAfterAMissedBreachRecordsItOnceAtItsTrueTime() {
        policy(target("first_reply_time", 60));
        Team team = team(true);
        long id = ticket(endUser(), team);
        Instant breachAt = breachAt(id, "first_reply_time");

        later(Duration.ofHours(3));
        commented(as(team.agent()), id, "Sorry, a busy day", false);
        later(Duration.ofMinutes(1));
        commented(as(team.agent()), id, "Still asking", false);

        List<JsonNode> breached = ofType(of(events(id), "reply_time", 1), "breach");
        assertThat(breached).hasSize(1);
        assertThat(time(breached.get(0))).isEqualTo(breachAt);
    }

    /** Every breach due by now (other suites' tickets too, a batch at a time). */
    private void recordDue() {
        for (int runs = 0; breaches.recordDue() > 0; runs++) {
            assertThat(runs).as("runs until nothing is due").isLessThan(100);
        }
    }

    // ---- re-targeting -------------------------------------------------------------------------------------

    @Test
    void aPriorityChangeRetargetsTheRunningMetrics() {
        policy(target("normal", "first_reply_time", 60, false), target("urgent", "first_reply_time", 15, false));
        long id = ticket(endUser(), team(true));
        assertThat(breachAt(id, "first_reply_time"))
                .as("no priority is normal")
                .isEqualTo(T0.plus(Duration.ofMinutes(60)));

        Instant changed = later(Duration.ofMinutes(5));
        updated(admin(), id, fields("priority", "urgent"));

        assertThat(breachAt(id, "first_reply_time")).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        List<JsonNode> applied = ofType(of(events(id), "reply_time", 1), "apply_sla");
        assertThat(applied).hasSize(2);
        assertThat(time(applied.get(1))).isEqualTo(changed);
        assertThat(applied.get(1).at("/sla/target").asLong()).isEqualTo(15);
    }

    @Test
    void anEditedPolicyTargetAppliesAtTheTicketsNextWrite() {
        long policy = policy(target("first_reply_time", 60));
        Team team = team(true);
        long id = ticket(endUser(), team);

        later(Duration.ofMinutes(5));
        expect(
                admin().put(
                                POLICIES + "/" + policy,
                                Map.of(
                                        "sla_policy",
                                        Map.of("policy_metrics", List.of(target("first_reply_time", 120))))),
                200);
        assertThat(breachAt(id, "first_reply_time"))
                .as("nothing is re-targeted before the ticket is written")
                .isEqualTo(T0.plus(Duration.ofMinutes(60)));

        Instant written = later(Duration.ofMinutes(5));
        commented(as(team.agent()), id, "Checking", false);

        assertThat(breachAt(id, "first_reply_time")).isEqualTo(T0.plus(Duration.ofMinutes(120)));
        List<JsonNode> applied = ofType(of(events(id), "reply_time", 1), "apply_sla");
        assertThat(applied).hasSize(2);
        assertThat(time(applied.get(1))).isEqualTo(written);
        assertThat(applied.get(1).at("/sla/target").asLong()).isEqualTo(120);
    }

    // ---- business hours -----------------------------------------------------------------------------------

    @Test
    void aBusinessHoursTargetRunsOverTheWeekendToMondayMorning() {
        berlinOfficeHours();
        policy(target("normal", "first_reply_time", 120, true));
        at(Instant.parse("2031-01-10T15:00:00Z")); // Friday 16:00 in Berlin
        Team team = team(true);
        long id = ticket(endUser(), team);

        assertThat(breachAt(id, "first_reply_time"))
                .as("Monday 10:00 in Berlin")
                .isEqualTo(Instant.parse("2031-01-13T09:00:00Z"));

        at(Instant.parse("2031-01-13T08:30:00Z")); // Monday 09:30
        commented(as(team.agent()), id, "Good morning", true);
        List<JsonNode> events = of(events(id), "reply_time", 1);
        assertThat(events.get(0).at("/sla/business_hours").asBoolean()).isTrue();
        assertThat(minutes(ofType(events, "update_status").get(0).get("status")))
                .as("an hour on Friday, half an hour on Monday")
                .isEqualTo(minutes(3930, 90));
        assertThat(minutes(ticketMetric(id).get("reply_time_in_minutes"))).isEqualTo(minutes(3930, 90));
    }

    @Test
    void aBusinessHoursTargetAcrossTheDaylightSavingChangeLandsAtTheRightInstant() {
        berlinOfficeHours();
        policy(target("normal", "first_reply_time", 120, true));
        at(Instant.parse("2031-03-28T15:00:00Z")); // Friday 16:00 CET; clocks go forward on Sunday the 30th

        long id = ticket(endUser(), team(true));

        assertThat(breachAt(id, "first_reply_time"))
                .as("Monday 10:00 CEST")
                .isEqualTo(Instant.parse("2031-03-31T08:00:00Z"));
    }

    @Test
    void aBusinessHoursTargetSkipsAHoliday() {
        long schedule = berlinOfficeHours();
        expect(
                admin().post(
                                SCHEDULES + "/" + schedule + "/holidays",
                                Map.of(
                                        "holiday",
                                        Map.of(
                                                "name",
                                                "Closed",
                                                "start_date",
                                                "2031-01-13",
                                                "end_date",
                                                "2031-01-13"))),
                201);
        policy(target("normal", "first_reply_time", 120, true));
        at(Instant.parse("2031-01-10T15:00:00Z"));

        long id = ticket(endUser(), team(true));

        assertThat(breachAt(id, "first_reply_time"))
                .as("Tuesday 10:00 in Berlin: Monday is a holiday")
                .isEqualTo(Instant.parse("2031-01-14T09:00:00Z"));
    }
}
