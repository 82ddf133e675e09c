package io.sidedesk.businesshours;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** A schedule's holidays over HTTP (issue 20): Zendesk's shape, checks naming the member, 404s and 403s. */
class HolidayApiTests extends ScheduleTestSupport {

    @Test
    void aHolidayHasZendesksShapeAndIsListedShownChangedAndDeleted() {
        long schedule = scheduleIn("Europe/Paris");

        JsonNode christmas = holiday(schedule, "Christmas", "2026-12-24", "2026-12-26");
        JsonNode newYear = holiday(schedule, "New Year", "2026-12-31", "2027-01-01");

        long id = christmas.get("id").asLong();
        assertThat(new TreeSet<>(christmas.propertyNames())).containsExactly("end_date", "id", "name", "start_date");
        assertThat(christmas.get("name").asString()).isEqualTo("Christmas");
        assertThat(christmas.get("start_date").asString()).isEqualTo("2026-12-24");
        assertThat(christmas.get("end_date").asString()).isEqualTo("2026-12-26");
        assertThat(admin().get(holidays(schedule) + "/" + id).json().get("holiday"))
                .isEqualTo(christmas);
        assertThat(ApiAssertions.all(admin(), holidays(schedule), "holidays")).containsExactly(christmas, newYear);

        Api.Response changed =
                admin().put(holidays(schedule) + "/" + id, Map.of("holiday", Map.of("end_date", "2026-12-27")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().at("/holiday/name").asString()).isEqualTo("Christmas");
        assertThat(changed.json().at("/holiday/start_date").asString()).isEqualTo("2026-12-24");
        assertThat(changed.json().at("/holiday/end_date").asString()).isEqualTo("2026-12-27");
        assertThat(admin().get(holidays(schedule) + "/" + id).json().get("holiday"))
                .isEqualTo(changed.json().get("holiday"));

        assertThat(admin().delete(holidays(schedule) + "/" + id).status()).isEqualTo(204);
        assertNotFound(admin().get(holidays(schedule) + "/" + id));
        assertThat(ApiAssertions.allIds(admin(), holidays(schedule), "holidays"))
                .containsExactly(newYear.get("id").asLong());
    }

    @Test
    void aHolidayOfAnotherScheduleOrNoneIsA404() {
        long mine = scheduleIn("UTC");
        long other = scheduleIn("UTC");
        long holiday =
                holiday(other, "Theirs", "2026-05-01", "2026-05-01").get("id").asLong();
        Map<String, Object> body = Map.of("holiday", Map.of("name", "Mine"));

        for (String path : List.of(holidays(mine) + "/" + holiday, holidays(mine) + "/" + MISSING)) {
            assertNotFound(admin().get(path));
            assertNotFound(admin().put(path, body));
            assertNotFound(admin().delete(path));
        }
        assertThat(admin().get(holidays(other) + "/" + holiday)
                        .json()
                        .at("/holiday/name")
                        .asString())
                .isEqualTo("Theirs");
        assertThat(ApiAssertions.all(admin(), holidays(mine), "holidays")).isEmpty();
    }

    @Test
    void aHolidayNeedsANameAndDatesEndingOnOrAfterItsStartWithinAYearAndNothingIsWrittenWithout() {
        long schedule = scheduleIn("UTC");
        assertRefused(schedule, Map.of("start_date", "2026-01-01", "end_date", "2026-01-01"), "name");
        assertRefused(schedule, Map.of("name", " ", "start_date", "2026-01-01", "end_date", "2026-01-01"), "name");
        assertRefused(schedule, Map.of("name", "No start", "end_date", "2026-01-01"), "start_date");
        assertRefused(schedule, Map.of("name", "No end", "start_date", "2026-01-01"), "end_date");
        assertRefused(
                schedule, Map.of("name", "Bad", "start_date", "2026-02-30", "end_date", "2026-03-01"), "start_date");
        assertRefused(schedule, Map.of("name", "Bad", "start_date", "1 May", "end_date", "2026-05-01"), "start_date");
        assertRefused(
                schedule, Map.of("name", "Back", "start_date", "2026-05-02", "end_date", "2026-05-01"), "end_date");
        assertRefused(
                schedule, Map.of("name", "Long", "start_date", "2026-01-01", "end_date", "2027-01-02"), "end_date");
        assertRefused(
                schedule, Map.of("name", "Old", "start_date", "1899-12-31", "end_date", "1900-01-01"), "start_date");

        JsonNode leap = holiday(schedule, "A leap year off", "2028-01-01", "2028-12-31");
        String path = holidays(schedule) + "/" + leap.get("id").asLong();
        String before = admin().get(path).body();
        assertInvalid(admin().put(path, Map.of("holiday", Map.of("end_date", "2027-12-31"))), "end_date");
        assertInvalid(admin().put(path, Map.of("holiday", Map.of("start_date", "2027-12-31"))), "end_date");
        assertInvalid(admin().put(path, Map.of("holiday", Map.of("name", ""))), "name");
        assertThat(admin().get(path).body()).as("nothing written").isEqualTo(before);
    }

    @Test
    void agentsReadHolidaysAdminsWriteThemEndUsersDoNeither() {
        long schedule = scheduleIn("UTC");
        String holiday = holidays(schedule) + "/"
                + holiday(schedule, "Day off", "2026-05-01", "2026-05-01")
                        .get("id")
                        .asLong();
        Api agent = as(agent());
        Api endUser = as(endUser());
        Map<String, Object> body =
                Map.of("holiday", Map.of("name", "x", "start_date", "2026-06-01", "end_date", "2026-06-01"));
        String before = admin().get(holidays(schedule)).body();

        assertThat(agent.get(holidays(schedule)).status()).isEqualTo(200);
        assertThat(agent.get(holiday).status()).isEqualTo(200);
        assertForbidden(agent.post(holidays(schedule), body));
        assertForbidden(agent.put(holiday, body));
        assertForbidden(agent.delete(holiday));
        assertForbidden(endUser.get(holidays(schedule)));
        assertForbidden(endUser.get(holiday));
        assertForbidden(endUser.post(holidays(schedule), body));
        assertThat(admin().get(holidays(schedule)).body()).as("nothing written").isEqualTo(before);
    }

    private void assertRefused(long schedule, Map<String, Object> fields, String member) {
        String before = admin().get(holidays(schedule)).body();
        assertInvalid(admin().withoutContract().post(holidays(schedule), Map.of("holiday", fields)), member);
        assertThat(admin().get(holidays(schedule)).body()).as("nothing written").isEqualTo(before);
    }
}
