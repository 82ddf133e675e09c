package io.sidedesk.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allIds;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** Group memberships under /group_memberships, /groups/{group_id}/memberships and /users/{user_id}/group_memberships. */
class MembershipTests extends ApiTestSupport {

    @Autowired
    private People people;

    @Autowired
    private EntityManager entityManager;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcClient jdbc;

    // ---- the directory as a write reads it ----------------------------------------------------------------

    /**
     * A group notification's recipients and the group's name are read as the write's own transaction left the
     * directory: a membership removed, an agent deactivated, the group renamed or deleted earlier in it, still pending
     * in the ORM's session, are read as such, each change alone (one table each: each read names the tables it
     * reads, and the session is flushed for it when it holds changes to one of them; issue 26). And changed by SQL,
     * with no directory entity in the session (the reads then go past the ORM, on the transaction's connection).
     */
    @Test
    void aGroupsAgentsAndNameAreReadAsTheTransactionLeftThem() {
        TestUser stays = agent();
        TestUser leaves = agent();
        TestUser deactivated = agent();
        long group = group(true);
        membership(stays, group);
        long leaving = membership(leaves, group);
        membership(deactivated, group);
        String renamed = unique("Renamed");
        String name = people.groupName(group).orElseThrow();

        assertThat(rolledBack(() -> {
                    entityManager.remove(entityManager.find(GroupMembership.class, leaving));
                    return people.staffIds(group, 10);
                }))
                .containsExactly(stays.id(), deactivated.id());
        assertThat(rolledBack(() -> {
                    entityManager.find(User.class, deactivated.id()).deactivate();
                    return people.staffIds(group, 10);
                }))
                .containsExactly(stays.id(), leaves.id());
        assertThat(rolledBack(() -> {
                    entityManager.find(Group.class, group).rename(renamed);
                    return people.groupName(group);
                }))
                .contains(renamed);
        assertThat(rolledBack(() -> {
                    entityManager.find(Group.class, group).delete();
                    return List.of(people.staffIds(group, 10), people.groupName(group));
                }))
                .containsExactly(List.of(), java.util.Optional.empty());
        assertThat(rolledBack(() -> {
                    jdbc.sql("delete from group_memberships where id = ?")
                            .param(leaving)
                            .update();
                    return people.staffIds(group, 10);
                }))
                .containsExactly(stays.id(), deactivated.id());
        assertThat(rolledBack(() -> {
                    jdbc.sql("update groups set name = ? where id = ?")
                            .params(renamed, group)
                            .update();
                    return people.groupName(group);
                }))
                .contains(renamed);
        assertThat(rolledBack(() -> {
                    // Removed through a reference: the session holds the removal (the entity, or only its key).
                    entityManager.remove(entityManager.getReference(GroupMembership.class, leaving));
                    return people.staffIds(group, 10);
                }))
                .containsExactly(stays.id(), deactivated.id());
        assertThat(people.groupName(group)).contains(name);
        assertThat(people.staffIds(group, 10)).containsExactly(stays.id(), leaves.id(), deactivated.id());
    }

    /**
     * The reads go past the ORM only while the session can hold no change to the tables they read: it holds no entity
     * mapped to them, in any state, and has removed none it never loaded.
     */
    @Test
    void theDirectoryIsReadPastTheOrmOnlyWhenTheSessionCanHoldNoChangeToIt() {
        TestUser agent = agent();
        long group = group(true);
        long membership = membership(agent, group);
        String[] directory = {"users", "group_memberships", "groups"};
        long ticket = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", Map.of("subject", unique("Held"), "comment", Map.of("body", "Hello"))))
                .json()
                .at("/ticket/id")
                .asLong();

        assertThat(rolledBack(() -> {
                    jdbc.sql("update groups set name = ? where id = ?")
                            .params(unique("By SQL"), group)
                            .update();
                    assertThat(entityManager.find(io.sidedesk.ticket.Ticket.class, ticket))
                            .isNotNull();
                    return people.mayHoldChangesTo(directory);
                }))
                .isFalse();
        assertThat(rolledBack(() -> {
                    entityManager.find(User.class, agent.id());
                    return List.of(people.mayHoldChangesTo("users"), people.mayHoldChangesTo("groups"));
                }))
                .containsExactly(true, false);
        assertThat(rolledBack(() -> {
                    entityManager.find(Group.class, group).delete();
                    return people.mayHoldChangesTo("groups");
                }))
                .isTrue();
        assertThat(rolledBack(() -> {
                    entityManager.remove(entityManager.getReference(GroupMembership.class, membership));
                    return people.mayHoldChangesTo("group_memberships");
                }))
                .isTrue();
    }

    /** What the work answers in a transaction that is then rolled back. */
    private <T> T rolledBack(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> {
            T answer = work.get();
            status.setRollbackOnly();
            return answer;
        });
    }

    // ---- create and show ----------------------------------------------------------------------------------

    @Test
    void adminAddsAnAgentToAGroup() {
        TestUser agent = agent();
        long group = group(true);

        Api.Response created = admin().post(
                        "/api/v2/group_memberships",
                        Map.of("group_membership", Map.of("user_id", agent.id(), "group_id", group)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode membership = created.json().get("group_membership");
        long id = membership.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(membership.get("user_id").asLong()).isEqualTo(agent.id());
        assertThat(membership.get("group_id").asLong()).isEqualTo(group);
        assertThat(membership.get("default").asBoolean()).isTrue();
        assertThat(membership.get("url").asString()).endsWith("/api/v2/group_memberships/" + id + ".json");
        assertThat(membership.get("created_at").asString()).isNotBlank();

        Api.Response shown = admin().get("/api/v2/group_memberships/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("group_membership")).isEqualTo(membership);
        assertThat(allIds(admin(), "/api/v2/group_memberships", "group_memberships"))
                .contains(id);
    }

    @Test
    void firstMembershipBecomesTheDefaultGroup() {
        TestUser agent = agent();
        long first = group(true);
        long second = group(false);

        long firstId = membership(agent, first);
        long secondId = membership(agent, second);

        assertThat(showMembership(firstId).get("default").asBoolean()).isTrue();
        assertThat(showMembership(secondId).get("default").asBoolean()).isFalse();
        assertThat(defaultGroupOf(agent)).isEqualTo(first);
    }

    @Test
    void membershipSentAsDefaultTakesTheDefaultOver() {
        TestUser agent = agent();
        long first = group(true);
        long second = group(true);
        long firstId = membership(agent, first);

        Api.Response created = admin().post(
                        "/api/v2/group_memberships",
                        Map.of("group_membership", Map.of("user_id", agent.id(), "group_id", second, "default", true)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/group_membership/default").asBoolean()).isTrue();
        assertThat(showMembership(firstId).get("default").asBoolean()).isFalse();
        assertThat(defaultGroupOf(agent)).isEqualTo(second);
    }

    @Test
    void adminsAndLightAgentsCanBeMembers() {
        long group = group(false);
        TestUser admin = user("admin");
        TestUser lightAgent = lightAgent();

        long adminMembership = membership(admin, group);
        long lightMembership = membership(lightAgent, group);

        assertThat(showMembership(adminMembership).get("user_id").asLong()).isEqualTo(admin.id());
        assertThat(showMembership(lightMembership).get("user_id").asLong()).isEqualTo(lightAgent.id());
        assertThat(defaultGroupOf(lightAgent)).isEqualTo(group);
    }

    @Test
    void endUsersCannotBeMembers() {
        TestUser endUser = endUser();
        long group = group(true);

        assertInvalid(
                admin().post(
                                "/api/v2/group_memberships",
                                Map.of("group_membership", Map.of("user_id", endUser.id(), "group_id", group))),
                "user_id");
        assertInvalid(
                admin().post(
                                "/api/v2/users/" + endUser.id() + "/group_memberships",
                                Map.of("group_membership", Map.of("group_id", group))),
                "user_id");

        assertThat(memberIds(group)).isEmpty();
        assertThat(defaultGroupOf(endUser)).isNull();
    }

    @Test
    void duplicateMembershipIsRefused() {
        TestUser agent = agent();
        long group = group(true);
        long id = membership(agent, group);

        Api.Response again = admin().post(
                        "/api/v2/group_memberships",
                        Map.of("group_membership", Map.of("user_id", agent.id(), "group_id", group)));
        Api.Response againAsDefault = admin().post(
                        "/api/v2/users/" + agent.id() + "/group_memberships",
                        Map.of("group_membership", Map.of("group_id", group, "default", true)));

        assertInvalid(again);
        assertInvalid(againAsDefault);
        assertThat(ids(admin().get("/api/v2/groups/" + group + "/memberships")
                        .json()
                        .get("group_memberships")))
                .containsExactly(id);
        assertThat(showMembership(id).get("default").asBoolean()).isTrue();
    }

    @Test
    void userAndGroupAreRequiredAndMustExist() {
        TestUser agent = agent();
        long group = group(true);
        long deleted = group(true);
        assertThat(admin().delete("/api/v2/groups/" + deleted).status()).isEqualTo(204);

        assertInvalid(
                admin().post("/api/v2/group_memberships", Map.of("group_membership", Map.of("group_id", group))),
                "user_id");
        assertInvalid(
                admin().post("/api/v2/group_memberships", Map.of("group_membership", Map.of("user_id", agent.id()))),
                "group_id");
        assertInvalid(
                admin().post(
                                "/api/v2/group_memberships",
                                Map.of("group_membership", Map.of("user_id", 987654321, "group_id", group))),
                "user_id");
        assertInvalid(
                admin().post(
                                "/api/v2/group_memberships",
                                Map.of("group_membership", Map.of("user_id", agent.id(), "group_id", 987654321))),
                "group_id");
        assertInvalid(
                admin().post(
                                "/api/v2/group_memberships",
                                Map.of("group_membership", Map.of("user_id", agent.id(), "group_id", deleted))),
                "group_id");
        assertInvalid(
                admin().post(
                                "/api/v2/group_memberships",
                                Map.of("group_membership", Map.of("user_id", "me", "group_id", group))),
                "user_id");
        assertInvalid(
                admin().post("/api/v2/group_memberships", Map.of("user_id", agent.id(), "group_id", group)),
                "group_membership");

        assertThat(memberIds(group)).isEmpty();
        assertThat(allIds(admin(), "/api/v2/users/" + agent.id() + "/group_memberships", "group_memberships"))
                .isEmpty();
    }

    @Test
    void unknownMembershipIs404() {
        assertNotFound(admin().get("/api/v2/group_memberships/987654321"));
        assertNotFound(admin().delete("/api/v2/group_memberships/987654321"));
        assertNotFound(admin().get("/api/v2/groups/987654321/memberships"));
        assertNotFound(admin().get("/api/v2/users/987654321/group_memberships"));
        TestUser agent = agent();
        assertNotFound(admin().put("/api/v2/users/" + agent.id() + "/group_memberships/987654321/make_default", null));
        long id = membership(agent, group(true));
        assertNotFound(admin().put("/api/v2/users/987654321/group_memberships/" + id + "/make_default", null));
    }

    @Test
    void addingAMembershipForAnUnknownUserCreatesNothing() {
        long group = group(true);

        Api.Response response = admin().post(
                        "/api/v2/users/987654321/group_memberships",
                        Map.of("group_membership", Map.of("group_id", group)));

        if (response.status() == 404) {
            assertNotFound(response);
        } else {
            assertInvalid(response, "user_id");
        }
        assertThat(memberIds(group)).isEmpty();
    }

    // ---- the user's memberships ---------------------------------------------------------------------------

    @Test
    void adminAddsAMembershipThroughTheUser() {
        TestUser agent = agent();
        long group = group(true);

        Api.Response created = admin().post(
                        "/api/v2/users/" + agent.id() + "/group_memberships",
                        Map.of("group_membership", Map.of("group_id", group)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/group_membership/user_id").asLong()).isEqualTo(agent.id());
        assertThat(created.json().at("/group_membership/group_id").asLong()).isEqualTo(group);
        assertThat(created.json().at("/group_membership/default").asBoolean()).isTrue();
        assertThat(memberIds(group)).containsExactly(agent.id());
    }

    @Test
    void userMembershipsListExactlyThatUsersGroups() {
        TestUser agent = agent();
        TestUser other = agent();
        long a = group(true);
        long b = group(false);
        long first = membership(agent, a);
        long second = membership(agent, b);
        membership(other, a);

        Api.Response response = admin().get("/api/v2/users/" + agent.id() + "/group_memberships");

        assertThat(response.status()).isEqualTo(200);
        JsonNode memberships = response.json().get("group_memberships");
        assertThat(ids(memberships)).containsExactly(first, second);
        assertThat(memberships.get(0).get("group_id").asLong()).isEqualTo(a);
        assertThat(memberships.get(1).get("group_id").asLong()).isEqualTo(b);
        assertThat(response.json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void groupMembershipsListExactlyThatGroupsMembers() {
        long group = group(true);
        long other = group(true);
        TestUser a = agent();
        TestUser b = lightAgent();
        long first = membership(a, group);
        long second = membership(b, group);
        membership(a, other);

        Api.Response response = admin().get("/api/v2/groups/" + group + "/memberships");

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.json().get("group_memberships"))).containsExactly(first, second);
        assertThat(memberIds(group)).containsExactly(a.id(), b.id());
    }

    // ---- default group ------------------------------------------------------------------------------------

    @Test
    void makeDefaultMovesTheDefaultAndAnswersTheUsersMemberships() {
        TestUser agent = agent();
        long a = group(true);
        long b = group(true);
        long first = membership(agent, a);
        long second = membership(agent, b);

        Api.Response response =
                admin().put("/api/v2/users/" + agent.id() + "/group_memberships/" + second + "/make_default", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode memberships = response.json().get("group_memberships");
        assertThat(ids(memberships)).containsExactlyInAnyOrder(first, second);
        Map<Long, Boolean> defaults = new HashMap<>();
        memberships.forEach(
                m -> defaults.put(m.get("id").asLong(), m.get("default").asBoolean()));
        assertThat(defaults).containsEntry(first, false).containsEntry(second, true);
        assertThat(showMembership(first).get("default").asBoolean()).isFalse();
        assertThat(showMembership(second).get("default").asBoolean()).isTrue();
        assertThat(defaultGroupOf(agent)).isEqualTo(b);
    }

    @Test
    void makeDefaultOfAnotherUsersMembershipIs404() {
        TestUser agent = agent();
        TestUser other = agent();
        long group = group(true);
        membership(agent, group(true));
        long othersMembership = membership(other, group);

        assertNotFound(admin().put(
                        "/api/v2/users/" + agent.id() + "/group_memberships/" + othersMembership + "/make_default",
                        null));

        assertThat(defaultGroupOf(agent)).isNotEqualTo(group);
    }

    @Test
    void removingAnotherUsersMembershipThroughAUserIs404AndRemovesNothing() {
        TestUser agent = agent();
        TestUser other = agent();
        long othersMembership = membership(other, group(true));

        assertNotFound(admin().delete("/api/v2/users/" + agent.id() + "/group_memberships/" + othersMembership));
        assertThat(admin().get("/api/v2/group_memberships/" + othersMembership).status())
                .isEqualTo(200);

        assertThat(admin().delete("/api/v2/users/" + other.id() + "/group_memberships/" + othersMembership)
                        .status())
                .isEqualTo(204);
        assertNotFound(admin().get("/api/v2/group_memberships/" + othersMembership));
    }

    @Test
    void defaultGroupIdCanBeSetToAGroupTheUserBelongsTo() {
        TestUser agent = agent();
        long a = group(true);
        long b = group(false);
        long first = membership(agent, a);
        long second = membership(agent, b);

        Api.Response updated =
                admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("default_group_id", b)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().at("/user/default_group_id").asLong()).isEqualTo(b);
        assertThat(defaultGroupOf(agent)).isEqualTo(b);
        assertThat(showMembership(first).get("default").asBoolean()).isFalse();
        assertThat(showMembership(second).get("default").asBoolean()).isTrue();
    }

    @Test
    void defaultGroupIdCannotBeAGroupTheUserIsNotIn() {
        TestUser agent = agent();
        long mine = group(true);
        long notMine = group(true);
        membership(agent, mine);

        assertInvalid(
                admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("default_group_id", notMine))),
                "default_group_id");
        assertInvalid(
                admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("default_group_id", 987654321))),
                "default_group_id");

        assertThat(defaultGroupOf(agent)).isEqualTo(mine);
        assertThat(memberIds(notMine)).isEmpty();
    }

    @Test
    void removingTheDefaultMembershipMovesTheDefaultOffThatGroup() {
        TestUser agent = agent();
        long a = group(true);
        long b = group(true);
        long first = membership(agent, a);
        long second = membership(agent, b);

        assertThat(admin().delete("/api/v2/group_memberships/" + first).status())
                .isEqualTo(204);

        assertThat(defaultGroupOf(agent)).isEqualTo(b);
        assertThat(showMembership(second).get("default").asBoolean()).isTrue();
    }

    @Test
    void demotingAMemberToEndUserRemovesTheirMemberships() {
        TestUser agent = agent();
        long group = group(true);
        long id = membership(agent, group);

        Api.Response demoted = admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("role", "end-user")));

        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(demoted.json().at("/user/default_group_id").isNull()).isTrue();
        assertNotFound(admin().get("/api/v2/group_memberships/" + id));
        assertThat(memberIds(group)).isEmpty();
    }

    // ---- delete -------------------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheMembership() {
        TestUser agent = agent();
        long group = group(true);
        long id = membership(agent, group);

        Api.Response deleted = admin().delete("/api/v2/group_memberships/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertNotFound(admin().get("/api/v2/group_memberships/" + id));
        assertThat(memberIds(group)).isEmpty();
        assertThat(allIds(admin(), "/api/v2/group_memberships", "group_memberships"))
                .doesNotContain(id);
        assertThat(defaultGroupOf(agent)).isNull();
        assertNotFound(admin().delete("/api/v2/group_memberships/" + id));
    }

    @Test
    void membershipCanBeAddedAgainAfterRemoval() {
        TestUser agent = agent();
        long group = group(true);
        long id = membership(agent, group);
        assertThat(admin().delete("/api/v2/group_memberships/" + id).status()).isEqualTo(204);

        long again = membership(agent, group);

        assertThat(again).isNotEqualTo(id);
        assertThat(defaultGroupOf(agent)).isEqualTo(group);
    }

    // ---- permissions --------------------------------------------------------------------------------------

    @Test
    void nonAdminsCannotChangeMemberships() {
        TestUser member = agent();
        long group = group(true);
        long other = group(true);
        long id = membership(member, group);
        membership(member, other);

        for (TestUser caller : List.of(agent(), lightAgent(), endUser(), member)) {
            assertForbidden(as(caller)
                    .post(
                            "/api/v2/group_memberships",
                            Map.of("group_membership", Map.of("user_id", caller.id(), "group_id", other))));
            assertForbidden(as(caller)
                    .post(
                            "/api/v2/users/" + caller.id() + "/group_memberships",
                            Map.of("group_membership", Map.of("group_id", other))));
            assertForbidden(as(caller).delete("/api/v2/group_memberships/" + id));
            assertForbidden(as(caller)
                    .put("/api/v2/users/" + member.id() + "/group_memberships/" + id + "/make_default", null));
        }
        assertThat(memberIds(group)).containsExactly(member.id());
        assertThat(memberIds(other)).containsExactly(member.id());
        assertThat(defaultGroupOf(member)).isEqualTo(group);
    }

    @Test
    void agentsReadMembershipsOfGroupsTheyCanSee() {
        long open = group(true);
        long closed = group(false);
        TestUser member = agent();
        long openMembership = membership(member, open);
        long closedMembership = membership(member, closed);

        for (TestUser caller : List.of(agent(), lightAgent())) {
            assertThat(as(caller)
                            .get("/api/v2/group_memberships/" + openMembership)
                            .json()
                            .at("/group_membership/group_id")
                            .asLong())
                    .isEqualTo(open);
            assertThat(ids(as(caller)
                            .get("/api/v2/groups/" + open + "/memberships")
                            .json()
                            .get("group_memberships")))
                    .containsExactly(openMembership);
            assertThat(allIds(as(caller), "/api/v2/group_memberships", "group_memberships"))
                    .contains(openMembership)
                    .doesNotContain(closedMembership);
            assertNotFound(as(caller).get("/api/v2/group_memberships/" + closedMembership));
            assertNotFound(as(caller).get("/api/v2/groups/" + closed + "/memberships"));
        }
        assertThat(ids(as(member)
                        .get("/api/v2/groups/" + closed + "/memberships")
                        .json()
                        .get("group_memberships")))
                .containsExactly(closedMembership);
        assertThat(ids(as(member)
                        .get("/api/v2/users/" + member.id() + "/group_memberships")
                        .json()
                        .get("group_memberships")))
                .containsExactly(openMembership, closedMembership);
    }

    @Test
    void endUsersCannotReadMemberships() {
        TestUser member = agent();
        long group = group(true);
        long id = membership(member, group);
        TestUser endUser = endUser();

        assertForbidden(as(endUser).get("/api/v2/group_memberships"));
        assertForbidden(as(endUser).get("/api/v2/group_memberships/" + id));
        assertForbidden(as(endUser).get("/api/v2/groups/" + group + "/memberships"));
        assertForbidden(as(endUser).get("/api/v2/users/" + member.id() + "/group_memberships"));
        assertForbidden(as(endUser).get("/api/v2/users/" + endUser.id() + "/group_memberships"));
    }

    // ---- pagination ---------------------------------------------------------------------------------------

    @Test
    void groupMembershipsPageBothWaysToTheEnd() {
        long group = group(true);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(membership(agent(), group));
        }
        String path = "/api/v2/groups/" + group + "/memberships";

        List<JsonNode> offset = allOffsetPages(admin(), path, "group_memberships", 2);
        List<JsonNode> cursor = allCursorPages(admin(), path, "group_memberships", 2);

        assertThat(ids(offset)).isEqualTo(created);
        assertThat(ids(cursor)).isEqualTo(created);
        assertThat(admin().get(path + "?per_page=2").json().get("count").asInt())
                .isEqualTo(5);
        Api.Response last = admin().get(path + "?per_page=2&page=3");
        assertThat(last.json().get("group_memberships")).hasSize(1);
        assertThat(last.json().get("next_page").isNull()).isTrue();
    }

    @Test
    void cursorLinksLeadBackFromTheLastPage() {
        long group = group(true);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(membership(agent(), group));
        }
        String path = "/api/v2/groups/" + group + "/memberships";
        Api.Response page = admin().get(path + "?page[size]=2");
        while (!page.json().at("/links/next").isNull()) {
            page = admin().get(page.json().at("/links/next").asString());
        }

        List<Long> backward = new ArrayList<>();
        while (true) {
            backward.addAll(0, ids(page.json().get("group_memberships")));
            JsonNode prev = page.json().at("/links/prev");
            if (prev.isNull()) {
                break;
            }
            page = admin().get(prev.asString());
            assertThat(page.status()).isEqualTo(200);
        }

        assertThat(backward).isEqualTo(created);
    }

    @Test
    void userMembershipsPageBothWaysToTheEnd() {
        TestUser agent = agent();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(membership(agent, group(i % 2 == 0)));
        }
        String path = "/api/v2/users/" + agent.id() + "/group_memberships";

        assertThat(ids(allOffsetPages(admin(), path, "group_memberships", 2))).isEqualTo(created);
        assertThat(ids(allCursorPages(admin(), path, "group_memberships", 2))).isEqualTo(created);
    }

    @Test
    void allMembershipsPageBothWaysToTheEnd() {
        long group = group(true);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(membership(agent(), group));
        }

        List<Long> offset = ids(allOffsetPages(admin(), "/api/v2/group_memberships", "group_memberships", 7));
        List<Long> cursor = ids(allCursorPages(admin(), "/api/v2/group_memberships", "group_memberships", 7));

        assertThat(offset).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(cursor).isEqualTo(offset);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode showMembership(long id) {
        Api.Response response = admin().get("/api/v2/group_memberships/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("group_membership");
    }

    private Long defaultGroupOf(TestUser user) {
        JsonNode value = admin().get("/api/v2/users/" + user.id()).json().at("/user/default_group_id");
        return value.isNull() || value.isMissingNode() ? null : value.asLong();
    }

    /** The user ids of a group's members. */
    private List<Long> memberIds(long group) {
        List<Long> users = new ArrayList<>();
        io.sidedesk.ApiAssertions.all(admin(), "/api/v2/groups/" + group + "/memberships", "group_memberships")
                .forEach(m -> users.add(m.get("user_id").asLong()));
        return users;
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private static List<Long> ids(JsonNode array) {
        return io.sidedesk.ApiAssertions.ids(array);
    }
}
