package io.sidedesk.rollup;

import java.util.ArrayList;
import java.util.Arrays;
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
 * The roll-up policies' settings (B1; docs/rollup-contract.md §1): four booleans under
 * {@code settings.side_conversations}, each false by default, changed by admins only, and a value that is not a
 * boolean is a 422 naming {@code side_conversations.<key>} with nothing written.
 */
class RollUpSettingsTests extends ApiTestSupport {

    private static final List<String> POLICIES = RollUpTestSupport.POLICIES;

    @AfterEach
    void everyPolicyOffAndTheDefaultsBack() {
        Map<String, Object> off = new LinkedHashMap<>();
        POLICIES.forEach(policy -> off.put(policy, false));
        admin().put(SETTINGS, Map.of("settings", Map.of("side_conversations", off)));
        restoreDefaultSettings();
    }

    @Test
    void theFourPoliciesAreBooleansAndOffByDefault_B1() {
        JsonNode settings = sideConversationSettings();

        for (String policy : POLICIES) {
            assertThat(settings.has(policy)).as("%s in %s", policy, settings).isTrue();
            assertThat(settings.get(policy).isBoolean()).as(policy).isTrue();
            assertThat(settings.get(policy).asBoolean()).as(policy).isFalse();
        }
    }

    @Test
    void eachPolicyTurnsOnAndOffAloneLeavingEveryOtherSettingAsItWas_B1() {
        for (String policy : POLICIES) {
            JsonNode before = sideConversationSettings();

            JsonNode on = sideConversationSettings(Map.of(policy, true));

            assertThat(on.get(policy).asBoolean()).as(policy).isTrue();
            for (String other : names(before)) {
                if (!other.equals(policy)) {
                    assertThat(on.get(other))
                            .as("%s after turning %s on", other, policy)
                            .isEqualTo(before.get(other));
                }
            }
            assertThat(sideConversationSettings()).as("read back").isEqualTo(on);

            JsonNode off = sideConversationSettings(Map.of(policy, false));

            assertThat(off).as("%s off again", policy).isEqualTo(before);
        }
    }

    @Test
    void theFourChangeTogetherInOnePut_B1() {
        Map<String, Object> all = new LinkedHashMap<>();
        POLICIES.forEach(policy -> all.put(policy, true));

        JsonNode changed = sideConversationSettings(all);

        POLICIES.forEach(
                policy -> assertThat(changed.get(policy).asBoolean()).as(policy).isTrue());
        assertThat(sideConversationSettings()).isEqualTo(changed);
    }

    @Test
    void agentsAndLightAgentsReadThePolicies_B1() {
        sideConversationSettings(Map.of(RollUpTestSupport.SOLVE, true));
        JsonNode expected = sideConversationSettings();

        for (TestUser caller : List.of(agent(), lightAgent())) {
            Api.Response response = as(caller).get(SETTINGS);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().at("/settings/side_conversations")).isEqualTo(expected);
        }
    }

    @Test
    void onlyAdminsChangeThePolicies_B1() {
        JsonNode before = sideConversationSettings();

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            for (String policy : POLICIES) {
                assertForbidden(as(caller)
                        .put(SETTINGS, Map.of("settings", Map.of("side_conversations", Map.of(policy, true)))));
            }
        }
        assertThat(api().put(SETTINGS, Map.of("settings", Map.of("side_conversations", Map.of(POLICIES.get(0), true))))
                        .status())
                .isEqualTo(401);

        assertThat(sideConversationSettings()).as("nothing written").isEqualTo(before);
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedNamingTheKeyAndNothingIsWritten_B1() {
        List<Object> notBooleans = new ArrayList<>(Arrays.asList("true", "false", "yes", 1, 0, List.of(true), null));
        notBooleans.add(Map.of("value", true));
        JsonNode before = sideConversationSettings();
        for (String policy : POLICIES) {
            for (Object value : notBooleans) {
                // A valid change beside the bad one, which must not be written either.
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("tickets_channel", !before.get("tickets_channel").asBoolean());
                for (String other : POLICIES) {
                    if (!other.equals(policy)) {
                        values.put(other, true);
                    }
                }
                values.put(policy, value);

                Api.Response response = admin().withoutContract()
                        .put(SETTINGS, Map.of("settings", Map.of("side_conversations", values)));

                assertInvalid(response, "side_conversations." + policy);
                assertThat(response.json().get("details").has("side_conversations.tickets_channel"))
                        .as("the valid key is not blamed: %s", response)
                        .isFalse();
                assertThat(sideConversationSettings())
                        .as("%s=%s wrote nothing", policy, value)
                        .isEqualTo(before);
            }
        }
    }

    @Test
    void everyBadPolicyIsNamedAtOnce_B1() {
        JsonNode before = sideConversationSettings();
        Map<String, Object> values = new LinkedHashMap<>();
        POLICIES.forEach(policy -> values.put(policy, "on"));

        Api.Response response =
                admin().withoutContract().put(SETTINGS, Map.of("settings", Map.of("side_conversations", values)));

        assertInvalid(
                response,
                POLICIES.stream().map(policy -> "side_conversations." + policy).toArray(String[]::new));
        assertThat(sideConversationSettings()).isEqualTo(before);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
