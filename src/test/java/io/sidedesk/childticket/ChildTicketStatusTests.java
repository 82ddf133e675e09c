package io.sidedesk.childticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status across the link: the child's status closes and reopens its side conversation when status updates
 * are on (R11), marking the side conversation done never touches the child (R14), activity while the
 * parent is closed creates no follow-up of the parent (R19), and a reply to a closed child opens the child's
 * follow-up (R20).
 */
class ChildTicketStatusTests extends SideConversationTestSupport {

    // ---- R11 ----------------------------------------------------------------------------------------------

    @Test
    void solvingTheChildClosesTheSideConversation_R11() {
        Link link = link();
        assertThat(show(link).get("state").asString()).isEqualTo("open");
        assertThat(ticket(link.child()).get("status").asString()).isEqualTo("open");

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));

        assertThat(show(link).get("state").asString()).isEqualTo("closed");
        assertThat(sideConversationEvents(link.parent(), "closed")).hasSize(1);
        JsonNode changed = single(sideConversationEvents(link.parent(), "child_status_changed"));
        assertThat(changed.get("previous_value").asString()).isEqualTo("open");
        assertThat(changed.get("value").asString()).isEqualTo("solved");
        assertThat(changed.get("side_conversation_id").asString()).isEqualTo(link.sideConversation());
        JsonNode update = last(events(link));
        assertThat(update.get("type").asString()).isEqualTo("update");
        assertThat(update.at("/updates/state").asString()).isEqualTo("closed");
    }

    @Test
    void reopeningTheChildReopensTheSideConversation_R11() {
        Link link = link();
        int round = 0;
        for (String reopenedTo : List.of("open", "pending", "hold")) {
            round++;
            updated(as(link.childAgent()), link.child(), fields("status", "solved"));
            assertThat(show(link).get("state").asString())
                    .as("solved, then " + reopenedTo)
                    .isEqualTo("closed");

            updated(as(link.childAgent()), link.child(), fields("status", reopenedTo));

            assertThat(show(link).get("state").asString())
                    .as("solved → " + reopenedTo)
                    .isEqualTo("open");
            assertThat(sideConversationEvents(link.parent(), "reopened"))
                    .as("solved → " + reopenedTo)
                    .hasSize(round);
            JsonNode changed = last(sideConversationEvents(link.parent(), "child_status_changed"));
            assertThat(changed.get("previous_value").asString()).isEqualTo("solved");
            assertThat(changed.get("value").asString()).isEqualTo(reopenedTo);
        }
        assertThat(sideConversationEvents(link.parent(), "closed")).hasSize(3);
    }

    @Test
    void requesterCommentReopeningTheChildReopensTheSideConversation_R11() {
        Link link = link(List.of("requester"));
        assertThat(ticket(link.child()).get("requester_id").asLong())
                .isEqualTo(link.requester().id());
        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        assertThat(show(link).get("state").asString()).isEqualTo("closed");
        int reopened = sideConversationEvents(link.parent(), "reopened").size();

        JsonNode child = commented(as(link.requester()), link.child(), "It is still broken.", null);

        assertThat(child.get("status").asString()).isEqualTo("open");
        assertThat(show(link).get("state").asString()).isEqualTo("open");
        assertThat(sideConversationEvents(link.parent(), "reopened")).hasSize(reopened + 1);
        JsonNode changed = last(sideConversationEvents(link.parent(), "child_status_changed"));
        assertThat(changed.get("previous_value").asString()).isEqualTo("solved");
        assertThat(changed.get("value").asString()).isEqualTo("open");
        assertThat(messageBodies(events(link, "reply"))).containsOnlyOnce("It is still broken.");
    }

    @Test
    void withStatusUpdatesOffTheChildStatusLeavesTheSideConversationAlone_R11() {
        sideConversationSettings(Map.of("child_ticket_status_updates", false));
        Link link = link();
        int events = events(link).size();
        int audits = audits(link.parent()).size();

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));

        assertThat(show(link).get("state").asString()).as("solving the child").isEqualTo("open");
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);

        changeState(link, "closed");
        events = events(link).size();
        audits = audits(link.parent()).size();
        updated(as(link.childAgent()), link.child(), fields("status", "open"));

        assertThat(show(link).get("state").asString()).as("reopening the child").isEqualTo("closed");
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);
        assertThat(sideConversationEvents(link.parent(), "child_status_changed"))
                .isEmpty();
    }

    // ---- R14: marking done --------------------------------------------------------------------------------

    @Test
    void markingTheSideConversationDoneOrReopeningItWritesNothingOnTheChild_R14() {
        Link link = link();
        JsonNode child = ticket(link.child());
        int comments = comments(link.child()).size();
        int audits = audits(link.child()).size();

        changeState(link, "closed");
        assertThat(sideConversationEvents(link.parent(), "closed")).hasSize(1);
        assertChildUntouched(link, child, comments, audits);

        changeState(link, "open");
        assertThat(sideConversationEvents(link.parent(), "reopened")).hasSize(1);
        assertChildUntouched(link, child, comments, audits);
    }

    private void assertChildUntouched(Link link, JsonNode before, int comments, int audits) {
        JsonNode now = ticket(link.child());
        assertThat(now.get("status")).isEqualTo(before.get("status"));
        assertThat(now.get("updated_at")).isEqualTo(before.get("updated_at"));
        assertThat(now).isEqualTo(before);
        assertThat(comments(link.child())).hasSize(comments);
        assertThat(audits(link.child())).hasSize(audits);
    }

    // ---- R19: closed parents ----------------------------------------------------------------------------------

    @Test
    void activityWhileTheParentIsClosedCreatesNoFollowUpTicket_R19() {
        Link link = link();
        updated(admin(), link.parent(), fields("status", "solved"));
        JsonNode closed = updated(admin(), link.parent(), fields("status", "closed"));
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        long tickets = ticketCount();
        int replied = sideConversationEvents(link.parent(), "replied").size();
        int closedEvents = sideConversationEvents(link.parent(), "closed").size();

        Api.Response reply = reply(as(link.parentAgent()), link, "while the parent is closed");
        Api.Response childComment = comment(as(link.childAgent()), link.child(), "child answers a closed parent", true);
        Api.Response solved = put(as(link.childAgent()), link.child(), fields("status", "solved"));
        Api.Response done =
                as(link.parentAgent()).put(link.path(), Map.of("side_conversation", Map.of("state", "open")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(childComment.status()).as(childComment.toString()).isEqualTo(200);
        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(ticketCount()).as("no follow-up ticket").isEqualTo(tickets);
        JsonNode parent = ticket(link.parent());
        assertThat(parent.get("status").asString()).isEqualTo("closed");
        assertThat(parent.get("updated_at")).isEqualTo(closed.get("updated_at"));
        assertThat(sideConversationEvents(link.parent(), "replied")).hasSize(replied + 2);
        assertThat(sideConversationEvents(link.parent(), "closed")).hasSize(closedEvents + 1);
        assertThat(sideConversationEvents(link.parent(), "reopened")).isNotEmpty();
        assertThat(bodies(comments(link.child()))).containsOnlyOnce("while the parent is closed");
        assertThat(messageBodies(events(link, "reply"))).containsOnlyOnce("child answers a closed parent");
    }

    // ---- R20: closed children ---------------------------------------------------------------------------------

    /**
     * R20: a reply on a side conversation whose child is closed opens a follow-up child (same group and assignee, same
     * requester, tags and followers, {@code via.source.rel} follow_up naming the closed child), moves the link to it,
     * lands there as the first comment, and both sides record the move. From then on the follow-up is the child: its
     * public comments come back (R8), later replies go to it.
     */
    @Test
    void aReplyToAClosedChildOpensAFollowUpAndMovesTheLinkToIt_R20() {
        Link link = link();
        updated(as(link.childAgent()), link.child(), fields("tags", List.of("billing", "refund")));
        close(link);
        JsonNode closedBefore = ticket(link.child());
        int closedComments = comments(link.child()).size();
        long tickets = ticketCount();

        JsonNode replyEvent = replied(link, "Sorry, one more thing about the refund");

        assertThat(ticketCount()).as("one follow-up").isEqualTo(tickets + 1);
        JsonNode conversation = show(link);
        long followUp =
                Long.parseLong(conversation.at("/external_ids/targetTicketId").asString());
        assertThat(followUp).isNotEqualTo(link.child());
        assertThat(conversation.at("/child_ticket/id").asLong()).isEqualTo(followUp);
        assertThat(conversation.at("/child_ticket/linked").asBoolean()).isTrue();
        assertThat(conversation.get("state").asString())
                .as("the reply reopens it")
                .isEqualTo("open");
        JsonNode ticket = ticket(followUp);
        assertThat(ticket.get("group_id").asLong()).isEqualTo(link.childTeam().group());
        assertThat(ticket.get("assignee_id").asLong())
                .isEqualTo(link.childAgent().id());
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("requester_id")).isEqualTo(closedBefore.get("requester_id"));
        assertThat(ticket.get("subject")).isEqualTo(closedBefore.get("subject"));
        assertThat(strings(ticket.get("tags"))).containsExactly("billing", "refund");
        assertThat(ticket.get("external_id").asString()).isEqualTo(link.externalId());
        assertThat(ticket.at("/via/channel").asString()).isEqualTo("side_conversation");
        assertThat(ticket.at("/via/source/rel").asString()).isEqualTo("follow_up");
        assertThat(ticket.at("/via/source/from/ticket_id").asLong()).isEqualTo(link.child());
        assertThat(ticket.at("/child_of/ticket_id").asLong()).isEqualTo(link.parent());
        assertThat(ticket.at("/child_of/linked").asBoolean()).isTrue();
        List<JsonNode> firstComments = comments(followUp);
        assertThat(bodies(firstComments)).containsExactly("Sorry, one more thing about the refund");
        assertThat(firstComments.get(0).get("author_id").asLong())
                .isEqualTo(link.parentAgent().id());
        assertThat(firstComments.get(0).get("public").asBoolean())
                .as("comment type public")
                .isTrue();

        JsonNode closedAfter = ticket(link.child());
        assertThat(closedAfter.has("child_of"))
                .as("the link moved to the follow-up")
                .isFalse();
        assertThat(((tools.jackson.databind.node.ObjectNode) closedBefore.deepCopy()).without("child_of"))
                .as("otherwise the closed child is untouched")
                .isEqualTo(closedAfter);
        assertThat(closedAfter.at("/via/source/from/ticket_id").asLong())
                .as("it still names its parent")
                .isEqualTo(link.parent());
        assertThat(all(admin(), "/api/v2/tickets/" + link.parent() + "/child_tickets", "tickets"))
                .extracting(child -> child.get("id").asLong())
                .as("the parent lists both children")
                .containsExactlyInAnyOrder(link.child(), followUp);
        assertThat(comments(link.child())).hasSize(closedComments);
        JsonNode moved = single(sideConversationEvents(link.parent(), "child_ticket_followed_up"));
        assertThat(moved.get("previous_child_ticket_id").asLong()).isEqualTo(link.child());
        assertThat(moved.get("child_ticket_id").asLong()).isEqualTo(followUp);
        assertThat(last(sideConversationEvents(link.parent(), "replied"))
                        .get("child_ticket_id")
                        .asLong())
                .isEqualTo(followUp);
        JsonNode update = last(events(link, "update"));
        assertThat(update.at("/updates/external_ids/targetTicketId").asString()).isEqualTo(String.valueOf(followUp));
        assertThat(update.get("correlation_id")).isEqualTo(replyEvent.get("correlation_id"));

        commented(as(link.childAgent()), followUp, "Refund of the second charge done", true);
        assertThat(last(events(link, "reply")).at("/message/body").asString())
                .as("R8 from the follow-up")
                .isEqualTo("Refund of the second charge done");
        replied(link, "Thanks!");
        assertThat(last(comments(followUp)).get("body").asString())
                .as("R7 to the follow-up")
                .isEqualTo("Thanks!");
        assertThat(ticketCount())
                .as("no second follow-up while this one is open")
                .isEqualTo(tickets + 1);
    }

    /** The follow-up keeps the assignee only while they may still hold it; otherwise it waits in the group. */
    @Test
    void aFollowUpIsUnassignedWhenTheAssigneeLeftTheGroup_R20() {
        Link link = link();
        close(link);
        long membership = admin().get("/api/v2/users/" + link.childAgent().id() + "/group_memberships")
                .json()
                .at("/group_memberships/0/id")
                .asLong();
        assertThat(admin().delete("/api/v2/group_memberships/" + membership).status())
                .isEqualTo(204);

        replied(link, "Anyone there?");

        long followUp = show(link).at("/child_ticket/id").asLong();
        assertThat(followUp).isNotEqualTo(link.child());
        JsonNode ticket = ticket(followUp);
        assertThat(ticket.get("group_id").asLong()).isEqualTo(link.childTeam().group());
        assertThat(ticket.get("assignee_id").isNull()).isTrue();
        assertThat(ticket.get("status").asString()).isEqualTo("new");
    }

    /**
     * With comment type match_ticket_privacy the follow-up starts with an internal note (a new ticket has no
     * public comment), and an end-user requester never reads it (R22).
     */
    @Test
    void aFollowUpStartsInternalUnderMatchTicketPrivacy_R20_R22() {
        Link link = link(List.of("requester"));
        sideConversationSettings(Map.of("child_ticket_comment_type", "match_ticket_privacy"));
        close(link);

        replied(link, "internal-only follow-up text");

        long followUp = show(link).at("/child_ticket/id").asLong();
        assertThat(comments(followUp).get(0).get("public").asBoolean()).isFalse();
        Api requester = as(link.requester());
        assertThat(ticket(followUp).get("requester_id").asLong())
                .isEqualTo(link.requester().id());
        for (String read : List.of(
                "/api/v2/tickets/" + followUp, "/api/v2/tickets/" + followUp + "/comments", "/api/v2/tickets")) {
            Api.Response response = requester.get(read);
            assertThat(response.status()).as(read + ": " + response).isEqualTo(200);
            assertThat(response.body()).doesNotContain("internal-only follow-up text");
        }
    }

    /** A closed child whose group was deleted cannot be followed up: the reply is refused, nothing written. */
    @Test
    void aReplyIsRefusedWhenTheClosedChildsGroupIsGone_R20() {
        Link link = link();
        close(link);
        assertThat(admin().delete("/api/v2/groups/" + link.childTeam().group()).status())
                .isEqualTo(204);
        assertReplyRefusedWritingNothing(link);
    }

    /** R13 still holds: a broken link to a closed child records the reply and mirrors it nowhere. */
    @Test
    void aBrokenLinkToAClosedChildOpensNoFollowUp_R13_R20() {
        Link link = link();
        updated(as(link.childAgent()), link.child(), fields("external_id", "moved-elsewhere-" + unique("x")));
        close(link);
        long tickets = ticketCount();

        replied(link, "recorded only");

        assertThat(ticketCount()).isEqualTo(tickets);
        assertThat(show(link).at("/child_ticket/id").asLong()).isEqualTo(link.child());
        assertThat(messageBodies(events(link, "reply"))).contains("recorded only");
        assertThat(bodies(comments(link.child()))).doesNotContain("recorded only");
    }

    /** R12 holds for follow-ups too: the follow-up takes the closed child's subject, not the side conversation's. */
    @Test
    void aFollowUpTakesTheClosedChildsSubjectNotTheSideConversations_R12_R20() {
        Link link = link(List.of("requester"));
        Api.Response renamed = as(link.parentAgent())
                .put(
                        link.path(),
                        Map.of(
                                "side_conversation",
                                Map.of("subject", "Parent-side label: suspected chargeback fraud")));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        updated(as(link.childAgent()), link.child(), fields("subject", "Your refund"));
        close(link);

        replied(link, "One more question");

        long followUp = show(link).at("/child_ticket/id").asLong();
        assertThat(ticket(followUp).get("subject").asString()).isEqualTo("Your refund");
        assertThat(as(link.requester()).get("/api/v2/tickets/" + followUp).body())
                .doesNotContain("chargeback");
    }

    /**
     * R19 and R20 together: with the parent closed too, no follow-up is opened (R19) and the reply is not
     * dropped in silence (R20): it is refused, and nothing is written.
     */
    @Test
    void aReplyIsRefusedWhenTheChildAndTheParentAreBothClosed_R19_R20() {
        Link link = link();
        close(link);
        updated(admin(), link.parent(), fields("status", "solved"));
        updated(admin(), link.parent(), fields("status", "closed"));
        assertReplyRefusedWritingNothing(link);
    }

    /** A reply is a 422 naming child_ticket, and writes no ticket, event or audit; the link stays where it was. */
    private void assertReplyRefusedWritingNothing(Link link) {
        long tickets = ticketCount();
        int events = events(link).size();
        int audits = audits(link.parent()).size();

        Api.Response refused = reply(as(link.parentAgent()), link, "anyone there?");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("details").has("child_ticket"))
                .as(refused.toString())
                .isTrue();
        assertThat(ticketCount()).isEqualTo(tickets);
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);
        assertThat(show(link).at("/child_ticket/id").asLong()).isEqualTo(link.child());
    }

    /** Solves and closes the child (as its agent). */
    private void close(Link link) {
        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        JsonNode closed = updated(as(link.childAgent()), link.child(), fields("status", "closed"));
        assertThat(closed.get("status").asString()).isEqualTo("closed");
    }
}
