package io.sidedesk.businesshours;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business hours schedules API over HTTP (issue 20): Zendesk's shapes, its default week, the workweek,
 * checks that name the member and write nothing, and who may do what.
 */
class ScheduleApiTests extends ScheduleTestSupport {

    private static final Set<String> MEMBERS =
            Set.of("id", "url", "name", "time_zone", "intervals", "created_at", "updated_at");

    @Test
    void aCreatedScheduleHasZendesksShapeAndItsIntervalsInOrder() {
        JsonNode schedule = created(Map.of(
                "name",
                "  Billing, Paris  ",
                "time_zone",
                "Europe/Paris",
                "intervals",
                List.of(interval(3420, 3900), interval(1980, 2460))));

        long id = schedule.get("id").asLong();
        assertThat(new TreeSet<>(schedule.propertyNames())).isEqualTo(new TreeSet<>(MEMBERS));
        assertThat(schedule.get("url").asString()).endsWith("/api/v2/business_hours/schedules/" + id + ".json");
        assertThat(schedule.get("name").asString()).isEqualTo("Billing, Paris");
        assertThat(schedule.get("time_zone").asString()).isEqualTo("Europe/Paris");
        assertThat(schedule.get("intervals")).isEqualTo(json(List.of(interval(1980, 2460), interval(3420, 3900))));
        assertThat(schedule.get("updated_at").asString())
                .isEqualTo(schedule.get("created_at").asString());
        Api.Response shown = admin().get(schedule(id));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("schedule")).isEqualTo(schedule);
    }

    @Test
    void withoutIntervalsAScheduleIsZendesksDefaultMondayToFridayNineToFive() {
        JsonNode schedule = created(Map.of("name", unique("Default"), "time_zone", "America/New_York"));

        assertThat(schedule.get("intervals"))
                .isEqualTo(json(List.of(
                        interval(1980, 2460),
                        interval(3420, 3900),
                        interval(4860, 5340),
                        interval(6300, 6780),
                        interval(7740, 8220))));
    }

    @Test
    void theListIsOldestFirstAndPagedAsEveryList() {
        long first = scheduleIn("UTC");
        long second = scheduleIn("Asia/Tokyo");
        long third = scheduleIn("Europe/Lisbon");

        assertThat(ApiAssertions.allIds(admin(), SCHEDULES, "schedules")).containsExactly(first, second, third);
        assertThat(ApiAssertions.allOffsetPages(admin(), SCHEDULES, "schedules", 2))
                .extracting(schedule -> schedule.get("id").asLong())
                .containsExactly(first, second, third);
        assertThat(ApiAssertions.allCursorPages(admin(), SCHEDULES, "schedules", 1))
                .extracting(schedule -> schedule.get("id").asLong())
                .containsExactly(first, second, third);
    }

    @Test
    void anUpdateChangesOnlyTheMembersSent() {
        JsonNode original = created(Map.of("name", unique("Before"), "time_zone", "Europe/Paris"));
        long id = original.get("id").asLong();

        JsonNode renamed = updated(id, Map.of("name", "After"));
        assertThat(renamed.get("name").asString()).isEqualTo("After");
        assertThat(renamed.get("time_zone")).isEqualTo(original.get("time_zone"));
        assertThat(renamed.get("intervals")).isEqualTo(original.get("intervals"));
        assertThat(renamed.get("created_at")).isEqualTo(original.get("created_at"));
        assertThat(renamed.get("updated_at").asString())
                .isGreaterThanOrEqualTo(original.get("updated_at").asString());

        JsonNode moved = updated(id, Map.of("time_zone", "Australia/Sydney", "intervals", List.of(interval(0, 1440))));
        assertThat(moved.get("name").asString()).isEqualTo("After");
        assertThat(moved.get("time_zone").asString()).isEqualTo("Australia/Sydney");
        assertThat(moved.get("intervals")).isEqualTo(json(List.of(interval(0, 1440))));
        assertThat(admin().get(schedule(id)).json().get("schedule")).isEqualTo(moved);
    }

    @Test
    void theWorkweekReplacesEveryIntervalAsZendeskDoes() {
        long id = scheduleIn("Europe/Paris");
        List<Map<String, Object>> week = List.of(interval(7200, 7680), interval(1500, 2000), interval(2100, 2880));

        Api.Response response = admin().put(schedule(id) + "/workweek", Map.of("workweek", Map.of("intervals", week)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode sorted = json(List.of(interval(1500, 2000), interval(2100, 2880), interval(7200, 7680)));
        assertThat(response.json().at("/workweek/intervals")).isEqualTo(sorted);
        assertThat(response.json().propertyNames()).containsExactly("workweek");
        assertThat(admin().get(schedule(id)).json().at("/schedule/intervals")).isEqualTo(sorted);
    }

    @Test
    void aDeletedScheduleIsA204ThenGoneWithItsHolidays() {
        long id = scheduleIn("UTC");
        long holiday =
                holiday(id, "Day off", "2026-05-01", "2026-05-01").get("id").asLong();

        Api.Response deleted = admin().delete(schedule(id));

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(schedule(id)));
        assertNotFound(admin().delete(schedule(id)));
        assertNotFound(admin().get(holidays(id)));
        assertNotFound(admin().get(holidays(id) + "/" + holiday));
    }

    @Test
    void anUnknownScheduleIsA404Everywhere() {
        String path = schedule(MISSING);
        assertNotFound(admin().get(path));
        assertNotFound(admin().put(path, Map.of("schedule", Map.of("name", "x"))));
        assertNotFound(
                admin().put(path + "/workweek", Map.of("workweek", Map.of("intervals", List.of(interval(0, 60))))));
        assertNotFound(admin().delete(path));
        assertNotFound(admin().get(path + "/holidays"));
        assertNotFound(admin().post(
                        path + "/holidays",
                        Map.of("holiday", Map.of("name", "x", "start_date", "2026-01-01", "end_date", "2026-01-01"))));
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    @Test
    void aScheduleNeedsANameAndAnIanaTimeZoneAndNothingIsWrittenWithout() {
        assertRefused(Map.of("time_zone", "UTC"), "name");
        assertRefused(Map.of("name", "  ", "time_zone", "UTC"), "name");
        assertRefused(Map.of("name", "x".repeat(256), "time_zone", "UTC"), "name");
        assertRefused(Map.of("name", "No zone"), "time_zone");
        for (String zone :
                List.of("Mars/Olympus_Mons", "Eastern Time (US & Canada)", "+01:00", "GMT+1", "", "europe/paris")) {
            assertRefused(Map.of("name", "Bad zone", "time_zone", zone), "time_zone");
        }
    }

    @Test
    void intervalsOutsideTheWeekOrBackwardsOrAcrossMidnightOrOverlappingAreRefusedNamingTheInterval() {
        assertRefused(intervals(interval(0, 60), interval(-1, 60)), "intervals[1].start_time");
        assertRefused(intervals(interval(0, 60), interval(9000, 10081)), "intervals[1].end_time");
        assertRefused(intervals(interval(600, 540)), "intervals[0].end_time");
        assertRefused(intervals(interval(600, 600)), "intervals[0].end_time");
        assertRefused(intervals(interval(1380, 1500)), "intervals[0].end_time");
        assertRefused(intervals(interval(540, 1020), interval(1000, 1100)), "intervals[1].start_time");
        assertRefused(intervals(interval(1000, 1100), interval(540, 1020)), "intervals[1].start_time");
        assertRefused(intervals(interval(540, 1020), interval(540, 1020)), "intervals[1].start_time");
        assertRefused(intervals(Map.of("start_time", 540)), "intervals[0].end_time");
        java.util.List<Map<String, Object>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(interval(i * 60, i * 60 + 30));
        }
        assertRefused(intervals(many.toArray(Map[]::new)), "intervals");
        assertRefused(intervals(), "intervals");

        long id = scheduleIn("UTC");
        String before = admin().get(schedule(id)).body();
        assertInvalid(
                admin().put(
                                schedule(id),
                                Map.of("schedule", Map.of("name", "Changed", "intervals", List.of(interval(60, 30))))),
                "intervals[0].end_time");
        assertInvalid(
                admin().put(
                                schedule(id) + "/workweek",
                                Map.of("workweek", Map.of("intervals", List.of(interval(0, 60), interval(30, 90))))),
                "intervals[1].start_time");
        assertInvalid(admin().put(schedule(id), Map.of("schedule", Map.of("time_zone", "Nowhere"))), "time_zone");
        assertInvalid(admin().put(schedule(id), Map.of("schedule", Map.of("name", ""))), "name");
        assertInvalid(
                admin().withoutContract().put(schedule(id) + "/workweek", Map.of("workweek", Map.of())), "intervals");
        assertThat(admin().get(schedule(id)).body()).as("nothing written").isEqualTo(before);
    }

    @Test
    void intervalsMayTouchAndEndAtMidnightOrTheEndOfTheWeek() {
        JsonNode schedule = created(intervals(interval(0, 720), interval(720, 1440), interval(8640, 10080)));

        assertThat(schedule.get("intervals")).hasSize(3);
    }

    // ---- who may ------------------------------------------------------------------------------------------------

    @Test
    void agentsReadSchedulesAdminsWriteThemEndUsersDoNeither() {
        long id = scheduleIn("UTC");
        Api agent = as(agent());
        Api endUser = as(endUser());
        String before = admin().get(schedule(id)).body();

        assertThat(agent.get(SCHEDULES).status()).isEqualTo(200);
        assertThat(agent.get(schedule(id)).status()).isEqualTo(200);
        assertForbidden(agent.put(schedule(id), Map.of("schedule", Map.of("name", "Agent's"))));
        assertForbidden(agent.put(
                schedule(id) + "/workweek", Map.of("workweek", Map.of("intervals", List.of(interval(0, 60))))));
        assertForbidden(agent.delete(schedule(id)));
        assertForbidden(post(agent, Map.of("name", "Agent's", "time_zone", "UTC")));
        for (String path : List.of(SCHEDULES, schedule(id), holidays(id), schedule(MISSING))) {
            assertForbidden(endUser.get(path));
        }
        assertThat(admin().get(schedule(id)).body()).as("nothing written").isEqualTo(before);
        assertThat(ApiAssertions.allIds(admin(), SCHEDULES, "schedules")).containsExactly(id);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    @SafeVarargs
    private static Map<String, Object> intervals(Map<String, Object>... intervals) {
        return Map.of("name", "Hours", "time_zone", "UTC", "intervals", List.of(intervals));
    }

    /** A create refused naming the member, with no schedule made. */
    private void assertRefused(Map<String, Object> fields, String member) {
        long before = count(SCHEDULES);
        assertInvalid(post(admin().withoutContract(), fields), member);
        assertThat(count(SCHEDULES)).as("nothing written").isEqualTo(before);
    }

    private JsonNode updated(long id, Map<String, Object> fields) {
        Api.Response response = admin().put(schedule(id), Map.of("schedule", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("schedule");
    }
}
