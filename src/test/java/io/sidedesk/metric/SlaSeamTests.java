package io.sidedesk.metric;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.sidedesk.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where SLAs meet the rest of the ticket's life: what triggers change is measured in the same write, a ticket
 * created solved runs nothing, a deleted ticket breaches nothing more, and a business-hours target the schedule
 * cannot reach never breaches instead of failing the write.
 */
@Import(MutableClock.AsTheServiceClock.class)
class SlaSeamTests extends MetricTestSupport {

    @Autowired
    private SlaBreaches breaches;

    @Test
    void whatATriggerChangesIsMeasuredInTheSameWrite() {
        policy(target("normal", "first_reply_time", 60, false), target("urgent", "first_reply_time", 15, false));
        long trigger = expect(
                        admin().post(
                                        "/api/v2/triggers",
                                        Map.of(
                                                "trigger",
                                                Map.of(
                                                        "title", unique("Urgent for " + tag),
                                                        "conditions",
                                                                Map.of(
                                                                        "all",
                                                                        List.of(
                                                                                Map.of(
                                                                                        "field", "update_type",
                                                                                        "operator", "is",
                                                                                        "value", "Create"),
                                                                                Map.of(
                                                                                        "field", "current_tags",
                                                                                        "operator", "includes",
                                                                                        "value", tag))),
                                                        "actions",
                                                                List.of(Map.of(
                                                                        "field", "priority", "value", "urgent"))))),
                        201)
                .json()
                .at("/trigger/id")
                .asLong();
        try {
            long id = ticket(endUser(), team(true));
            assertThat(breachAt(id, "first_reply_time"))
                    .as("the urgent target, which the trigger's priority chose")
                    .isEqualTo(T0.plus(Duration.ofMinutes(15)));
        } finally {
            expect(admin().delete("/api/v2/triggers/" + trigger), 204);
        }
    }

    @Test
    void aTicketCreatedSolvedRunsNothingAndBreachesNothing() {
        policy(target("total_resolution_time", 60), target("periodic_update_time", 60));
        Team team = team(true);
        long id = ticket(endUser(), team, "status", "solved");

        for (JsonNode target : slas(id).get("policy_metrics")) {
            assertThat(target.get("stage").asString()).as(target.toString()).isEqualTo("achieved");
        }
        later(Duration.ofHours(3));
        recordEveryDueBreach();
        assertThat(ofType(events(id), "breach")).isEmpty();
    }

    @Test
    void aDeletedTicketBreachesNothingMore() {
        policy(target("total_resolution_time", 60));
        long id = ticket(endUser(), team(true));
        expect(admin().delete("/api/v2/tickets/" + id), 204);

        later(Duration.ofHours(3));
        recordEveryDueBreach();

        assertThat(ofType(events(id), "breach")).isEmpty();
        assertThat(events(id))
                .allSatisfy(event -> assertThat(event.get("deleted").asBoolean())
                        .as("the export says the ticket was deleted")
                        .isTrue());
    }

    @Test
    void aBusinessHoursTargetTheScheduleCannotReachNeverBreachesAndTheWriteSucceeds() {
        long schedule = berlinOfficeHours();
        // Closed for three years: more than the schedule looks ahead for business time.
        for (int year = 2031; year <= 2033; year++) {
            expect(
                    admin().post(
                                    SCHEDULES + "/" + schedule + "/holidays",
                                    Map.of(
                                            "holiday",
                                            Map.of(
                                                    "name", "Closed in " + year,
                                                    "start_date", year + "-01-01",
                                                    "end_date", year + "-12-31"))),
                    201);
        }
        policy(target("normal", "first_reply_time", 60, true));

        long id = ticket(endUser(), team(true));

        assertThat(stage(id, "first_reply_time")).isEqualTo("active");
        assertThat(breachAt(id, "first_reply_time")).isNull();
    }

    /** Records breaches until none is due (other suites' older tickets come first, at most a batch a run). */
    private void recordEveryDueBreach() {
        for (int run = 0; run < 100 && breaches.recordDue() > 0; run++) {
            // again
        }
    }
}
