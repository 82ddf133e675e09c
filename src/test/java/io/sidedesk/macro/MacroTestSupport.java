package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the macro suites (issue 21) stand on: macro bodies and actions, creating macros that are deleted after each
 * test (the account's macro list is one list every test in the JVM shares, so each test's macros carry a tag of its
 * own in their titles and every one of them is gone afterwards), applying them for real and as a preview, and a
 * snapshot of everything an apply must leave as it was. Child tickets are on for each test and the settings are put
 * back afterwards ({@link SideConversationTestSupport}).
 */
abstract class MacroTestSupport extends SideConversationTestSupport {

    protected static final String MACROS = "/api/v2/macros";

    protected static final long MISSING = 987_654_321L;

    protected static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** The value as JSON, read back from its text (so numbers compare as the service's answers read). */
    protected static JsonNode json(Object value) {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    /** A word no other test's macro or ticket carries: every macro of this test has it in its title. */
    protected final String tag = unique("mac").replace("-", "");

    private final List<Long> madeMacros = new ArrayList<>();

    @AfterEach
    void deleteTheMacros() {
        for (long id : madeMacros) {
            Api.Response response = admin().withoutContract().delete(MACROS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
        // Any macro of this test that was made without being noted (by a request that should have been refused).
        for (JsonNode macro : ApiAssertions.all(admin().withoutContract(), MACROS, "macros")) {
            if (macro.get("title").asString().contains(tag)) {
                Api.Response response =
                        admin().delete(MACROS + "/" + macro.get("id").asLong());
                assertThat(response.status()).as(response.toString()).isEqualTo(204);
            }
        }
    }

    // ---- bodies ---------------------------------------------------------------------------------------------

    protected static Map<String, Object> action(String field, Object value) {
        return fields("field", field, "value", value);
    }

    /** A macro of this test: a unique title with the test's tag, one harmless action, and these members. */
    protected Map<String, Object> macroBody(Object... members) {
        Map<String, Object> macro =
                fields("title", unique("Macro " + tag), "actions", List.of(action("current_tags", tag + "seen")));
        for (int i = 0; i < members.length; i += 2) {
            macro.put((String) members[i], members[i + 1]);
        }
        return macro;
    }

    protected static Map<String, Object> groupRestriction(long... ids) {
        List<Long> list = new ArrayList<>();
        for (long id : ids) {
            list.add(id);
        }
        return fields("type", "Group", "ids", list);
    }

    protected static Map<String, Object> userRestriction(long id) {
        return fields("type", "User", "id", id);
    }

    /** {@code "SupportAssignable:support_assignable/group/<gid>"}. */
    protected static String toGroupAddress(long group) {
        return "SupportAssignable:support_assignable/group/" + group;
    }

    /** {@code "SupportAssignable:support_assignable/group/<gid>/agent/<uid>"}. */
    protected static String toAgentAddress(long group, long agent) {
        return toGroupAddress(group) + "/agent/" + agent;
    }

    /** A side_conversation_ticket action: subject, body, address. */
    protected static Map<String, Object> sideConversationAction(String subject, String body, String address) {
        return action("side_conversation_ticket", List.of(subject, body, address));
    }

    // ---- writing macros -------------------------------------------------------------------------------------

    protected Api.Response postMacro(Api caller, Map<String, Object> macro) {
        Api.Response response = caller.post(MACROS, Map.of("macro", macro));
        if (response.status() == 201) {
            madeMacros.add(response.json().at("/macro/id").asLong());
        }
        return response;
    }

    /** Creates a macro as this caller, which must succeed (and is deleted after the test): the macro. */
    protected JsonNode createdMacro(Api caller, Map<String, Object> macro) {
        Api.Response response = postMacro(caller, macro);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("macro");
    }

    /** A macro the admin creates with these members over {@link #macroBody}: the macro. */
    protected JsonNode macro(Object... members) {
        return createdMacro(admin(), macroBody(members));
    }

    /** The id of a macro the admin creates with these actions (and no restriction). */
    @SafeVarargs
    protected final long macroWith(Map<String, Object>... actions) {
        return macro("actions", List.of(actions)).get("id").asLong();
    }

    protected JsonNode changedMacro(Api caller, long id, Map<String, Object> members) {
        Api.Response response = caller.put(MACROS + "/" + id, Map.of("macro", members));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("macro");
    }

    /** The macro as the admin reads it (which must succeed). */
    protected JsonNode showMacro(long id) {
        Api.Response response = admin().get(MACROS + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("macro");
    }

    // ---- applying -------------------------------------------------------------------------------------------

    /** PUT /tickets/{id} with {@code macro_id} and these further members. */
    protected static Api.Response apply(Api caller, long ticket, long macro, Object... members) {
        Map<String, Object> fields = fields("macro_id", macro);
        for (int i = 0; i < members.length; i += 2) {
            fields.put((String) members[i], members[i + 1]);
        }
        return put(caller, ticket, fields);
    }

    /** PUT /tickets/{id} with {@code macro_ids}. */
    protected static Api.Response applyAll(Api caller, long ticket, List<Long> macros) {
        return put(caller, ticket, fields("macro_ids", macros));
    }

    /** An apply that must succeed: the ticket. */
    protected static JsonNode applied(Api caller, long ticket, long macro, Object... members) {
        Api.Response response = apply(caller, ticket, macro, members);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    /** GET /macros/{id}/apply. */
    protected static Api.Response preview(Api caller, long macro) {
        return caller.get(MACROS + "/" + macro + "/apply");
    }

    /** GET /tickets/{ticket}/macros/{id}/apply. */
    protected static Api.Response preview(Api caller, long ticket, long macro) {
        return caller.get("/api/v2/tickets/" + ticket + "/macros/" + macro + "/apply");
    }

    /** A preview on a ticket that must succeed: {@code result}. */
    protected static JsonNode previewed(Api caller, long ticket, long macro) {
        Api.Response response = preview(caller, ticket, macro);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("result");
    }

    // ---- what an apply writes -------------------------------------------------------------------------------

    /**
     * Everything an apply on a ticket may write: the ticket as the admin reads it, its side conversations, audits,
     * comments and child tickets, and the number of tickets in the account.
     */
    protected record State(JsonNode ticket, Written written, int comments) {}

    protected State state(long ticket) {
        return new State(ticket(ticket), written(ticket), comments(ticket).size());
    }

    protected void assertUnchanged(State before, long ticket) {
        assertThat(state(ticket)).as("nothing written").isEqualTo(before);
    }

    /**
     * An error's details with this id, where a message names it, written {@code <id>}: so that the answers for two
     * different ids (a hidden group and a missing one) can be compared. Places ({@code actions[1]}) are kept.
     */
    protected static String detailsWithout(Api.Response response, long id) {
        return response.json().path("details").toString().replaceAll("(?<![\\[\\d])" + id + "(?![\\]\\d])", "<id>");
    }

    /** The events of this type in an audit. */
    protected static List<JsonNode> eventsOf(JsonNode audit, String type) {
        List<JsonNode> found = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals(type)) {
                found.add(event);
            }
        });
        return found;
    }

    /** The one audit written since {@code before} audits: there must be exactly one. */
    protected JsonNode theOneNewAudit(long ticket, int before) {
        List<JsonNode> audits = audits(ticket);
        assertThat(audits).as("one audit written").hasSize(before + 1);
        return last(audits);
    }

    /** The value a ticket holds for a custom field, or a missing node. */
    protected static JsonNode customFieldValue(JsonNode ticket, long field) {
        for (JsonNode entry : ticket.path("custom_fields")) {
            if (entry.get("id").asLong() == field) {
                return entry.get("value");
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    // ---- people ---------------------------------------------------------------------------------------------

    /** A user with this name (so placeholders have something to render). */
    protected TestUser named(String role, String name, Long customRoleId) {
        String email = unique(role) + "@example.com";
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", name);
        user.put("email", email);
        user.put("role", role);
        if (customRoleId != null) {
            user.put("custom_role_id", customRoleId);
        }
        Api.Response response = admin().post("/api/v2/users", Map.of("user", user));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new TestUser(response.json().at("/user/id").asLong(), email);
    }

    /** An agent whose custom role has this {@code macro_access} (and otherwise an agent's defaults). */
    protected TestUser agentWithMacroAccess(String access) {
        return user("agent", customRole(Map.of("macro_access", access)));
    }

    protected void deleteGroup(long group) {
        Api.Response response = admin().delete("/api/v2/groups/" + group);
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }
}
