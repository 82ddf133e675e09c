package io.sidedesk.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.allIds;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v2/users: create, show, update, list, search, me, and DELETE as deactivation. */
class UserTests extends ApiTestSupport {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    // ---- create -------------------------------------------------------------------------------------------

    @Test
    void adminCreatesAnAgentWithEveryField() {
        String email = unique("create") + "@example.com";

        Api.Response created = admin().post(
                        "/api/v2/users", Map.of("user", Map.of("name", "Ada Agent", "email", email, "role", "agent")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode user = created.json().get("user");
        long id = user.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(user.get("name").asString()).isEqualTo("Ada Agent");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("role").asString()).isEqualTo("agent");
        assertThat(user.get("role_type").asInt()).isEqualTo(0);
        assertThat(user.get("role_type").isIntegralNumber()).isTrue();
        assertThat(user.get("custom_role_id").isNull()).isTrue();
        assertThat(user.get("default_group_id").isNull()).isTrue();
        assertThat(user.get("active").asBoolean()).isTrue();
        assertThat(user.get("created_at").asString()).matches(TIMESTAMP);
        assertThat(user.get("updated_at").asString())
                .isEqualTo(user.get("created_at").asString());

        Api.Response shown = admin().get("/api/v2/users/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("user")).isEqualTo(user);
    }

    @Test
    void roleTypeFollowsRoleAndCustomRole() {
        TestUser endUser = endUser();
        TestUser agent = agent();
        TestUser lightAgent = lightAgent();
        long customRole = customRole(Map.of("ticket_access", "within-groups"));
        TestUser customAgent = user("agent", customRole);
        TestUser admin = user("admin");

        JsonNode endUserJson = show(endUser);
        assertThat(endUserJson.get("role").asString()).isEqualTo("end-user");
        assertThat(endUserJson.has("role_type")).isTrue();
        assertThat(endUserJson.get("role_type").isNull()).isTrue();
        assertThat(show(agent).get("role_type").asInt()).isEqualTo(0);
        assertThat(show(lightAgent).get("role_type").asInt()).isEqualTo(1);
        assertThat(show(lightAgent).get("custom_role_id").asLong()).isEqualTo(lightAgentRoleId());
        assertThat(show(customAgent).get("role_type").asInt()).isEqualTo(0);
        assertThat(show(customAgent).get("custom_role_id").asLong()).isEqualTo(customRole);
        assertThat(show(admin).get("role").asString()).isEqualTo("admin");
        assertThat(show(admin).get("role_type").asInt()).isEqualTo(4);
    }

    @Test
    void roleDefaultsToEndUser() {
        Api.Response created = admin().post(
                        "/api/v2/users",
                        Map.of("user", Map.of("name", "No Role", "email", unique("norole") + "@example.com")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/user/role").asString()).isEqualTo("end-user");
        assertThat(created.json().at("/user/role_type").isNull()).isTrue();
    }

    @Test
    void nameIsRequiredAndBounded() {
        String email = unique("noname") + "@example.com";

        assertInvalid(admin().post("/api/v2/users", Map.of("user", Map.of("email", email))), "name");
        assertInvalid(admin().post("/api/v2/users", Map.of("user", Map.of("name", "   ", "email", email))), "name");
        assertInvalid(admin().post("/api/v2/users", Map.of("user", Map.of("name", "", "email", email))), "name");
        assertInvalid(
                admin().post("/api/v2/users", Map.of("user", Map.of("name", "x".repeat(256), "email", email))), "name");

        assertNoUserWithEmail(email);
    }

    @Test
    void emailIsRequiredAndMustBeValid() {
        assertInvalid(admin().post("/api/v2/users", Map.of("user", Map.of("name", "No Email"))), "email");
        assertInvalid(admin().post("/api/v2/users", Map.of("user", Map.of("name", "Blank", "email", " "))), "email");
        String base = unique("bad");
        String[] invalid = {
            base,
            base + "@",
            "@example.com",
            base + "@example",
            base + " x@example.com",
            base + "@exa mple.com",
            base + "@@example.com",
            base + "@example.c"
        };
        for (String email : invalid) {
            Api.Response response =
                    admin().post("/api/v2/users", Map.of("user", Map.of("name", "Bad", "email", email)));
            assertThat(response.status()).as(email + " → " + response).isEqualTo(422);
            assertInvalid(response, "email");
        }
        assertThat(admin().get("/api/v2/users/search?query=" + base).json().get("users"))
                .isEmpty();
    }

    @Test
    void emailIsUniqueWithoutRegardToCase() {
        TestUser existing = agent();

        Api.Response same =
                admin().post("/api/v2/users", Map.of("user", Map.of("name", "Twin", "email", existing.email())));
        Api.Response upper = admin().post(
                        "/api/v2/users",
                        Map.of(
                                "user",
                                Map.of("name", "Twin", "email", existing.email().toUpperCase())));

        assertInvalid(same, "email");
        assertInvalid(upper, "email");
        List<JsonNode> matches = all(admin(), "/api/v2/users/search?query=" + existing.email(), "users");
        assertThat(ids(arrayOf(matches))).containsExactly(existing.id());
    }

    @Test
    void unknownRoleIsRefusedNamingRole() {
        String email = unique("superhero") + "@example.com";

        Api.Response response = admin().post(
                        "/api/v2/users", Map.of("user", Map.of("name", "Super", "email", email, "role", "superhero")));

        assertInvalid(response, "role");
        assertNoUserWithEmail(email);
        TestUser agent = agent();
        assertInvalid(admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("role", "superhero"))), "role");
        assertThat(show(agent).get("role").asString()).isEqualTo("agent");
    }

    @Test
    void customRoleIsForAgentsOnly() {
        long role = customRole(Map.of("side_conversation_create", false));
        String endUserEmail = unique("cr-end") + "@example.com";
        String adminEmail = unique("cr-admin") + "@example.com";

        assertInvalid(
                admin().post(
                                "/api/v2/users",
                                Map.of(
                                        "user",
                                        Map.of(
                                                "name",
                                                "E",
                                                "email",
                                                endUserEmail,
                                                "role",
                                                "end-user",
                                                "custom_role_id",
                                                role))),
                "custom_role_id");
        assertInvalid(
                admin().post(
                                "/api/v2/users",
                                Map.of(
                                        "user",
                                        Map.of(
                                                "name",
                                                "A",
                                                "email",
                                                adminEmail,
                                                "role",
                                                "admin",
                                                "custom_role_id",
                                                role))),
                "custom_role_id");
        assertInvalid(
                admin().post(
                                "/api/v2/users",
                                Map.of("user", Map.of("name", "E", "email", endUserEmail, "custom_role_id", role))),
                "custom_role_id");

        assertNoUserWithEmail(endUserEmail);
        assertNoUserWithEmail(adminEmail);
    }

    @Test
    void unknownCustomRoleIsRefused() {
        String email = unique("cr-unknown") + "@example.com";

        assertInvalid(
                admin().post(
                                "/api/v2/users",
                                Map.of(
                                        "user",
                                        Map.of(
                                                "name",
                                                "A",
                                                "email",
                                                email,
                                                "role",
                                                "agent",
                                                "custom_role_id",
                                                987654321))),
                "custom_role_id");

        assertNoUserWithEmail(email);
    }

    @Test
    void defaultGroupCannotBeSetAtCreationAndNothingIsWritten() {
        long group = group(true);
        String email = unique("dg") + "@example.com";

        Api.Response response = admin().post(
                        "/api/v2/users",
                        Map.of(
                                "user",
                                Map.of("name", "A", "email", email, "role", "agent", "default_group_id", group)));

        assertInvalid(response, "default_group_id");
        assertNoUserWithEmail(email);
    }

    @Test
    void nonAdminsCannotCreateUsers() {
        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            String email = unique("forbidden") + "@example.com";
            assertForbidden(as(caller)
                    .post("/api/v2/users", Map.of("user", Map.of("name", "Sneaky", "email", email, "role", "admin"))));
            assertNoUserWithEmail(email);
        }
    }

    // ---- show and me --------------------------------------------------------------------------------------

    @Test
    void unknownUserIs404() {
        assertNotFound(admin().get("/api/v2/users/987654321"));
        assertNotFound(as(agent()).get("/api/v2/users/987654321"));
    }

    @Test
    void agentsReadAnyUserEndUsersOnlyThemselves() {
        TestUser agent = agent();
        TestUser lightAgent = lightAgent();
        TestUser endUser = endUser();
        TestUser other = endUser();

        assertThat(as(agent)
                        .get("/api/v2/users/" + other.id())
                        .json()
                        .at("/user/email")
                        .asString())
                .isEqualTo(other.email());
        assertThat(as(lightAgent)
                        .get("/api/v2/users/" + other.id())
                        .json()
                        .at("/user/email")
                        .asString())
                .isEqualTo(other.email());
        assertThat(as(endUser)
                        .get("/api/v2/users/" + endUser.id())
                        .json()
                        .at("/user/id")
                        .asLong())
                .isEqualTo(endUser.id());
        assertNotFound(as(endUser).get("/api/v2/users/" + other.id()));
        assertNotFound(as(endUser).get("/api/v2/users/" + agent.id()));
    }

    @Test
    void meIsTheCallerWhateverTheirRole() {
        TestUser agent = agent();
        TestUser lightAgent = lightAgent();
        TestUser endUser = endUser();

        JsonNode agentMe = as(agent).get("/api/v2/users/me").json().get("user");
        JsonNode lightMe = as(lightAgent).get("/api/v2/users/me").json().get("user");
        JsonNode endUserMe = as(endUser).get("/api/v2/users/me").json().get("user");

        assertThat(agentMe.get("id").asLong()).isEqualTo(agent.id());
        assertThat(agentMe.get("email").asString()).isEqualTo(agent.email());
        assertThat(agentMe.get("role_type").asInt()).isEqualTo(0);
        assertThat(lightMe.get("id").asLong()).isEqualTo(lightAgent.id());
        assertThat(lightMe.get("role_type").asInt()).isEqualTo(1);
        assertThat(endUserMe.get("id").asLong()).isEqualTo(endUser.id());
        assertThat(endUserMe.get("role").asString()).isEqualTo("end-user");
        assertThat(endUserMe.get("role_type").isNull()).isTrue();
        assertThat(agentMe).isEqualTo(show(agent));
    }

    // ---- update -------------------------------------------------------------------------------------------

    @Test
    void updateChangesOnlyTheFieldsSent() throws InterruptedException {
        TestUser user = agent();
        JsonNode before = show(user);
        Thread.sleep(5);

        Api.Response renamed = admin().put("/api/v2/users/" + user.id(), Map.of("user", Map.of("name", "Renamed")));

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        JsonNode after = renamed.json().get("user");
        assertThat(after.get("name").asString()).isEqualTo("Renamed");
        assertThat(after.get("email").asString()).isEqualTo(user.email());
        assertThat(after.get("role").asString()).isEqualTo("agent");
        assertThat(after.get("active").asBoolean()).isTrue();
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(after.get("updated_at").asString())
                .isGreaterThan(before.get("updated_at").asString());
        assertThat(show(user)).isEqualTo(after);
    }

    @Test
    void updateChangesEmail() {
        TestUser user = endUser();
        String email = unique("moved") + "@example.com";

        Api.Response response = admin().put("/api/v2/users/" + user.id(), Map.of("user", Map.of("email", email)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().at("/user/email").asString()).isEqualTo(email);
        assertThat(api().as(email, ADMIN_TOKEN)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/id")
                        .asLong())
                .isEqualTo(user.id());
        assertThat(as(user).get("/api/v2/users/me").status()).isEqualTo(401);
    }

    @Test
    void updateValidatesLikeCreate() {
        TestUser user = agent();
        TestUser other = agent();
        long id = user.id();

        assertInvalid(admin().put("/api/v2/users/" + id, Map.of("user", Map.of("name", " "))), "name");
        assertInvalid(admin().put("/api/v2/users/" + id, Map.of("user", Map.of("name", "x".repeat(256)))), "name");
        assertInvalid(admin().put("/api/v2/users/" + id, Map.of("user", Map.of("email", "not-an-email"))), "email");
        assertInvalid(
                admin().put(
                                "/api/v2/users/" + id,
                                Map.of("user", Map.of("email", other.email().toUpperCase()))),
                "email");
        assertInvalid(
                admin().put("/api/v2/users/" + id, Map.of("user", Map.of("custom_role_id", 987654321))),
                "custom_role_id");

        JsonNode unchanged = show(user);
        assertThat(unchanged.get("name").asString()).isEqualTo("Test agent");
        assertThat(unchanged.get("email").asString()).isEqualTo(user.email());
        assertThat(unchanged.get("role").asString()).isEqualTo("agent");
        assertThat(unchanged.get("custom_role_id").isNull()).isTrue();
    }

    @Test
    void invalidUpdateWritesNothingEvenForValidFieldsSentAlongside() {
        TestUser user = agent();

        assertInvalid(
                admin().put(
                                "/api/v2/users/" + user.id(),
                                Map.of("user", Map.of("name", "Half Applied", "email", "not-an-email"))),
                "email");

        assertThat(show(user).get("name").asString()).isEqualTo("Test agent");
    }

    @Test
    void givingAnAgentACustomRoleAndTakingItAway() {
        TestUser user = agent();
        long role = customRole(Map.of("assign_tickets_to_any_group", false));

        Api.Response withRole =
                admin().put("/api/v2/users/" + user.id(), Map.of("user", Map.of("custom_role_id", role)));
        assertThat(withRole.status()).as(withRole.toString()).isEqualTo(200);
        assertThat(withRole.json().at("/user/custom_role_id").asLong()).isEqualTo(role);
        assertThat(withRole.json().at("/user/role_type").asInt()).isEqualTo(0);

        Api.Response light =
                admin().put("/api/v2/users/" + user.id(), Map.of("user", Map.of("custom_role_id", lightAgentRoleId())));
        assertThat(light.json().at("/user/role_type").asInt()).isEqualTo(1);
        assertThat(as(user).get("/api/v2/users/me").json().at("/user/role_type").asInt())
                .isEqualTo(1);

        Api.Response demoted = admin().put("/api/v2/users/" + user.id(), Map.of("user", Map.of("role", "end-user")));
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(demoted.json().at("/user/role").asString()).isEqualTo("end-user");
        assertThat(demoted.json().at("/user/custom_role_id").isNull()).isTrue();
        assertThat(demoted.json().at("/user/role_type").isNull()).isTrue();
    }

    @Test
    void promotingToAdminGivesRoleTypeFourAndDropsTheCustomRole() {
        TestUser user = lightAgent();

        Api.Response promoted = admin().put("/api/v2/users/" + user.id(), Map.of("user", Map.of("role", "admin")));

        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().at("/user/role").asString()).isEqualTo("admin");
        assertThat(promoted.json().at("/user/role_type").asInt()).isEqualTo(4);
        assertThat(promoted.json().at("/user/custom_role_id").isNull()).isTrue();
    }

    @Test
    void customRoleCannotBeGivenToNonAgents() {
        TestUser endUser = endUser();
        long role = customRole(Map.of());

        assertInvalid(
                admin().put("/api/v2/users/" + endUser.id(), Map.of("user", Map.of("custom_role_id", role))),
                "custom_role_id");
        assertThat(show(endUser).get("custom_role_id").isNull()).isTrue();
        assertThat(show(endUser).get("role").asString()).isEqualTo("end-user");
    }

    @Test
    void updatingAnUnknownUserIs404() {
        assertNotFound(admin().put("/api/v2/users/987654321", Map.of("user", Map.of("name", "Ghost"))));
    }

    @Test
    void nonAdminsCannotChangeUsersNotEvenThemselves() {
        TestUser target = endUser();
        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            assertForbidden(as(caller).put("/api/v2/users/" + target.id(), Map.of("user", Map.of("name", "Hacked"))));
            assertForbidden(as(caller).put("/api/v2/users/" + caller.id(), Map.of("user", Map.of("role", "admin"))));
            assertThat(show(caller).get("role").asString()).isNotEqualTo("admin");
        }
        assertThat(show(target).get("name").asString()).isEqualTo("Test end-user");
    }

    // ---- delete (deactivate) ------------------------------------------------------------------------------

    @Test
    void deleteDeactivatesTheUserWhoThenCannotAuthenticate() {
        TestUser user = endUser();
        assertThat(as(user).get("/api/v2/users/me").status()).isEqualTo(200);

        Api.Response deleted = admin().delete("/api/v2/users/" + user.id());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().at("/user/id").asLong()).isEqualTo(user.id());
        assertThat(deleted.json().at("/user/active").asBoolean()).isFalse();
        assertThat(show(user).get("active").asBoolean()).isFalse();
        assertThat(show(user).get("email").asString()).isEqualTo(user.email());
        Api.Response refused = as(user).get("/api/v2/users/me");
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void deactivatedUsersOwnTokenNoLongerWorks() {
        TestUser agent = agent();
        String token = admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("user_id", agent.id())))
                .json()
                .at("/api_token/token")
                .asString();
        assertThat(api().bearer(token).get("/api/v2/users/me").status()).isEqualTo(200);

        assertThat(admin().delete("/api/v2/users/" + agent.id()).status()).isEqualTo(200);

        assertThat(api().bearer(token).get("/api/v2/users/me").status()).isEqualTo(401);
        assertThat(api().as(agent.email(), token).get("/api/v2/users/me").status())
                .isEqualTo(401);
    }

    @Test
    void deletingAnUnknownUserIs404() {
        assertNotFound(admin().delete("/api/v2/users/987654321"));
    }

    @Test
    void adminCannotDeactivateThemselves() {
        TestUser secondAdmin = user("admin");

        assertForbidden(as(secondAdmin).delete("/api/v2/users/" + secondAdmin.id()));

        assertThat(as(secondAdmin).get("/api/v2/users/me").status()).isEqualTo(200);
    }

    @Test
    void nonAdminsCannotDeactivateUsers() {
        TestUser target = agent();
        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            assertForbidden(as(caller).delete("/api/v2/users/" + target.id()));
        }
        assertThat(show(target).get("active").asBoolean()).isTrue();
        assertThat(as(target).get("/api/v2/users/me").status()).isEqualTo(200);
    }

    // ---- list ---------------------------------------------------------------------------------------------

    @Test
    void listShowsEveryUserToStaff() {
        TestUser agent = agent();
        TestUser lightAgent = lightAgent();
        TestUser endUser = endUser();

        for (TestUser caller : List.of(agent, lightAgent)) {
            List<Long> ids = allIds(as(caller), "/api/v2/users", "users");
            assertThat(ids)
                    .contains(agent.id(), lightAgent.id(), endUser.id())
                    .doesNotHaveDuplicates()
                    .isSorted();
        }
        List<JsonNode> users = all(admin(), "/api/v2/users", "users");
        JsonNode listed = users.stream()
                .filter(u -> u.get("id").asLong() == endUser.id())
                .findFirst()
                .orElseThrow();
        assertThat(listed).isEqualTo(show(endUser));
    }

    @Test
    void listFiltersByRole() {
        TestUser agent = agent();
        TestUser lightAgent = lightAgent();
        TestUser endUser = endUser();
        TestUser admin = user("admin");

        List<JsonNode> agents = all(admin(), "/api/v2/users?role=agent", "users");
        List<JsonNode> endUsers = all(admin(), "/api/v2/users?role=end-user", "users");
        List<JsonNode> admins = all(admin(), "/api/v2/users?role=admin", "users");

        assertThat(agents).allSatisfy(u -> assertThat(u.get("role").asString()).isEqualTo("agent"));
        assertThat(ids(arrayOf(agents))).contains(agent.id(), lightAgent.id()).doesNotContain(endUser.id(), admin.id());
        assertThat(endUsers)
                .allSatisfy(u -> assertThat(u.get("role").asString()).isEqualTo("end-user"));
        assertThat(ids(arrayOf(endUsers))).contains(endUser.id()).doesNotContain(agent.id(), admin.id());
        assertThat(admins).allSatisfy(u -> assertThat(u.get("role").asString()).isEqualTo("admin"));
        assertThat(ids(arrayOf(admins))).contains(admin.id()).doesNotContain(agent.id(), endUser.id());
        Api.Response offset = admin().get("/api/v2/users?role=agent&per_page=1");
        assertThat(offset.json().get("count").asInt()).isEqualTo(agents.size());
        assertThat(offset.json().get("next_page").asString()).contains("role=agent");
    }

    @Test
    void unknownRoleFilterIs400NamingRole() {
        Api.Response response = admin().get("/api/v2/users?role=superhero");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/details").has("role"))
                .as(response.toString())
                .isTrue();
    }

    @Test
    void endUsersCannotListUsers() {
        TestUser endUser = endUser();

        assertForbidden(as(endUser).get("/api/v2/users"));
        assertForbidden(as(endUser).get("/api/v2/users?page[size]=1"));
    }

    // ---- search -------------------------------------------------------------------------------------------

    @Test
    void searchFindsByExactEmail() {
        TestUser user = endUser();
        agent();

        for (Api caller : List.of(admin(), as(agent()), as(lightAgent()))) {
            Api.Response response = caller.get("/api/v2/users/search?query=" + user.email());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(ids(response.json().get("users"))).containsExactly(user.id());
        }
    }

    @Test
    void searchFindsByEmailPrefixWithoutRegardToCase() {
        String stem = unique("prefix");
        TestUser first = createUser("First Person", stem + "-a@example.com");
        TestUser second = createUser("Second Person", stem + "-b@example.com");
        createUser("Unrelated", unique("other") + "@example.com");

        Api.Response response = admin().get("/api/v2/users/search?query=" + stem.toUpperCase());

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.json().get("users"))).containsExactly(first.id(), second.id());
        assertThat(response.json().at("/users/0/email").asString()).isEqualTo(first.email());
    }

    @Test
    void searchFindsByNamePrefixWithoutRegardToCase() {
        String name = unique("Zelda");
        TestUser user = createUser(name + " Quux", unique("zq") + "@example.com");

        assertThat(ids(admin().get("/api/v2/users/search?query=" + name.toLowerCase())
                        .json()
                        .get("users")))
                .containsExactly(user.id());
        assertThat(ids(admin().get("/api/v2/users/search?query="
                                + name.substring(0, 14).toUpperCase())
                        .json()
                        .get("users")))
                .contains(user.id());
    }

    @Test
    void searchMatchesPrefixesNotTheMiddle() {
        String surname = unique("Middle");
        TestUser user = createUser("First " + surname, unique("mid") + "@example.com");

        Api.Response response = admin().get("/api/v2/users/search?query=" + surname);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.json().get("users"))).doesNotContain(user.id());
    }

    @Test
    void searchTreatsWildcardsLiterally() {
        TestUser user = createUser(unique("Wild"), unique("wild") + "@example.com");

        for (String query : List.of("%25", "_", "%25" + user.email().substring(4))) {
            Api.Response response = admin().get("/api/v2/users/search?query=" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(200);
            assertThat(ids(response.json().get("users"))).as(query).doesNotContain(user.id());
        }
    }

    @Test
    void searchWithoutMatchesIsEmpty() {
        Api.Response response = admin().get("/api/v2/users/search?query=" + unique("nobody"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("users")).isEmpty();
        assertThat(response.json().get("count").asInt()).isZero();
    }

    @Test
    void searchNeedsAQuery() {
        for (String path :
                List.of("/api/v2/users/search", "/api/v2/users/search?query=", "/api/v2/users/search?query=%20")) {
            Api.Response response = admin().get(path);
            assertThat(response.status()).as(path + " → " + response).isEqualTo(400);
            assertThat(response.json().at("/details").has("query"))
                    .as(response.toString())
                    .isTrue();
        }
    }

    @Test
    void endUsersCannotSearch() {
        TestUser endUser = endUser();

        assertForbidden(as(endUser).get("/api/v2/users/search?query=" + endUser.email()));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode show(TestUser user) {
        Api.Response response = admin().get("/api/v2/users/" + user.id());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("user");
    }

    private TestUser createUser(String name, String email) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("email", email);
        Api.Response response = admin().post("/api/v2/users", Map.of("user", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new TestUser(response.json().at("/user/id").asLong(), email);
    }

    private void assertNoUserWithEmail(String email) {
        Api.Response found = admin().get("/api/v2/users/search?query=" + email);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("users")).as("users with " + email).isEmpty();
    }

    private static JsonNode arrayOf(List<JsonNode> items) {
        var array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        return array;
    }
}
