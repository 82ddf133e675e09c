package io.sidedesk.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allIds;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v2/custom_roles: changed by admins, read by agents, hidden from end-users. */
class CustomRoleTests extends ApiTestSupport {

    private static final Map<String, Object> RESTRICTED = Map.of(
            "side_conversation_create",
            false,
            "ticket_access",
            "within-groups",
            "ticket_comment_access",
            "none",
            "assign_tickets_to_any_group",
            false);

    @Test
    void firstMigrationProvidesTheLightAgentRole() {
        List<JsonNode> roles = all(admin(), "/api/v2/custom_roles", "custom_roles");

        List<JsonNode> light = roles.stream()
                .filter(r -> r.get("name").asString().equals("Light agent"))
                .toList();
        assertThat(light).hasSize(1);
        JsonNode role = light.get(0);
        assertThat(role.get("role_type").asInt()).isEqualTo(1);
        assertThat(role.at("/configuration/side_conversation_create").asBoolean())
                .isFalse();
        assertThat(role.at("/configuration/ticket_comment_access").asString()).isEqualTo("none");
        assertThat(role.at("/configuration/assign_tickets_to_any_group").asBoolean())
                .isFalse();
        assertThat(role.at("/configuration/ticket_access").asString()).isEqualTo("all");
    }

    @Test
    void adminCreatesARoleWithItsConfiguration() {
        String name = unique("Restricted");

        Api.Response created = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of(
                                        "name",
                                        name,
                                        "description",
                                        "Sees their groups only",
                                        "role_type",
                                        0,
                                        "configuration",
                                        RESTRICTED)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode role = created.json().get("custom_role");
        long id = role.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(role.get("name").asString()).isEqualTo(name);
        assertThat(role.get("description").asString()).isEqualTo("Sees their groups only");
        assertThat(role.get("role_type").asInt()).isEqualTo(0);
        assertThat(role.at("/configuration/side_conversation_create").asBoolean())
                .isFalse();
        assertThat(role.at("/configuration/ticket_access").asString()).isEqualTo("within-groups");
        assertThat(role.at("/configuration/ticket_comment_access").asString()).isEqualTo("none");
        assertThat(role.at("/configuration/assign_tickets_to_any_group").asBoolean())
                .isFalse();
        assertThat(role.get("created_at").asString()).isNotBlank();
        assertThat(role.get("updated_at").asString()).isNotBlank();

        Api.Response shown = admin().get("/api/v2/custom_roles/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("custom_role")).isEqualTo(role);
        assertThat(allIds(admin(), "/api/v2/custom_roles", "custom_roles")).contains(id);
    }

    @Test
    void everyTicketAccessValueIsAccepted() {
        for (String access : List.of("all", "within-groups", "within-groups-and-public-groups", "assigned-only")) {
            Api.Response created = admin().post(
                            "/api/v2/custom_roles",
                            Map.of(
                                    "custom_role",
                                    Map.of(
                                            "name",
                                            unique("access"),
                                            "configuration",
                                            Map.of("ticket_access", access))));
            assertThat(created.status()).as(access + " → " + created).isEqualTo(201);
            assertThat(created.json()
                            .at("/custom_role/configuration/ticket_access")
                            .asString())
                    .isEqualTo(access);
        }
    }

    @Test
    void aLightAgentRoleCanBeCreated() {
        Api.Response created = admin().post(
                        "/api/v2/custom_roles", Map.of("custom_role", Map.of("name", unique("Light"), "role_type", 1)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/custom_role/role_type").asInt()).isEqualTo(1);
        long id = created.json().at("/custom_role/id").asLong();
        TestUser holder = user("agent", id);
        assertThat(as(holder)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/role_type")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void roleTypeDefaultsToCustomAgent() {
        Api.Response created =
                admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", unique("Plain"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/custom_role/role_type").asInt()).isEqualTo(0);
    }

    @Test
    void nameIsRequiredUniqueAndBounded() {
        String taken = unique("Taken");
        assertThat(admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", taken)))
                        .status())
                .isEqualTo(201);

        assertInvalid(admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("role_type", 0))), "name");
        assertInvalid(admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", "  "))), "name");
        assertInvalid(admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", ""))), "name");
        assertInvalid(
                admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", "r".repeat(256)))), "name");
        assertInvalid(
                admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", taken.toUpperCase()))),
                "name");
        assertInvalid(
                admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", "light AGENT"))), "name");

        long sameName = all(admin(), "/api/v2/custom_roles", "custom_roles").stream()
                .filter(r -> r.get("name").asString().equalsIgnoreCase(taken))
                .count();
        assertThat(sameName).isEqualTo(1);
    }

    @Test
    void roleTypeIsZeroOrOne() {
        for (Object roleType : List.of(2, -1, 4, "agent")) {
            String name = unique("badtype");
            Api.Response response = admin().post(
                            "/api/v2/custom_roles", Map.of("custom_role", Map.of("name", name, "role_type", roleType)));
            assertThat(response.status()).as(roleType + " → " + response).isEqualTo(422);
            assertInvalid(response, "role_type");
            assertNoRoleNamed(name);
        }
    }

    @Test
    void unknownTicketAccessIsRefusedNamingIt() {
        String name = unique("badaccess");

        Api.Response response = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of("name", name, "configuration", Map.of("ticket_access", "everything"))));

        assertInvalid(response, "configuration.ticket_access");
        assertNoRoleNamed(name);
        long id = createRole(unique("access"), RESTRICTED);
        assertInvalid(
                admin().put(
                                "/api/v2/custom_roles/" + id,
                                Map.of("custom_role", Map.of("configuration", Map.of("ticket_access", "nothing")))),
                "configuration.ticket_access");
        assertThat(show(id).at("/configuration/ticket_access").asString()).isEqualTo("within-groups");
    }

    @Test
    void ticketCommentAccessIsPublicOrNone() {
        String name = unique("badcomment");

        Api.Response response = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of("name", name, "configuration", Map.of("ticket_comment_access", "private"))));

        assertInvalid(response, "configuration.ticket_comment_access");
        assertNoRoleNamed(name);
    }

    @Test
    void nonBooleanPermissionsAreRefusedNamingThem() {
        String name = unique("badbool");

        Api.Response response = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of(
                                        "name",
                                        name,
                                        "configuration",
                                        Map.of("side_conversation_create", List.of(true)))));

        assertInvalid(response, "configuration.side_conversation_create");
        assertNoRoleNamed(name);
    }

    @Test
    void missingWrapperIsRefused() {
        assertInvalid(admin().post("/api/v2/custom_roles", Map.of("name", unique("unwrapped"))), "custom_role");
    }

    // ---- update -------------------------------------------------------------------------------------------

    @Test
    void updateChangesOnlyWhatIsSent() {
        long id = createRole(unique("Partial"), RESTRICTED);
        JsonNode before = show(id);

        Api.Response updated = admin().put(
                        "/api/v2/custom_roles/" + id,
                        Map.of(
                                "custom_role",
                                Map.of(
                                        "description",
                                        "Now described",
                                        "configuration",
                                        Map.of("ticket_access", "assigned-only"))));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode role = updated.json().get("custom_role");
        assertThat(role.get("name")).isEqualTo(before.get("name"));
        assertThat(role.get("description").asString()).isEqualTo("Now described");
        assertThat(role.get("role_type").asInt()).isEqualTo(0);
        assertThat(role.at("/configuration/ticket_access").asString()).isEqualTo("assigned-only");
        assertThat(role.at("/configuration/side_conversation_create").asBoolean())
                .isFalse();
        assertThat(role.at("/configuration/ticket_comment_access").asString()).isEqualTo("none");
        assertThat(role.at("/configuration/assign_tickets_to_any_group").asBoolean())
                .isFalse();
        assertThat(role.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(show(id)).isEqualTo(role);
    }

    @Test
    void updateRenames() {
        long id = createRole(unique("Old"), Map.of());
        String name = unique("New");

        Api.Response updated = admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("name", name)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(show(id).get("name").asString()).isEqualTo(name);
    }

    @Test
    void changingRoleTypeToOneMakesItsHoldersLightAgents() {
        long id = createRole(unique("Demotable"), Map.of());
        TestUser holder = user("agent", id);
        assertThat(as(holder)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/role_type")
                        .asInt())
                .isEqualTo(0);

        Api.Response updated = admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("role_type", 1)));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().at("/custom_role/role_type").asInt()).isEqualTo(1);
        assertThat(as(holder)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/role_type")
                        .asInt())
                .isEqualTo(1);
    }

    /**
     * R3: an assigned-only agent whose role becomes a light agent role keeps seeing only what they are assigned, and
     * the role shows what takes effect: its ticket access, with public comments, side conversations and assigning to
     * any group off.
     */
    @Test
    void aRoleChangedToALightAgentRoleKeepsTheTicketAccessItShows_R3() {
        long id = createRole(
                unique("Assigned"),
                Map.of(
                        "ticket_access",
                        "assigned-only",
                        "side_conversation_create",
                        true,
                        "ticket_comment_access",
                        "public",
                        "assign_tickets_to_any_group",
                        true));
        TestUser holder = user("agent", id);
        long group = group(true);
        membership(holder, group);
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "subject",
                                        "Not theirs",
                                        "comment",
                                        Map.of("body", "unassigned"),
                                        "group_id",
                                        group)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long ticket = created.json().at("/ticket/id").asLong();
        assertThat(as(holder).get("/api/v2/tickets/" + ticket).status()).isEqualTo(404);

        Api.Response changed = admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("role_type", 1)));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode role = show(id);
        assertThat(role.get("role_type").asInt()).isEqualTo(1);
        assertThat(role.at("/configuration/ticket_access").asString()).isEqualTo("assigned-only");
        assertThat(role.at("/configuration/ticket_comment_access").asString()).isEqualTo("none");
        assertThat(role.at("/configuration/side_conversation_create").asBoolean())
                .isFalse();
        assertThat(role.at("/configuration/assign_tickets_to_any_group").asBoolean())
                .isFalse();
        assertThat(as(holder)
                        .get("/api/v2/users/me")
                        .json()
                        .at("/user/role_type")
                        .asInt())
                .isEqualTo(1);
        assertThat(as(holder).get("/api/v2/tickets/" + ticket).status())
                .as("still not theirs")
                .isEqualTo(404);
        assertThat(as(holder).get("/api/v2/tickets").json().get("tickets")).isEmpty();

        Api.Response back = admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("role_type", 0)));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(show(id).at("/configuration/ticket_comment_access").asString())
                .as("an agent role again: its own configuration comes back")
                .isEqualTo("public");
    }

    @Test
    void updateValidatesLikeCreate() {
        String taken = unique("Taken");
        createRole(taken, Map.of());
        String name = unique("Valid");
        long id = createRole(name, RESTRICTED);

        assertInvalid(admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("name", " "))), "name");
        assertInvalid(
                admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("name", taken.toLowerCase()))),
                "name");
        assertInvalid(
                admin().put("/api/v2/custom_roles/" + id, Map.of("custom_role", Map.of("role_type", 2))), "role_type");
        assertInvalid(
                admin().put(
                                "/api/v2/custom_roles/" + id,
                                Map.of("custom_role", Map.of("configuration", Map.of("ticket_comment_access", "all")))),
                "configuration.ticket_comment_access");

        JsonNode role = show(id);
        assertThat(role.get("name").asString()).isEqualTo(name);
        assertThat(role.get("role_type").asInt()).isEqualTo(0);
        assertThat(role.at("/configuration/ticket_comment_access").asString()).isEqualTo("none");
        assertThat(role.at("/configuration/ticket_access").asString()).isEqualTo("within-groups");
    }

    @Test
    void invalidUpdateWritesNothingEvenForValidFieldsSentAlongside() {
        String taken = unique("Taken");
        createRole(taken, Map.of());
        long id = createRole(unique("Atomic"), RESTRICTED);

        assertInvalid(
                admin().put(
                                "/api/v2/custom_roles/" + id,
                                Map.of(
                                        "custom_role",
                                        Map.of(
                                                "name",
                                                taken,
                                                "description",
                                                "half applied",
                                                "configuration",
                                                Map.of("ticket_access", "all")))),
                "name");

        JsonNode role = show(id);
        assertThat(role.get("description").isNull()).isTrue();
        assertThat(role.at("/configuration/ticket_access").asString()).isEqualTo("within-groups");
    }

    @Test
    void unknownRoleIs404() {
        assertNotFound(admin().get("/api/v2/custom_roles/987654321"));
        assertNotFound(as(agent()).get("/api/v2/custom_roles/987654321"));
        assertNotFound(
                admin().put("/api/v2/custom_roles/987654321", Map.of("custom_role", Map.of("name", unique("x")))));
        assertNotFound(admin().delete("/api/v2/custom_roles/987654321"));
    }

    // ---- delete -------------------------------------------------------------------------------------------

    @Test
    void unusedRoleIsDeleted() {
        long id = createRole(unique("Unused"), Map.of());

        Api.Response deleted = admin().delete("/api/v2/custom_roles/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertNotFound(admin().get("/api/v2/custom_roles/" + id));
        assertThat(allIds(admin(), "/api/v2/custom_roles", "custom_roles")).doesNotContain(id);
        assertNotFound(admin().delete("/api/v2/custom_roles/" + id));
    }

    @Test
    void roleHeldByAnAgentCannotBeDeleted() {
        long id = createRole(unique("Held"), Map.of());
        TestUser holder = user("agent", id);

        Api.Response refused = admin().delete("/api/v2/custom_roles/" + id);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("error").asString()).isEqualTo("RecordInvalid");
        assertThat(show(id).get("id").asLong()).isEqualTo(id);
        assertThat(admin().get("/api/v2/users/" + holder.id())
                        .json()
                        .at("/user/custom_role_id")
                        .asLong())
                .isEqualTo(id);

        admin().put("/api/v2/users/" + holder.id(), Map.of("user", Map.of("role", "end-user")));
        assertThat(admin().delete("/api/v2/custom_roles/" + id).status()).isEqualTo(204);
    }

    @Test
    void roleHeldByADeactivatedAgentCannotBeDeleted() {
        long id = createRole(unique("HeldDeactivated"), Map.of());
        TestUser holder = user("agent", id);
        assertThat(admin().delete("/api/v2/users/" + holder.id()).status()).isEqualTo(200);

        Api.Response refused = admin().delete("/api/v2/custom_roles/" + id);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(show(id).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void builtInLightAgentRoleHeldByAgentsCannotBeDeleted() {
        lightAgent();

        Api.Response refused = admin().delete("/api/v2/custom_roles/" + lightAgentRoleId());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(show(lightAgentRoleId()).get("role_type").asInt()).isEqualTo(1);
    }

    // ---- permissions --------------------------------------------------------------------------------------

    @Test
    void agentsAndLightAgentsReadRoles() {
        long id = createRole(unique("Readable"), RESTRICTED);

        for (TestUser caller : List.of(agent(), lightAgent())) {
            Api.Response shown = as(caller).get("/api/v2/custom_roles/" + id);
            assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
            assertThat(shown.json().get("custom_role")).isEqualTo(show(id));
            assertThat(allIds(as(caller), "/api/v2/custom_roles", "custom_roles"))
                    .contains(id, lightAgentRoleId());
        }
    }

    @Test
    void endUsersCannotReadRoles() {
        long id = createRole(unique("Hidden"), Map.of());
        TestUser endUser = endUser();

        assertForbidden(as(endUser).get("/api/v2/custom_roles"));
        assertForbidden(as(endUser).get("/api/v2/custom_roles/" + id));
    }

    @Test
    void nonAdminsCannotChangeRoles() {
        long id = createRole(unique("Guarded"), RESTRICTED);
        JsonNode before = show(id);

        for (TestUser caller : List.of(agent(), lightAgent(), endUser())) {
            String name = unique("sneaky");
            assertForbidden(as(caller).post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", name))));
            assertNoRoleNamed(name);
            assertForbidden(as(caller)
                    .put(
                            "/api/v2/custom_roles/" + id,
                            Map.of(
                                    "custom_role",
                                    Map.of("name", name, "configuration", Map.of("ticket_access", "all")))));
            assertForbidden(as(caller).delete("/api/v2/custom_roles/" + id));
        }
        assertThat(show(id)).isEqualTo(before);
    }

    // ---- pagination ---------------------------------------------------------------------------------------

    @Test
    void rolesPageBothWays() {
        List<Long> created = List.of(
                createRole(unique("p"), Map.of()),
                createRole(unique("p"), Map.of()),
                createRole(unique("p"), Map.of()));

        List<Long> offset = allOffsetPages(admin(), "/api/v2/custom_roles", "custom_roles", 2).stream()
                .map(r -> r.get("id").asLong())
                .toList();
        List<Long> cursor = allCursorPages(admin(), "/api/v2/custom_roles", "custom_roles", 2).stream()
                .map(r -> r.get("id").asLong())
                .toList();

        assertThat(offset).containsAll(created).doesNotHaveDuplicates().isSorted();
        assertThat(cursor).isEqualTo(offset);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private long createRole(String name, Map<String, Object> configuration) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("configuration", configuration);
        Api.Response response = admin().post("/api/v2/custom_roles", Map.of("custom_role", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/custom_role/id").asLong();
    }

    private JsonNode show(long id) {
        Api.Response response = admin().get("/api/v2/custom_roles/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("custom_role");
    }

    private void assertNoRoleNamed(String name) {
        assertThat(all(admin(), "/api/v2/custom_roles", "custom_roles"))
                .noneMatch(role -> role.get("name").asString().equalsIgnoreCase(name));
    }
}
