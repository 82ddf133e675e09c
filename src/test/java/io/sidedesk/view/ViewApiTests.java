package io.sidedesk.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The views API over HTTP (issue 22, docs/views-contract.md): Zendesk's shapes, checks on save that name the wrong
 * member's place and write nothing, who may write which view (admins any; agents and light agents only their own
 * personal views; positions only admins), positions that stay 1..n, the personal cap, lists with their filters, sorts,
 * paging and search, the condition definitions, and the all-or-none bulk update.
 */
class ViewApiTests extends ViewTestSupport {

    private static final Set<String> MEMBERS = Set.of(
            "id",
            "url",
            "title",
            "description",
            "active",
            "position",
            "default",
            "restriction",
            "conditions",
            "execution",
            "created_at",
            "updated_at");

    private static final List<String> COLUMNS = List.of(
            "nice_id", "subject", "requester", "assignee", "group", "status", "priority", "type", "created", "updated");

    // ---- CRUD ---------------------------------------------------------------------------------------------------

    @Test
    void aCreatedViewHasZendesksShapeAndReadsBackTheSame() {
        String title = "Open urgent " + tag;
        List<Map<String, Object>> all = allOf(condition("status", "less_than", "solved"));
        List<Map<String, Object>> any =
                List.of(condition("priority", "is", "urgent"), condition("priority", "is", "high"));

        Api.Response response = postView(
                admin(),
                fields(
                        "title",
                        title,
                        "description",
                        "Urgent work",
                        "all",
                        all,
                        "any",
                        any,
                        "output",
                        output(
                                "columns",
                                List.of("status", "subject", "priority"),
                                "group_by",
                                "priority",
                                "group_order",
                                "desc",
                                "sort_by",
                                "updated_at",
                                "sort_order",
                                "desc")));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode view = response.json().get("view");
        long id = view.get("id").asLong();
        assertThat(view.propertyNames()).containsAll(MEMBERS);
        assertThat(view.get("url").asString()).contains("/api/v2/views/" + id);
        assertThat(view.get("title").asString()).isEqualTo(title);
        assertThat(view.get("description").asString()).isEqualTo("Urgent work");
        assertThat(view.get("active").asBoolean()).as("active unless said").isTrue();
        assertThat(view.get("default").asBoolean())
                .as("only the standard views are default")
                .isFalse();
        assertThat(view.get("restriction").isNull()).as("everyone's").isTrue();
        assertThat(view.get("position").isNumber()).isTrue();
        assertThat(view.at("/conditions/all")).isEqualTo(json(all));
        assertThat(view.at("/conditions/any")).isEqualTo(json(any));
        JsonNode execution = view.get("execution");
        assertThat(execution.get("group_by").asString()).isEqualTo("priority");
        assertThat(execution.get("group_order").asString()).isEqualTo("desc");
        assertThat(execution.get("sort_by").asString()).isEqualTo("updated_at");
        assertThat(execution.get("sort_order").asString()).isEqualTo("desc");
        assertThat(execution.at("/group/id").asString()).isEqualTo("priority");
        assertThat(execution.at("/group/order").asString()).isEqualTo("desc");
        assertThat(execution.at("/group/title").asString()).isNotBlank();
        assertThat(execution.at("/sort/id").asString()).isEqualTo("updated_at");
        assertThat(execution.at("/sort/order").asString()).isEqualTo("desc");
        assertThat(execution.at("/sort/title").asString()).isNotBlank();
        assertThat(execution.get("columns").findValuesAsString("id")).containsExactly("status", "subject", "priority");
        execution.get("columns").forEach(column -> assertThat(
                        column.get("title").asString())
                .as(column.toString())
                .isNotBlank());
        assertThat(view.get("created_at").asString()).isNotBlank();
        assertThat(view.get("updated_at").asString()).isNotBlank();
        assertThat(showView(id)).as("read back as answered").isEqualTo(view);
        assertThat(as(agent()).get(VIEWS + "/" + id).json().get("view"))
                .as("an agent reads an unrestricted view")
                .isEqualTo(view);
    }

    @Test
    void aViewWithoutOutputSortsByCreationAscendingAndGroupsByNothing() {
        JsonNode view = view();

        JsonNode execution = view.get("execution");
        assertThat(execution.get("sort_by").asString()).isEqualTo("created_at");
        assertThat(execution.get("sort_order").asString()).isEqualTo("asc");
        assertThat(execution.get("group_by").isNull()).isTrue();
        assertThat(execution.get("group").isNull()).isTrue();
        assertThat(execution.get("columns").size()).as("some default columns").isPositive();
        assertThat(view.at("/conditions/any")).as("no any conditions").isEmpty();
        assertThat(view.get("description").isNull()
                        || view.get("description").asString().isEmpty())
                .isTrue();
    }

    @Test
    void everyColumnIsEchoed() {
        // The contract listed sla_next_breach_at too; a view shows the ticket's own members, which do not hold it.
        JsonNode ten = view("output", output("columns", COLUMNS));
        assertThat(ten.at("/execution/columns").findValuesAsString("id")).isEqualTo(COLUMNS);
        JsonNode last = view("output", output("columns", List.of("updated", "nice_id")));
        assertThat(last.at("/execution/columns").findValuesAsString("id")).containsExactly("updated", "nice_id");
    }

    @Test
    void theSortKeysAreReadBackInOneSpellingAndTheGroupingsAsSent() {
        Map<String, String> spellings = Map.of(
                "nice_id", "id",
                "id", "id",
                "created", "created_at",
                "created_at", "created_at",
                "updated", "updated_at",
                "updated_at", "updated_at",
                "status", "status",
                "priority", "priority");
        spellings.forEach((sent, read) -> {
            JsonNode view = view("output", output("sort_by", sent, "sort_order", "desc"));
            assertThat(view.at("/execution/sort_by").asString())
                    .as("sort_by " + sent)
                    .isEqualTo(read);
            assertThat(view.at("/execution/sort/id").asString())
                    .as("sort.id for " + sent)
                    .isEqualTo(read);
            assertThat(view.at("/execution/sort_order").asString()).isEqualTo("desc");
        });
        for (String groupBy : List.of("status", "priority", "type", "group", "assignee", "requester")) {
            JsonNode view = view("output", output("group_by", groupBy, "group_order", "asc"));
            assertThat(view.at("/execution/group_by").asString()).as("group_by").isEqualTo(groupBy);
            assertThat(view.at("/execution/group/id").asString()).isEqualTo(groupBy);
            assertThat(showView(view.get("id").asLong()).get("execution")).isEqualTo(view.get("execution"));
        }
    }

    @Test
    void conditionsMayComeInAConditionsObjectButNotBothWays() {
        List<Map<String, Object>> all = allOf(condition("status", "is", "open"));
        List<Map<String, Object>> any = List.of(condition("type", "is", "incident"));

        JsonNode view = createdView(
                admin(), fields("title", unique("Nested " + tag), "conditions", fields("all", all, "any", any)));

        assertThat(view.at("/conditions/all")).isEqualTo(json(all));
        assertThat(view.at("/conditions/any")).isEqualTo(json(any));
        List<Long> before = viewIds(admin(), VIEWS);
        Api.Response both = postView(
                admin().withoutContract(),
                fields("title", unique("Both " + tag), "all", all, "conditions", fields("all", all)));
        assertInvalid(both, "conditions");
        assertThat(viewIds(admin(), VIEWS)).as("nothing written").isEqualTo(before);
    }

    @Test
    void anUpdateChangesOnlyTheMembersSent() {
        JsonNode original = view(
                "description",
                "First",
                "any",
                List.of(condition("priority", "is", "high")),
                "output",
                output("columns", List.of("subject", "status"), "sort_by", "status"));
        long id = original.get("id").asLong();

        JsonNode retitled = changedView(admin(), id, Map.of("title", "Renamed " + tag));

        assertThat(retitled.get("title").asString()).isEqualTo("Renamed " + tag);
        for (String member :
                List.of("description", "active", "restriction", "conditions", "execution", "created_at", "default")) {
            assertThat(retitled.get(member)).as(member).isEqualTo(original.get(member));
        }
        List<Map<String, Object>> all = allOf(condition("status", "is", "pending"));
        JsonNode rewritten = changedView(admin(), id, Map.of("all", all, "active", false));
        assertThat(rewritten.at("/conditions/all")).isEqualTo(json(all));
        assertThat(rewritten.at("/conditions/any")).as("any not sent stays").isEqualTo(original.at("/conditions/any"));
        assertThat(rewritten.get("active").asBoolean()).isFalse();
        assertThat(rewritten.get("description").asString()).isEqualTo("First");
        JsonNode resorted = changedView(admin(), id, Map.of("output", output("sort_by", "priority")));
        assertThat(resorted.at("/execution/sort_by").asString()).isEqualTo("priority");
        long group = group(true);
        JsonNode restricted = changedView(admin(), id, Map.of("restriction", groupRestriction(group)));
        assertThat(restricted.at("/restriction/id").asLong()).isEqualTo(group);
        assertThat(restricted.get("conditions")).isEqualTo(resorted.get("conditions"));
        JsonNode redescribed = changedView(admin(), id, Map.of("description", "Second"));
        assertThat(redescribed.get("restriction"))
                .as("a restriction not sent stays as it was")
                .isEqualTo(restricted.get("restriction"));
        JsonNode everyones = changedView(admin(), id, fields("restriction", null));
        assertThat(everyones.get("restriction").isNull()).isTrue();
        assertThat(showView(id)).isEqualTo(everyones);
    }

    @Test
    void aGroupRestrictionNamesItsFirstGroupAndAllItsGroups() {
        long first = group(true);
        long second = group(false);

        JsonNode view = view("restriction", groupRestriction(first, second));

        assertThat(view.at("/restriction/type").asString()).isEqualTo("Group");
        assertThat(view.at("/restriction/id").asLong()).isEqualTo(first);
        assertThat(longs(view.at("/restriction/ids"))).containsExactly(first, second);
        assertThat(showView(view.get("id").asLong()).get("restriction")).isEqualTo(view.get("restriction"));
    }

    @Test
    void aDeletedViewIsA204ThenGone() {
        long id = view().get("id").asLong();

        Api.Response deleted = admin().delete(VIEWS + "/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertNotFound(admin().get(VIEWS + "/" + id));
        assertNotFound(admin().delete(VIEWS + "/" + id));
        assertNotFound(admin().get(ticketsOf(id)));
        assertNotFound(admin().get(VIEWS + "/" + id + "/count"));
        assertThat(viewIds(admin(), VIEWS)).doesNotContain(id);
    }

    @Test
    void anUnknownViewIsA404Everywhere() {
        String path = VIEWS + "/" + MISSING;
        assertNotFound(admin().get(path));
        assertNotFound(admin().put(path, Map.of("view", Map.of("title", "x"))));
        assertNotFound(admin().delete(path));
        assertNotFound(admin().get(path + "/tickets"));
        assertNotFound(admin().get(path + "/count"));
        assertNotFound(admin().get(path + "/export"));
        assertNotFound(
                admin().put(VIEWS + "/update_many", Map.of("views", List.of(fields("id", MISSING, "active", false)))));
    }

    // ---- checks on save -----------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> aWrongViewIsA422NamingThePlaceAndWritesNothing() {
        long deletedGroup = group(true);
        deleteGroup(deletedGroup);
        TestUser endUser = endUser();
        Map<String, Object> safe = tagged();

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no title", without(viewBody(), "title"), "title"));
        cases.add(new Case("an empty title", viewBody("title", ""), "title"));
        cases.add(new Case("a blank title", viewBody("title", "   "), "title"));
        cases.add(new Case("a title of 256", viewBody("title", tag + "t".repeat(256 - tag.length())), "title"));
        cases.add(new Case("no conditions", without(viewBody(), "all"), "all"));
        cases.add(new Case("an empty all", viewBody("all", List.of()), "all"));
        cases.add(new Case(
                "only any conditions",
                without(viewBody("any", List.of(condition("status", "is", "open"))), "all"),
                "all"));
        cases.add(new Case("51 all conditions", viewBody("all", Collections.nCopies(51, safe)), "all"));
        cases.add(new Case(
                "51 any conditions",
                viewBody("any", Collections.nCopies(51, condition("status", "is", "open"))),
                "any"));
        cases.add(new Case(
                "an unknown field", viewBody("all", List.of(safe, condition("bogus", "is", "x"))), "all[1].field"));
        cases.add(new Case(
                "a condition without a field",
                viewBody("all", List.of(safe, fields("operator", "is", "value", "open"))),
                "all[1].field"));
        cases.add(new Case(
                "the third condition wrong",
                viewBody("all", List.of(safe, condition("status", "is", "open"), condition("nope", "is", "1"))),
                "all[2].field"));
        for (String operator : List.of("changed", "value", "value_previous", "not_changed", "includes")) {
            cases.add(wrongOperator("status", operator, "open"));
        }
        cases.add(wrongOperator("priority", "includes", "low"));
        cases.add(wrongOperator("type", "less_than", "task"));
        cases.add(wrongOperator("group_id", "less_than", "1"));
        cases.add(wrongOperator("assignee_id", "changed", ""));
        cases.add(wrongOperator("current_tags", "is", "x"));
        cases.add(wrongOperator("NEW", "is", 3));
        cases.add(wrongOperator("updated_at", "is", 3));
        cases.add(wrongOperator("hours_until_next_sla_breach", "is", 2));
        cases.add(wrongOperator("child_status", "includes", "open"));
        cases.add(wrongOperator("via_id", "less_than", "5"));
        cases.add(wrongValue("status", "is", "bogus"));
        cases.add(wrongValue("status", "less_than", "later"));
        cases.add(wrongValue("priority", "is", "bogus"));
        cases.add(wrongValue("type", "is", "bogus"));
        cases.add(wrongValue("group_id", "is", "abc"));
        cases.add(wrongValue("assignee_id", "is", "abc"));
        cases.add(wrongValue("requester_id", "is", "abc"));
        cases.add(wrongValue("current_tags", "includes", ""));
        cases.add(wrongValue("via_id", "is", "7"));
        cases.add(wrongValue("NEW", "less_than", "soon"));
        cases.add(wrongValue("updated_at", "greater_than", "x"));
        cases.add(wrongValue("hours_until_next_sla_breach", "less_than", "soon"));
        cases.add(wrongValue("child_status", "is", "bogus"));
        cases.add(new Case(
                "a wrong any condition", viewBody("any", List.of(condition("status", "is", "bogus"))), "any[0].value"));
        cases.add(new Case(
                "a wrong second any condition",
                viewBody("any", List.of(condition("status", "is", "open"), condition("bogus", "is", "x"))),
                "any[1].field"));
        cases.add(new Case(
                "an unknown column",
                viewBody("output", output("columns", List.of("subject", "bogus"))),
                "output.columns[1]"));
        cases.add(new Case(
                "eleven columns",
                viewBody("output", output("columns", concat(COLUMNS, List.of("nice_id")))),
                "output.columns"));
        cases.add(new Case("an unknown sort", viewBody("output", output("sort_by", "subject_line")), "output.sort_by"));
        cases.add(
                new Case("a sort order sideways", viewBody("output", output("sort_order", "up")), "output.sort_order"));
        cases.add(new Case(
                "a group order sideways",
                viewBody("output", output("group_by", "status", "group_order", "sideways")),
                "output.group_order"));
        cases.add(
                new Case("an unknown grouping", viewBody("output", output("group_by", "weather")), "output.group_by"));
        cases.add(new Case(
                "a restriction to a group that does not exist",
                viewBody("restriction", groupRestriction(MISSING)),
                "restriction.ids"));
        cases.add(new Case(
                "a restriction to a deleted group",
                viewBody("restriction", groupRestriction(deletedGroup)),
                "restriction.ids"));
        cases.add(new Case(
                "a restriction to a user who does not exist",
                viewBody("restriction", userRestriction(MISSING)),
                "restriction.id"));
        cases.add(new Case(
                "a restriction to an end-user",
                viewBody("restriction", userRestriction(endUser.id())),
                "restriction.id"));
        cases.add(new Case(
                "a restriction of an unknown type", viewBody("restriction", Map.of("type", "Team", "id", 1)), null));
        cases.add(new Case(
                "a wrong nested condition",
                without(viewBody("conditions", fields("all", List.of(safe, condition("bogus", "is", "x")))), "all"),
                "conditions.all[1].field"));
        cases.add(new Case(
                "a wrong nested any value",
                without(
                        viewBody(
                                "conditions",
                                fields("all", List.of(safe), "any", List.of(condition("priority", "is", "bogus")))),
                        "all"),
                "conditions.any[0].value"));
        cases.add(new Case(
                "an empty nested all",
                without(viewBody("conditions", fields("all", List.of())), "all"),
                "conditions.all"));

        return cases.stream()
                .map(wrong -> dynamicTest(wrong.what() + " is refused naming " + wrong.place(), () -> {
                    List<Long> before = viewIds(admin(), VIEWS);
                    Api.Response response = postView(admin().withoutContract(), wrong.view());
                    if (wrong.place() == null) {
                        assertInvalid(response);
                    } else {
                        assertInvalidNaming(response, wrong.place());
                    }
                    assertThat(viewIds(admin(), VIEWS)).as("nothing written").isEqualTo(before);
                }));
    }

    @Test
    void aWrongUpdateIsA422NamingThePlaceAndLeavesTheViewAsItWas() {
        long id = view().get("id").asLong();
        JsonNode before = showView(id);
        Api api = admin().withoutContract();

        assertInvalid(putView(api, id, Map.of("title", "")), "title");
        assertInvalid(putView(api, id, Map.of("all", List.of())), "all");
        assertInvalid(
                putView(
                        api,
                        id,
                        Map.of("title", "Not taken " + tag, "all", List.of(tagged(), condition("status", "is", "x")))),
                "all[1].value");
        assertInvalid(putView(api, id, Map.of("output", output("sort_by", "bogus"))), "output.sort_by");
        assertInvalidNaming(putView(api, id, Map.of("restriction", groupRestriction(MISSING))), "restriction.ids");

        assertThat(showView(id)).as("nothing written").isEqualTo(before);
    }

    // ---- who may write ------------------------------------------------------------------------------------------

    @Test
    void anAgentWritesOnlyTheirOwnPersonalViews() {
        Team team = team(true);
        TestUser agent = team.agent();
        TestUser colleague = agent();
        long shared = view().get("id").asLong();
        long ofTheirGroup =
                view("restriction", groupRestriction(team.group())).get("id").asLong();
        JsonNode sharedBefore = showView(shared);
        JsonNode groupBefore = showView(ofTheirGroup);
        Api api = as(agent);

        assertForbidden(postView(api, viewBody("restriction", null)));
        assertForbidden(postView(api, viewBody("restriction", groupRestriction(team.group()))));
        assertForbidden(postView(api, viewBody("restriction", userRestriction(colleague.id()))));
        assertForbidden(putView(api, shared, Map.of("title", "Mine " + tag)));
        assertForbidden(putView(api, ofTheirGroup, Map.of("active", false)));
        assertForbidden(api.delete(VIEWS + "/" + shared));
        assertForbidden(api.delete(VIEWS + "/" + ofTheirGroup));
        assertThat(showView(shared)).isEqualTo(sharedBefore);
        assertThat(showView(ofTheirGroup)).isEqualTo(groupBefore);
        assertThat(mineOf(admin(), VIEWS)).as("nothing written").containsExactlyInAnyOrder(shared, ofTheirGroup);

        JsonNode personal = createdView(api, viewBody("restriction", userRestriction(agent.id())));
        long id = personal.get("id").asLong();
        assertThat(personal.at("/restriction/type").asString()).isEqualTo("User");
        assertThat(personal.at("/restriction/id").asLong()).isEqualTo(agent.id());
        assertThat(changedView(api, id, Map.of("description", "mine"))
                        .get("description")
                        .asString())
                .isEqualTo("mine");
        assertForbidden(putView(api, id, Map.of("restriction", groupRestriction(team.group()))));
        assertForbidden(putView(api, id, fields("restriction", null)));
        assertThat(showView(id).at("/restriction/type").asString()).isEqualTo("User");
        assertThat(api.delete(VIEWS + "/" + id).status()).isEqualTo(204);
        assertNotFound(admin().get(VIEWS + "/" + id));
    }

    @Test
    void aLightAgentWritesOnlyTheirOwnPersonalViews() {
        for (TestUser light : List.of(lightAgent(), user("agent", lightAgentRole("assigned-only")))) {
            long shared = view().get("id").asLong();
            Api api = as(light);

            assertForbidden(postView(api, viewBody("restriction", null)));
            assertForbidden(putView(api, shared, Map.of("active", false)));
            assertForbidden(api.delete(VIEWS + "/" + shared));
            assertThat(showView(shared).get("active").asBoolean()).isTrue();

            long personal = createdView(api, viewBody("restriction", userRestriction(light.id())))
                    .get("id")
                    .asLong();
            assertThat(changedView(api, personal, Map.of("active", false))
                            .get("active")
                            .asBoolean())
                    .isFalse();
            assertThat(api.delete(VIEWS + "/" + personal).status()).isEqualTo(204);
        }
    }

    @Test
    void anotherAgentsPersonalViewIsA404ButTheAdminsToUseAndWrite() {
        TestUser owner = agent();
        TestUser other = agent();
        long id = createdView(as(owner), viewBody("restriction", userRestriction(owner.id())))
                .get("id")
                .asLong();

        assertNotFound(as(other).get(VIEWS + "/" + id));
        assertNotFound(putView(as(other), id, Map.of("title", "Taken " + tag)));
        assertNotFound(as(other).delete(VIEWS + "/" + id));
        assertNotFound(as(other).get(ticketsOf(id)));
        assertThat(viewIds(as(other), VIEWS)).doesNotContain(id);
        assertThat(showView(id).get("title").asString()).doesNotContain("Taken");
        assertThat(viewIds(as(owner), VIEWS + "?access=personal")).contains(id);
        assertThat(changedView(admin(), id, Map.of("description", "by the admin"))
                        .get("description")
                        .asString())
                .isEqualTo("by the admin");
    }

    @Test
    void onlyAdminsSetPositions() {
        TestUser agent = agent();
        Api api = as(agent);

        assertForbidden(postView(api, viewBody("restriction", userRestriction(agent.id()), "position", 1)));
        long personal = createdView(api, viewBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();
        JsonNode before = showView(personal);
        assertForbidden(putView(api, personal, Map.of("position", 1)));
        assertForbidden(
                api.put(VIEWS + "/update_many", Map.of("views", List.of(fields("id", personal, "position", 1)))));
        assertThat(showView(personal)).as("nothing written").isEqualTo(before);
        Api.Response activity =
                api.put(VIEWS + "/update_many", Map.of("views", List.of(fields("id", personal, "active", false))));
        assertThat(activity.status()).as(activity.toString()).isEqualTo(200);
        assertThat(showView(personal).get("active").asBoolean()).isFalse();
    }

    // ---- positions ----------------------------------------------------------------------------------------------

    @Test
    void aNewViewGoesLastAndPositionsStayOneToN() {
        long a = view().get("id").asLong();
        long b = view().get("id").asLong();
        JsonNode c = view();
        assertThat(c.get("position").asInt())
                .as("last")
                .isEqualTo(everyPosition().size());
        assertPositionsOneToN();

        Api.Response deleted = admin().delete(VIEWS + "/" + a);
        assertThat(deleted.status()).isEqualTo(204);
        assertPositionsOneToN();
        assertThat(showView(c.get("id").asLong()).get("position").asInt())
                .isEqualTo(everyPosition().size());

        Api.Response moved = admin().put(
                        VIEWS + "/update_many",
                        Map.of("views", List.of(fields("id", c.get("id").asLong(), "position", 1))));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertPositionsOneToN();
        assertThat(showView(c.get("id").asLong()).get("position").asInt()).isEqualTo(1);
        assertThat(showView(b).get("position").asInt())
                .as("b was last before c; still after it")
                .isGreaterThan(1);
    }

    @Test
    void anAdminPlacesAViewWhereAsked() {
        view();
        JsonNode placed = view("position", 2);

        assertThat(placed.get("position").asInt()).isEqualTo(2);
        assertPositionsOneToN();
        JsonNode moved = changedView(admin(), placed.get("id").asLong(), Map.of("position", 1));
        assertThat(moved.get("position").asInt()).isEqualTo(1);
        assertPositionsOneToN();
    }

    /** Every view's position, in the admin's list by position. */
    private List<Integer> everyPosition() {
        return ApiAssertions.all(admin(), VIEWS + "?sort_by=position", "views").stream()
                .map(v -> v.get("position").asInt())
                .toList();
    }

    private void assertPositionsOneToN() {
        List<Integer> positions = everyPosition();
        assertThat(positions)
                .as("positions of every view, by position")
                .isEqualTo(IntStream.rangeClosed(1, positions.size()).boxed().toList());
    }

    // ---- limits -------------------------------------------------------------------------------------------------

    @Test
    void aUserHasAtMostAHundredPersonalViews() {
        TestUser agent = agent();
        Api api = as(agent);
        for (int i = 0; i < 100; i++) {
            createdView(api, viewBody("restriction", userRestriction(agent.id())));
        }

        Api.Response oneMore = postView(api, viewBody("restriction", userRestriction(agent.id())));

        assertInvalid(oneMore, "restriction.id");
        assertThat(mineOf(admin(), VIEWS)).as("nothing written").hasSize(100);
        TestUser other = agent();
        assertThat(createdView(as(other), viewBody("restriction", userRestriction(other.id())))
                        .get("id")
                        .asLong())
                .as("the cap is per user")
                .isPositive();
        assertThat(view().get("id").asLong()).as("shared views are not counted").isPositive();
    }

    // ---- lists --------------------------------------------------------------------------------------------------

    @Test
    void theAccessFilterSeparatesPersonalSharedAndAccountViews() {
        Team team = team(true);
        TestUser agent = team.agent();
        TestUser other = agent();
        long account = view().get("id").asLong();
        long ofGroup =
                view("restriction", groupRestriction(team.group())).get("id").asLong();
        long ofAnotherGroup =
                view("restriction", groupRestriction(group(true))).get("id").asLong();
        long mine = createdView(as(agent), viewBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();
        long theirs = createdView(as(other), viewBody("restriction", userRestriction(other.id())))
                .get("id")
                .asLong();

        assertThat(mineOf(as(agent), VIEWS)).containsExactlyInAnyOrder(account, ofGroup, mine);
        assertThat(mineOf(as(agent), VIEWS + "?access=personal")).containsExactly(mine);
        assertThat(mineOf(as(agent), VIEWS + "?access=shared")).containsExactlyInAnyOrder(account, ofGroup);
        assertThat(mineOf(as(agent), VIEWS + "?access=account")).containsExactly(account);
        assertThat(mineOf(admin(), VIEWS))
                .as("the admin uses every view")
                .containsExactlyInAnyOrder(account, ofGroup, ofAnotherGroup, mine, theirs);
        assertThat(mineOf(admin(), VIEWS + "?access=shared"))
                .containsExactlyInAnyOrder(account, ofGroup, ofAnotherGroup);
        assertThat(mineOf(admin(), VIEWS + "?access=account")).containsExactly(account);
        for (String bad : List.of("everyone", "", "PERSONAL")) {
            Api.Response response = admin().get(VIEWS + "?access=" + bad);
            assertThat(response.status()).as(bad + " → " + response).isEqualTo(400);
            assertThat(response.json().path("details").has("access"))
                    .as("names access: %s", response)
                    .isTrue();
        }
    }

    @Test
    void theListFiltersByActivityAndGroup() {
        long group = group(true);
        long active = view().get("id").asLong();
        long inactive = view("active", false).get("id").asLong();
        long ofGroup = view("restriction", groupRestriction(group)).get("id").asLong();
        long ofGroupInactive = view("restriction", groupRestriction(group), "active", false)
                .get("id")
                .asLong();

        assertThat(mineOf(admin(), VIEWS + "?active=true")).containsExactlyInAnyOrder(active, ofGroup);
        assertThat(mineOf(admin(), VIEWS + "?active=false")).containsExactlyInAnyOrder(inactive, ofGroupInactive);
        assertThat(viewIds(admin(), VIEWS + "?group_id=" + group)).containsExactlyInAnyOrder(ofGroup, ofGroupInactive);
        assertThat(viewIds(admin(), VIEWS + "?group_id=" + group + "&active=false"))
                .containsExactly(ofGroupInactive);
    }

    @Test
    void activeAndCompactListOnlyActiveViewsAndCompactAtMostThirtyTwo() {
        long active = view().get("id").asLong();
        long inactive = view("active", false).get("id").asLong();
        for (int i = 0; i < 32; i++) {
            view();
        }

        assertThat(mineOf(admin(), VIEWS + "/active")).contains(active).doesNotContain(inactive);
        assertThat(ApiAssertions.all(admin(), VIEWS + "/active", "views"))
                .allSatisfy(v -> assertThat(v.get("active").asBoolean()).isTrue());
        Api.Response compact = admin().get(VIEWS + "/compact");
        assertThat(compact.status()).as(compact.toString()).isEqualTo(200);
        JsonNode views = compact.json().get("views");
        assertThat(views.size()).as("at most 32").isLessThanOrEqualTo(32).isPositive();
        views.forEach(v -> {
            assertThat(v.get("active").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.propertyNames()).as("the same objects").containsAll(MEMBERS);
        });
        assertThat(ids(views)).doesNotContain(inactive);
    }

    @Test
    void theListSortsByPositionTitleCreationOrUpdate() {
        long charlie = view("title", "charlie " + tag).get("id").asLong();
        long alpha = view("title", "Alpha " + tag).get("id").asLong();
        long bravo = view("title", "bravo " + tag).get("id").asLong();
        changedView(admin(), charlie, Map.of("description", "touched last"));

        assertThat(mineByOffset(VIEWS + "?sort_by=created_at")).containsExactly(charlie, alpha, bravo);
        assertThat(mineByOffset(VIEWS + "?sort_by=alphabetical")).as("by title").containsExactly(alpha, bravo, charlie);
        assertThat(mineByOffset(VIEWS + "?sort_by=updated_at")).endsWith(charlie);
        assertThat(mineByOffset(VIEWS + "?sort_by=position"))
                .as("new views go last, in order")
                .containsExactly(charlie, alpha, bravo);
        assertThat(mineByOffset(VIEWS)).as("position by default").containsExactly(charlie, alpha, bravo);
        assertThat(mineOf(admin(), VIEWS + "?sort_by=created_at"))
                .as("by cursor")
                .containsExactly(charlie, alpha, bravo);
        for (String bad : List.of("bogus", "name", "")) {
            Api.Response response = admin().get(VIEWS + "?sort_by=" + bad);
            assertThat(response.status()).as(bad + " → " + response).isEqualTo(400);
            assertThat(response.json().path("details").has("sort_by"))
                    .as("names sort_by: %s", response)
                    .isTrue();
        }
    }

    @Test
    void offsetAndCursorPagingReachEveryViewOnce() {
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(view().get("id").asLong());
        }

        List<Long> byOffset = ids(ApiAssertions.allOffsetPages(admin(), VIEWS, "views", 2));
        List<Long> byCursor = ids(cursorPages(admin(), VIEWS, "views", 2));

        assertThat(byOffset).doesNotHaveDuplicates().containsAll(made);
        assertThat(byCursor).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(byOffset);
        assertThat(byOffset.stream().filter(made::contains).toList()).isEqualTo(made);
        assertThat(byCursor.stream().filter(made::contains).toList()).isEqualTo(made);
    }

    @Test
    void searchFindsTheQueryInTitlesInAnyCaseAmongTheCallersViews() {
        String word = "Needle" + tag;
        long upper = view("title", "A " + word.toUpperCase(Locale.ROOT) + " here")
                .get("id")
                .asLong();
        long lower = view("title", word.toLowerCase(Locale.ROOT)).get("id").asLong();
        long hay = view("title", "Hay " + tag).get("id").asLong();
        long hidden = view("title", word + " hidden", "restriction", groupRestriction(group(true)))
                .get("id")
                .asLong();

        assertThat(viewIds(admin(), VIEWS + "/search?query=" + word)).containsExactlyInAnyOrder(upper, lower, hidden);
        assertThat(viewIds(as(agent()), VIEWS + "/search?query=" + word)).containsExactlyInAnyOrder(upper, lower);
        assertThat(viewIds(admin(), VIEWS + "/search?query=" + word)).doesNotContain(hay);
        long literal = view("title", tag + " 50%_off").get("id").asLong();
        long lookalike = view("title", tag + " 50xyoff").get("id").asLong();
        assertThat(viewIds(admin(), VIEWS + "/search?query=" + encode(tag + " 50%_off")))
                .contains(literal)
                .doesNotContain(lookalike);
        for (String query : List.of("", "?query=")) {
            Api.Response response = admin().get(VIEWS + "/search" + query);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().path("details").has("query"))
                    .as("names query: %s", response)
                    .isTrue();
        }
    }

    // ---- definitions --------------------------------------------------------------------------------------------

    @Test
    void definitionsListEveryConditionWithItsOperatorsAndValues() {
        Api.Response response = as(agent()).get(VIEWS + "/definitions");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode definitions = response.json().get("definitions");
        Map<String, JsonNode> all = bySubject(definitions.get("conditions_all"));
        Map<String, JsonNode> any = bySubject(definitions.get("conditions_any"));
        assertThat(all.keySet())
                .containsExactlyInAnyOrder(
                        "status",
                        "priority",
                        "type",
                        "group_id",
                        "assignee_id",
                        "requester_id",
                        "current_tags",
                        "via_id",
                        "ticket_form_id",
                        "NEW",
                        "updated_at",
                        "hours_until_next_sla_breach",
                        "child_status");
        assertThat(any.keySet()).isEqualTo(all.keySet());
        all.values().forEach(definition -> {
            assertThat(definition.get("title").asString())
                    .as(definition.toString())
                    .isNotBlank();
            assertThat(definition.get("type").asString())
                    .as(definition.toString())
                    .isNotBlank();
            assertThat(definition.get("nullable").isBoolean())
                    .as(definition.toString())
                    .isTrue();
            assertThat(definition.get("repeatable").isBoolean())
                    .as(definition.toString())
                    .isTrue();
            assertThat(operators(definition))
                    .as("current state only: %s", definition)
                    .doesNotContain("changed", "value", "value_previous", "not_changed");
        });
        assertThat(operators(all.get("status"))).containsExactlyInAnyOrder("is", "is_not", "less_than", "greater_than");
        assertThat(values(all.get("status")))
                .containsExactlyInAnyOrder("new", "open", "pending", "hold", "solved", "closed");
        assertThat(operators(all.get("child_status")))
                .containsExactlyInAnyOrder("is", "is_not", "less_than", "greater_than");
        assertThat(values(all.get("priority"))).contains("low", "normal", "high", "urgent");
        assertThat(operators(all.get("priority")))
                .containsExactlyInAnyOrder("is", "is_not", "less_than", "greater_than");
        assertThat(operators(all.get("type"))).containsExactlyInAnyOrder("is", "is_not");
        assertThat(values(all.get("type"))).contains("question", "incident", "problem", "task");
        assertThat(operators(all.get("group_id"))).containsExactlyInAnyOrder("is", "is_not");
        assertThat(operators(all.get("current_tags"))).containsExactlyInAnyOrder("includes", "not_includes");
        assertThat(values(all.get("via_id"))).contains("5", "100");
        for (String hours : List.of("NEW", "updated_at", "hours_until_next_sla_breach")) {
            assertThat(operators(all.get(hours))).as(hours).containsExactlyInAnyOrder("less_than", "greater_than");
        }
    }

    // ---- bulk update --------------------------------------------------------------------------------------------

    @Test
    void updateManySetsEachPositionAndActivityAsAsked() {
        long a = view().get("id").asLong();
        long b = view().get("id").asLong();
        long c = view("active", false, "restriction", groupRestriction(group(true)))
                .get("id")
                .asLong();
        JsonNode restriction = showView(c).get("restriction");

        Api.Response response = admin().put(
                        VIEWS + "/update_many",
                        Map.of(
                                "views",
                                List.of(
                                        fields("id", c, "active", true),
                                        fields("id", a, "active", false),
                                        fields("id", b, "position", 1))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(ids(response.json().get("views"))).containsExactlyInAnyOrder(c, a, b);
        assertThat(showView(c).get("active").asBoolean()).isTrue();
        assertThat(showView(c).get("restriction"))
                .as("the restriction as it was")
                .isEqualTo(restriction);
        assertThat(showView(a).get("active").asBoolean()).isFalse();
        assertThat(showView(b).get("position").asInt()).isEqualTo(1);
        assertPositionsOneToN();
    }

    @Test
    void updateManyIsAllOrNone() {
        long a = view().get("id").asLong();
        long b = view().get("id").asLong();
        long hidden =
                view("restriction", groupRestriction(group(true))).get("id").asLong();
        TestUser agent = agent();
        long personal = createdView(as(agent), viewBody("restriction", userRestriction(agent.id())))
                .get("id")
                .asLong();
        List<Long> views = List.of(a, b, hidden, personal);
        List<JsonNode> before = views.stream().map(this::showView).toList();

        assertNotFound(admin().put(
                        VIEWS + "/update_many",
                        Map.of(
                                "views",
                                List.of(fields("id", a, "active", false), fields("id", MISSING, "active", false)))));
        assertNotFound(as(agent)
                .put(
                        VIEWS + "/update_many",
                        Map.of(
                                "views",
                                List.of(
                                        fields("id", personal, "active", false),
                                        fields("id", hidden, "active", false)))));
        assertForbidden(as(agent)
                .put(
                        VIEWS + "/update_many",
                        Map.of(
                                "views",
                                List.of(fields("id", personal, "active", false), fields("id", b, "active", false)))));
        Api.Response invalid = admin().withoutContract()
                .put(
                        VIEWS + "/update_many",
                        Map.of("views", List.of(fields("id", a, "active", false), fields("id", b, "position", -1))));
        assertThat(invalid.status()).as(invalid.toString()).isIn(400, 422);
        Api.Response none = admin().withoutContract().put(VIEWS + "/update_many", Map.of("views", List.of()));
        assertThat(none.status()).as(none.toString()).isIn(400, 422);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(fields("id", a, "active", false));
        }
        Api.Response overLimit = admin().withoutContract().put(VIEWS + "/update_many", Map.of("views", tooMany));
        assertThat(overLimit.status()).as(overLimit.toString()).isIn(400, 422);

        assertThat(views.stream().map(this::showView).toList())
                .as("nothing written")
                .isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Case(String what, Map<String, Object> view, String place) {}

    /** A view whose second condition names {@code field} with an operator it does not take. */
    private Case wrongOperator(String field, String operator, Object value) {
        return new Case(
                "the condition " + field + " " + operator,
                viewBody("all", List.of(tagged(), condition(field, operator, value))),
                "all[1].operator");
    }

    /** A view whose second condition names {@code field} with a value it does not take. */
    private Case wrongValue(String field, String operator, Object value) {
        return new Case(
                "the condition " + field + " " + operator + " " + json(value),
                viewBody("all", List.of(tagged(), condition(field, operator, value))),
                "all[1].value");
    }

    /** This test's views in the admin's list, walking offset pages (some sorts page only so, as the macros'). */
    private List<Long> mineByOffset(String list) {
        return ApiAssertions.allOffsetPages(admin(), list, "views", 100).stream()
                .filter(v -> v.get("title").asString().contains(tag))
                .map(v -> v.get("id").asLong())
                .toList();
    }

    /** A 422 whose details name the member, or one of its elements ({@code restriction.ids[0]}). */
    private static void assertInvalidNaming(Api.Response response, String member) {
        assertInvalid(response);
        assertThat(response.json().get("details").propertyNames())
                .as("details name %s: %s", member, response)
                .anySatisfy(name -> assertThat(name.equals(member) || name.startsWith(member + "["))
                        .isTrue());
    }

    private static Map<String, Object> without(Map<String, Object> view, String member) {
        view.remove(member);
        return view;
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

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
