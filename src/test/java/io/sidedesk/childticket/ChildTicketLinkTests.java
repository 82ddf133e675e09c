package io.sidedesk.childticket;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** R13: the link is the child's external ID, as written at creation; changing it breaks the link both ways. */
class ChildTicketLinkTests extends SideConversationTestSupport {

    @Test
    void linkedWhileTheChildKeepsTheExternalIdWrittenAtCreation_R13() {
        Link link = link();

        assertLinked(link, true);
        JsonNode childOf = ticket(link.child()).get("child_of");
        assertThat(childOf.get("ticket_id").asLong()).isEqualTo(link.parent());
        assertThat(childOf.get("side_conversation_id").asString()).isEqualTo(link.sideConversation());
    }

    @Test
    void changingTheChildExternalIdBreaksTheLinkBothWays_R13() {
        Link link = link();
        String moved = unique("moved");

        JsonNode child = updated(admin(), link.child(), fields("external_id", moved));

        assertThat(child.get("external_id").asString()).isEqualTo(moved);
        assertLinked(link, false);
        int comments = comments(link.child()).size();
        int events = events(link).size();
        int replied = sideConversationEvents(link.parent(), "replied").size();

        Api.Response reply = reply(as(link.parentAgent()), link, "into the void");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String replyId = reply.json().at("/event/id").asString();
        assertThat(events(link))
                .hasSize(events + 1)
                .anySatisfy(event -> assertThat(event.get("id").asString()).isEqualTo(replyId));
        assertThat(comments(link.child())).as("the reply reached no child").hasSize(comments);

        commented(as(link.childAgent()), link.child(), "nobody upstream hears this", true);
        assertThat(comments(link.child())).hasSize(comments + 1);
        assertThat(events(link))
                .as("the child comment reached no side conversation")
                .hasSize(events + 1);
        assertThat(sideConversationEvents(link.parent(), "replied"))
                .as("only the reply")
                .hasSize(replied + 1);
    }

    @Test
    void restoringTheOriginalExternalIdRelinksForNewActivityOnly_R13() {
        Link link = link();
        updated(admin(), link.child(), fields("external_id", unique("moved")));
        replied(link, "reply while broken");
        commented(as(link.childAgent()), link.child(), "child comment while broken", true);

        JsonNode child = updated(admin(), link.child(), fields("external_id", link.externalId()));

        assertThat(child.get("external_id").asString()).isEqualTo(link.externalId());
        assertLinked(link, true);
        assertThat(bodies(comments(link.child()))).as("no back-fill").doesNotContain("reply while broken");
        assertThat(messageBodies(events(link))).as("no back-fill").doesNotContain("child comment while broken");

        replied(link, "reply after restore");
        commented(as(link.childAgent()), link.child(), "child comment after restore", true);

        assertThat(bodies(comments(link.child())))
                .containsOnlyOnce("reply after restore")
                .doesNotContain("reply while broken");
        assertThat(messageBodies(events(link, "reply")))
                .containsExactly("reply while broken", "reply after restore", "child comment after restore");
    }

    private void assertLinked(Link link, boolean linked) {
        assertThat(show(link).at("/child_ticket/linked").asBoolean())
                .as("side_conversation.child_ticket.linked")
                .isEqualTo(linked);
        assertThat(show(link).at("/child_ticket/linked").isBoolean()).isTrue();
        assertThat(ticket(link.child()).at("/child_of/linked").asBoolean())
                .as("child.child_of.linked")
                .isEqualTo(linked);
        assertThat(ticket(link.child()).at("/child_of/linked").isBoolean()).isTrue();
    }
}
