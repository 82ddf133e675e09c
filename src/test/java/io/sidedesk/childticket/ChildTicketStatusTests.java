package io.sidedesk.childticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status across the link: the child's status closes and reopens its side conversation when status updates
 * are on (R11), marking the side conversation done never touches the child (R14), and activity while the
 * parent is closed creates no follow-up (R19).
 */
class ChildTicketStatusTests extends ChildTicketTestSupport {

    // ---- R11 ----------------------------------------------------------------------------------------------

    @Test
    void solvingTheChildClosesTheSideConversation_R11() {
        Link link = link();
        assertThat(sideConversation(link).get("state").asString()).isEqualTo("open");
        assertThat(ticket(link.child()).get("status").asString()).isEqualTo("open");

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));

        assertThat(sideConversation(link).get("state").asString()).isEqualTo("closed");
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
            assertThat(sideConversation(link).get("state").asString()).as("solved, then " + reopenedTo)
                .isEqualTo("closed");

            updated(as(link.childAgent()), link.child(), fields("status", reopenedTo));

            assertThat(sideConversation(link).get("state").asString()).as("solved → " + reopenedTo)
                .isEqualTo("open");
            assertThat(sideConversationEvents(link.parent(), "reopened")).as("solved → " + reopenedTo).hasSize(round);
            JsonNode changed = last(sideConversationEvents(link.parent(), "child_status_changed"));
            assertThat(changed.get("previous_value").asString()).isEqualTo("solved");
            assertThat(changed.get("value").asString()).isEqualTo(reopenedTo);
        }
        assertThat(sideConversationEvents(link.parent(), "closed")).hasSize(3);
    }

    @Test
    void requesterCommentReopeningTheChildReopensTheSideConversation_R11() {
        Link link = link(List.of("requester"));
        assertThat(ticket(link.child()).get("requester_id").asLong()).isEqualTo(link.requester().id());
        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        assertThat(sideConversation(link).get("state").asString()).isEqualTo("closed");
        int reopened = sideConversationEvents(link.parent(), "reopened").size();

        JsonNode child = commented(as(link.requester()), link.child(), "It is still broken.", null);

        assertThat(child.get("status").asString()).isEqualTo("open");
        assertThat(sideConversation(link).get("state").asString()).isEqualTo("open");
        assertThat(sideConversationEvents(link.parent(), "reopened")).hasSize(reopened + 1);
        JsonNode changed = last(sideConversationEvents(link.parent(), "child_status_changed"));
        assertThat(changed.get("previous_value").asString()).isEqualTo("solved");
        assertThat(changed.get("value").asString()).isEqualTo("open");
        assertThat(messageBodies(events(link, "reply"))).containsOnlyOnce("It is still broken.");
    }

    @Test
    void withStatusUpdatesOffTheChildStatusLeavesTheSideConversationAlone_R11() {
        settings(Map.of("child_ticket_status_updates", false));
        Link link = link();
        int events = events(link).size();
        int audits = audits(link.parent()).size();

        updated(as(link.childAgent()), link.child(), fields("status", "solved"));

        assertThat(sideConversation(link).get("state").asString()).as("solving the child").isEqualTo("open");
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);

        changeState(link, "closed");
        events = events(link).size();
        audits = audits(link.parent()).size();
        updated(as(link.childAgent()), link.child(), fields("status", "open"));

        assertThat(sideConversation(link).get("state").asString()).as("reopening the child").isEqualTo("closed");
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);
        assertThat(sideConversationEvents(link.parent(), "child_status_changed")).isEmpty();
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
        Api.Response done = as(link.parentAgent()).put(link.path(), Map.of("side_conversation", Map.of("state", "open")));

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

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
