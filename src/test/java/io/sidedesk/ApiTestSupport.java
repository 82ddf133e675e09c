package io.sidedesk;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP tests: the running service on a random port, against real PostgreSQL (see
 * {@link TestDatabase}), with the bootstrap admin and helpers that create what a test needs through
 * the API. Tests share one database, so each creates its own uniquely named data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(StatementCounter.class)
public abstract class ApiTestSupport {

    protected static final String ADMIN_EMAIL = "admin@sidedesk.test";
    protected static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    @LocalServerPort
    private int port;

    @Autowired
    private StatementCounter statementCounter;

    /** The port the service listens on, for clients other than {@link Api}. */
    protected int port() {
        return port;
    }

    protected Api api() {
        return Api.at(port);
    }

    protected Api admin() {
        return api().as(ADMIN_EMAIL, ADMIN_TOKEN);
    }

    /** The bootstrap token is account-wide: with a user's email it acts as that user. */
    protected Api as(TestUser user) {
        return api().as(user.email(), ADMIN_TOKEN);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    protected TestUser user(String role) {
        return user(role, null);
    }

    protected TestUser user(String role, Long customRoleId) {
        String email = unique(role) + "@example.com";
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("name", "Test " + role);
        fields.put("email", email);
        fields.put("role", role);
        if (customRoleId != null) {
            fields.put("custom_role_id", customRoleId);
        }
        Api.Response response = admin().post("/api/v2/users", Map.of("user", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new TestUser(response.json().at("/user/id").asLong(), email);
    }

    protected TestUser agent() {
        return user("agent");
    }

    protected TestUser endUser() {
        return user("end-user");
    }

    /** An agent with the built-in light agent role. */
    protected TestUser lightAgent() {
        return user("agent", lightAgentRoleId());
    }

    protected long lightAgentRoleId() {
        for (JsonNode role : admin().get("/api/v2/custom_roles").json().get("custom_roles")) {
            if (role.get("name").asString().equals("Light agent")) {
                return role.get("id").asLong();
            }
        }
        throw new IllegalStateException("The first migration provides the Light agent role");
    }

    protected long customRole(Map<String, Object> configuration) {
        Api.Response response = admin().post("/api/v2/custom_roles", Map.of("custom_role",
                Map.of("name", unique("role"), "role_type", 0, "configuration", configuration)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/custom_role/id").asLong();
    }

    /** A light agent role (role_type 1) with this ticket access. */
    protected long lightAgentRole(String ticketAccess) {
        Api.Response response = admin().post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name",
                unique("light"), "role_type", 1, "configuration", Map.of("ticket_access", ticketAccess))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().at("/custom_role/configuration/ticket_access").asString()).isEqualTo(ticketAccess);
        return response.json().at("/custom_role/id").asLong();
    }

    protected long group(boolean isPublic) {
        Api.Response response = admin().post("/api/v2/groups",
                Map.of("group", Map.of("name", unique("group"), "is_public", isPublic)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/group/id").asLong();
    }

    protected long membership(TestUser user, long groupId) {
        Api.Response response = admin().post("/api/v2/group_memberships",
                Map.of("group_membership", Map.of("user_id", user.id(), "group_id", groupId)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/group_membership/id").asLong();
    }

    // ---- reads as the admin, who sees everything -------------------------------------------------------------

    /** The ticket as the admin reads it (which must succeed). */
    protected JsonNode ticket(long id) {
        Api.Response response = admin().get("/api/v2/tickets/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    /** The ticket's comments, oldest first, every page. */
    protected List<JsonNode> comments(long ticket) {
        return ApiAssertions.all(admin(), "/api/v2/tickets/" + ticket + "/comments", "comments");
    }

    /** The ticket's audits, oldest first, every page. */
    protected List<JsonNode> audits(long ticket) {
        return ApiAssertions.all(admin(), "/api/v2/tickets/" + ticket + "/audits", "audits");
    }

    protected static final String SETTINGS = "/api/v2/account/settings";

    /** Changes the given side conversation settings (admin); returns the section as it now is. */
    protected JsonNode sideConversationSettings(Map<String, Object> values) {
        Api.Response response = admin().put(SETTINGS, Map.of("settings", Map.of("side_conversations", values)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/side_conversations");
    }

    /**
     * Every side conversation setting back to its documented default: the settings are one row that every
     * test in the JVM shares, and {@code SettingsTests} checks the defaults.
     */
    protected void restoreDefaultSettings() {
        Map<String, Object> defaults = new java.util.LinkedHashMap<>();
        defaults.put("tickets_channel", false);
        defaults.put("email_channel", false);
        defaults.put("child_ticket_comment_type", "public");
        defaults.put("child_ticket_status_updates", true);
        defaults.put("child_ticket_default_copy_fields", java.util.List.of());
        JsonNode restored = sideConversationSettings(defaults);
        assertThat(restored.get("tickets_channel").asBoolean()).isFalse();
        assertThat(restored.get("child_ticket_comment_type").asString()).isEqualTo("public");
        assertThat(restored.get("child_ticket_status_updates").asBoolean()).isTrue();
        assertThat(restored.get("child_ticket_default_copy_fields")).isEmpty();
    }

    /** A request that succeeded, and the SQL statements the service prepared while serving it. */
    protected record Counted(Api.Response response, long statements) {
    }

    /**
     * Serves one request (which must succeed) while counting the SQL statements the service prepares
     * ({@link StatementCounter}), so that a test can hold a path to a fixed number of statements (no N+1).
     * Requests run one at a time.
     */
    protected Counted counted(java.util.function.Supplier<Api.Response> request) {
        long before = statementCounter.prepared();
        Api.Response response = request.get();
        long count = statementCounter.prepared() - before;
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        assertThat(count).as("statements counted (authentication alone takes one)").isGreaterThanOrEqualTo(2);
        return new Counted(response, count);
    }

    /** Values for the query parameters that a list needs besides paging (a search needs its query). */
    private static final Map<String, String> QUERY_VALUES = Map.of("query", "Test");

    /**
     * Every offset-paged list, derived from the OpenAPI description (each GET with a {@code page} parameter) so
     * that a new list is covered: by its template, the path with each variable filled in from {@code resources}
     * (keyed by the segment before it: {@code tickets}, {@code users}, ...) and the query parameters it needs
     * given. A template that cannot be filled in fails the caller's test.
     */
    protected Map<String, String> offsetPagedLists(Map<String, String> resources) {
        Map<String, String> lists = new java.util.TreeMap<>();
        JsonNode paths = admin().get("/v3/api-docs").json().get("paths");
        for (String template : paths.propertyNames()) {
            JsonNode get = paths.get(template).get("get");
            if (get == null || get.path("parameters").valueStream()
                .noneMatch(parameter -> parameter.get("name").asString().equals("page"))) {
                continue;
            }
            String path = Pattern.compile("/([a-z_]+)/\\{[A-Za-z_]+}").matcher(template).replaceAll(variable -> {
                assertThat(resources).as("a resource of %s for %s", variable.group(1), template)
                    .containsKey(variable.group(1));
                return "/" + variable.group(1) + "/" + resources.get(variable.group(1));
            });
            List<String> needed = new java.util.ArrayList<>();
            for (JsonNode parameter : get.get("parameters")) {
                String name = parameter.get("name").asString();
                if (parameter.path("required").asBoolean() && parameter.path("in").asString().equals("query")) {
                    assertThat(QUERY_VALUES).as("a value of %s for %s", name, template).containsKey(name);
                }
                if (QUERY_VALUES.containsKey(name)) {
                    needed.add(name + "=" + QUERY_VALUES.get(name));
                }
            }
            lists.put(template, needed.isEmpty() ? path : path + "?" + String.join("&", needed));
        }
        return lists;
    }

    /** A user the tests created: their id and email. */
    public record TestUser(long id, String email) {
    }
}
