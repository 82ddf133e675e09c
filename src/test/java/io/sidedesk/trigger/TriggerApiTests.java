package io.sidedesk.trigger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The triggers API over HTTP (issue 19, "Triggers API"): Zendesk's shapes, positions that stay unique and dense
 * (1..n) after every write, lists, definitions, revisions, checks that name the wrong condition's or action's place
 * and write nothing, and who may do what. Every active trigger runs on every ticket write of the test JVM, so each
 * trigger here is inactive or names only this test's tag, and is deleted afterwards; the standard triggers are never
 * changed (a test may move them down while its own triggers are ahead of them: deleting those closes the gap).
 */
class TriggerApiTests extends ApiTestSupport {

    private static final String TRIGGERS = "/api/v2/triggers";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final long MISSING = 987_654_321L;

    private static final Set<String> MEMBERS = Set.of(
            "id",
            "url",
            "title",
            "raw_title",
            "description",
            "active",
            "position",
            "category_id",
            "default",
            "conditions",
            "actions",
            "created_at",
            "updated_at");

    /** A tag no other test's ticket carries: this test's triggers' conditions name it. */
    private final String tag = unique("tapi").replace("-", "");

    private final List<Long> created = new ArrayList<>();

    /** The standard triggers as they were before the test. */
    private List<JsonNode> standard;

    @BeforeEach
    void noteTheStandardTriggers() {
        standard = standardTriggers();
        assertThat(standard).hasSize(9);
    }

    @AfterEach
    void deleteTriggers() {
        for (long id : created) {
            Api.Response response = admin().delete(TRIGGERS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        assertDense();
        assertThat(standardTriggers()).as("the standard triggers, untouched").isEqualTo(standard);
    }

    // ---- CRUD ---------------------------------------------------------------------------------------------------

    @Test
    void aCreatedTriggerHasZendesksShapeAndGoesLast() {
        int before = everyTrigger().size();
        Map<String, Object> conditions = conditions(
                List.of(condition("current_tags", "includes", tag), condition("status", "less_than", "solved")),
                List.of(condition("priority", "is", "high"), condition("type", "is_not", "task")));
        List<Map<String, Object>> actions = List.of(
                action("priority", "urgent"),
                action("notification_user", List.of("requester_id", "About {{ticket.title}}", "{{ticket.url}}")));

        Api.Response response = post(body(
                "title",
                "  Escalate " + tag + "  ",
                "description",
                "Urgent when high",
                "category_id",
                "escalations",
                "conditions",
                conditions,
                "actions",
                actions));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode trigger = response.json().get("trigger");
        long id = trigger.get("id").asLong();
        created.add(id);
        assertThat(new TreeSet<>(trigger.propertyNames())).isEqualTo(new TreeSet<>(MEMBERS));
        assertThat(trigger.get("url").asString()).endsWith("/api/v2/triggers/" + id + ".json");
        assertThat(trigger.get("title").asString()).isEqualTo("Escalate " + tag);
        assertThat(trigger.get("raw_title").asString()).isEqualTo("Escalate " + tag);
        assertThat(trigger.get("description").asString()).isEqualTo("Urgent when high");
        assertThat(trigger.get("active").asBoolean()).isFalse();
        assertThat(trigger.get("position").asInt()).as("last").isEqualTo(before + 1);
        assertThat(trigger.get("category_id").asString()).isEqualTo("escalations");
        assertThat(trigger.get("default").asBoolean()).isFalse();
        assertThat(trigger.get("conditions")).isEqualTo(json(conditions));
        assertThat(trigger.get("actions")).isEqualTo(json(actions));
        assertThat(trigger.get("created_at").asString()).isNotBlank();
        assertThat(trigger.get("updated_at").asString())
                .isEqualTo(trigger.get("created_at").asString());
        Api.Response shown = admin().get(TRIGGERS + "/" + id);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("trigger")).isEqualTo(trigger);
    }

    @Test
    void aTriggerIsActiveUnlessSaidAndAnEmptyCategoryIsNone() {
        Map<String, Object> fields = body("category_id", "");
        fields.remove("active");

        JsonNode trigger = created(fields);

        assertThat(trigger.get("active").asBoolean()).isTrue();
        assertThat(trigger.get("category_id").isNull()).as(trigger.toString()).isTrue();
    }

    @Test
    void anUpdateChangesOnlyTheMembersSent() {
        JsonNode original = create("description", "First", "category_id", "first");
        long id = original.get("id").asLong();

        JsonNode retitled = changed(id, Map.of("title", "Renamed " + tag));

        assertThat(retitled.get("title").asString()).isEqualTo("Renamed " + tag);
        assertThat(retitled.get("raw_title").asString()).isEqualTo("Renamed " + tag);
        for (String member : List.of(
                "description", "active", "position", "category_id", "default", "conditions", "actions", "created_at")) {
            assertThat(retitled.get(member)).as(member).isEqualTo(original.get(member));
        }
        assertThat(retitled.get("updated_at").asString())
                .isGreaterThanOrEqualTo(original.get("updated_at").asString());

        List<Map<String, Object>> actions = List.of(action("remove_tags", tag), action("status", "open"));
        JsonNode rewritten = changed(id, Map.of("actions", actions, "category_id", ""));
        assertThat(rewritten.get("actions")).isEqualTo(json(actions));
        assertThat(rewritten.get("conditions")).isEqualTo(original.get("conditions"));
        assertThat(rewritten.get("category_id").isNull()).isTrue();
        assertThat(rewritten.get("description").asString()).isEqualTo("First");

        Map<String, Object> conditions = conditions(List.of(), List.of(condition("current_tags", "includes", tag)));
        JsonNode reconditioned = changed(id, Map.of("conditions", conditions, "active", true, "description", ""));
        assertThat(reconditioned.get("conditions")).isEqualTo(json(conditions));
        assertThat(reconditioned.get("actions")).isEqualTo(json(actions));
        assertThat(reconditioned.get("active").asBoolean()).isTrue();
        assertThat(admin().get(TRIGGERS + "/" + id).json().get("trigger")).isEqualTo(reconditioned);
    }

    @Test
    void anInactiveTriggerDoesNotRunUntilActivated() {
        long id = create("actions", List.of(action("priority", "urgent")))
                .get("id")
                .asLong();

        JsonNode before = created(admin(), fields("subject", "Quiet", "comment", body("x"), "tags", List.of(tag)));
        changed(id, Map.of("active", true));
        JsonNode after = created(admin(), fields("subject", "Loud", "comment", body("x"), "tags", List.of(tag)));

        assertThat(before.get("priority").isNull()).as(before.toString()).isTrue();
        assertThat(after.get("priority").asString()).isEqualTo("urgent");
    }

    @Test
    void aDeletedTriggerIsA204ThenGoneAndTheOthersCloseUp() {
        long first = createId();
        long second = createId();
        long third = createId();
        List<Long> before = order();

        Api.Response deleted = admin().delete(TRIGGERS + "/" + second);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(TRIGGERS + "/" + second));
        assertNotFound(admin().delete(TRIGGERS + "/" + second));
        assertNotFound(admin().get(TRIGGERS + "/" + second + "/revisions"));
        List<Long> expected = new ArrayList<>(before);
        expected.remove(second);
        assertThat(order()).isEqualTo(expected);
        assertDense();
        assertThat(position(third)).isEqualTo(position(first) + 1);
    }

    @Test
    void anUnknownTriggerIsA404Everywhere() {
        String path = TRIGGERS + "/" + MISSING;
        assertNotFound(admin().get(path));
        assertNotFound(admin().put(path, Map.of("trigger", Map.of("title", "x"))));
        assertNotFound(admin().delete(path));
        assertNotFound(admin().get(path + "/revisions"));
        assertNotFound(admin().get(path + "/revisions/1"));
    }

    // ---- positions ----------------------------------------------------------------------------------------------

    @Test
    void aTriggerCreatedAtAPositionTakesItAndThoseFromThereMoveDownByOne() {
        long a = createId();
        long b = createId();
        long c = createId();
        int at = position(b);
        List<Long> before = order();

        JsonNode inserted = create("position", at);

        long d = inserted.get("id").asLong();
        assertThat(inserted.get("position").asInt()).isEqualTo(at);
        List<Long> expected = new ArrayList<>(before);
        expected.add(at - 1, d);
        assertThat(order()).isEqualTo(expected);
        assertThat(List.of(position(a), position(d), position(b), position(c)))
                .containsExactly(at - 1, at, at + 1, at + 2);
        assertDense();

        JsonNode beyond = create("position", 500);
        assertThat(beyond.get("position").asInt()).as("past the last is last").isEqualTo(order().size());
        assertDense();
    }

    @Test
    void anUpdatedPositionMovesTheTriggerAndTheOthersMakeRoom() {
        long a = createId();
        long b = createId();
        long c = createId();
        int first = position(a);

        JsonNode moved = changed(c, Map.of("position", first));

        assertThat(moved.get("position").asInt()).isEqualTo(first);
        assertThat(List.of(position(c), position(a), position(b))).containsExactly(first, first + 1, first + 2);
        assertDense();
        changed(c, Map.of("position", 500));
        assertThat(position(c)).isEqualTo(order().size());
        assertDense();
    }

    @Test
    void reorderPutsTheNamedTriggersFirstInThatOrderAndTheOthersFollowInTheirs() {
        long a = createId();
        long b = createId();
        long c = createId();
        List<Long> before = order();

        Api.Response response = admin().put(TRIGGERS + "/reorder", Map.of("trigger_ids", List.of(c, a)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Long> expected = new ArrayList<>(List.of(c, a));
        before.stream().filter(id -> id != c && id != a).forEach(expected::add);
        assertThat(order()).isEqualTo(expected);
        assertThat(ApiAssertions.ids(response.json().get("triggers"))).isEqualTo(expected);
        assertThat(positionsOf(response.json().get("triggers")))
                .isEqualTo(IntStream.rangeClosed(1, expected.size()).boxed().toList());
        assertThat(position(b)).isGreaterThan(position(a));
        assertDense();
    }

    @Test
    void reorderNamingAnUnknownTriggerIsA404AndNamingOneTwiceA422AndNeitherChangesAnything() {
        long a = createId();
        long b = createId();
        String before = state();

        assertNotFound(admin().put(TRIGGERS + "/reorder", Map.of("trigger_ids", List.of(b, MISSING, a))));
        assertInvalid(admin().put(TRIGGERS + "/reorder", Map.of("trigger_ids", List.of(b, a, b))), "trigger_ids");
        assertInvalid(admin().put(TRIGGERS + "/reorder", Map.of("trigger_ids", List.of())), "trigger_ids");
        assertInvalid(admin().withoutContract().put(TRIGGERS + "/reorder", Map.of()), "trigger_ids");

        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    @Test
    void updateManySetsEachPositionActivityAndCategoryAsAsked() {
        long a = createId();
        long b = createId();
        long x = createId();
        long y = createId();
        int first = position(a);

        // Asked in an order other than the positions': each still ends where it was asked to be.
        Api.Response response = admin().put(
                        TRIGGERS + "/update_many",
                        Map.of(
                                "triggers",
                                List.of(
                                        fields("id", y, "position", first + 1),
                                        fields("id", x, "position", first, "category_id", "moved"),
                                        fields("id", b, "active", true))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(ApiAssertions.ids(response.json().get("triggers"))).containsExactly(y, x, b);
        assertThat(List.of(position(x), position(y), position(a), position(b)))
                .containsExactly(first, first + 1, first + 2, first + 3);
        assertThat(show(x).get("category_id").asString()).isEqualTo("moved");
        assertThat(show(b).get("active").asBoolean()).isTrue();
        assertThat(show(a).get("active").asBoolean()).isFalse();
        assertDense();
    }

    @Test
    void updateManyIsAllOrNothing() {
        long a = createId();
        long b = createId();
        String before = state();

        assertNotFound(admin().put(
                        TRIGGERS + "/update_many",
                        Map.of(
                                "triggers",
                                List.of(fields("id", a, "active", true), fields("id", MISSING, "position", 1)))));
        assertInvalid(
                admin().put(
                                TRIGGERS + "/update_many",
                                Map.of(
                                        "triggers",
                                        List.of(fields("id", a, "active", true), fields("id", a, "position", 1)))),
                "triggers");
        assertInvalid(
                admin().withoutContract()
                        .put(
                                TRIGGERS + "/update_many",
                                Map.of(
                                        "triggers",
                                        List.of(
                                                fields("id", a, "position", position(b)),
                                                fields("id", b, "position", 0)))),
                "triggers[1].position");
        assertInvalid(
                admin().put(
                                TRIGGERS + "/update_many",
                                Map.of(
                                        "triggers",
                                        List.of(
                                                fields("id", a, "position", position(b)),
                                                fields("id", b, "position", position(b))))),
                "triggers[1].position");

        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    @Test
    void destroyManyDeletesThemAllAndTheOthersCloseUp() {
        long a = createId();
        long b = createId();
        long c = createId();
        List<Long> before = order();

        Api.Response response = admin().delete(TRIGGERS + "/destroy_many?ids=" + a + "," + c);

        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertNotFound(admin().get(TRIGGERS + "/" + a));
        assertNotFound(admin().get(TRIGGERS + "/" + c));
        List<Long> expected = new ArrayList<>(before);
        expected.removeAll(List.of(a, c));
        assertThat(order()).isEqualTo(expected).contains(b);
        assertDense();
    }

    @Test
    void destroyManyNamingAnUnknownTriggerIsA404AndDeletesNothing() {
        long a = createId();
        long b = createId();
        String before = state();

        assertNotFound(admin().delete(TRIGGERS + "/destroy_many?ids=" + a + "," + MISSING + "," + b));
        Api.Response missing = admin().delete(TRIGGERS + "/destroy_many");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().at("/details/ids").isArray())
                .as(missing.toString())
                .isTrue();
        Api.Response garbled = admin().delete(TRIGGERS + "/destroy_many?ids=" + a + ",x");
        assertThat(garbled.status()).as(garbled.toString()).isEqualTo(400);

        assertThat(state()).as("nothing deleted").isEqualTo(before);
    }

    /** Admins writing at once each get their answer, and the positions stay 1..n: writes to triggers take turns. */
    @Test
    void concurrentWritesKeepThePositionsUniqueAndDense() throws Exception {
        List<Long> doomed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            doomed.add(createId());
        }
        // Read before the writes start: the first doomed trigger may be gone before a pooled read of it ran.
        int firstDoomed = position(doomed.get(0));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> post(body())));
            }
            for (long id : doomed) {
                answers.add(pool.submit(() -> admin().delete(TRIGGERS + "/" + id)));
            }
            answers.add(pool.submit(() -> post(body("position", firstDoomed))));
            for (java.util.concurrent.Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(90, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isIn(201, 204);
                if (response.status() == 201) {
                    created.add(response.json().at("/trigger/id").asLong());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created).hasSize(4 + 9);
        assertDense();
    }

    // ---- lists --------------------------------------------------------------------------------------------------

    @Test
    void theListFiltersByActivityAndCategory() {
        String category = unique("cat");
        long active = create("active", true, "category_id", category).get("id").asLong();
        long inactive = create("category_id", category).get("id").asLong();
        long elsewhere = create("active", true).get("id").asLong();

        assertThat(ids(TRIGGERS + "?category_id=" + category)).containsExactly(active, inactive);
        assertThat(ids(TRIGGERS + "?category_id=" + category + "&active=true")).containsExactly(active);
        assertThat(ids(TRIGGERS + "?category_id=" + category + "&active=false")).containsExactly(inactive);
        List<JsonNode> actives = ApiAssertions.all(admin(), TRIGGERS + "/active", "triggers");
        assertThat(actives)
                .allSatisfy(t -> assertThat(t.get("active").asBoolean()).isTrue());
        assertThat(idsOf(actives)).contains(active, elsewhere).doesNotContain(inactive);
        List<JsonNode> inactives = ApiAssertions.all(admin(), TRIGGERS + "?active=false", "triggers");
        assertThat(inactives)
                .allSatisfy(t -> assertThat(t.get("active").asBoolean()).isFalse());
    }

    @Test
    void theListIsByPositionOrByCreationOrAlphabetical() {
        String category = unique("cat");
        long charlie = create("title", tag + " charlie", "category_id", category)
                .get("id")
                .asLong();
        long alpha = create("title", tag + " alpha", "category_id", category)
                .get("id")
                .asLong();
        long bravo = create("title", tag + " bravo", "category_id", category, "position", position(charlie))
                .get("id")
                .asLong();
        String mine = TRIGGERS + "?category_id=" + category;

        assertThat(ids(mine)).containsExactly(bravo, charlie, alpha);
        assertThat(ids(mine + "&sort_by=position")).containsExactly(bravo, charlie, alpha);
        assertThat(ids(mine + "&sort_by=created_at")).containsExactly(charlie, alpha, bravo);
        assertThat(idsOf(ApiAssertions.allOffsetPages(admin(), mine + "&sort_by=alphabetical", "triggers", 2)))
                .containsExactly(alpha, bravo, charlie);
        List<Long> cursorByCreation = new ArrayList<>();
        ApiAssertions.allCursorPages(admin(), mine + "&sort_by=created_at", "triggers", 2)
                .forEach(t -> cursorByCreation.add(t.get("id").asLong()));
        assertThat(cursorByCreation).containsExactly(charlie, alpha, bravo);

        for (String bad : List.of("title_desc", "usage_1h", "", "POSITION")) {
            Api.Response response = admin().get(TRIGGERS + "?sort_by=" + bad);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().at("/details/sort_by/0/description").asString())
                    .as(response.toString())
                    .contains("position");
        }
        Api.Response cursorAlphabetical = admin().get(mine + "&sort_by=alphabetical&page[size]=2");
        assertThat(cursorAlphabetical.status())
                .as(cursorAlphabetical.toString())
                .isEqualTo(400);
        assertThat(cursorAlphabetical.json().at("/details/sort_by").isArray()).isTrue();
    }

    @Test
    void searchFindsTheQueryInTitlesOrDescriptionsInAnyCase() {
        String word = "Needle" + tag;
        long inTitle = create("title", "A " + word.toUpperCase(java.util.Locale.ROOT) + " here")
                .get("id")
                .asLong();
        long inDescription =
                create("description", "about the " + word + ".").get("id").asLong();
        long neither = create("title", "Hay " + tag).get("id").asLong();

        List<Long> found = ids(TRIGGERS + "/search?query=" + word.toLowerCase(java.util.Locale.ROOT));
        assertThat(found).containsExactly(inTitle, inDescription).doesNotContain(neither);
        assertThat(ids(TRIGGERS + "/search?query=" + word + "&active=true")).isEmpty();

        for (String query : List.of("", "query=", "query=%20%20")) {
            Api.Response response = admin().get(TRIGGERS + "/search" + (query.isEmpty() ? "" : "?" + query));
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().at("/details/query").isArray())
                    .as(response.toString())
                    .isTrue();
        }
    }

    @Test
    void searchTakesPercentAndUnderscoreLiterally() {
        long literal = create("title", tag + " 50%_off").get("id").asLong();
        long lookalike = create("title", tag + " 50xyoff").get("id").asLong();

        assertThat(ids(TRIGGERS + "/search?query=" + encode("50%_off")))
                .contains(literal)
                .doesNotContain(lookalike);
        for (String wildcard : List.of("%", "_", "\\")) {
            List<JsonNode> found =
                    ApiAssertions.all(admin(), TRIGGERS + "/search?query=" + encode(wildcard), "triggers");
            assertThat(found).as("search for " + wildcard).allSatisfy(t -> assertThat(t.get("title")
                                    .asString() + " " + t.path("description").asString(""))
                    .contains(wildcard));
            assertThat(idsOf(found)).doesNotContain(lookalike);
        }
    }

    @Test
    void offsetAndCursorPagingReachEveryTriggerOnce() {
        String category = unique("cat");
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(create("category_id", category, "title", tag + " paged " + i)
                    .get("id")
                    .asLong());
        }

        for (String list : List.of(
                TRIGGERS + "?category_id=" + category,
                TRIGGERS + "/search?query=" + tag + "%20paged",
                TRIGGERS + "?category_id=" + category + "&sort_by=alphabetical")) {
            assertThat(idsOf(ApiAssertions.allOffsetPages(admin(), list, "triggers", 2)))
                    .as(list)
                    .isEqualTo(mine);
        }
        for (String list : List.of(
                TRIGGERS + "?category_id=" + category,
                TRIGGERS + "/search?query=" + tag + "%20paged",
                TRIGGERS + "?category_id=" + category + "&sort_by=created_at")) {
            assertThat(idsOf(ApiAssertions.allCursorPages(admin(), list, "triggers", 2)))
                    .as(list)
                    .isEqualTo(mine);
        }
        List<Long> everyByOffset = idsOf(ApiAssertions.allOffsetPages(admin(), TRIGGERS, "triggers", 4));
        List<Long> everyByCursor = idsOf(ApiAssertions.allCursorPages(admin(), TRIGGERS, "triggers", 4));
        assertThat(everyByOffset)
                .doesNotHaveDuplicates()
                .isEqualTo(everyByCursor)
                .containsAll(mine);
        List<Long> activeByCursor = idsOf(ApiAssertions.allCursorPages(admin(), TRIGGERS + "/active", "triggers", 3));
        assertThat(activeByCursor).doesNotHaveDuplicates().doesNotContainAnyElementsOf(mine);
    }

    // ---- definitions --------------------------------------------------------------------------------------------

    @Test
    void definitionsListEveryConditionWithItsOperatorsAndValuesAndEveryAction() {
        Api.Response response = admin().get(TRIGGERS + "/definitions");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode definitions = response.json().get("definitions");
        assertThat(definitions.get("conditions_any")).isEqualTo(definitions.get("conditions_all"));
        Map<String, JsonNode> conditions = bySubject(definitions.get("conditions_all"));
        assertThat(conditions.keySet())
                .containsExactlyInAnyOrder(
                        "update_type",
                        "status",
                        "priority",
                        "type",
                        "group_id",
                        "assignee_id",
                        "requester_id",
                        "ticket_form_id",
                        "current_tags",
                        "via_id",
                        "current_via_id",
                        "comment_is_public",
                        "comment_includes_word",
                        "subject_includes_word",
                        "role",
                        "side_conversation",
                        "hours_until_next_sla_breach");
        assertThat(operators(conditions.get("hours_until_next_sla_breach")))
                .containsExactlyInAnyOrder("less_than", "greater_than");
        assertThat(values(conditions.get("side_conversation")))
                .containsExactly("created", "replied", "closed", "reopened");
        assertThat(operators(conditions.get("side_conversation"))).containsExactlyInAnyOrder("is", "is_not");
        assertThat(values(conditions.get("via_id"))).contains("5", "100");
        assertThat(values(conditions.get("current_via_id"))).contains("5", "100");
        assertThat(values(conditions.get("comment_is_public")))
                .containsExactlyInAnyOrder("true", "false", "not_relevant", "requester_can_see_comment");
        assertThat(values(conditions.get("role"))).containsExactlyInAnyOrder("end_user", "agent", "admin");
        assertThat(values(conditions.get("update_type"))).containsExactlyInAnyOrder("Create", "Change");
        assertThat(values(conditions.get("status"))).contains("new", "open", "pending", "hold", "solved", "closed");
        assertThat(operators(conditions.get("status")))
                .containsExactlyInAnyOrder(
                        "is",
                        "is_not",
                        "less_than",
                        "greater_than",
                        "changed",
                        "value",
                        "value_previous",
                        "not_changed");
        assertThat(operators(conditions.get("current_tags"))).containsExactlyInAnyOrder("includes", "not_includes");
        assertThat(conditions.get("current_tags").get("values").isNull()).isTrue();
        for (JsonNode operator : conditions.get("status").get("operators")) {
            boolean terminal = Set.of("changed", "not_changed")
                    .contains(operator.get("value").asString());
            assertThat(operator.get("terminal").asBoolean())
                    .as(operator.toString())
                    .isEqualTo(terminal);
        }
        Map<String, JsonNode> actions = bySubject(definitions.get("actions"));
        assertThat(actions.keySet())
                .containsExactlyInAnyOrder(
                        "status",
                        "priority",
                        "type",
                        "group_id",
                        "assignee_id",
                        "set_tags",
                        "current_tags",
                        "remove_tags",
                        "notification_user",
                        "notification_group",
                        "notification_webhook");
        assertThat(values(actions.get("status"))).containsExactly("open", "pending", "hold", "solved");
        assertThat(values(actions.get("notification_user")))
                .contains("requester_id", "assignee_id", "current_user", "requester_and_ccs");
        assertThat(values(actions.get("notification_group"))).containsExactly("group_id");
    }

    // ---- revisions ----------------------------------------------------------------------------------------------

    @Test
    void eachWriteLeavesARevisionOldestFirstWithWhatTheTriggerThenWas() {
        long adminId = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        JsonNode original = create("description", "v1");
        long id = original.get("id").asLong();
        changed(id, Map.of("title", "Second " + tag, "description", "v2"));
        Api.Response many =
                admin().put(TRIGGERS + "/update_many", Map.of("triggers", List.of(fields("id", id, "active", true))));
        assertThat(many.status()).as(many.toString()).isEqualTo(200);

        List<JsonNode> revisions =
                ApiAssertions.allOffsetPages(admin(), TRIGGERS + "/" + id + "/revisions", "trigger_revisions", 2);

        assertThat(revisions).hasSize(3);
        assertThat(idsOf(revisions)).isSorted();
        assertThat(revisions).allSatisfy(revision -> {
            assertThat(revision.get("author_id").asLong()).isEqualTo(adminId);
            assertThat(revision.get("url").asString())
                    .endsWith("/api/v2/triggers/" + id + "/revisions/" + revision.get("id") + ".json");
            assertThat(revision.get("created_at").asString()).isNotBlank();
            assertThat(revision.at("/snapshot/conditions")).isEqualTo(original.get("conditions"));
            assertThat(revision.at("/snapshot/actions")).isEqualTo(original.get("actions"));
        });
        assertThat(revisions.stream().map(r -> r.at("/snapshot/title").asString()))
                .containsExactly(original.get("title").asString(), "Second " + tag, "Second " + tag);
        assertThat(revisions.stream().map(r -> r.at("/snapshot/description").asString()))
                .containsExactly("v1", "v2", "v2");
        assertThat(revisions.stream().map(r -> r.at("/snapshot/active").asBoolean()))
                .containsExactly(false, false, true);
        assertThat(idsOf(ApiAssertions.allCursorPages(
                        admin(), TRIGGERS + "/" + id + "/revisions", "trigger_revisions", 1)))
                .isEqualTo(idsOf(revisions));

        long first = revisions.get(0).get("id").asLong();
        Api.Response shown = admin().get(TRIGGERS + "/" + id + "/revisions/" + first);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().get("trigger_revision")).isEqualTo(revisions.get(0));
        long other = createId();
        assertNotFound(admin().get(TRIGGERS + "/" + other + "/revisions/" + first));
        assertNotFound(admin().get(TRIGGERS + "/" + id + "/revisions/" + MISSING));
    }

    // ---- validation ---------------------------------------------------------------------------------------------

    /** Each wrong trigger is a 422 naming the place of what is wrong, and nothing is written. */
    @TestFactory
    Stream<DynamicTest> aWrongTriggerIsA422NamingThePlaceAndNothingIsWritten() {
        long deletedGroup = group(true);
        assertThat(admin().delete("/api/v2/groups/" + deletedGroup).status()).isEqualTo(204);
        TestUser endUser = endUser();
        Map<String, Object> safe = condition("current_tags", "includes", tag);
        Map<String, Object> safeAction = action("current_tags", tag + "seen");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no title", without(body(), "title"), "title"));
        cases.add(new Case("a blank title", body("title", "   "), "title"));
        cases.add(new Case("a title of 256 characters", body("title", "t".repeat(256)), "title"));
        cases.add(new Case("no conditions", without(body(), "conditions"), "conditions"));
        cases.add(new Case("no actions", without(body(), "actions"), "actions"));
        cases.add(new Case("empty conditions", body("conditions", conditions(List.of(), List.of())), "conditions"));
        cases.add(new Case("an empty list of actions", body("actions", List.of()), "actions"));
        cases.add(new Case(
                "an unknown condition field",
                body("conditions", conditions(List.of(condition("bogus", "is", "x")), List.of())),
                "conditions.all[0].field"));
        cases.add(new Case(
                "an operator the field does not take",
                body(
                        "conditions",
                        conditions(
                                List.of(safe),
                                List.of(condition("status", "is", "open"), condition("status", "includes", "open")))),
                "conditions.any[1].operator"));
        cases.add(new Case(
                "a value the field does not take",
                body("conditions", conditions(List.of(condition("status", "is", "bogus"), safe), List.of())),
                "conditions.all[0].value"));
        cases.add(new Case(
                "hours until the next SLA breach that are not a number",
                body(
                        "conditions",
                        conditions(
                                List.of(safe, condition("hours_until_next_sla_breach", "less_than", "soon")),
                                List.of())),
                "conditions.all[1].value"));
        cases.add(new Case(
                "hours until the next SLA breach compared for equality",
                body(
                        "conditions",
                        conditions(List.of(safe, condition("hours_until_next_sla_breach", "is", 2)), List.of())),
                "conditions.all[1].operator"));
        cases.add(new Case(
                "a side conversation action it does not know",
                body(
                        "conditions",
                        conditions(List.of(safe, condition("side_conversation", "is", "deleted")), List.of())),
                "conditions.all[1].value"));
        cases.add(new Case(
                "51 conditions",
                body("conditions", conditions(Collections.nCopies(51, safe), List.of())),
                "conditions.all"));
        cases.add(new Case(
                "a condition on a group that does not exist",
                body("conditions", conditions(List.of(safe, condition("group_id", "is", MISSING)), List.of())),
                "conditions.all[1].value"));
        cases.add(new Case(
                "a condition on a deleted group",
                body("conditions", conditions(List.of(safe), List.of(condition("group_id", "is", deletedGroup)))),
                "conditions.any[0].value"));
        cases.add(new Case(
                "a condition on an assignee who does not exist",
                body("conditions", conditions(List.of(safe, condition("assignee_id", "is", MISSING)), List.of())),
                "conditions.all[1].value"));
        cases.add(new Case(
                "a condition on a requester who does not exist",
                body(
                        "conditions",
                        conditions(
                                List.of(safe, condition("requester_id", "is_not", String.valueOf(MISSING))),
                                List.of())),
                "conditions.all[1].value"));
        cases.add(new Case(
                "an unknown action field",
                body("actions", List.of(action("bogus", "x"), safeAction)),
                "actions[0].field"));
        cases.add(new Case("51 actions", body("actions", Collections.nCopies(51, safeAction)), "actions"));
        for (Object value : List.of("new", "closed", "bogus", "", 1)) {
            cases.add(wrongAction("status", value));
        }
        cases.add(wrongAction("priority", "bogus"));
        cases.add(wrongAction("priority", "Urgent"));
        cases.add(wrongAction("type", "bogus"));
        cases.add(wrongAction("group_id", "abc"));
        cases.add(wrongAction("group_id", -1));
        cases.add(wrongAction("group_id", MISSING));
        cases.add(wrongAction("group_id", deletedGroup));
        cases.add(wrongAction("assignee_id", "abc"));
        cases.add(wrongAction("assignee_id", MISSING));
        cases.add(wrongAction("assignee_id", endUser.id()));
        for (String tags : List.of("set_tags", "current_tags", "remove_tags")) {
            cases.add(wrongAction(tags, ""));
            cases.add(wrongAction(tags, "  "));
        }
        cases.add(wrongAction("notification_user", "requester_id"));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject", "Body", "more")));
        cases.add(wrongAction("notification_user", List.of("somebody", "Subject", "Body")));
        cases.add(wrongAction("notification_user", List.of(MISSING, "Subject", "Body")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "", "Body")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject", "  ")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "{% if %}", "Body")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject", "{% if %}")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject", "{{ ticket.title ")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject", "{% include 'x' %}")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "Subject", "{%- render 'x' -%}")));
        cases.add(wrongAction("notification_user", List.of("requester_id", "s".repeat(256), "Body")));
        cases.add(wrongAction("notification_group", List.of("everyone", "Subject", "Body")));
        cases.add(wrongAction("notification_group", List.of(MISSING, "Subject", "Body")));
        cases.add(wrongAction("notification_group", List.of(deletedGroup, "Subject", "Body")));
        cases.add(wrongAction("notification_group", List.of("group_id", "Subject", "{% include 'x' %}")));
        cases.add(new Case("position 0", body("position", 0), "position"));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    String before = state();
                    Api.Response response = admin().post(TRIGGERS, Map.of("trigger", wrong.trigger()));
                    assertInvalid(response, wrong.place());
                    assertThat(state()).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongUpdateIsA422NamingThePlaceAndLeavesTheTriggerAndItsRevisionsAsTheyWere() {
        long id = createId();
        long deletedGroup = group(true);
        assertThat(admin().delete("/api/v2/groups/" + deletedGroup).status()).isEqualTo(204);
        String before = state();

        List<Map.Entry<Map<String, Object>, String>> wrong = List.of(
                Map.entry(Map.of("title", ""), "title"),
                Map.entry(Map.of("title", "t".repeat(256)), "title"),
                Map.entry(Map.of("description", "d".repeat(1001)), "description"),
                Map.entry(Map.of("conditions", conditions(List.of(), List.of())), "conditions"),
                Map.entry(
                        Map.of("conditions", conditions(List.of(condition("status", "is", "bogus")), List.of())),
                        "conditions.all[0].value"),
                Map.entry(Map.of("actions", List.of()), "actions"),
                Map.entry(
                        Map.of(
                                "title",
                                "Not taken",
                                "actions",
                                List.of(action("status", "open"), action("group_id", deletedGroup))),
                        "actions[1].value"),
                Map.entry(Map.of("position", 0), "position"));
        for (Map.Entry<Map<String, Object>, String> change : wrong) {
            assertInvalid(admin().put(TRIGGERS + "/" + id, Map.of("trigger", change.getKey())), change.getValue());
        }

        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    // ---- who may ------------------------------------------------------------------------------------------------

    @Test
    void agentsReadTriggersButEveryWriteIsForbiddenAndWritesNothing() {
        long id = createId();
        long revision = firstRevision(id);
        Api agent = as(agent());

        for (String read : reads(id, revision)) {
            Api.Response response = agent.get(read);
            assertThat(response.status()).as(read + " → " + response).isEqualTo(200);
        }
        String before = state();
        writes(agent, id).forEach((write, response) -> assertForbidden(response));
        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    @Test
    void endUsersAreForbiddenEverythingAndAnonymousCallersAreUnauthorized() {
        long id = createId();
        long revision = firstRevision(id);
        Api endUser = as(endUser());
        String before = state();

        List<String> reads = new ArrayList<>(reads(id, revision));
        reads.add(TRIGGERS + "/search");
        for (String read : reads) {
            assertForbidden(endUser.get(read));
            Api.Response anonymous = api().get(read);
            assertThat(anonymous.status()).as(read + " → " + anonymous).isEqualTo(401);
        }
        writes(endUser, id).forEach((write, response) -> assertForbidden(response));
        writes(api(), id).forEach((write, response) -> assertThat(response.status())
                .as(write + " → " + response)
                .isEqualTo(401));

        assertThat(state()).as("nothing written").isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> trigger, String place) {}

    /** A trigger whose second action is {@code field} with a value it does not take. */
    private Case wrongAction(String field, Object value) {
        return new Case(
                "the action " + field + " " + json(value),
                body("actions", List.of(action("current_tags", tag + "seen"), action(field, value))),
                "actions[1].value");
    }

    private List<String> reads(long id, long revision) {
        return List.of(
                TRIGGERS,
                TRIGGERS + "/active",
                TRIGGERS + "/search?query=" + tag,
                TRIGGERS + "/definitions",
                TRIGGERS + "/" + id,
                TRIGGERS + "/" + id + "/revisions",
                TRIGGERS + "/" + id + "/revisions/" + revision);
    }

    /** Every write, as this caller, on a trigger of the test's: the answers, by the write. */
    private Map<String, Api.Response> writes(Api caller, long id) {
        Map<String, Api.Response> answers = new java.util.LinkedHashMap<>();
        answers.put("create", caller.post(TRIGGERS, Map.of("trigger", body())));
        answers.put("update", caller.put(TRIGGERS + "/" + id, Map.of("trigger", Map.of("active", true))));
        answers.put("reorder", caller.put(TRIGGERS + "/reorder", Map.of("trigger_ids", List.of(id))));
        answers.put(
                "update_many",
                caller.put(TRIGGERS + "/update_many", Map.of("triggers", List.of(fields("id", id, "position", 1)))));
        answers.put("destroy_many", caller.delete(TRIGGERS + "/destroy_many?ids=" + id));
        answers.put("delete", caller.delete(TRIGGERS + "/" + id));
        return answers;
    }

    private long firstRevision(long id) {
        return admin().get(TRIGGERS + "/" + id + "/revisions")
                .json()
                .at("/trigger_revisions/0/id")
                .asLong();
    }

    /** A trigger safe to leave active (it names only this test's tag), inactive unless said, with these members. */
    private Map<String, Object> body(Object... members) {
        Map<String, Object> trigger = fields(
                "title",
                unique("Trigger " + tag),
                "active",
                false,
                "conditions",
                conditions(List.of(condition("current_tags", "includes", tag)), List.of()),
                "actions",
                List.of(action("current_tags", tag + "seen")));
        for (int i = 0; i < members.length; i += 2) {
            trigger.put((String) members[i], members[i + 1]);
        }
        return trigger;
    }

    private static Map<String, Object> without(Map<String, Object> trigger, String member) {
        trigger.remove(member);
        return trigger;
    }

    private static Map<String, Object> conditions(List<Map<String, Object>> all, List<Map<String, Object>> any) {
        return fields("all", all, "any", any);
    }

    private static Map<String, Object> condition(String field, String operator, Object value) {
        return fields("field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> action(String field, Object value) {
        return fields("field", field, "value", value);
    }

    private Api.Response post(Map<String, Object> trigger) {
        return admin().post(TRIGGERS, Map.of("trigger", trigger));
    }

    /** Creates a trigger, which must succeed (and is deleted after the test): the trigger. */
    private JsonNode created(Map<String, Object> trigger) {
        Api.Response response = post(trigger);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        created.add(response.json().at("/trigger/id").asLong());
        return response.json().get("trigger");
    }

    private JsonNode create(Object... members) {
        return created(body(members));
    }

    private long createId() {
        return create().get("id").asLong();
    }

    private JsonNode changed(long id, Map<String, Object> fields) {
        Api.Response response = admin().put(TRIGGERS + "/" + id, Map.of("trigger", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("trigger");
    }

    private JsonNode show(long id) {
        Api.Response response = admin().get(TRIGGERS + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("trigger");
    }

    private int position(long id) {
        return show(id).get("position").asInt();
    }

    /** Every trigger, in position order. */
    private List<JsonNode> everyTrigger() {
        return ApiAssertions.all(admin(), TRIGGERS, "triggers");
    }

    private List<JsonNode> standardTriggers() {
        return everyTrigger().stream()
                .filter(trigger -> trigger.get("default").asBoolean())
                .toList();
    }

    private List<Long> order() {
        return everyTrigger().stream().map(t -> t.get("id").asLong()).toList();
    }

    private List<Long> ids(String list) {
        return idsOf(ApiAssertions.all(admin(), list, "triggers"));
    }

    /** Positions are 1, 2, ... n in the list's order: each once, no gap. */
    private void assertDense() {
        List<Integer> positions =
                everyTrigger().stream().map(t -> t.get("position").asInt()).toList();
        assertThat(positions)
                .as("positions, in order")
                .isEqualTo(IntStream.rangeClosed(1, positions.size()).boxed().toList());
    }

    private static List<Integer> positionsOf(JsonNode triggers) {
        List<Integer> positions = new ArrayList<>();
        triggers.forEach(t -> positions.add(t.get("position").asInt()));
        return positions;
    }

    /** Every trigger as the list shows it, and the number of revisions of each of this test's. */
    private String state() {
        StringBuilder state = new StringBuilder(everyTrigger().toString());
        for (long id : created) {
            Api.Response revisions = admin().get(TRIGGERS + "/" + id + "/revisions?per_page=1");
            state.append(' ').append(id).append(':').append(revisions.json().path("count"));
        }
        return state.toString();
    }

    private static Map<String, JsonNode> bySubject(JsonNode definitions) {
        Map<String, JsonNode> bySubject = new java.util.LinkedHashMap<>();
        definitions.forEach(d -> bySubject.put(d.get("subject").asString(), d));
        return bySubject;
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

    private static List<Long> idsOf(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
