package io.sidedesk.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allIds;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v2/groups: CRUD by admins, visibility of private groups, and the assignable groups rule. */
class GroupTests extends ApiTestSupport {

    // ---- create and show ----------------------------------------------------------------------------------

    @Test
    void adminCreatesAGroup() {
        String name = unique("Support");

        Api.Response created = admin().post(
                        "/api/v2/groups",
                        Map.of("group", Map.of("name", name, "description", "First line", "is_public", true)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode group = created.json().get("group");
        long id = group.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(group.get("name").asString()).isEqualTo(name);
        assertThat(group.get("description").asString()).isEqualTo("First line");
        assertThat(group.get("is_public").asBoolean()).isTrue();
        assertThat(group.get("url").asString()).endsWith("/api/v2/groups/" + id + ".json");
        assertThat(group.get("created_at").asString()).isNotBlank();

        Api.Response shown = admin().get("/api/v2/groups/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("group")).isEqualTo(group);
        assertThat(allIds(admin(), "/api/v2/groups", "groups")).contains(id);
    }

    @Test
    void groupsArePublicUnlessSaidOtherwise() {
        Api.Response plain = admin().post("/api/v2/groups", Map.of("group", Map.of("name", unique("plain"))));
        Api.Response hidden =
                admin().post("/api/v2/groups", Map.of("group", Map.of("name", unique("hidden"), "is_public", false)));

        assertThat(plain.json().at("/group/is_public").asBoolean()).isTrue();
        assertThat(hidden.status()).isEqualTo(201);
        assertThat(hidden.json().at("/group/is_public").asBoolean()).isFalse();
        assertThat(show(hidden.json().at("/group/id").asLong()).get("is_public").asBoolean())
                .isFalse();
    }

    @Test
    void nameIsRequiredUniqueAndBounded() {
        String taken = unique("Taken");
        assertThat(admin().post("/api/v2/groups", Map.of("group", Map.of("name", taken)))
                        .status())
                .isEqualTo(201);

        assertInvalid(admin().post("/api/v2/groups", Map.of("group", Map.of("is_public", true))), "name");
        assertInvalid(admin().post("/api/v2/groups", Map.of("group", Map.of("name", "  "))), "name");
        assertInvalid(admin().post("/api/v2/groups", Map.of("group", Map.of("name", ""))), "name");
        assertInvalid(admin().post("/api/v2/groups", Map.of("group", Map.of("name", "g".repeat(256)))), "name");
        assertInvalid(admin().post("/api/v2/groups", Map.of("group", Map.of("name", taken.toUpperCase()))), "name");
        assertInvalid(admin().post("/api/v2/groups", Map.of("group", Map.of("name", " " + taken + " "))), "name");

        assertThat(allGroups(admin()).stream()
                        .filter(g -> g.get("name").asString().equalsIgnoreCase(taken)))
                .hasSize(1);
    }

    @Test
    void isPublicMustBeABoolean() {
        String name = unique("typed");

        assertInvalid(
                admin().post("/api/v2/groups", Map.of("group", Map.of("name", name, "is_public", List.of(1)))),
                "is_public");

        assertThat(allGroups(admin())).noneMatch(g -> g.get("name").asString().equals(name));
    }

    @Test
    void descriptionIsBounded() {
        String name = unique("described");

        assertInvalid(
                admin().post("/api/v2/groups", Map.of("group", Map.of("name", name, "description", "d".repeat(1001)))),
                "description");

        assertThat(allGroups(admin())).noneMatch(g -> g.get("name").asString().equals(name));
    }

    @Test
    void unknownGroupIs404() {
        assertNotFound(admin().get("/api/v2/groups/987654321"));
        assertNotFound(as(agent()).get("/api/v2/groups/987654321"));
        assertNotFound(admin().put("/api/v2/groups/987654321", Map.of("group", Map.of("name", unique("x")))));
        assertNotFound(admin().delete("/api/v2/groups/987654321"));
    }

    // ---- update -------------------------------------------------------------------------------------------

    @Test
    void updateChangesOnlyWhatIsSent() throws InterruptedException {
        long id = group(true);
        JsonNode before = show(id);
        String name = unique("Renamed");
        Thread.sleep(5);

        Api.Response updated = admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("name", name)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode group = updated.json().get("group");
        assertThat(group.get("name").asString()).isEqualTo(name);
        assertThat(group.get("is_public").asBoolean()).isTrue();
        assertThat(group.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(group.get("updated_at").asString())
                .isGreaterThan(before.get("updated_at").asString());
        assertThat(show(id)).isEqualTo(group);

        Api.Response described = admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("description", "Tier 2")));
        assertThat(described.json().at("/group/description").asString()).isEqualTo("Tier 2");
        assertThat(described.json().at("/group/name").asString()).isEqualTo(name);
    }

    @Test
    void publicGroupMayBecomePrivate() {
        long id = group(true);

        Api.Response updated = admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("is_public", false)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().at("/group/is_public").asBoolean()).isFalse();
        assertThat(show(id).get("is_public").asBoolean()).isFalse();
    }

    @Test
    void privateGroupNeverBecomesPublic() {
        long id = group(false);
        String name = show(id).get("name").asString();

        assertInvalid(admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("is_public", true))), "is_public");
        assertInvalid(
                admin().put(
                                "/api/v2/groups/" + id,
                                Map.of("group", Map.of("name", unique("sneak"), "is_public", true))),
                "is_public");

        JsonNode group = show(id);
        assertThat(group.get("is_public").asBoolean()).isFalse();
        assertThat(group.get("name").asString()).isEqualTo(name);
    }

    @Test
    void groupMadePrivateNeverBecomesPublicAgain() {
        long id = group(true);
        assertThat(admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("is_public", false)))
                        .status())
                .isEqualTo(200);

        assertInvalid(admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("is_public", true))), "is_public");

        assertThat(show(id).get("is_public").asBoolean()).isFalse();
    }

    @Test
    void updateValidatesTheName() {
        long other = group(true);
        long id = group(true);
        String name = show(id).get("name").asString();
        String otherName = show(other).get("name").asString();

        assertInvalid(admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("name", " "))), "name");
        assertInvalid(admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("name", ""))), "name");
        assertInvalid(
                admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("name", otherName.toUpperCase()))), "name");

        assertThat(show(id).get("name").asString()).isEqualTo(name);
    }

    // ---- delete -------------------------------------------------------------------------------------------

    @Test
    void deletedGroupDisappearsFromLists() {
        long id = group(true);
        TestUser agent = agent();
        membership(agent, id);

        Api.Response deleted = admin().delete("/api/v2/groups/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(allIds(admin(), "/api/v2/groups", "groups")).doesNotContain(id);
        assertThat(allIds(as(agent), "/api/v2/groups", "groups")).doesNotContain(id);
        assertThat(allIds(admin(), "/api/v2/groups/assignable", "groups")).doesNotContain(id);
        assertThat(allIds(as(agent), "/api/v2/groups/assignable", "groups")).doesNotContain(id);
        assertThat(admin().get("/api/v2/users/" + agent.id())
                        .json()
                        .at("/user/default_group_id")
                        .isNull())
                .isTrue();
    }

    @Test
    void deletedGroupCannotBeChangedOrDeletedAgain() {
        long id = group(true);
        assertThat(admin().delete("/api/v2/groups/" + id).status()).isEqualTo(204);

        assertNotFound(admin().delete("/api/v2/groups/" + id));
        assertNotFound(admin().put("/api/v2/groups/" + id, Map.of("group", Map.of("name", unique("revived")))));
    }

    @Test
    void nonAdminsCannotChangeGroups() {
        long id = group(true);
        JsonNode before = show(id);

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            String name = unique("sneaky");
            assertForbidden(as(caller).post("/api/v2/groups", Map.of("group", Map.of("name", name))));
            assertForbidden(
                    as(caller).put("/api/v2/groups/" + id, Map.of("group", Map.of("name", name, "is_public", false))));
            assertForbidden(as(caller).delete("/api/v2/groups/" + id));
            assertThat(allGroups(admin()))
                    .noneMatch(g -> g.get("name").asString().equals(name));
        }
        assertThat(show(id)).isEqualTo(before);
    }

    @Test
    void membersOfAGroupCannotChangeItEither() {
        long id = group(false);
        TestUser member = agent();
        membership(member, id);

        assertForbidden(as(member).put("/api/v2/groups/" + id, Map.of("group", Map.of("description", "mine"))));
        assertForbidden(as(member).delete("/api/v2/groups/" + id));

        assertThat(show(id).get("description").isNull()).isTrue();
    }

    // ---- visibility ---------------------------------------------------------------------------------------

    @Test
    void agentsSeePublicGroupsAndPrivateGroupsTheyBelongTo() {
        long open = group(true);
        long mine = group(false);
        long theirs = group(false);
        TestUser agent = agent();
        TestUser lightAgent = lightAgent();
        membership(agent, mine);
        membership(lightAgent, mine);

        for (TestUser caller : List.of(agent, lightAgent)) {
            List<Long> listed = allIds(as(caller), "/api/v2/groups", "groups");
            assertThat(listed).contains(open, mine).doesNotContain(theirs);
            assertThat(as(caller)
                            .get("/api/v2/groups/" + open)
                            .json()
                            .at("/group/id")
                            .asLong())
                    .isEqualTo(open);
            assertThat(as(caller)
                            .get("/api/v2/groups/" + mine)
                            .json()
                            .at("/group/id")
                            .asLong())
                    .isEqualTo(mine);
            assertNotFound(as(caller).get("/api/v2/groups/" + theirs));
        }
        assertThat(allIds(admin(), "/api/v2/groups", "groups")).contains(open, mine, theirs);
        assertThat(show(theirs).get("is_public").asBoolean()).isFalse();
    }

    @Test
    void privateGroupsStayHiddenOnEveryPage() {
        long theirs = group(false);
        long open = group(true);
        TestUser agent = agent();

        List<JsonNode> cursor = allCursorPages(as(agent), "/api/v2/groups", "groups", 3);
        List<JsonNode> offset = allOffsetPages(as(agent), "/api/v2/groups", "groups", 3);

        assertThat(cursor)
                .allSatisfy(g -> assertThat(g.get("is_public").asBoolean()).isTrue());
        assertThat(offset)
                .allSatisfy(g -> assertThat(g.get("is_public").asBoolean()).isTrue());
        assertThat(ids(cursor)).contains(open).doesNotContain(theirs);
        assertThat(ids(offset)).isEqualTo(ids(cursor));
    }

    @Test
    void endUsersCannotReadGroups() {
        long id = group(true);
        TestUser endUser = endUser();

        assertForbidden(as(endUser).get("/api/v2/groups"));
        assertForbidden(as(endUser).get("/api/v2/groups/" + id));
        assertForbidden(as(endUser).get("/api/v2/groups/assignable"));
    }

    // ---- assignable ---------------------------------------------------------------------------------------

    @Test
    void adminMayAssignToEveryGroup() {
        long open = group(true);
        long closed = group(false);

        List<Long> assignable = allIds(admin(), "/api/v2/groups/assignable", "groups");

        assertThat(assignable).contains(open, closed);
        assertThat(assignable).isEqualTo(allIds(admin(), "/api/v2/groups", "groups"));
    }

    @Test
    void agentWithoutCustomRoleMayAssignToPublicGroupsAndOwnPrivateGroups() {
        long open = group(true);
        long mine = group(false);
        long theirs = group(false);
        TestUser agent = agent();
        membership(agent, mine);

        List<JsonNode> assignable = allGroups(as(agent), "/api/v2/groups/assignable");

        assertThat(ids(assignable)).contains(open, mine).doesNotContain(theirs);
        assertThat(assignable).allSatisfy(g -> assertThat(
                        g.get("is_public").asBoolean() || g.get("id").asLong() == mine)
                .isTrue());
    }

    @Test
    void agentWhoseRoleMayNotAssignToAnyGroupMayAssignOnlyToTheirGroups() {
        long role = customRole(Map.of("assign_tickets_to_any_group", false));
        long openMine = group(true);
        long closedMine = group(false);
        long openTheirs = group(true);
        long closedTheirs = group(false);
        TestUser agent = user("agent", role);
        membership(agent, openMine);
        membership(agent, closedMine);

        List<Long> assignable = allIds(as(agent), "/api/v2/groups/assignable", "groups");

        assertThat(assignable).containsExactly(openMine, closedMine);
        assertThat(allIds(as(agent), "/api/v2/groups", "groups"))
                .contains(openTheirs, openMine, closedMine)
                .doesNotContain(closedTheirs);
    }

    @Test
    void agentWhoseRoleMayAssignToAnyGroupMayAssignToPublicGroupsAndOwnPrivateGroups() {
        long role = customRole(Map.of("assign_tickets_to_any_group", true));
        long open = group(true);
        long mine = group(false);
        long theirs = group(false);
        TestUser agent = user("agent", role);
        membership(agent, mine);

        assertThat(allIds(as(agent), "/api/v2/groups/assignable", "groups"))
                .contains(open, mine)
                .doesNotContain(theirs);
    }

    @Test
    void lightAgentMayAssignToNoGroupEvenTheirOwn() {
        long open = group(true);
        long closed = group(false);
        TestUser lightAgent = lightAgent();
        membership(lightAgent, open);
        membership(lightAgent, closed);

        Api.Response offset = as(lightAgent).get("/api/v2/groups/assignable");
        Api.Response cursor = as(lightAgent).get("/api/v2/groups/assignable?page[size]=10");

        assertThat(offset.status()).as(offset.toString()).isEqualTo(200);
        assertThat(offset.json().get("groups")).isEmpty();
        assertThat(offset.json().get("count").asInt()).isZero();
        assertThat(cursor.json().get("groups")).isEmpty();
        assertThat(cursor.json().at("/meta/has_more").asBoolean()).isFalse();
        assertThat(allIds(as(lightAgent), "/api/v2/groups", "groups")).contains(open, closed);
    }

    // ---- pagination ---------------------------------------------------------------------------------------

    @Test
    void offsetPagesFollowNextPageToTheEnd() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(group(i % 2 == 0));
        }

        List<JsonNode> groups = allOffsetPages(admin(), "/api/v2/groups", "groups", 2);

        assertThat(ids(groups)).containsAll(created).doesNotHaveDuplicates().isSorted();
        Api.Response second = admin().get("/api/v2/groups?per_page=2&page=2");
        assertThat(second.json().get("previous_page").asString())
                .contains("page=1")
                .contains("per_page=2");
        assertThat(ids(second.json().get("groups"))).isEqualTo(ids(groups).subList(2, 4));
    }

    @Test
    void cursorPagesFollowLinksNextToTheEnd() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(group(i % 2 == 0));
        }

        List<JsonNode> groups = allCursorPages(admin(), "/api/v2/groups", "groups", 2);

        assertThat(ids(groups)).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(ids(groups)).isEqualTo(ids(allOffsetPages(admin(), "/api/v2/groups", "groups", 100)));
    }

    @Test
    void assignableGroupsPageBothWays() {
        long role = customRole(Map.of("assign_tickets_to_any_group", false));
        TestUser agent = user("agent", role);
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = group(i % 2 == 0);
            membership(agent, id);
            mine.add(id);
        }
        group(true);

        assertThat(ids(allOffsetPages(as(agent), "/api/v2/groups/assignable", "groups", 2)))
                .isEqualTo(mine);
        assertThat(ids(allCursorPages(as(agent), "/api/v2/groups/assignable", "groups", 2)))
                .isEqualTo(mine);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode show(long id) {
        Api.Response response = admin().get("/api/v2/groups/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("group");
    }

    private static List<JsonNode> allGroups(Api caller) {
        return allGroups(caller, "/api/v2/groups");
    }

    private static List<JsonNode> allGroups(Api caller, String path) {
        return io.sidedesk.ApiAssertions.all(caller, path, "groups");
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private static List<Long> ids(JsonNode array) {
        return io.sidedesk.ApiAssertions.ids(array);
    }
}
