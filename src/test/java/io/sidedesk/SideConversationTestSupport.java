package io.sidedesk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import static io.sidedesk.ApiAssertions.all;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the side conversation and child ticket suites stand on: child tickets turned on for each test and every
 * account setting put back to its documented default afterwards (the settings are one row that every test in the
 * JVM shares), parent tickets, a snapshot of everything a refused request must not write, and links (a parent
 * ticket with a child-ticket side conversation) with readers and writers of both sides. The requests themselves
 * are {@link ApiTestSupport}'s.
 */
public abstract class SideConversationTestSupport extends ApiTestSupport {

    @BeforeEach
    void childTicketsOn() {
        turnOnChildTickets();
    }

    @AfterEach
    void settingsBackToTheirDefaults() {
        restoreDefaultSettings();
    }

    // ---- parent tickets -----------------------------------------------------------------------------------

    /** A ticket an admin opened for a new end-user, in no group: every agent may see it. */
    protected long parentTicket() {
        return parentTicket(Map.of());
    }

    protected long parentTicket(Map<String, Object> fields) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", unique("Parent"));
        ticket.put("comment", Map.of("body", "The customer asks for help."));
        ticket.put("requester_id", endUser().id());
        ticket.putAll(fields);
        Api.Response response = admin().post("/api/v2/tickets", Map.of("ticket", ticket));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().at("/ticket/id").asLong();
    }

    /** How many tickets exist (as the admin sees them). */
    protected long ticketCount() {
        return count("/api/v2/tickets");
    }

    // ---- nothing written ----------------------------------------------------------------------------------

    /**
     * What a refused request on a parent must leave as it was: its side conversations, its audits, its child
     * tickets, and the number of tickets in the account (so no child was written anywhere).
     */
    public record Written(int sideConversations, int parentAudits, int childTickets, long allTickets) {}

    protected Written written(long parent) {
        long allTickets = ticketCount();
        return new Written(
                all(admin(), sideConversations(parent), "side_conversations").size(),
                audits(parent).size(),
                all(admin(), "/api/v2/tickets/" + parent + "/child_tickets", "tickets")
                        .size(),
                allTickets);
    }

    protected void assertNothingWritten(Written before, long parent) {
        assertThat(written(parent)).as("nothing written").isEqualTo(before);
    }

    // ---- links --------------------------------------------------------------------------------------------

    /**
     * A parent ticket and its child-ticket side conversation: the parent is requested by an end-user and
     * assigned to {@code parentTeam}'s agent; the side conversation was started by {@code childTeam}'s agent
     * and addressed to that agent in their group, so the child is assigned to them. Both teams' groups are public.
     */
    public record Link(
            long parent,
            String sideConversation,
            long child,
            Team parentTeam,
            Team childTeam,
            TestUser requester,
            String externalId) {

        public String path() {
            return ApiTestSupport.sideConversation(parent, sideConversation);
        }

        public TestUser childAgent() {
            return childTeam.agent();
        }

        public TestUser parentAgent() {
            return parentTeam.agent();
        }
    }

    protected Link link() {
        return link(List.of());
    }

    /** A new link, the child copying the given parent fields at creation. */
    protected Link link(List<String> copyFields) {
        Team parentTeam = team(true);
        Team childTeam = team(true);
        TestUser requester = endUser();
        long parent = created(
                        admin(),
                        fields(
                                "subject",
                                "Parent " + unique("p"),
                                "comment",
                                body("parent first"),
                                "requester_id",
                                requester.id(),
                                "group_id",
                                parentTeam.group(),
                                "assignee_id",
                                parentTeam.agent().id()))
                .get("id")
                .asLong();

        Map<String, Object> request = message(
                "Child " + unique("c"),
                "first message",
                toAgent(childTeam.group(), childTeam.agent().id()));
        if (!copyFields.isEmpty()) {
            request = with(request, "copy_fields", copyFields);
        }
        JsonNode conversation = started(as(childTeam.agent()), parent, request).get("side_conversation");
        long child = childOf(conversation);
        assertThat(conversation.at("/child_ticket/id").asLong()).isEqualTo(child);
        String externalId = ticket(child).get("external_id").asString();
        assertThat(externalId).isNotBlank();
        return new Link(parent, conversation.get("id").asString(), child, parentTeam, childTeam, requester, externalId);
    }

    /** A reply on the link's side conversation, addressed to the child's group. */
    protected static Api.Response reply(Api caller, Link link, String body) {
        return reply(caller, link, body, List.of(toGroup(link.childTeam().group())));
    }

    /** A reply on the link's side conversation, addressed to {@code to} (left out when null). */
    protected static Api.Response reply(Api caller, Link link, String body, Object to) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("body", body);
        if (to != null) {
            message.put("to", to);
        }
        return reply(caller, link.parent(), link.sideConversation(), Map.of("message", message));
    }

    /**
     * A reply by the parent's agent (not the child's assignee, so authorship shows) that must succeed;
     * returns the side conversation event it wrote.
     */
    protected JsonNode replied(Link link, String body) {
        Api.Response response = reply(as(link.parentAgent()), link, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("event");
    }

    /** Marks the side conversation done ({@code closed}) or reopens it ({@code open}), as the child's agent. */
    protected JsonNode changeState(Link link, String state) {
        JsonNode changed =
                updated(as(link.childAgent()), link.parent(), link.sideConversation(), Map.of("state", state));
        assertThat(changed.get("state").asString()).isEqualTo(state);
        return changed;
    }

    /** The link's side conversation as the admin reads it. */
    protected JsonNode show(Link link) {
        return show(link.parent(), link.sideConversation());
    }

    /** The side conversation's events, oldest first. */
    protected List<JsonNode> events(Link link) {
        return events(link.parent(), link.sideConversation());
    }

    /** The side conversation's events of one type ({@code create}, {@code reply}, {@code update}), oldest first. */
    protected List<JsonNode> events(Link link, String type) {
        return events(link).stream()
                .filter(event -> event.get("type").asString().equals(type))
                .toList();
    }

    /** The {@code SideConversation} events recorded on a ticket's audits, oldest first. */
    protected List<JsonNode> sideConversationEvents(long ticket) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            found.addAll(sideConversationEvents(audit));
        }
        return found;
    }

    /** The ticket's {@code SideConversation} events with this action. */
    protected List<JsonNode> sideConversationEvents(long ticket, String action) {
        return sideConversationEvents(ticket).stream()
                .filter(event -> event.get("action").asString().equals(action))
                .toList();
    }
}
