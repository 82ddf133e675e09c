package io.sidedesk.businesshours;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the business hours suites: schedules made through the API, each deleted after the test (with its
 * holidays), since the oldest schedule is the account's default and no other test may find one of these.
 */
abstract class ScheduleTestSupport extends ApiTestSupport {

    static final String SCHEDULES = "/api/v2/business_hours/schedules";

    static final long MISSING = 987_654_321L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void deleteSchedules() {
        for (long id : created) {
            Api.Response response = admin().delete(SCHEDULES + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        assertThat(ApiAssertions.all(admin(), SCHEDULES, "schedules"))
                .as("no schedule left behind")
                .isEmpty();
    }

    /** {@code {start_time, end_time}}. */
    static Map<String, Object> interval(int start, int end) {
        return Map.of("start_time", start, "end_time", end);
    }

    static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    static String schedule(long id) {
        return SCHEDULES + "/" + id;
    }

    static String holidays(long schedule) {
        return schedule(schedule) + "/holidays";
    }

    /** Posts a schedule with these members, deleted after the test if it was made: the response. */
    Api.Response post(Api caller, Map<String, Object> fields) {
        Api.Response response = caller.post(SCHEDULES, Map.of("schedule", fields));
        if (response.status() == 201) {
            created.add(response.json().at("/schedule/id").asLong());
        }
        return response;
    }

    /** A schedule with these members, which must be made: the schedule. */
    JsonNode created(Map<String, Object> fields) {
        Api.Response response = post(admin(), fields);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("schedule");
    }

    /** A schedule in this zone with Zendesk's default intervals: its id. */
    long scheduleIn(String timeZone) {
        return created(Map.of("name", unique("Hours"), "time_zone", timeZone))
                .get("id")
                .asLong();
    }

    /** A holiday on the schedule, which must be made: the holiday. */
    JsonNode holiday(long schedule, String name, String startDate, String endDate) {
        Api.Response response = admin().post(
                        holidays(schedule),
                        Map.of("holiday", Map.of("name", name, "start_date", startDate, "end_date", endDate)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("holiday");
    }
}
