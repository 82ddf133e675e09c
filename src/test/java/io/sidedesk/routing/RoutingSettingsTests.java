package io.sidedesk.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing section of {@code /api/v2/account/settings} (docs/routing-contract.md, "Account settings"): its
 * documented defaults, a PUT that changes only the keys it names (and needs no side conversation section), a 422
 * naming {@code routing.<key>} for a bad value or an unknown key that writes nothing in either section, and who reads
 * and writes it (as the side conversation section: staff read, admins write, end-users neither).
 */
class RoutingSettingsTests extends RoutingTestSupport {

    @Test
    void routingIsOffByDefaultAndEveryKeyHasItsDocumentedDefault() {
        JsonNode routing = routingSettings();

        assertThat(routing).as("exactly the documented keys and values").isEqualTo(json(ROUTING_DEFAULTS));
        assertThat(routing.get("enabled").isBoolean()).isTrue();
        assertThat(routing.get("routing_tag").isNull()).isTrue();
        assertThat(routing.get("reassign_delay_seconds").isIntegralNumber()).isTrue();
        assertThat(routing.get("secondary_group_wait_seconds").isIntegralNumber())
                .isTrue();
        assertThat(admin().get(SETTINGS)
                        .json()
                        .at("/settings/side_conversations")
                        .isObject())
                .as("the side conversation section is still there")
                .isTrue();
    }

    @Test
    void aPutChangesOnlyTheRoutingKeysItNamesAndNeedsNoSideConversationSection() {
        JsonNode side = sideConversationSettings();

        Api.Response response = putRouting(admin(), Map.of("assignment_method", "round_robin"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode changed = response.json().at("/settings/routing");
        Map<String, Object> expected = new LinkedHashMap<>(ROUTING_DEFAULTS);
        expected.put("assignment_method", "round_robin");
        assertThat(changed).isEqualTo(json(expected));
        assertThat(response.json().at("/settings/side_conversations"))
                .as("the answer holds both sections")
                .isEqualTo(side);
        assertThat(sideConversationSettings()).as("the other section as it was").isEqualTo(side);

        JsonNode again = routingSettings(Map.of("reassign_delay_seconds", 0, "routing_tag", tag));
        expected.put("reassign_delay_seconds", 0);
        expected.put("routing_tag", tag);
        assertThat(again).as("the method set before stays").isEqualTo(json(expected));
        assertThat(routingSettings()).as("read back").isEqualTo(again);
    }

    @Test
    void bothSectionsChangeInOnePut() {
        Api.Response response = admin().put(
                        SETTINGS,
                        Map.of(
                                "settings",
                                Map.of(
                                        "side_conversations",
                                        Map.of("child_ticket_comment_type", "internal"),
                                        "routing",
                                        Map.of("reassign_reopened", true))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json()
                        .at("/settings/side_conversations/child_ticket_comment_type")
                        .asString())
                .isEqualTo("internal");
        assertThat(response.json().at("/settings/routing/reassign_reopened").asBoolean())
                .isTrue();
        assertThat(sideConversationSettings().get("child_ticket_comment_type").asString())
                .isEqualTo("internal");
        assertThat(routingSettings().get("reassign_reopened").asBoolean()).isTrue();
    }

    @Test
    void anEmptyRoutingSectionChangesNothing() {
        routingSettings(Map.of("assignment_method", "spare_percentage"));
        JsonNode before = routingSettings();

        JsonNode after = routingSettings(Map.of());

        assertThat(after).isEqualTo(before);
        assertThat(routingSettings()).isEqualTo(before);
    }

    @Test
    void everyAssignmentMethodIsAccepted() {
        for (String method : List.of("spare_percentage", "round_robin", "spare_capacity")) {
            assertThat(routingSettings(Map.of("assignment_method", method))
                            .get("assignment_method")
                            .asString())
                    .isEqualTo(method);
            assertThat(routingSettings().get("assignment_method").asString()).isEqualTo(method);
        }
    }

    @Test
    void theRoutingTagIsSetAndClearedWithNull() {
        assertThat(routingSettings(Map.of("routing_tag", tag))
                        .get("routing_tag")
                        .asString())
                .isEqualTo(tag);
        assertThat(routingSettings().get("routing_tag").asString()).isEqualTo(tag);

        JsonNode cleared = routingSettings(nullable("routing_tag", null));

        assertThat(cleared.get("routing_tag").isNull()).isTrue();
        assertThat(routingSettings().get("routing_tag").isNull()).isTrue();
    }

    @Test
    void everySwitchTurnsOnAndOff() {
        for (String key : List.of(
                "enabled",
                "count_pending_and_on_hold",
                "reassign_when_offline",
                "reassign_when_away",
                "reassign_reopened")) {
            assertThat(routingSettings(Map.of(key, true)).get(key).asBoolean())
                    .as(key)
                    .isTrue();
            assertThat(routingSettings().get(key).asBoolean()).as(key).isTrue();
            assertThat(routingSettings(Map.of(key, false)).get(key).asBoolean())
                    .as(key)
                    .isFalse();
            assertThat(routingSettings().get(key).asBoolean()).as(key).isFalse();
        }
    }

    @Test
    void theWaitsTakeZeroToADay() {
        for (String key : List.of("reassign_delay_seconds", "secondary_group_wait_seconds")) {
            for (int seconds : List.of(0, 1, 86_400, 60)) {
                assertThat(routingSettings(Map.of(key, seconds)).get(key).asInt())
                        .as(key + " " + seconds)
                        .isEqualTo(seconds);
                assertThat(routingSettings().get(key).asInt()).isEqualTo(seconds);
            }
        }
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    void aBadValueIsRefusedNamingItsRoutingKeyAndNothingIsWritten() {
        Object[][] cases = {
            {"enabled", "yes"},
            {"enabled", 1},
            {"enabled", null},
            {"assignment_method", "fastest"},
            {"assignment_method", "ROUND_ROBIN"},
            {"assignment_method", 1},
            {"assignment_method", null},
            {"routing_tag", 5},
            {"routing_tag", List.of("vip")},
            {"routing_tag", Map.of("tag", "vip")},
            {"count_pending_and_on_hold", "true"},
            {"count_pending_and_on_hold", null},
            {"reassign_when_offline", "no"},
            {"reassign_when_away", 0},
            {"reassign_reopened", List.of()},
            {"reassign_delay_seconds", -1},
            {"reassign_delay_seconds", 86_401},
            {"reassign_delay_seconds", "sixty"},
            {"reassign_delay_seconds", 1.5},
            {"reassign_delay_seconds", null},
            {"secondary_group_wait_seconds", -1},
            {"secondary_group_wait_seconds", 86_401},
            {"secondary_group_wait_seconds", "none"},
            {"secondary_group_wait_seconds", null},
        };
        JsonNode before = routingSettings();
        JsonNode side = sideConversationSettings();
        for (Object[] c : cases) {
            String key = (String) c[0];
            Map<String, Object> values = new LinkedHashMap<>();
            // A good change beside the bad one: it must not be written either.
            values.put(key.equals("reassign_reopened") ? "reassign_when_away" : "reassign_reopened", true);
            values.put(key, c[1]);

            Api.Response response = putRouting(admin().withoutContract(), values);

            assertThat(response.status())
                    .as(key + "=" + c[1] + " → " + response)
                    .isEqualTo(422);
            assertInvalid(response, "routing." + key);
            assertThat(routingSettings())
                    .as(key + "=" + c[1] + " wrote nothing")
                    .isEqualTo(before);
        }
        assertThat(sideConversationSettings()).isEqualTo(side);
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndNothingIsWritten() {
        JsonNode before = routingSettings();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("assignment_method", "round_robin");
        values.put("auto_accept", true);

        Api.Response response = putRouting(admin().withoutContract(), values);

        assertInvalid(response, "routing.auto_accept");
        assertThat(response.json().get("details").has("routing.assignment_method"))
                .isFalse();
        assertThat(routingSettings()).isEqualTo(before);
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        JsonNode before = routingSettings();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("assignment_method", "loudest");
        values.put("reassign_delay_seconds", -5);
        values.put("bogus", 1);

        Api.Response response = putRouting(admin().withoutContract(), values);

        assertInvalid(response, "routing.assignment_method", "routing.reassign_delay_seconds", "routing.bogus");
        assertThat(routingSettings()).isEqualTo(before);
    }

    @Test
    void aBadRoutingValueWritesNeitherSection() {
        JsonNode routing = routingSettings();
        JsonNode side = sideConversationSettings();
        boolean statusUpdates = side.get("child_ticket_status_updates").asBoolean();

        Api.Response response = admin().withoutContract()
                .put(
                        SETTINGS,
                        Map.of(
                                "settings",
                                Map.of(
                                        "side_conversations",
                                        Map.of("child_ticket_status_updates", !statusUpdates),
                                        "routing",
                                        Map.of("enabled", true, "assignment_method", "first_come"))));

        assertInvalid(response, "routing.assignment_method");
        assertThat(routingSettings()).isEqualTo(routing);
        assertThat(sideConversationSettings()).isEqualTo(side);

        Api.Response sideWrong = admin().withoutContract()
                .put(
                        SETTINGS,
                        Map.of(
                                "settings",
                                Map.of(
                                        "side_conversations",
                                        Map.of("child_ticket_comment_type", "loud"),
                                        "routing",
                                        Map.of("enabled", true))));

        assertInvalid(sideWrong, "side_conversations.child_ticket_comment_type");
        assertThat(routingSettings().get("enabled").asBoolean())
                .as("a bad side conversation value writes no routing either")
                .isFalse();
        assertThat(sideConversationSettings()).isEqualTo(side);
    }

    @Test
    void theRoutingSectionIsAnObjectAndSomeSectionIsNeeded() {
        JsonNode routing = routingSettings();
        JsonNode side = sideConversationSettings();
        Api api = admin().withoutContract();

        assertInvalid(api.put(SETTINGS, Map.of("settings", Map.of("routing", true))), "routing");
        assertInvalid(api.put(SETTINGS, Map.of("settings", Map.of("routing", List.of()))), "routing");
        assertInvalid(api.put(SETTINGS, Map.of("settings", Map.of("routing", "on"))), "routing");
        Api.Response none = api.put(SETTINGS, Map.of("settings", Map.of()));
        assertThat(none.status()).as("no section at all: %s", none).isEqualTo(422);
        assertInvalid(none);

        assertThat(routingSettings()).isEqualTo(routing);
        assertThat(sideConversationSettings()).isEqualTo(side);
    }

    // ---- who ------------------------------------------------------------------------------------------------

    @Test
    void agentsAndLightAgentsReadTheRoutingSettings() {
        routingSettings(Map.of("assignment_method", "round_robin", "routing_tag", tag));
        JsonNode expected = routingSettings();

        for (TestUser caller : List.of(agent(), lightAgent(), user("agent", lightAgentRole("assigned-only")))) {
            Api.Response response = as(caller).get(SETTINGS);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().at("/settings/routing")).isEqualTo(expected);
        }
    }

    @Test
    void endUsersCannotReadTheSettings() {
        assertForbidden(as(endUser()).get(SETTINGS));
    }

    @Test
    void onlyAdminsChangeTheRoutingSettings() {
        JsonNode before = routingSettings();
        List<TestUser> callers = new ArrayList<>(List.of(agent(), lightAgent(), endUser()));

        for (TestUser caller : callers) {
            assertForbidden(putRouting(as(caller), Map.of("enabled", true)));
            assertForbidden(putRouting(as(caller), Map.of("assignment_method", "round_robin")));
        }

        assertThat(routingSettings()).isEqualTo(before);
        TestUser secondAdmin = user("admin");
        assertThat(putRouting(as(secondAdmin), Map.of("assignment_method", "round_robin"))
                        .status())
                .as("any admin")
                .isEqualTo(200);
    }
}
