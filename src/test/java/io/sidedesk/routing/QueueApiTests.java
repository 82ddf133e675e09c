package io.sidedesk.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Custom routing queues over HTTP (docs/routing-contract.md, "Queues"): Zendesk's shape, create, read, change and
 * delete with their checks (the views' condition language, groups that exist, secondary groups apart from the primary
 * ones; each a 422 naming the place that writes nothing), new queues last and the order set all at once, the
 * definitions, and who: admins write, agents read, seeing only the groups they may see (R17), end-users nothing.
 */
class QueueApiTests extends RoutingTestSupport {

    private static final Set<String> MEMBERS = Set.of(
            "id",
            "url",
            "name",
            "description",
            "order",
            "priority",
            "definition",
            "primary_groups",
            "secondary_groups",
            "created_at",
            "updated_at");

    // ---- CRUD -----------------------------------------------------------------------------------------------------

    @Test
    void aCreatedQueueHasZendesksShapeAndReadsBackTheSame() {
        long first = group(true);
        long second = group(false);
        long backup = group(true);
        String name = "Billing " + tag;
        Map<String, Object> definition = fields(
                "all",
                List.of(tagged(), condition("priority", "is", "urgent")),
                "any",
                List.of(condition("status", "is", "new"), condition("status", "is", "open")));

        Api.Response response = postQueue(
                admin(),
                fields(
                        "name",
                        name,
                        "description",
                        "Urgent billing",
                        "priority",
                        3,
                        "definition",
                        definition,
                        "primary_groups",
                        List.of(first, second),
                        "secondary_groups",
                        List.of(backup)));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode queue = response.json().get("queue");
        assertThat(queue.propertyNames()).containsAll(MEMBERS);
        String id = queue.get("id").asString();
        assertThat(queue.get("id").isString()).as("ids are strings").isTrue();
        assertThat(queue.get("url").asString()).contains("/api/v2/queues/" + id);
        assertThat(queue.get("name").asString()).isEqualTo(name);
        assertThat(queue.get("description").asString()).isEqualTo("Urgent billing");
        assertThat(queue.get("priority").asInt()).isEqualTo(3);
        assertThat(queue.get("order").isIntegralNumber()).isTrue();
        assertThat(queue.get("definition")).isEqualTo(json(definition));
        assertThat(queue.at("/primary_groups/count").asInt()).isEqualTo(2);
        assertThat(groupIds(queue.get("primary_groups"))).containsExactlyInAnyOrder(first, second);
        queue.at("/primary_groups/groups")
                .forEach(group -> assertThat(group.get("name").asString())
                        .isEqualTo(groupName(group.get("id").asLong())));
        assertThat(queue.at("/secondary_groups/count").asInt()).isEqualTo(1);
        assertThat(groupIds(queue.get("secondary_groups"))).containsExactly(backup);
        assertThat(Instant.parse(queue.get("created_at").asString())).isNotNull();
        assertThat(Instant.parse(queue.get("updated_at").asString())).isNotNull();
        assertThat(showQueue(id)).as("read back as answered").isEqualTo(queue);
        assertThat(queues(admin())).contains(queue);
    }

    @Test
    void aQueueWithoutPriorityOrSecondaryGroupsHasPriorityOneAndNone() {
        JsonNode queue = createdQueue(queueBody(List.of(group(true))));

        assertThat(queue.get("priority").asInt()).isEqualTo(1);
        assertThat(queue.at("/secondary_groups/count").asInt()).isZero();
        assertThat(queue.at("/secondary_groups/groups")).isEmpty();
    }

    @Test
    void newQueuesGoLastAndTheListIsInOrder() {
        long group = group(true);
        String first = queue(List.of(group));
        String second = queue(List.of(group));
        String third = queue(List.of(group));

        List<JsonNode> queues = queues(admin());

        assertThat(queueIds(queues)).endsWith(first, second, third);
        List<Integer> orders =
                queues.stream().map(queue -> queue.get("order").asInt()).toList();
        assertThat(orders).as("the list is in order").isSorted().doesNotHaveDuplicates();
        assertThat(showQueue(third).get("order").asInt())
                .isGreaterThan(showQueue(second).get("order").asInt());
    }

    @Test
    void anUpdateChangesOnlyTheMembersSent() {
        long primary = group(true);
        long secondary = group(true);
        JsonNode original =
                createdQueue(queueBody(List.of(primary), "priority", 2, "secondary_groups", List.of(secondary)));
        String id = original.get("id").asString();

        JsonNode renamed = changedQueue(id, Map.of("name", "Renamed " + tag));

        assertThat(renamed.get("name").asString()).isEqualTo("Renamed " + tag);
        for (String member :
                List.of("id", "description", "order", "priority", "definition", "primary_groups", "secondary_groups")) {
            assertThat(renamed.get(member)).as(member).isEqualTo(original.get(member));
        }
        long other = group(true);
        JsonNode regrouped = changedQueue(id, Map.of("primary_groups", List.of(other, primary), "priority", 10));
        assertThat(groupIds(regrouped.get("primary_groups"))).containsExactlyInAnyOrder(other, primary);
        assertThat(regrouped.get("priority").asInt()).isEqualTo(10);
        assertThat(regrouped.get("secondary_groups")).isEqualTo(original.get("secondary_groups"));
        Map<String, Object> definition = definition(condition("priority", "is", "high"));
        JsonNode redefined = changedQueue(id, Map.of("definition", definition, "secondary_groups", List.of()));
        assertThat(redefined.get("definition")).isEqualTo(json(definition));
        assertThat(redefined.at("/secondary_groups/count").asInt()).isZero();
        assertThat(redefined.get("name").asString()).isEqualTo("Renamed " + tag);
        assertThat(showQueue(id)).isEqualTo(redefined);
    }

    @Test
    void aDeletedQueueIsA204ThenGone() {
        String id = queue(List.of(group(true)));

        Api.Response deleted = admin().delete(QUEUES + "/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(QUEUES + "/" + id));
        assertNotFound(admin().delete(QUEUES + "/" + id));
        assertThat(queueIds(queues(admin()))).doesNotContain(id);
    }

    @Test
    void anUnknownQueueIsA404Everywhere() {
        String path = QUEUES + "/" + MISSING;
        assertNotFound(admin().get(path));
        assertNotFound(putQueue(admin(), String.valueOf(MISSING), Map.of("name", "x")));
        assertNotFound(admin().delete(path));
    }

    // ---- order ----------------------------------------------------------------------------------------------------

    @Test
    void theOrderIsSetForEveryQueueAtOnce() {
        long group = group(true);
        String a = queue(List.of(group));
        String b = queue(List.of(group));
        String c = queue(List.of(group));

        List<JsonNode> reordered = putFirst(c, a, b);

        assertThat(queueIds(queues(admin()))).isEqualTo(queueIds(reordered));
        assertThat(queueIds(reordered)).startsWith(c, a, b);
        List<Integer> orders =
                reordered.stream().map(queue -> queue.get("order").asInt()).toList();
        assertThat(orders).isSorted().doesNotHaveDuplicates();
        assertThat(showQueue(c).get("order").asInt())
                .isLessThan(showQueue(a).get("order").asInt());
        assertThat(showQueue(a).get("order").asInt())
                .isLessThan(showQueue(b).get("order").asInt());
    }

    @Test
    void anOrderThatDoesNotNameEveryQueueExactlyOnceIsA422NamingQueueIds() {
        long group = group(true);
        queue(List.of(group));
        queue(List.of(group));
        List<JsonNode> before = queues(admin());
        List<String> all = queueIds(before);
        Api api = admin().withoutContract();

        List<String> missingOne = all.subList(1, all.size());
        List<String> twice = new ArrayList<>(all);
        twice.add(all.get(0));
        List<String> unknown = new ArrayList<>(all);
        unknown.add(String.valueOf(MISSING));
        List<String> swapped = new ArrayList<>(all.subList(1, all.size()));
        swapped.add(String.valueOf(MISSING));
        for (List<String> ids : List.of(missingOne, twice, unknown, swapped, List.<String>of())) {
            assertInvalidNaming(order(api, ids), "queue_ids");
        }
        assertInvalidNaming(api.send("PATCH", QUEUES + "/order", Map.of("queue_ids", "all")), "queue_ids");
        assertInvalidNaming(api.send("PATCH", QUEUES + "/order", Map.of()), "queue_ids");

        assertThat(queues(admin())).as("nothing written").isEqualTo(before);
    }

    // ---- checks on save -------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWrongQueueIsA422NamingThePlaceAndWritesNothing() {
        long group = group(true);
        long deleted = group(true);
        assertThat(admin().delete("/api/v2/groups/" + deleted).status()).isEqualTo(204);
        List<Long> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(group(true));
        }
        List<Long> one = List.of(group);

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no name", without(queueBody(one), "name"), "name"));
        cases.add(new Case("an empty name", queueBody(one, "name", ""), "name"));
        cases.add(new Case("a name of 256", queueBody(one, "name", tag + "n".repeat(256 - tag.length())), "name"));
        cases.add(new Case("priority 0", queueBody(one, "priority", 0), "priority"));
        cases.add(new Case("priority 11", queueBody(one, "priority", 11), "priority"));
        cases.add(new Case("priority in words", queueBody(one, "priority", "high"), "priority"));
        cases.add(new Case("priority not whole", queueBody(one, "priority", 1.5), "priority"));
        cases.add(new Case(
                "an unknown condition field",
                queueBody(one, "definition", definition(condition("bogus", "is", "x"))),
                "definition.all[1].field"));
        cases.add(new Case(
                "an operator the field does not take",
                queueBody(one, "definition", definition(condition("status", "includes", "open"))),
                "definition.all[1].operator"));
        cases.add(new Case(
                "a value the field does not take",
                queueBody(one, "definition", definition(condition("priority", "is", "bogus"))),
                "definition.all[1].value"));
        cases.add(new Case(
                "a wrong any condition",
                queueBody(
                        one,
                        "definition",
                        fields("all", List.of(tagged()), "any", List.of(condition("status", "is", "later")))),
                "definition.any[0].value"));
        cases.add(new Case(
                "a condition without a field",
                queueBody(
                        one,
                        "definition",
                        fields("all", List.of(tagged(), fields("operator", "is", "value", "open")), "any", List.of())),
                "definition.all[1].field"));
        cases.add(new Case("no primary groups", without(queueBody(one), "primary_groups"), "primary_groups"));
        cases.add(new Case("empty primary groups", queueBody(List.of()), "primary_groups"));
        cases.add(new Case("51 primary groups", queueBody(fiftyOne), "primary_groups"));
        cases.add(new Case("primary groups not a list", queueBody(one, "primary_groups", group), "primary_groups"));
        cases.add(new Case(
                "a primary group that does not exist", queueBody(List.of(group, MISSING)), "primary_groups[1]"));
        cases.add(new Case("a deleted primary group", queueBody(List.of(deleted)), "primary_groups[0]"));
        cases.add(new Case(
                "a secondary group that does not exist",
                queueBody(one, "secondary_groups", List.of(MISSING)),
                "secondary_groups[0]"));
        cases.add(new Case("51 secondary groups", queueBody(one, "secondary_groups", fiftyOne), "secondary_groups"));
        cases.add(new Case(
                "a secondary group that is also primary",
                queueBody(one, "secondary_groups", List.of(group(true), group)),
                "secondary_groups"));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    List<JsonNode> before = queues(admin());
                    Api.Response response = postQueue(admin().withoutContract(), wrong.queue());
                    assertInvalidNaming(response, wrong.place());
                    assertThat(queues(admin())).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongUpdateIsA422AndLeavesTheQueueAsItWas() {
        long primary = group(true);
        long secondary = group(true);
        String id = queue(List.of(primary), "secondary_groups", List.of(secondary));
        JsonNode before = showQueue(id);
        Api api = admin().withoutContract();

        assertInvalidNaming(putQueue(api, id, Map.of("name", "")), "name");
        assertInvalidNaming(putQueue(api, id, Map.of("priority", 0)), "priority");
        assertInvalidNaming(
                putQueue(api, id, Map.of("definition", definition(condition("type", "is", "bogus")))),
                "definition.all[1].value");
        assertInvalidNaming(putQueue(api, id, Map.of("primary_groups", List.of())), "primary_groups");
        assertInvalidNaming(putQueue(api, id, Map.of("primary_groups", List.of(MISSING))), "primary_groups[0]");
        Api.Response overlapping =
                putQueue(api, id, Map.of("description", "fine", "primary_groups", List.of(secondary)));
        assertThat(overlapping.status())
                .as("a primary group that is secondary too: %s", overlapping)
                .isEqualTo(422);
        assertThat(overlapping.json().get("details").propertyNames())
                .anySatisfy(name -> assertThat(name).matches("(primary|secondary)_groups.*"));
        assertInvalidNaming(putQueue(api, id, Map.of("secondary_groups", List.of(primary))), "secondary_groups");

        assertThat(showQueue(id)).as("nothing written").isEqualTo(before);
    }

    // ---- definitions ----------------------------------------------------------------------------------------------

    @Test
    void theDefinitionsAreTheViewsConditions() {
        Api.Response response = as(agent()).get(QUEUES + "/definitions");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode definitions = response.json().get("definitions");
        JsonNode views = admin().get("/api/v2/views/definitions").json().get("definitions");
        assertThat(subjects(definitions.get("all"))).isEqualTo(subjects(views.get("conditions_all")));
        assertThat(subjects(definitions.get("any"))).isEqualTo(subjects(views.get("conditions_any")));
        definitions.get("all").forEach(definition -> {
            assertThat(definition.get("title").asString())
                    .as(definition.toString())
                    .isNotBlank();
            assertThat(definition.get("operators")).as(definition.toString()).isNotEmpty();
        });
        assertThat(admin().get(QUEUES + "/definitions").json()).isEqualTo(response.json());
    }

    // ---- who ------------------------------------------------------------------------------------------------------

    @Test
    void agentsReadQueuesButSeeOnlyTheGroupsTheyMaySee_R17() {
        long open = group(true);
        long secret = group(false);
        long secretBackup = group(false);
        String id = queue(List.of(open, secret), "secondary_groups", List.of(secretBackup));
        TestUser outsider = memberOf(open);
        TestUser insider = memberOf(open, secret, secretBackup);

        JsonNode outside = shownTo(as(outsider), id);
        JsonNode inside = shownTo(as(insider), id);
        JsonNode asAdmin = showQueue(id);

        assertThat(outside.at("/primary_groups/count").asInt()).isEqualTo(1);
        assertThat(groupIds(outside.get("primary_groups"))).containsExactly(open);
        assertThat(outside.at("/secondary_groups/count").asInt()).isZero();
        assertThat(outside.at("/secondary_groups/groups")).isEmpty();
        assertThat(outside.toString())
                .as("nothing of the hidden groups")
                .doesNotContain(groupName(secret))
                .doesNotContain(groupName(secretBackup));
        assertThat(inside.get("primary_groups")).isEqualTo(asAdmin.get("primary_groups"));
        assertThat(inside.get("secondary_groups")).isEqualTo(asAdmin.get("secondary_groups"));
        assertThat(asAdmin.at("/primary_groups/count").asInt()).isEqualTo(2);
        JsonNode listed = queues(as(outsider)).stream()
                .filter(queue -> queue.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(listed).as("the list shows it as the record does").isEqualTo(outside);
        assertThat(queues(as(agent())).toString()).doesNotContain(groupName(secret));
    }

    @Test
    void onlyAdminsWriteQueues() {
        long group = group(true);
        String id = queue(List.of(group));
        List<JsonNode> before = queues(admin());
        TestUser member = memberOf(group);

        for (TestUser caller : List.of(agent(), member, lightAgent())) {
            Api api = as(caller);
            assertForbidden(postQueue(api, queueBody(List.of(group))));
            assertForbidden(putQueue(api, id, Map.of("name", "Mine " + tag)));
            assertForbidden(api.delete(QUEUES + "/" + id));
            assertForbidden(order(api, queueIds(before)));
        }

        assertThat(queues(admin())).as("nothing written").isEqualTo(before);
    }

    @Test
    void endUsersGetNothingOfQueues() {
        String id = queue(List.of(group(true)));
        Api api = as(endUser());

        assertForbidden(api.get(QUEUES));
        assertForbidden(api.get(QUEUES + "/" + id));
        assertForbidden(api.get(QUEUES + "/definitions"));
        assertForbidden(postQueue(api, queueBody(List.of(group(true)))));
        assertForbidden(api.delete(QUEUES + "/" + id));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> queue, String place) {}

    private static Map<String, Object> without(Map<String, Object> queue, String member) {
        queue.remove(member);
        return queue;
    }

    private JsonNode changedQueue(String id, Map<String, Object> members) {
        Api.Response response = putQueue(admin(), id, members);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("queue");
    }

    private static JsonNode shownTo(Api caller, String id) {
        Api.Response response = caller.get(QUEUES + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("queue");
    }

    private static List<Long> groupIds(JsonNode groups) {
        List<Long> ids = new ArrayList<>();
        groups.get("groups").forEach(group -> ids.add(group.get("id").asLong()));
        assertThat(groups.get("count").asInt())
                .as("count counts the groups shown")
                .isEqualTo(ids.size());
        return ids;
    }

    private String groupName(long group) {
        return admin().get("/api/v2/groups/" + group).json().at("/group/name").asString();
    }

    private static Set<String> subjects(JsonNode definitions) {
        Set<String> subjects = new TreeSet<>();
        definitions.forEach(definition -> subjects.add(definition.get("subject").asString()));
        return subjects;
    }
}
