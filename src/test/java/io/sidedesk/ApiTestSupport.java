package io.sidedesk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@link TestDatabase}), with the bootstrap admin and the one set of fixtures every suite uses: people, groups
 * and teams; request builders for tickets and side conversations; reads as the admin; and the account settings,
 * with the one way to put them back. The side conversation and child ticket suites add
 * {@link SideConversationTestSupport}. Tests share one database, so each creates its own uniquely named data.
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

    // ---- people, groups and teams -------------------------------------------------------------------------

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
        Api.Response response = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of("name", unique("role"), "role_type", 0, "configuration", configuration)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/custom_role/id").asLong();
    }

    /** A light agent role (role_type 1) with this ticket access. */
    protected long lightAgentRole(String ticketAccess) {
        Api.Response response = admin().post(
                        "/api/v2/custom_roles",
                        Map.of(
                                "custom_role",
                                Map.of(
                                        "name",
                                        unique("light"),
                                        "role_type",
                                        1,
                                        "configuration",
                                        Map.of("ticket_access", ticketAccess))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json()
                        .at("/custom_role/configuration/ticket_access")
                        .asString())
                .isEqualTo(ticketAccess);
        return response.json().at("/custom_role/id").asLong();
    }

    protected long group(boolean isPublic) {
        Api.Response response =
                admin().post("/api/v2/groups", Map.of("group", Map.of("name", unique("group"), "is_public", isPublic)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/group/id").asLong();
    }

    protected long membership(TestUser user, long groupId) {
        Api.Response response = admin().post(
                        "/api/v2/group_memberships",
                        Map.of("group_membership", Map.of("user_id", user.id(), "group_id", groupId)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/group_membership/id").asLong();
    }

    /** A group and an agent (without a custom role) who belongs to it: their first, so default, group. */
    public record Team(long group, TestUser agent) {}

    protected Team team(boolean isPublic) {
        long group = group(isPublic);
        TestUser agent = agent();
        membership(agent, group);
        return new Team(group, agent);
    }

    // ---- tickets ------------------------------------------------------------------------------------------

    /** Keys and values, in order; unlike {@link Map#of} values may be null (which clears a field). */
    protected static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    /** A comment of this text: {@code {"body": text}}. */
    protected static Map<String, Object> body(String text) {
        return Map.of("body", text);
    }

    /** Creates a ticket with these fields, which must succeed: the ticket. */
    protected static JsonNode created(Api caller, Map<String, Object> fields) {
        Api.Response response = caller.post("/api/v2/tickets", Map.of("ticket", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("ticket");
    }

    protected static Api.Response put(Api caller, long ticket, Map<String, Object> fields) {
        return caller.put("/api/v2/tickets/" + ticket, Map.of("ticket", fields));
    }

    /** Updates the ticket, which must succeed: the ticket. */
    protected static JsonNode updated(Api caller, long ticket, Map<String, Object> fields) {
        Api.Response response = put(caller, ticket, fields);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    /** A comment on a ticket; {@code isPublic} null leaves {@code public} out. */
    protected static Api.Response comment(Api caller, long ticket, String body, Boolean isPublic) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", body);
        if (isPublic != null) {
            comment.put("public", isPublic);
        }
        return put(caller, ticket, Map.of("comment", comment));
    }

    /** A comment that must succeed: the ticket. */
    protected static JsonNode commented(Api caller, long ticket, String body, Boolean isPublic) {
        Api.Response response = comment(caller, ticket, body, isPublic);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    // ---- side conversations --------------------------------------------------------------------------------

    protected static Map<String, Object> toGroup(Object group) {
        return Map.of("support_group_id", group);
    }

    protected static Map<String, Object> toAgent(Object group, Object agent) {
        return Map.of("support_group_id", group, "support_agent_id", agent);
    }

    /** {@code {"message": {"subject", "body", "to": [...]}}}; a null subject is left out. */
    @SafeVarargs
    protected static Map<String, Object> message(String subject, String body, Map<String, Object>... to) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (subject != null) {
            message.put("subject", subject);
        }
        message.put("body", body);
        message.put("to", List.of(to));
        return Map.of("message", message);
    }

    /** A message body with more top-level members beside it ({@code copy_fields}, ...). */
    protected static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(body);
        more.put(key, value);
        return more;
    }

    protected static String sideConversations(long parent) {
        return "/api/v2/tickets/" + parent + "/side_conversations";
    }

    protected static String sideConversation(long parent, String id) {
        return sideConversations(parent) + "/" + id;
    }

    protected static Api.Response start(Api caller, long parent, Map<String, Object> body) {
        return caller.post(sideConversations(parent), body);
    }

    /** Starts a side conversation, which must succeed: the whole 201 body. */
    protected static JsonNode started(Api caller, long parent, Map<String, Object> body) {
        Api.Response response = start(caller, parent, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Starts a side conversation addressed to the group as the caller: the side conversation. */
    protected static JsonNode startedToGroup(Api caller, long parent, long group) {
        return startedToGroup(caller, parent, group, unique("Side"), "Could you look at this?");
    }

    protected static JsonNode startedToGroup(Api caller, long parent, long group, String subject, String body) {
        return started(caller, parent, message(subject, body, toGroup(group))).get("side_conversation");
    }

    protected static Api.Response reply(Api caller, long parent, String id, Map<String, Object> body) {
        return caller.post(sideConversation(parent, id) + "/reply", body);
    }

    /** A reply that must succeed: the whole 200 body. */
    protected static JsonNode replied(Api caller, long parent, String id, Map<String, Object> body) {
        Api.Response response = reply(caller, parent, id, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    protected static Api.Response update(Api caller, long parent, String id, Map<String, Object> changes) {
        return caller.put(sideConversation(parent, id), Map.of("side_conversation", changes));
    }

    /** An update that must succeed: the side conversation. */
    protected static JsonNode updated(Api caller, long parent, String id, Map<String, Object> changes) {
        Api.Response response = update(caller, parent, id, changes);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("side_conversation");
    }

    /** The child ticket's id, as the side conversation names it in {@code external_ids.targetTicketId}. */
    protected static long childOf(JsonNode sideConversation) {
        JsonNode target = sideConversation.at("/external_ids/targetTicketId");
        assertThat(target.isString())
                .as("targetTicketId is a string: %s", sideConversation)
                .isTrue();
        return Long.parseLong(target.asString());
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

    /** The side conversation as the admin reads it (which must succeed). */
    protected JsonNode show(long parent, String id) {
        Api.Response response = admin().get(sideConversation(parent, id));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("side_conversation");
    }

    /** The side conversation's events, oldest first, every page. */
    protected List<JsonNode> events(long parent, String id) {
        return ApiAssertions.all(admin(), sideConversation(parent, id) + "/events", "events");
    }

    /** {@code count} of an offset-paged list as the admin sees it. */
    protected long count(String path) {
        Api.Response response = admin().get(path + (path.contains("?") ? "&" : "?") + "per_page=1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    // ---- waiting on background work ---------------------------------------------------------------------

    /** How long a test waits for background work (a bound on a hang, never a measure of speed). */
    protected static final java.time.Duration AWAIT_PATIENCE = java.time.Duration.ofMinutes(3);

    /** Waits for the condition (at most {@link #AWAIT_PATIENCE}: a bound on a hang, not a measure of speed). */
    protected static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT_PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + AWAIT_PATIENCE + " for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    // ---- the account settings ----------------------------------------------------------------------------

    protected static final String SETTINGS = "/api/v2/account/settings";

    /** The side conversation settings as they are (read by the admin). */
    protected JsonNode sideConversationSettings() {
        Api.Response response = admin().get(SETTINGS);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/side_conversations");
    }

    /** Changes the given side conversation settings (admin); returns the section as it now is. */
    protected JsonNode sideConversationSettings(Map<String, Object> values) {
        Api.Response response = admin().put(SETTINGS, Map.of("settings", Map.of("side_conversations", values)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/side_conversations");
    }

    /** Child tickets on: the side conversations' tickets channel (R1). */
    protected void turnOnChildTickets() {
        sideConversationSettings(Map.of("tickets_channel", true));
    }

    /**
     * Every side conversation setting back to its documented default: the settings are one row that every
     * test in the JVM shares, and {@code SettingsTests} checks the defaults. The one way a test puts them back.
     */
    protected void restoreDefaultSettings() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("tickets_channel", false);
        defaults.put("email_channel", false);
        defaults.put("child_ticket_comment_type", "public");
        defaults.put("child_ticket_status_updates", true);
        defaults.put("child_ticket_default_copy_fields", List.of());
        defaults.put("parent_solve_requires_children_solved", false);
        defaults.put("solve_children_with_parent", false);
        defaults.put("reopen_parent_when_child_reopens", false);
        defaults.put("notify_parent_assignee_when_children_done", false);
        JsonNode restored = sideConversationSettings(defaults);
        assertThat(restored.get("tickets_channel").asBoolean()).isFalse();
        assertThat(restored.get("child_ticket_comment_type").asString()).isEqualTo("public");
        assertThat(restored.get("child_ticket_status_updates").asBoolean()).isTrue();
        assertThat(restored.get("child_ticket_default_copy_fields")).isEmpty();
        assertThat(restored).as("every setting at its default").isEqualTo(Api.JSON.valueToTree(defaults));
        assertThat(sideConversationSettings()).as("the settings as read back").isEqualTo(restored);
        Api.Response routing = admin().put(SETTINGS, Map.of("settings", Map.of("routing", ROUTING_DEFAULTS)));
        assertThat(routing.status()).as(routing.toString()).isEqualTo(200);
        assertThat(routing.json().at("/settings/routing"))
                .as("every routing setting at its default")
                .isEqualTo(Api.JSON.valueToTree(ROUTING_DEFAULTS));
    }

    /** The routing settings' documented defaults (docs/routing-contract.md), in its order: routing off. */
    protected static final Map<String, Object> ROUTING_DEFAULTS = routingDefaults();

    private static Map<String, Object> routingDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("enabled", false);
        defaults.put("assignment_method", "spare_capacity");
        defaults.put("routing_tag", null);
        defaults.put("count_pending_and_on_hold", false);
        defaults.put("reassign_when_offline", false);
        defaults.put("reassign_when_away", false);
        defaults.put("reassign_delay_seconds", 60);
        defaults.put("reassign_reopened", false);
        defaults.put("secondary_group_wait_seconds", 0);
        return java.util.Collections.unmodifiableMap(defaults);
    }

    // ---- statements and lists ----------------------------------------------------------------------------

    /** A request that succeeded, how many SQL statements the service prepared while serving it, and their SQL. */
    protected record Counted(Api.Response response, long statements, List<String> sql) {}

    /**
     * Serves one request (which must succeed) while counting the SQL statements the service prepares
     * ({@link StatementCounter}), so that a test can hold a path to a fixed number of statements (no N+1).
     * Requests run one at a time.
     */
    protected Counted counted(java.util.function.Supplier<Api.Response> request) {
        long before = statementCounter.prepared();
        Api.Response response = request.get();
        StatementCounter.Window since = statementCounter.since(before);
        long count = since.count();
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        assertThat(count)
                .as("statements counted (authentication alone takes one)")
                .isGreaterThanOrEqualTo(2);
        return new Counted(response, count, since.sql());
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
        return pagedLists(resources, get -> hasParameter(get, "page"));
    }

    /**
     * Every list paged by cursor only, derived from the OpenAPI description (each GET with a {@code page[size]}
     * parameter and no {@code page}), filled in as {@link #offsetPagedLists} does.
     */
    protected Map<String, String> cursorOnlyLists(Map<String, String> resources) {
        return pagedLists(resources, get -> hasParameter(get, "page[size]") && !hasParameter(get, "page"));
    }

    private static boolean hasParameter(JsonNode get, String name) {
        return get.path("parameters")
                .valueStream()
                .anyMatch(parameter -> parameter.get("name").asString().equals(name));
    }

    private Map<String, String> pagedLists(
            Map<String, String> resources, java.util.function.Predicate<JsonNode> paged) {
        Map<String, String> lists = new java.util.TreeMap<>();
        JsonNode paths = admin().get("/v3/api-docs").json().get("paths");
        for (String template : paths.propertyNames()) {
            JsonNode get = paths.get(template).get("get");
            if (get == null || !paged.test(get)) {
                continue;
            }
            String path = Pattern.compile("/([a-z_]+)/\\{[A-Za-z_]+}")
                    .matcher(template)
                    .replaceAll(variable -> {
                        assertThat(resources)
                                .as("a resource of %s for %s", variable.group(1), template)
                                .containsKey(variable.group(1));
                        return "/" + variable.group(1) + "/" + resources.get(variable.group(1));
                    });
            List<String> needed = new java.util.ArrayList<>();
            for (JsonNode parameter : get.get("parameters")) {
                String name = parameter.get("name").asString();
                if (parameter.path("required").asBoolean()
                        && parameter.path("in").asString().equals("query")) {
                    assertThat(QUERY_VALUES)
                            .as("a value of %s for %s", name, template)
                            .containsKey(name);
                }
                if (QUERY_VALUES.containsKey(name)) {
                    needed.add(name + "=" + QUERY_VALUES.get(name));
                }
            }
            lists.put(template, needed.isEmpty() ? path : path + "?" + String.join("&", needed));
        }
        return lists;
    }

    // ---- reading JSON -------------------------------------------------------------------------------------

    protected static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    protected static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asLong()));
        return values;
    }

    /** The one item of a list, which must hold exactly one. */
    protected static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The last item of a list, which must not be empty. */
    protected static JsonNode last(List<JsonNode> items) {
        assertThat(items).isNotEmpty();
        return items.get(items.size() - 1);
    }

    /** The items after the first {@code count}. */
    protected static <T> List<T> after(List<T> items, int count) {
        return items.subList(count, items.size());
    }

    /** The {@code body} of each comment. */
    protected static List<String> bodies(List<JsonNode> comments) {
        return comments.stream().map(comment -> comment.get("body").asString()).toList();
    }

    /** The {@code message.body} of each side conversation event. */
    protected static List<String> messageBodies(List<JsonNode> events) {
        return events.stream()
                .map(event -> event.at("/message/body").asString())
                .toList();
    }

    /** The {@code SideConversation} events of an audit. */
    protected static List<JsonNode> sideConversationEvents(JsonNode audit) {
        List<JsonNode> found = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals("SideConversation")) {
                found.add(event);
            }
        });
        return found;
    }

    /** A user the tests created: their id and email. */
    public record TestUser(long id, String email) {}
}
