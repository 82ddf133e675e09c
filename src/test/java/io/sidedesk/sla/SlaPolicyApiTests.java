package io.sidedesk.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The SLA policies API over HTTP (issue 20, R14): Zendesk's shapes, targets kept in seconds and shown both ways,
 * positions that stay unique and dense (1..n) after every write, definitions, checks that name the wrong place and
 * write nothing, who may do what, and which policy a ticket falls under. Every ticket write of the test JVM will
 * apply the first matching policy, so each policy here names only this test's tag, and is deleted afterwards.
 */
class SlaPolicyApiTests extends ApiTestSupport {

    private static final String POLICIES = "/api/v2/slas/policies";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final long MISSING = 987_654_321L;

    private static final Set<String> MEMBERS = Set.of(
            "id", "url", "title", "description", "position", "filter", "policy_metrics", "created_at", "updated_at");

    /** A tag no other test's ticket carries: this test's policies' filters name it. */
    private final String tag = unique("slapi").replace("-", "");

    private final List<Long> created = new ArrayList<>();

    @Autowired
    private SlaPolicies slaPolicies;

    @Autowired
    private TransactionTemplate transactions;

    @AfterEach
    void deletePolicies() {
        for (long id : created) {
            Api.Response response = admin().delete(POLICIES + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        assertDense();
    }

    // ---- CRUD ---------------------------------------------------------------------------------------------------

    @Test
    void aCreatedPolicyHasZendesksShapeAndGoesLast() {
        int before = everyPolicy().size();
        Map<String, Object> filter = filter(
                List.of(condition("current_tags", "includes", tag), condition("status", "less_than", "solved")),
                List.of(condition("priority", "is", "high"), condition("via_id", "is", 100)));
        List<Map<String, Object>> metrics = List.of(
                metric("high", "first_reply_time", "target", 30),
                metric("urgent", "total_resolution_time", "target_in_seconds", 7200, "business_hours", true));

        Api.Response response = post(body(
                "title",
                "  Gold " + tag + "  ",
                "description",
                "Gold customers",
                "filter",
                filter,
                "policy_metrics",
                metrics));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode policy = response.json().get("sla_policy");
        long id = policy.get("id").asLong();
        created.add(id);
        assertThat(new TreeSet<>(policy.propertyNames())).isEqualTo(new TreeSet<>(MEMBERS));
        assertThat(policy.get("url").asString()).endsWith("/api/v2/slas/policies/" + id + ".json");
        assertThat(policy.get("title").asString()).isEqualTo("Gold " + tag);
        assertThat(policy.get("description").asString()).isEqualTo("Gold customers");
        assertThat(policy.get("position").asInt()).as("last").isEqualTo(before + 1);
        assertThat(policy.get("filter")).isEqualTo(json(filter));
        assertThat(policy.get("policy_metrics"))
                .isEqualTo(json(List.of(
                        fields(
                                "priority",
                                "high",
                                "metric",
                                "first_reply_time",
                                "target",
                                30,
                                "target_in_seconds",
                                1800,
                                "business_hours",
                                false),
                        fields(
                                "priority",
                                "urgent",
                                "metric",
                                "total_resolution_time",
                                "target",
                                120,
                                "target_in_seconds",
                                7200,
                                "business_hours",
                                true))));
        assertThat(policy.get("updated_at").asString())
                .isEqualTo(policy.get("created_at").asString());
        Api.Response shown = as(agent()).get(POLICIES + "/" + id);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("sla_policy")).isEqualTo(policy);
        assertThat(ApiAssertions.ids(admin().get(POLICIES).json().get("sla_policies")))
                .contains(id);
    }

    @Test
    void aTargetIsKeptInSecondsAndShownInBothMinutesRoundedUpAndSeconds() {
        JsonNode policy = create(
                "policy_metrics",
                List.of(
                        metric("low", "first_reply_time", "target", 5),
                        metric("low", "next_reply_time", "target_in_seconds", 90),
                        metric("normal", "next_reply_time", "target", 2, "target_in_seconds", 90),
                        metric("high", "agent_work_time", "target_in_seconds", 15),
                        metric("urgent", "requester_wait_time", "target", 525_600)));

        List<String> shown = new ArrayList<>();
        policy.get("policy_metrics")
                .forEach(m -> shown.add(m.get("target").asLong() + "/"
                        + m.get("target_in_seconds").asLong()));
        assertThat(shown).containsExactly("5/300", "2/90", "2/90", "1/15", "525600/31536000");
        policy.get("policy_metrics")
                .forEach(m -> assertThat(m.get("business_hours").asBoolean()).isFalse());
    }

    @Test
    void anUpdateChangesOnlyTheMembersSentAndReplacesTheFilterOrTheTargetsWhole() {
        JsonNode original = create("description", "First");
        long id = original.get("id").asLong();

        JsonNode retitled = changed(id, Map.of("title", "Renamed " + tag));
        assertThat(retitled.get("title").asString()).isEqualTo("Renamed " + tag);
        for (String member : List.of("description", "position", "filter", "policy_metrics", "created_at")) {
            assertThat(retitled.get(member)).as(member).isEqualTo(original.get(member));
        }

        List<Map<String, Object>> metrics = List.of(metric("urgent", "periodic_update_time", "target", 60));
        JsonNode retargeted = changed(id, Map.of("policy_metrics", metrics, "description", ""));
        assertThat(retargeted.at("/policy_metrics/0/metric").asString()).isEqualTo("periodic_update_time");
        assertThat(retargeted.get("policy_metrics")).hasSize(1);
        assertThat(retargeted.get("filter")).isEqualTo(original.get("filter"));

        Map<String, Object> filter = filter(List.of(), List.of(condition("current_tags", "includes", tag + " other")));
        JsonNode refiltered = changed(id, Map.of("filter", filter));
        assertThat(refiltered.get("filter")).isEqualTo(json(filter));
        assertThat(refiltered.get("policy_metrics")).isEqualTo(retargeted.get("policy_metrics"));
        assertThat(admin().get(POLICIES + "/" + id).json().get("sla_policy")).isEqualTo(refiltered);
    }

    @Test
    void aDeletedPolicyIsA204ThenGoneAndTheOthersCloseUp() {
        long first = createId();
        long second = createId();
        long third = createId();

        Api.Response deleted = admin().delete(POLICIES + "/" + second);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(POLICIES + "/" + second));
        assertNotFound(admin().delete(POLICIES + "/" + second));
        assertThat(position(third)).isEqualTo(position(first) + 1);
        assertDense();
    }

    // ---- positions ------------------------------------------------------------------------------------------

    @Test
    void aPositionGivenOnCreateOrUpdateMovesTheOthersAndPositionsStayDense() {
        long a = createId();
        long b = createId();
        long first = create("position", 1).get("id").asLong();

        assertThat(position(first)).isEqualTo(1);
        assertThat(position(b)).isEqualTo(position(a) + 1);
        assertDense();

        assertThat(changed(a, Map.of("position", SlaPolicies.MAX_POLICIES))
                        .get("position")
                        .asInt())
                .as("past the last: last")
                .isEqualTo(everyPolicy().size());
        assertThat(position(b)).isLessThan(position(a));
        assertDense();
        changed(first, Map.of("position", position(b)));
        assertThat(position(first)).isGreaterThan(position(b));
        assertDense();
    }

    @Test
    void reorderPutsTheNamedPoliciesFirstInThatOrderAndTheOthersAfterInTheirs() {
        long a = createId();
        long b = createId();
        long c = createId();
        List<Long> before = order();

        Api.Response response = admin().put(POLICIES + "/reorder", Map.of("sla_policy_ids", List.of(c, a)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Long> expected = new ArrayList<>(List.of(c, a));
        before.stream().filter(id -> id != c && id != a).forEach(expected::add);
        assertThat(order()).isEqualTo(expected);
        assertThat(ApiAssertions.ids(response.json().get("sla_policies"))).isEqualTo(expected);
        assertThat(position(b)).isGreaterThan(position(a));
        assertDense();
    }

    @Test
    void reorderNamingAnUnknownPolicyIsA404AndNamingOneTwiceA422AndNeitherChangesAnything() {
        long a = createId();
        long b = createId();
        String before = state();

        assertNotFound(admin().put(POLICIES + "/reorder", Map.of("sla_policy_ids", List.of(b, MISSING, a))));
        assertInvalid(admin().put(POLICIES + "/reorder", Map.of("sla_policy_ids", List.of(b, a, b))), "sla_policy_ids");
        assertInvalid(admin().put(POLICIES + "/reorder", Map.of("sla_policy_ids", List.of())), "sla_policy_ids");
        assertInvalid(admin().withoutContract().put(POLICIES + "/reorder", Map.of()), "sla_policy_ids");

        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    // ---- definitions ----------------------------------------------------------------------------------------

    @Test
    void definitionsListTheFilterConditionsWithTheirOperatorsAndValuesAndNoChangeOperators() {
        Api.Response response = as(agent()).get(POLICIES + "/definitions");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode definitions = response.json().get("definitions");
        assertThat(definitions.get("any")).isEqualTo(definitions.get("all"));
        Map<String, JsonNode> bySubject = new java.util.LinkedHashMap<>();
        definitions.get("all").forEach(d -> bySubject.put(d.get("subject").asString(), d));
        assertThat(bySubject.keySet())
                .containsExactly(
                        "status",
                        "priority",
                        "type",
                        "group_id",
                        "assignee_id",
                        "requester_id",
                        "via_id",
                        "current_tags",
                        "ticket_form_id",
                        "requester_role");
        assertThat(values(bySubject.get("via_id"))).containsExactly("5", "100");
        assertThat(values(bySubject.get("requester_role"))).containsExactly("end_user", "agent", "admin");
        assertThat(values(bySubject.get("priority"))).containsExactly("", "low", "normal", "high", "urgent");
        assertThat(operators(bySubject.get("status"))).containsExactly("is", "is_not", "less_than", "greater_than");
        assertThat(operators(bySubject.get("group_id"))).containsExactly("is", "is_not");
        assertThat(operators(bySubject.get("current_tags"))).containsExactly("includes", "not_includes");
        assertThat(bySubject.get("group_id").get("type").asString()).isEqualTo("id");
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWrongPolicyIsA422NamingThePlaceAndWritesNothing() {
        long deletedGroup = group(true);
        assertThat(admin().delete("/api/v2/groups/" + deletedGroup).status()).isEqualTo(204);
        Map<String, Object> safe = condition("current_tags", "includes", tag);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no title", without(body(), "title"), "title"));
        cases.add(new Case("a blank title", body("title", "  "), "title"));
        cases.add(new Case("a title of 256 characters", body("title", "t".repeat(256)), "title"));
        cases.add(new Case("no filter", without(body(), "filter"), "filter"));
        cases.add(new Case("position 0", body("position", 0), "position"));
        cases.add(new Case(
                "an unknown filter field",
                body("filter", filter(List.of(safe, condition("bogus", "is", "x")), List.of())),
                "filter.all[1].field"));
        cases.add(new Case(
                "a change operator",
                body("filter", filter(List.of(safe), List.of(condition("status", "changed", null)))),
                "filter.any[0].operator"));
        cases.add(new Case(
                "value_previous",
                body("filter", filter(List.of(safe, condition("priority", "value_previous", "low")), List.of())),
                "filter.all[1].operator"));
        cases.add(new Case(
                "a value the field does not take",
                body("filter", filter(List.of(condition("status", "is", "bogus"), safe), List.of())),
                "filter.all[0].value"));
        cases.add(new Case(
                "a via id that is no channel",
                body("filter", filter(List.of(safe, condition("via_id", "is", 4)), List.of())),
                "filter.all[1].value"));
        cases.add(new Case(
                "a requester role that is none",
                body("filter", filter(List.of(safe, condition("requester_role", "is", "owner")), List.of())),
                "filter.all[1].value"));
        cases.add(new Case(
                "51 conditions", body("filter", filter(Collections.nCopies(51, safe), List.of())), "filter.all"));
        cases.add(new Case(
                "a group that does not exist",
                body("filter", filter(List.of(safe, condition("group_id", "is", MISSING)), List.of())),
                "filter.all[1].value"));
        cases.add(new Case(
                "a deleted group",
                body("filter", filter(List.of(safe), List.of(condition("group_id", "is", deletedGroup)))),
                "filter.any[0].value"));
        cases.add(new Case(
                "an assignee who does not exist",
                body("filter", filter(List.of(safe, condition("assignee_id", "is", MISSING)), List.of())),
                "filter.all[1].value"));
        cases.add(new Case(
                "a requester who does not exist",
                body("filter", filter(List.of(safe, condition("requester_id", "is_not", "" + MISSING)), List.of())),
                "filter.all[1].value"));
        cases.add(wrongMetric("an unknown priority", metric("Urgent", "first_reply_time", "target", 5), "priority"));
        cases.add(wrongMetric("no priority", metric(null, "first_reply_time", "target", 5), "priority"));
        cases.add(wrongMetric("an unknown metric", metric("low", "reply_time", "target", 5), "metric"));
        cases.add(wrongMetric("no target", metric("low", "first_reply_time"), "target"));
        cases.add(wrongMetric("a target of 0 minutes", metric("low", "first_reply_time", "target", 0), "target"));
        cases.add(wrongMetric("a target of -5", metric("low", "first_reply_time", "target", -5), "target"));
        cases.add(wrongMetric("a target past a year", metric("low", "first_reply_time", "target", 525_601), "target"));
        cases.add(wrongMetric(
                "14 seconds", metric("low", "first_reply_time", "target_in_seconds", 14), "target_in_seconds"));
        cases.add(wrongMetric(
                "a year and a second",
                metric("low", "first_reply_time", "target_in_seconds", 31_536_001),
                "target_in_seconds"));
        cases.add(wrongMetric(
                "a target that disagrees with its seconds",
                metric("low", "first_reply_time", "target", 3, "target_in_seconds", 90),
                "target"));
        cases.add(new Case("a null target entry", body("policy_metrics", nullAt(2)), "policy_metrics[2]"));
        cases.add(new Case(
                "the same priority and metric twice",
                body(
                        "policy_metrics",
                        List.of(
                                metric("low", "first_reply_time", "target", 5),
                                metric("high", "first_reply_time", "target", 5),
                                metric("low", "first_reply_time", "target_in_seconds", 60))),
                "policy_metrics[2]"));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    String before = state();
                    Api.Response response = admin().post(POLICIES, Map.of("sla_policy", wrong.policy()));
                    assertInvalid(response, wrong.place());
                    assertThat(state()).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongUpdateIsA422NamingThePlaceAndLeavesThePolicyAsItWas() {
        long id = createId();
        String before = state();

        List<Map.Entry<Map<String, Object>, String>> wrong = List.of(
                Map.entry(Map.of("title", ""), "title"),
                Map.entry(Map.of("title", "t".repeat(256)), "title"),
                Map.entry(Map.of("description", "d".repeat(1001)), "description"),
                Map.entry(
                        Map.of(
                                "title",
                                "Not taken",
                                "filter",
                                filter(List.of(condition("status", "is", "x")), List.of())),
                        "filter.all[0].value"),
                Map.entry(
                        Map.of(
                                "title",
                                "Not taken",
                                "policy_metrics",
                                List.of(
                                        metric("low", "first_reply_time", "target", 5),
                                        metric("low", "next_reply_time", "target_in_seconds", 1))),
                        "policy_metrics[1].target_in_seconds"),
                Map.entry(Map.of("position", 0), "position"));
        for (Map.Entry<Map<String, Object>, String> change : wrong) {
            assertInvalid(admin().put(POLICIES + "/" + id, Map.of("sla_policy", change.getKey())), change.getValue());
        }

        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    // ---- who may ----------------------------------------------------------------------------------------------

    @Test
    void agentsReadAdminsWriteEndUsersNeitherAndUnknownIdsAre404() {
        long id = createId();
        String before = state();
        Api agent = as(agent());
        Api endUser = as(endUser());

        assertThat(agent.get(POLICIES).status()).isEqualTo(200);
        assertThat(agent.get(POLICIES + "/" + id).status()).isEqualTo(200);
        assertForbidden(agent.post(POLICIES, Map.of("sla_policy", body())));
        assertForbidden(agent.put(POLICIES + "/" + id, Map.of("sla_policy", Map.of("title", "Taken"))));
        assertForbidden(agent.delete(POLICIES + "/" + id));
        assertForbidden(agent.put(POLICIES + "/reorder", Map.of("sla_policy_ids", List.of(id))));
        for (String path : List.of(POLICIES, POLICIES + "/" + id, POLICIES + "/definitions")) {
            assertForbidden(endUser.get(path));
        }
        assertForbidden(endUser.post(POLICIES, Map.of("sla_policy", body())));
        assertForbidden(endUser.delete(POLICIES + "/" + id));
        assertThat(state()).as("nothing written").isEqualTo(before);

        assertNotFound(admin().get(POLICIES + "/" + MISSING));
        assertNotFound(admin().put(POLICIES + "/" + MISSING, Map.of("sla_policy", Map.of("title", "None"))));
        assertNotFound(admin().delete(POLICIES + "/" + MISSING));
    }

    // ---- which policy applies ---------------------------------------------------------------------------------

    @Test
    void theFirstPolicyByPositionWhoseFilterHoldsApplies() {
        long broad = create("filter", filter(List.of(condition("current_tags", "includes", tag)), List.of()))
                .get("id")
                .asLong();
        long billing = group(true);
        long narrow = create(
                        "position",
                        1,
                        "filter",
                        filter(
                                List.of(
                                        condition("current_tags", "includes", tag),
                                        condition("via_id", "is", "100"),
                                        condition("group_id", "is", billing)),
                                List.of()),
                        "policy_metrics",
                        List.of(metric("normal", "first_reply_time", "target", 240, "business_hours", true)))
                .get("id")
                .asLong();
        SlaTicket fromSideConversation = ticket(billing, "100", "normal");
        SlaTicket fromApi = ticket(billing, "5", "normal");

        AppliedPolicy applied = firstMatching(fromSideConversation).orElseThrow();
        assertThat(applied.id()).isEqualTo(narrow);
        assertThat(applied.metrics())
                .containsExactly(new PolicyMetric("normal", SlaMetric.FIRST_REPLY_TIME, 14_400, true));
        assertThat(firstMatching(fromApi).orElseThrow().id()).isEqualTo(broad);

        admin().put(POLICIES + "/reorder", Map.of("sla_policy_ids", List.of(broad, narrow)));
        assertThat(firstMatching(fromSideConversation).orElseThrow().id()).isEqualTo(broad);

        changed(broad, Map.of("filter", filter(List.of(condition("current_tags", "includes", tag + "x")), List.of())));
        assertThat(firstMatching(fromSideConversation).orElseThrow().id())
                .as("an edited filter is read at once")
                .isEqualTo(narrow);
        SlaTicket untagged =
                new SlaTicket("open", "normal", "", billing, null, null, "100", Set.of(), null, () -> "agent");
        assertThat(firstMatching(untagged).map(AppliedPolicy::id))
                .as("none of this test's")
                .isNotIn(java.util.Optional.of(broad), java.util.Optional.of(narrow));
    }

    @Test
    void aFilterComparesTheTicketsCurrentStateOrderedFieldsByTheirOrder() {
        long id = create(
                        "filter",
                        filter(
                                List.of(
                                        condition("current_tags", "includes", tag),
                                        condition("priority", "greater_than", "normal"),
                                        condition("requester_role", "is", "end_user")),
                                List.of(condition("status", "less_than", "pending"), condition("type", "is", ""))))
                .get("id")
                .asLong();

        assertThat(matches(
                        id,
                        new SlaTicket(
                                "open",
                                "high",
                                "question",
                                null,
                                null,
                                null,
                                "5",
                                Set.of(tag),
                                null,
                                () -> "end_user")))
                .isTrue();
        assertThat(matches(
                        id,
                        new SlaTicket(
                                "hold", "urgent", null, null, null, null, "5", Set.of(tag), null, () -> "end_user")))
                .as("no type")
                .isTrue();
        assertThat(matches(
                        id,
                        new SlaTicket(
                                "open", "normal", "", null, null, null, "5", Set.of(tag), null, () -> "end_user")))
                .as("normal is not above normal")
                .isFalse();
        assertThat(matches(
                        id,
                        new SlaTicket("open", null, "", null, null, null, "5", Set.of(tag), null, () -> "end_user")))
                .as("no priority")
                .isFalse();
        assertThat(matches(
                        id,
                        new SlaTicket("open", "urgent", "", null, null, null, "5", Set.of(tag), null, () -> "agent")))
                .as("an agent's request")
                .isFalse();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> policy, String place) {}

    private Case wrongMetric(String what, Map<String, Object> metric, String member) {
        List<Map<String, Object>> metrics = new ArrayList<>(List.of(metric("low", "agent_work_time", "target", 9)));
        metrics.add(metric);
        return new Case(what, body("policy_metrics", metrics), "policy_metrics[1]." + member);
    }

    private static List<Map<String, Object>> nullAt(int index) {
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            metrics.add(metric("normal", i == 0 ? "first_reply_time" : "next_reply_time", "target", 10));
        }
        metrics.add(null);
        return metrics;
    }

    /** The policy that applies, asked as every ticket write asks: in its transaction. */
    private java.util.Optional<AppliedPolicy> firstMatching(SlaTicket ticket) {
        return transactions.execute(status -> slaPolicies.firstMatching(ticket));
    }

    private boolean matches(long id, SlaTicket ticket) {
        return firstMatching(ticket)
                .map(AppliedPolicy::id)
                .filter(found -> found == id)
                .isPresent();
    }

    private SlaTicket ticket(long group, String viaId, String priority) {
        return new SlaTicket("open", priority, "", group, null, null, viaId, Set.of(tag, "other"), null, () -> "agent");
    }

    private Map<String, Object> body(Object... members) {
        Map<String, Object> policy = fields(
                "title",
                unique("Policy " + tag),
                "filter",
                filter(List.of(condition("current_tags", "includes", tag)), List.of()),
                "policy_metrics",
                List.of(metric("urgent", "first_reply_time", "target", 15)));
        for (int i = 0; i < members.length; i += 2) {
            policy.put((String) members[i], members[i + 1]);
        }
        return policy;
    }

    private static Map<String, Object> without(Map<String, Object> policy, String member) {
        policy.remove(member);
        return policy;
    }

    private static Map<String, Object> filter(List<Map<String, Object>> all, List<Map<String, Object>> any) {
        return fields("all", all, "any", any);
    }

    private static Map<String, Object> condition(String field, String operator, Object value) {
        Map<String, Object> condition = fields("field", field, "operator", operator);
        condition.put("value", value);
        return condition;
    }

    private static Map<String, Object> metric(String priority, String metric, Object... more) {
        Map<String, Object> written = new java.util.LinkedHashMap<>();
        written.put("priority", priority);
        written.put("metric", metric);
        for (int i = 0; i < more.length; i += 2) {
            written.put((String) more[i], more[i + 1]);
        }
        return written;
    }

    private Api.Response post(Map<String, Object> policy) {
        return admin().post(POLICIES, Map.of("sla_policy", policy));
    }

    /** Creates a policy, which must succeed (and is deleted after the test): the policy. */
    private JsonNode create(Object... members) {
        Api.Response response = post(body(members));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        created.add(response.json().at("/sla_policy/id").asLong());
        return response.json().get("sla_policy");
    }

    private long createId() {
        return create().get("id").asLong();
    }

    private JsonNode changed(long id, Map<String, Object> fields) {
        Api.Response response = admin().put(POLICIES + "/" + id, Map.of("sla_policy", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("sla_policy");
    }

    private int position(long id) {
        Api.Response response = admin().get(POLICIES + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/sla_policy/position").asInt();
    }

    /** Every policy, in position order. */
    private List<JsonNode> everyPolicy() {
        return ApiAssertions.all(admin(), POLICIES, "sla_policies");
    }

    private List<Long> order() {
        return everyPolicy().stream().map(p -> p.get("id").asLong()).toList();
    }

    /** Every policy as the list shows it. */
    private String state() {
        return everyPolicy().toString();
    }

    /** Positions are 1, 2, ... n in the list's order: each once, no gap. */
    private void assertDense() {
        List<Integer> positions =
                everyPolicy().stream().map(p -> p.get("position").asInt()).toList();
        assertThat(positions)
                .as("positions, in order")
                .isEqualTo(IntStream.rangeClosed(1, positions.size()).boxed().toList());
    }

    private static List<String> values(JsonNode definition) {
        List<String> values = new ArrayList<>();
        definition.get("values").forEach(v -> values.add(v.get("value").asString()));
        return values;
    }

    private static List<String> operators(JsonNode definition) {
        List<String> operators = new ArrayList<>();
        definition.get("operators").forEach(o -> operators.add(o.get("value").asString()));
        return operators;
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }
}
