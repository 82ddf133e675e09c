package io.sidedesk.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Capacity rules (docs/routing-contract.md, "Capacity rules"): Zendesk's shape with string ids, create, read, change
 * and delete with their checks (each a 422 that writes nothing), the Default rule (the migration's, exactly one
 * default, never deleted nor un-defaulted, a new default taking its place), an agent named in one rule only, and only
 * admins at all.
 */
class CapacityRuleTests extends RoutingTestSupport {

    private static final Set<String> MEMBERS = Set.of(
            "id", "url", "name", "description", "default", "capacities", "agent_ids", "created_at", "last_updated_at");

    @Test
    void theMigrationsDefaultRuleComesFirstAndIsTheOnlyDefault() {
        List<JsonNode> rules = rules();

        JsonNode first = rules.get(0);
        assertThat(first.get("default").asBoolean())
                .as("the default comes first")
                .isTrue();
        assertThat(first.get("name").asString()).isEqualTo("Default");
        assertThat(first.get("id").isString()).as("ids are strings").isTrue();
        assertThat(first.get("capacities")).isEqualTo(json(capacities(5, 2, 1)));
        assertThat(first.propertyNames()).containsAll(MEMBERS);
        assertThat(rules.stream().filter(rule -> rule.get("default").asBoolean()))
                .hasSize(1);
        assertThat(rule(first.get("id").asString())).isEqualTo(first);
    }

    @Test
    void aCreatedRuleHasZendesksShapeAndReadsBackTheSame() {
        TestUser agent = agent();
        TestUser admin = user("admin");
        String name = "Rule " + tag;

        Api.Response response = postRule(
                admin(),
                fields(
                        "name",
                        name,
                        "description",
                        "Senior agents",
                        "capacities",
                        capacities(8, 3, 2),
                        "agent_ids",
                        List.of(agent.id(), admin.id())));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode rule = response.json().get("capacity_rule");
        assertThat(rule.propertyNames()).containsAll(MEMBERS);
        String id = rule.get("id").asString();
        assertThat(rule.get("id").isString()).as("ids are strings").isTrue();
        assertThat(rule.get("url").asString()).contains("/api/v2/capacity/rules/" + id);
        assertThat(rule.get("name").asString()).isEqualTo(name);
        assertThat(rule.get("description").asString()).isEqualTo("Senior agents");
        assertThat(rule.get("default").asBoolean()).isFalse();
        assertThat(rule.get("capacities")).isEqualTo(json(capacities(8, 3, 2)));
        assertThat(longs(rule.get("agent_ids"))).containsExactlyInAnyOrder(agent.id(), admin.id());
        assertThat(Instant.parse(rule.get("created_at").asString())).isNotNull();
        assertThat(Instant.parse(rule.get("last_updated_at").asString())).isNotNull();
        assertThat(rule(id)).as("read back as answered").isEqualTo(rule);
        assertThat(rules()).contains(rule);
    }

    @Test
    void onlyTheEmailCapacityIsNeededTheOthersAreZero() {
        JsonNode rule = createdRule(ruleBody("capacities", fields("email", 3)));

        assertThat(rule.get("capacities")).isEqualTo(json(capacities(3, 0, 0)));
        assertThat(rule.get("agent_ids")).isEmpty();
        assertThat(createdRule(ruleBody("capacities", capacities(0, 1000, 0))).get("capacities"))
                .as("0 and 1000 are capacities")
                .isEqualTo(json(capacities(0, 1000, 0)));
    }

    @Test
    void theListIsTheDefaultThenByName() {
        String bravo = createdRule(ruleBody("name", tag + " bravo")).get("id").asString();
        String alpha = createdRule(ruleBody("name", tag + " alpha")).get("id").asString();
        String charlie =
                createdRule(ruleBody("name", tag + " charlie")).get("id").asString();

        List<JsonNode> rules = rules();

        assertThat(rules.get(0).get("default").asBoolean()).isTrue();
        assertThat(rules.stream()
                        .filter(rule -> rule.get("name").asString().contains(tag))
                        .map(rule -> rule.get("id").asString()))
                .containsExactly(alpha, bravo, charlie);
    }

    @Test
    void anUpdateChangesOnlyTheMembersSent() {
        TestUser agent = agent();
        JsonNode original = createdRule(
                ruleBody("description", "First", "capacities", capacities(4, 1, 1), "agent_ids", List.of(agent.id())));
        String id = original.get("id").asString();
        String renamed = "Renamed " + tag;

        JsonNode changed = changedRule(id, Map.of("name", renamed));

        assertThat(changed.get("name").asString()).isEqualTo(renamed);
        for (String member : List.of("id", "description", "default", "capacities", "agent_ids", "created_at")) {
            assertThat(changed.get(member)).as(member).isEqualTo(original.get(member));
        }
        JsonNode recapacitated = changedRule(id, Map.of("capacities", fields("voice", 3)));
        assertThat(recapacitated.get("capacities"))
                .as("a capacity not sent stays")
                .isEqualTo(json(capacities(4, 1, 3)));
        JsonNode emptied = changedRule(id, Map.of("agent_ids", List.of()));
        assertThat(emptied.get("agent_ids")).isEmpty();
        assertThat(emptied.get("description").asString()).isEqualTo("First");
        assertThat(rule(id)).isEqualTo(emptied);
    }

    @Test
    void aDeletedRuleIsA204ThenGoneAndItsAgentsFallBackToTheDefault() {
        TestUser agent = agent();
        String id = capacityRule(9, agent);
        assertThat(email(agent).get("max_capacity").asInt()).isEqualTo(9);

        Api.Response deleted = admin().delete(RULES + "/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(RULES + "/" + id));
        assertNotFound(admin().delete(RULES + "/" + id));
        assertThat(rules().stream().map(rule -> rule.get("id").asString())).doesNotContain(id);
        assertThat(email(agent).get("max_capacity").asInt())
                .isEqualTo(defaultRule().at("/capacities/email").asInt());
    }

    @Test
    void anUnknownRuleIsA404() {
        String path = RULES + "/" + MISSING;
        assertNotFound(admin().get(path));
        assertNotFound(putRule(admin(), String.valueOf(MISSING), Map.of("description", "x")));
        assertNotFound(admin().delete(path));
    }

    // ---- agents ---------------------------------------------------------------------------------------------------

    @Test
    void anAgentNamedInOneRuleIsTakenOutOfAnyOther() {
        TestUser moving = agent();
        TestUser staying = agent();
        String first = capacityRule(2, moving, staying);

        String second = capacityRule(6, moving);

        assertThat(longs(rule(first).get("agent_ids"))).containsExactly(staying.id());
        assertThat(longs(rule(second).get("agent_ids"))).containsExactly(moving.id());
        assertThat(email(moving).get("max_capacity").asInt()).isEqualTo(6);
        assertThat(email(staying).get("max_capacity").asInt()).isEqualTo(2);

        changedRule(first, Map.of("agent_ids", List.of(staying.id(), moving.id())));

        assertThat(longs(rule(first).get("agent_ids"))).containsExactlyInAnyOrder(staying.id(), moving.id());
        assertThat(rule(second).get("agent_ids")).isEmpty();
        assertThat(email(moving).get("max_capacity").asInt()).isEqualTo(2);
    }

    // ---- the default rule -------------------------------------------------------------------------------------------

    @Test
    void aNewDefaultRuleTakesTheOldOnesPlaceAndAppliesToEveryAgentNoOtherRuleNames() {
        TestUser unnamed = agent();
        TestUser named = agent();
        capacityRule(2, named);
        String original = originalDefaultRule();
        int defaultEmail = defaultRule().at("/capacities/email").asInt();

        JsonNode made = createdRule(ruleBody("default", true, "capacities", capacities(11, 0, 0)));

        String id = made.get("id").asString();
        assertThat(made.get("default").asBoolean()).isTrue();
        assertThat(defaultRule().get("id").asString()).isEqualTo(id);
        assertThat(rule(original).get("default").asBoolean())
                .as("the old default stops being it")
                .isFalse();
        assertThat(rules().get(0).get("id").asString())
                .as("the default comes first")
                .isEqualTo(id);
        assertThat(email(unnamed).get("max_capacity").asInt()).isEqualTo(11);
        assertThat(email(named).get("max_capacity").asInt()).isEqualTo(2);

        changedRule(original, Map.of("default", true));

        assertThat(defaultRule().get("id").asString()).isEqualTo(original);
        assertThat(rule(id).get("default").asBoolean()).isFalse();
        assertThat(email(unnamed).get("max_capacity").asInt()).isEqualTo(defaultEmail);
    }

    @Test
    void theDefaultRuleCannotBeDeletedNorStopBeingTheDefault() {
        JsonNode before = defaultRule();
        String id = before.get("id").asString();

        assertInvalid(admin().delete(RULES + "/" + id), "base");
        assertInvalid(putRule(admin(), id, Map.of("default", false)), "default");

        assertThat(defaultRule()).isEqualTo(before);
        String other = capacityRule(3);
        assertThat(changedRule(other, Map.of("default", false)).get("default").asBoolean())
                .as("false on a rule that is not the default changes nothing")
                .isFalse();
        assertThat(defaultRule()).isEqualTo(before);
    }

    @Test
    void aDefaultRuleNamesNoAgents() {
        TestUser agent = agent();
        List<JsonNode> before = rules();

        Api.Response created = postRule(admin(), ruleBody("default", true, "agent_ids", List.of(agent.id())));
        assertThat(created.status()).as(created.toString()).isEqualTo(422);
        assertInvalid(created);

        String other = capacityRule(3, agent);
        Api.Response changed = putRule(admin(), other, Map.of("default", true, "agent_ids", List.of(agent.id())));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(422);
        assertThat(rules().stream().filter(rule -> !rule.get("id").asString().equals(other)))
                .as("nothing written")
                .containsExactlyElementsOf(before);
        assertThat(rule(other).get("default").asBoolean()).isFalse();
    }

    // ---- checks on save
    // -----------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWrongRuleIsA422NamingThePlaceAndWritesNothing() {
        TestUser light = lightAgent();
        TestUser endUser = endUser();
        TestUser gone = agent();
        assertThat(admin().delete("/api/v2/users/" + gone.id()).status()).isEqualTo(200);
        String taken = createdRule(ruleBody()).get("name").asString();
        List<Long> tooMany = new ArrayList<>();
        for (long i = 0; i < 1001; i++) {
            tooMany.add(MISSING + i);
        }

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no name", without(ruleBody(), "name"), "name"));
        cases.add(new Case("an empty name", ruleBody("name", ""), "name"));
        cases.add(new Case("a name of 256", ruleBody("name", tag + "n".repeat(256 - tag.length())), "name"));
        cases.add(new Case("a name taken", ruleBody("name", taken), "name"));
        cases.add(new Case("the default rule's name", ruleBody("name", "Default"), "name"));
        cases.add(new Case("no capacities", without(ruleBody(), "capacities"), "capacities"));
        cases.add(new Case("no email capacity", ruleBody("capacities", fields("messaging", 2)), "capacities"));
        cases.add(new Case("a negative capacity", ruleBody("capacities", capacities(-1, 0, 0)), "capacities"));
        cases.add(new Case("a capacity of 1001", ruleBody("capacities", capacities(5, 1001, 0)), "capacities"));
        cases.add(new Case(
                "a capacity not a number",
                ruleBody("capacities", fields("email", "five", "messaging", 1, "voice", 1)),
                "capacities"));
        cases.add(new Case(
                "a capacity not whole",
                ruleBody("capacities", fields("email", 1.5, "messaging", 1, "voice", 1)),
                "capacities"));
        cases.add(new Case("a light agent", ruleBody("agent_ids", List.of(light.id())), "agent_ids"));
        cases.add(new Case("an end-user", ruleBody("agent_ids", List.of(endUser.id())), "agent_ids"));
        cases.add(new Case("a deactivated agent", ruleBody("agent_ids", List.of(gone.id())), "agent_ids"));
        cases.add(new Case("an unknown user", ruleBody("agent_ids", List.of(MISSING)), "agent_ids"));
        cases.add(new Case("1001 agents", ruleBody("agent_ids", tooMany), "agent_ids"));
        cases.add(new Case("agent_ids not a list", ruleBody("agent_ids", "all"), "agent_ids"));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    List<JsonNode> before = rules();
                    Api.Response response = postRule(admin().withoutContract(), wrong.rule());
                    assertInvalidNaming(response, wrong.place());
                    assertThat(rules()).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongUpdateIsA422AndLeavesTheRuleAsItWas() {
        TestUser agent = agent();
        String taken = createdRule(ruleBody()).get("name").asString();
        String id = capacityRule(4, agent);
        List<JsonNode> before = rules();
        Api api = admin().withoutContract();

        assertInvalidNaming(putRule(api, id, Map.of("name", "")), "name");
        assertInvalidNaming(putRule(api, id, Map.of("name", taken)), "name");
        assertInvalidNaming(putRule(api, id, Map.of("capacities", fields("email", 1001))), "capacities");
        assertInvalidNaming(putRule(api, id, Map.of("capacities", fields("voice", -2))), "capacities");
        assertInvalidNaming(
                putRule(
                        api,
                        id,
                        Map.of(
                                "description",
                                "fine",
                                "agent_ids",
                                List.of(lightAgent().id()))),
                "agent_ids");
        assertInvalidNaming(putRule(api, id, Map.of("agent_ids", List.of(MISSING))), "agent_ids");

        assertThat(rules()).as("nothing written").isEqualTo(before);
        assertThat(email(agent).get("max_capacity").asInt()).isEqualTo(4);
    }

    // ---- who
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void onlyAdminsSeeOrWriteCapacityRules() {
        TestUser named = agent();
        String id = capacityRule(3, named);
        List<JsonNode> before = rules();

        for (TestUser caller : List.of(agent(), named, lightAgent(), endUser())) {
            Api api = as(caller);
            assertForbidden(api.get(RULES));
            assertForbidden(api.get(RULES + "/" + id));
            assertForbidden(postRule(api, ruleBody()));
            assertForbidden(putRule(api, id, Map.of("capacities", fields("email", 100))));
            assertForbidden(api.delete(RULES + "/" + id));
            assertForbidden(api.delete(RULES + "/" + originalDefaultRule()));
        }

        assertThat(rules()).as("nothing written").isEqualTo(before);
    }

    // ---- helpers
    // --------------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> rule, String place) {}

    private static Map<String, Object> without(Map<String, Object> rule, String member) {
        rule.remove(member);
        return rule;
    }
}
