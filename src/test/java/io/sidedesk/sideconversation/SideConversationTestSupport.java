package io.sidedesk.sideconversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the side conversation suites share: child tickets turned on for each test (the account settings are
 * one row for the whole JVM, so each test's settings are put back as they were afterwards), teams, parent
 * tickets, message bodies, and a snapshot of everything a refused request must not write.
 */
abstract class SideConversationTestSupport extends ApiTestSupport {

    private JsonNode settingsBefore;

    @BeforeEach
    void childTicketsOn() {
        settingsBefore = settings();
        changeSettings(Map.of("tickets_channel", true));
    }

    @AfterEach
    void restoreSettings() {
        Api.Response restored = admin().put(SETTINGS, Map.of("settings", Map.of("side_conversations", settingsBefore)));
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(settings()).isEqualTo(settingsBefore);
    }

    // ---- settings -----------------------------------------------------------------------------------------

    JsonNode settings() {
        Api.Response response = admin().get(SETTINGS);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/settings/side_conversations");
    }

    void changeSettings(Map<String, Object> values) {
        Api.Response response = admin().put(SETTINGS, Map.of("settings", Map.of("side_conversations", values)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    // ---- people and tickets -------------------------------------------------------------------------------

    /** A ticket an admin opened for a new end-user, in no group: every agent may see it. */
    long parentTicket() {
        return parentTicket(Map.of());
    }

    long parentTicket(Map<String, Object> fields) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", unique("Parent"));
        ticket.put("comment", Map.of("body", "The customer asks for help."));
        ticket.put("requester_id", endUser().id());
        ticket.putAll(fields);
        Api.Response response = admin().post("/api/v2/tickets", Map.of("ticket", ticket));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket/id").asLong();
    }

    JsonNode updateTicket(Api caller, long id, Map<String, Object> fields) {
        Api.Response response = caller.put("/api/v2/tickets/" + id, Map.of("ticket", fields));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    // ---- messages -----------------------------------------------------------------------------------------

    static Map<String, Object> toGroup(Object group) {
        return Map.of("support_group_id", group);
    }

    static Map<String, Object> toAgent(Object group, Object agent) {
        return Map.of("support_group_id", group, "support_agent_id", agent);
    }

    /** {@code {"message": {"subject", "body", "to": [...]}}}. */
    @SafeVarargs
    static Map<String, Object> message(String subject, String body, Map<String, Object>... to) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (subject != null) {
            message.put("subject", subject);
        }
        message.put("body", body);
        message.put("to", List.of(to));
        return Map.of("message", message);
    }

    /** A message body with more top-level members beside it ({@code copy_fields}, ...). */
    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(body);
        more.put(key, value);
        return more;
    }

    static String sideConversations(long parent) {
        return "/api/v2/tickets/" + parent + "/side_conversations";
    }

    static String sideConversation(long parent, String id) {
        return sideConversations(parent) + "/" + id;
    }

    Api.Response start(Api caller, long parent, Map<String, Object> body) {
        return caller.post(sideConversations(parent), body);
    }

    /** Starts a side conversation, which must succeed: the whole 201 body. */
    JsonNode started(Api caller, long parent, Map<String, Object> body) {
        Api.Response response = start(caller, parent, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Starts a side conversation addressed to the group as the caller: the side conversation. */
    JsonNode startedToGroup(Api caller, long parent, long group) {
        return started(caller, parent, message(unique("Side"), "Could you look at this?", toGroup(group)))
            .get("side_conversation");
    }

    Api.Response reply(Api caller, long parent, String id, Map<String, Object> body) {
        return caller.post(sideConversation(parent, id) + "/reply", body);
    }

    JsonNode replied(Api caller, long parent, String id, Map<String, Object> body) {
        Api.Response response = reply(caller, parent, id, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    Api.Response update(Api caller, long parent, String id, Map<String, Object> changes) {
        return caller.put(sideConversation(parent, id), Map.of("side_conversation", changes));
    }

    JsonNode updated(Api caller, long parent, String id, Map<String, Object> changes) {
        Api.Response response = update(caller, parent, id, changes);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("side_conversation");
    }

    JsonNode show(long parent, String id) {
        Api.Response response = admin().get(sideConversation(parent, id));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("side_conversation");
    }

    List<JsonNode> events(long parent, String id) {
        return all(admin(), sideConversation(parent, id) + "/events", "events");
    }

    /** The child ticket's id, as the side conversation names it in {@code external_ids.targetTicketId}. */
    static long childOf(JsonNode sideConversation) {
        JsonNode target = sideConversation.at("/external_ids/targetTicketId");
        assertThat(target.isString()).as("targetTicketId is a string: %s", sideConversation).isTrue();
        return Long.parseLong(target.asString());
    }

    /** The {@code SideConversation} events of an audit. */
    static List<JsonNode> sideConversationEvents(JsonNode audit) {
        List<JsonNode> found = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals("SideConversation")) {
                found.add(event);
            }
        });
        return found;
    }

    // ---- nothing written ----------------------------------------------------------------------------------

    /**
     * What a refused request on a parent must leave as it was: its side conversations, its audits, its child
     * tickets, and the number of tickets in the account (so no child was written anywhere).
     */
    record Written(int sideConversations, int parentAudits, int childTickets, long allTickets) {
    }

    Written written(long parent) {
        Api.Response tickets = admin().get("/api/v2/tickets?per_page=1");
        assertThat(tickets.status()).as(tickets.toString()).isEqualTo(200);
        return new Written(all(admin(), sideConversations(parent), "side_conversations").size(),
                audits(parent).size(),
                all(admin(), "/api/v2/tickets/" + parent + "/child_tickets", "tickets").size(),
                tickets.json().get("count").asLong());
    }

    void assertNothingWritten(Written before, long parent) {
        assertThat(written(parent)).as("nothing written").isEqualTo(before);
    }
}
