package io.sidedesk.childticket;

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
 * What the child ticket tests share: the tickets channel turned on for each test and every account setting
 * put back to its documented default afterwards (the settings are one row that every test in the JVM
 * shares), a parent ticket with a child-ticket side conversation, and readers of both sides.
 */
abstract class ChildTicketTestSupport extends ApiTestSupport {

    @BeforeEach
    void childTicketsOn() {
        turnOnChildTickets();
    }

    @AfterEach
    void restoreDefaults() {
        restoreDefaultSettings();
    }

    /** Changes the given side conversation settings (admin); returns the section as it now is. */
    JsonNode settings(Map<String, Object> values) {
        return sideConversationSettings(values);
    }

    // ---- the fixture ------------------------------------------------------------------------------------------

    /**
     * A parent ticket and its child-ticket side conversation: the parent is requested by an end-user and
     * assigned to {@code parentTeam}'s agent; the side conversation was started by {@code childTeam}'s agent
     * and addressed to that agent in their group, so the child is assigned to them.
     */
    record Link(long parent, String sideConversation, long child, Team parentTeam, Team childTeam,
            TestUser requester, String externalId) {

        String path() {
            return "/api/v2/tickets/" + parent + "/side_conversations/" + sideConversation;
        }

        TestUser childAgent() {
            return childTeam.agent();
        }

        TestUser parentAgent() {
            return parentTeam.agent();
        }
    }

    Link link() {
        return link(List.of());
    }

    /** A new link, the child copying the given parent fields at creation. */
    Link link(List<String> copyFields) {
        Team parentTeam = team(true);
        Team childTeam = team(true);
        TestUser requester = endUser();
        long parent = created(admin(), fields("subject", "Parent " + unique("p"), "comment", body("parent first"),
                "requester_id", requester.id(), "group_id", parentTeam.group(), "assignee_id", parentTeam.agent().id()))
            .get("id").asLong();

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("message", Map.of("subject", "Child " + unique("c"), "body", "first message",
                "to", List.of(Map.of("support_group_id", childTeam.group(), "support_agent_id", childTeam.agent().id()))));
        if (!copyFields.isEmpty()) {
            request.put("copy_fields", copyFields);
        }
        Api.Response response = as(childTeam.agent()).post("/api/v2/tickets/" + parent + "/side_conversations", request);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode conversation = response.json().get("side_conversation");
        long child = Long.parseLong(conversation.at("/external_ids/targetTicketId").asString());
        assertThat(conversation.at("/child_ticket/id").asLong()).isEqualTo(child);
        String externalId = ticket(child).get("external_id").asString();
        assertThat(externalId).isNotBlank();
        return new Link(parent, conversation.get("id").asString(), child, parentTeam, childTeam, requester, externalId);
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    /** A reply on the side conversation, addressed to the child's group. */
    Api.Response reply(Api caller, Link link, String body) {
        return reply(caller, link, body, List.of(Map.of("support_group_id", link.childTeam().group())));
    }

    Api.Response reply(Api caller, Link link, String body, Object to) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("body", body);
        if (to != null) {
            message.put("to", to);
        }
        return caller.post(link.path() + "/reply", Map.of("message", message));
    }

    /**
     * A reply by the parent's agent (not the child's assignee, so authorship shows) that must succeed;
     * returns the side conversation event it wrote.
     */
    JsonNode replied(Link link, String body) {
        Api.Response response = reply(as(link.parentAgent()), link, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("event");
    }

    /** Marks the side conversation done ({@code closed}) or reopens it ({@code open}). */
    JsonNode changeState(Link link, String state) {
        Api.Response response = as(link.childAgent()).put(link.path(),
                Map.of("side_conversation", Map.of("state", state)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().at("/side_conversation/state").asString()).isEqualTo(state);
        return response.json().get("side_conversation");
    }

    // ---- reads (as the admin, who sees everything) -------------------------------------------------------------

    JsonNode sideConversation(Link link) {
        Api.Response response = admin().get(link.path());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("side_conversation");
    }

    /** The side conversation's events, oldest first. */
    List<JsonNode> events(Link link) {
        return all(admin(), link.path() + "/events", "events");
    }

    /** The side conversation's events of one type ({@code create}, {@code reply}, {@code update}), oldest first. */
    List<JsonNode> events(Link link, String type) {
        return events(link).stream().filter(event -> event.get("type").asString().equals(type)).toList();
    }

    /** The {@code SideConversation} events recorded on a ticket's audits, oldest first. */
    List<JsonNode> sideConversationEvents(long ticket) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            audit.get("events").forEach(event -> {
                if (event.get("type").asString().equals("SideConversation")) {
                    found.add(event);
                }
            });
        }
        return found;
    }

    /** The parent's {@code SideConversation} events with this action. */
    List<JsonNode> sideConversationEvents(long ticket, String action) {
        return sideConversationEvents(ticket).stream()
            .filter(event -> event.get("action").asString().equals(action)).toList();
    }

    /** How many tickets exist (as the admin sees them). */
    long ticketCount() {
        Api.Response response = admin().get("/api/v2/tickets?per_page=1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    // ---- small things ------------------------------------------------------------------------------------------

    static List<String> messageBodies(List<JsonNode> events) {
        return events.stream().map(event -> event.at("/message/body").asString()).toList();
    }
}
