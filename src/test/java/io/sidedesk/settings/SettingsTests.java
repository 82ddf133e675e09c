package io.sidedesk.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET/PUT /api/v2/account/settings. The settings are one row shared by every test in the JVM: each test here
 * reads what it needs first and {@link #restoreDefaults()} puts the documented defaults back afterwards.
 */
class SettingsTests extends ApiTestSupport {

    private static final String PATH = "/api/v2/account/settings";

    @AfterEach
    void restoreDefaults() {
        restoreDefaultSettings();
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Test
    void settingsStartAtTheDocumentedDefaults() {
        Api.Response response = admin().get(PATH);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode settings = response.json().at("/settings/side_conversations");
        assertThat(settings.get("tickets_channel").asBoolean()).isFalse();
        assertThat(settings.get("tickets_channel").isBoolean()).isTrue();
        assertThat(settings.get("email_channel").isBoolean()).isTrue();
        assertThat(settings.get("email_channel").asBoolean()).isFalse();
        assertThat(settings.get("child_ticket_comment_type").asString()).isEqualTo("public");
        assertThat(settings.get("child_ticket_status_updates").isBoolean()).isTrue();
        assertThat(settings.get("child_ticket_status_updates").asBoolean()).isTrue();
        assertThat(settings.get("child_ticket_default_copy_fields").isArray()).isTrue();
        assertThat(settings.get("child_ticket_default_copy_fields")).isEmpty();
    }

    @Test
    void agentsAndLightAgentsReadSettings() {
        JsonNode expected = current();

        for (TestUser caller : List.of(agent(), lightAgent())) {
            Api.Response response = as(caller).get(PATH);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().at("/settings/side_conversations")).isEqualTo(expected);
        }
    }

    @Test
    void endUsersCannotReadSettings() {
        assertForbidden(as(endUser()).get(PATH));
    }

    // ---- changing -----------------------------------------------------------------------------------------

    @Test
    void putChangesOnlyTheKeysSent() {
        JsonNode before = current();
        boolean tickets = before.get("tickets_channel").asBoolean();

        Api.Response response = admin().put(PATH, body(Map.of("tickets_channel", !tickets)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode after = response.json().at("/settings/side_conversations");
        assertThat(after.get("tickets_channel").asBoolean()).isEqualTo(!tickets);
        for (String key : List.of(
                "email_channel",
                "child_ticket_comment_type",
                "child_ticket_status_updates",
                "child_ticket_default_copy_fields")) {
            assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
        }
        assertThat(current()).isEqualTo(after);
    }

    @Test
    void ticketsChannelTurnsOnAndOff() {
        assertThat(put(Map.of("tickets_channel", true)).get("tickets_channel").asBoolean())
                .isTrue();
        assertThat(current().get("tickets_channel").asBoolean()).isTrue();

        assertThat(put(Map.of("tickets_channel", false)).get("tickets_channel").asBoolean())
                .isFalse();
        assertThat(current().get("tickets_channel").asBoolean()).isFalse();
    }

    @Test
    void everyCommentTypeIsAccepted() {
        for (String type : List.of("internal", "match_ticket_privacy", "public")) {
            assertThat(put(Map.of("child_ticket_comment_type", type))
                            .get("child_ticket_comment_type")
                            .asString())
                    .isEqualTo(type);
            assertThat(current().get("child_ticket_comment_type").asString()).isEqualTo(type);
        }
    }

    @Test
    void statusUpdatesCanBeSwitchedOff() {
        put(Map.of("child_ticket_status_updates", false));

        assertThat(current().get("child_ticket_status_updates").asBoolean()).isFalse();
        assertThat(put(Map.of("child_ticket_status_updates", true))
                        .get("child_ticket_status_updates")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void defaultCopyFieldsAreAnySubsetOfTheFour() {
        JsonNode two = put(Map.of("child_ticket_default_copy_fields", List.of("requester", "tags")));
        assertThat(strings(two.get("child_ticket_default_copy_fields"))).containsExactlyInAnyOrder("tags", "requester");
        assertThat(strings(current().get("child_ticket_default_copy_fields")))
                .containsExactlyInAnyOrder("tags", "requester");

        JsonNode four = put(
                Map.of("child_ticket_default_copy_fields", List.of("tags", "followers", "ticket_form", "requester")));
        assertThat(strings(four.get("child_ticket_default_copy_fields")))
                .containsExactlyInAnyOrder("tags", "followers", "ticket_form", "requester");

        JsonNode none = put(Map.of("child_ticket_default_copy_fields", List.of()));
        assertThat(none.get("child_ticket_default_copy_fields")).isEmpty();
        assertThat(current().get("child_ticket_default_copy_fields")).isEmpty();
    }

    @Test
    void emailChannelAcceptsOnlyFalse() {
        assertThat(put(Map.of("email_channel", false)).get("email_channel").asBoolean())
                .isFalse();

        Api.Response refused = admin().put(PATH, body(Map.of("email_channel", true)));

        assertInvalid(refused, "side_conversations.email_channel");
        assertThat(current().get("email_channel").asBoolean()).isFalse();
    }

    @Test
    void severalKeysChangeTogether() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("tickets_channel", true);
        all.put("email_channel", false);
        all.put("child_ticket_comment_type", "match_ticket_privacy");
        all.put("child_ticket_status_updates", false);
        all.put("child_ticket_default_copy_fields", List.of("followers"));

        JsonNode changed = put(all);

        assertThat(changed.get("tickets_channel").asBoolean()).isTrue();
        assertThat(changed.get("child_ticket_comment_type").asString()).isEqualTo("match_ticket_privacy");
        assertThat(changed.get("child_ticket_status_updates").asBoolean()).isFalse();
        assertThat(strings(changed.get("child_ticket_default_copy_fields"))).containsExactly("followers");
        assertThat(current()).isEqualTo(changed);
    }

    @Test
    void emptySectionChangesNothing() {
        JsonNode before = current();

        Api.Response response = admin().put(PATH, body(Map.of()));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().at("/settings/side_conversations")).isEqualTo(before);
        assertThat(current()).isEqualTo(before);
    }

    // ---- refusals -----------------------------------------------------------------------------------------

    @Test
    void badValuesAreRefusedNamingTheKeyAndNothingIsWritten() {
        Object[][] cases = {
            {"tickets_channel", "yes"},
            {"tickets_channel", 1},
            {"tickets_channel", null},
            {"email_channel", true},
            {"email_channel", "false"},
            {"child_ticket_comment_type", "private"},
            {"child_ticket_comment_type", "PUBLIC"},
            {"child_ticket_comment_type", 1},
            {"child_ticket_comment_type", null},
            {"child_ticket_status_updates", "true"},
            {"child_ticket_status_updates", null},
            {"child_ticket_default_copy_fields", List.of("tags", "subject")},
            {"child_ticket_default_copy_fields", "tags"},
            {"child_ticket_default_copy_fields", List.of(1)},
            {"child_ticket_default_copy_fields", null},
        };
        JsonNode before = current();
        for (Object[] c : cases) {
            String key = (String) c[0];
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("tickets_channel", !before.get("tickets_channel").asBoolean());
            values.put(key, c[1]);
            if (key.equals("tickets_channel")) {
                values.put(
                        "child_ticket_status_updates",
                        !before.get("child_ticket_status_updates").asBoolean());
            }

            Api.Response response = admin().put(PATH, body(values));

            assertThat(response.status())
                    .as(key + "=" + c[1] + " → " + response)
                    .isEqualTo(422);
            assertInvalid(response, "side_conversations." + key);
            assertThat(current()).as(key + "=" + c[1] + " wrote nothing").isEqualTo(before);
        }
    }

    @Test
    void unknownKeysAreRefusedNamingThemAndNothingIsWritten() {
        JsonNode before = current();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("tickets_channel", !before.get("tickets_channel").asBoolean());
        values.put("child_ticket_comment_type", "internal");
        values.put("sms_channel", true);

        Api.Response response = admin().put(PATH, body(values));

        assertInvalid(response, "side_conversations.sms_channel");
        assertThat(response.json().get("details").has("side_conversations.tickets_channel"))
                .isFalse();
        assertThat(current()).isEqualTo(before);
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        JsonNode before = current();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email_channel", true);
        values.put("child_ticket_comment_type", "loud");
        values.put("bogus", 1);

        Api.Response response = admin().put(PATH, body(values));

        assertInvalid(
                response,
                "side_conversations.email_channel",
                "side_conversations.child_ticket_comment_type",
                "side_conversations.bogus");
        assertThat(current()).isEqualTo(before);
    }

    @Test
    void bodyMustNameTheSettingsAndTheSection() {
        JsonNode before = current();

        assertInvalid(admin().put(PATH, Map.of("side_conversations", Map.of("tickets_channel", true))), "settings");
        assertInvalid(admin().put(PATH, Map.of("settings", List.of())), "settings");
        assertInvalid(admin().put(PATH, Map.of("settings", Map.of())), "settings");
        assertInvalid(admin().put(PATH, Map.of("settings", Map.of("side_conversations", true))), "side_conversations");
        assertInvalid(
                admin().put(
                                PATH,
                                Map.of(
                                        "settings",
                                        Map.of(
                                                "side_conversations",
                                                Map.of("tickets_channel", true),
                                                "tickets",
                                                Map.of()))),
                "tickets");

        assertThat(current()).isEqualTo(before);
    }

    @Test
    void nonAdminsCannotChangeSettings() {
        JsonNode before = current();
        Map<String, Object> change = Map.of(
                "tickets_channel", !before.get("tickets_channel").asBoolean(), "child_ticket_comment_type", "internal");

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            assertForbidden(as(caller).put(PATH, body(change)));
        }

        assertThat(current()).isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode current() {
        Api.Response response = admin().get(PATH);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/side_conversations");
    }

    private JsonNode put(Map<String, Object> values) {
        Api.Response response = admin().put(PATH, body(values));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/side_conversations");
    }

    private static Map<String, Object> body(Map<String, Object> values) {
        return Map.of("settings", Map.of("side_conversations", values));
    }
}
