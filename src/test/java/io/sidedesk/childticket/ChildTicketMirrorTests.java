package io.sidedesk.childticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mirror between a side conversation and its child ticket: replies become child comments (R7), public
 * child comments become replies (R8), internal notes and light agents' comments stay put (R8, R18), and
 * nothing that arrived by mirroring goes back (R9).
 */
class ChildTicketMirrorTests extends SideConversationTestSupport {

    // ---- R7: side conversation → child ----------------------------------------------------------------------

    @Test
    void sideConversationReplyBecomesChildComment_R7() {
        Link link = link();
        JsonNode childBefore = ticket(link.child());
        int commentsBefore = comments(link.child()).size();

        JsonNode event = replied(link, "Can you check invoice 42?");

        assertThat(event.get("type").asString()).isEqualTo("reply");
        List<JsonNode> comments = comments(link.child());
        assertThat(comments).hasSize(commentsBefore + 1);
        JsonNode mirrored = comments.get(comments.size() - 1);
        assertThat(mirrored.get("body").asString()).isEqualTo("Can you check invoice 42?");
        assertThat(mirrored.get("author_id").asLong())
                .as("the replier wrote it")
                .isEqualTo(link.parentAgent().id());
        assertThat(mirrored.get("public").asBoolean())
                .as("comment type public (the default)")
                .isTrue();
        JsonNode childAfter = ticket(link.child());
        for (String field : List.of("status", "group_id", "assignee_id", "subject", "requester_id", "tags")) {
            assertThat(childAfter.get(field)).as(field).isEqualTo(childBefore.get(field));
        }
    }

    @Test
    void replyBecomesAnInternalNoteWhenTheCommentTypeIsInternal_R7() {
        sideConversationSettings(Map.of("child_ticket_comment_type", "internal"));
        Link link = link();

        replied(link, "internal please");

        JsonNode mirrored = last(comments(link.child()));
        assertThat(mirrored.get("body").asString()).isEqualTo("internal please");
        assertThat(mirrored.get("public").asBoolean()).isFalse();
    }

    @Test
    void replyIsInternalUntilTheChildHasAPublicCommentWhenTheCommentTypeMatchesTicketPrivacy_R7() {
        sideConversationSettings(Map.of("child_ticket_comment_type", "match_ticket_privacy"));
        Link link = link();
        assertThat(ticket(link.child()).get("is_public").asBoolean())
                .as("no public comment yet")
                .isFalse();

        replied(link, "before any public comment");
        JsonNode first = last(comments(link.child()));
        assertThat(first.get("body").asString()).isEqualTo("before any public comment");
        assertThat(first.get("public").asBoolean()).isFalse();
        assertThat(ticket(link.child()).get("is_public").asBoolean()).isFalse();

        commented(as(link.childAgent()), link.child(), "a public answer on the child", true);
        assertThat(ticket(link.child()).get("is_public").asBoolean()).isTrue();

        replied(link, "after the public comment");
        JsonNode second = last(comments(link.child()));
        assertThat(second.get("body").asString()).isEqualTo("after the public comment");
        assertThat(second.get("public").asBoolean()).isTrue();
    }

    @Test
    void replyMustAddressSupportParticipantsAndARefusedReplyWritesNothing_R7() {
        Link link = link();
        TestUser someone = agent();
        int events = events(link).size();
        int comments = comments(link.child()).size();
        int audits = audits(link.parent()).size();

        List<Object> refused = new java.util.ArrayList<>();
        refused.add(null);
        refused.add(List.of());
        refused.add(List.of(Map.of("email", "someone@example.com")));
        refused.add(List.of(Map.of("user_id", someone.id())));
        refused.add(List.of(Map.of("support_group_id", link.childTeam().group()), Map.of("email", "x@example.com")));
        for (Object to : refused) {
            Api.Response response = reply(as(link.parentAgent()), link, "misaddressed", to);
            assertThat(response.status()).as("to=%s: %s", to, response).isEqualTo(422);
            assertThat(response.json().get("error").asString()).isEqualTo("RecordInvalid");
        }

        assertThat(events(link)).hasSize(events);
        assertThat(comments(link.child())).hasSize(comments);
        assertThat(audits(link.parent())).hasSize(audits);
    }

    @Test
    void replyNamingAnotherGroupStillGoesToTheLinkedChild_R7() {
        Link link = link();
        Team other = team(true);
        long tickets = ticketCount();
        int comments = comments(link.child()).size();

        Api.Response response = reply(
                as(link.parentAgent()), link, "to another group", List.of(Map.of("support_group_id", other.group())));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> after = comments(link.child());
        assertThat(after).hasSize(comments + 1);
        assertThat(last(after).get("body").asString()).isEqualTo("to another group");
        assertThat(ticketCount()).as("no other child ticket").isEqualTo(tickets);
        assertThat(ticket(link.child()).get("group_id").asLong())
                .isEqualTo(link.childTeam().group());
        Api.Response children = admin().get("/api/v2/tickets/" + link.parent() + "/child_tickets");
        assertThat(children.status()).as(children.toString()).isEqualTo(200);
        assertThat(io.sidedesk.ApiAssertions.ids(children.json().get("tickets")))
                .containsExactly(link.child());
    }

    // ---- R8, R18: child → side conversation -----------------------------------------------------------------

    @Test
    void childPublicCommentBecomesSideConversationReply_R8() {
        Link link = link();
        int events = events(link).size();
        int onParent = sideConversationEvents(link.parent(), "replied").size();

        commented(as(link.childAgent()), link.child(), "Invoice 42 is fixed.", true);

        List<JsonNode> after = events(link);
        assertThat(after).hasSize(events + 1);
        JsonNode reply = last(after);
        assertThat(reply.get("type").asString()).isEqualTo("reply");
        assertThat(reply.at("/message/body").asString()).isEqualTo("Invoice 42 is fixed.");
        assertThat(reply.at("/actor/user_id").asLong())
                .as("the comment's author")
                .isEqualTo(link.childAgent().id());
        List<JsonNode> replied = sideConversationEvents(link.parent(), "replied");
        assertThat(replied).hasSize(onParent + 1);
        JsonNode recorded = last(replied);
        assertThat(recorded.get("side_conversation_id").asString()).isEqualTo(link.sideConversation());
        assertThat(recorded.get("side_conversation_event_id").asString())
                .isEqualTo(reply.get("id").asString());
    }

    @Test
    void childInternalNoteDoesNotReachTheSideConversation_R8() {
        Link link = link();
        int events = events(link).size();
        int audits = audits(link.parent()).size();

        commented(as(link.childAgent()), link.child(), "only for us", false);

        assertThat(last(comments(link.child())).get("public").asBoolean()).isFalse();
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);
        // The link works: a public comment right after does cross.
        commented(as(link.childAgent()), link.child(), "now public", true);
        assertThat(messageBodies(events(link))).containsOnlyOnce("now public").doesNotContain("only for us");
    }

    @Test
    void lightAgentPrivateCommentOnTheChildNeverReachesTheSideConversation_R18() {
        Link link = link();
        TestUser light = lightAgent();
        int events = events(link).size();
        int audits = audits(link.parent()).size();

        commented(as(light), link.child(), "light agent note", null);
        assertForbidden(comment(as(light), link.child(), "light agent wants public", true));

        JsonNode note = last(comments(link.child()));
        assertThat(note.get("body").asString()).isEqualTo("light agent note");
        assertThat(note.get("author_id").asLong()).isEqualTo(light.id());
        assertThat(note.get("public").asBoolean()).isFalse();
        assertThat(bodies(comments(link.child()))).doesNotContain("light agent wants public");
        assertThat(events(link)).hasSize(events);
        assertThat(audits(link.parent())).hasSize(audits);
        commented(as(link.childAgent()), link.child(), "agent public", true);
        assertThat(messageBodies(events(link))).containsOnlyOnce("agent public").doesNotContain("light agent note");
    }

    // ---- R9: no echo ------------------------------------------------------------------------------------------

    @Test
    void mirroredMessagesAreNeverMirroredBack_R9() {
        Link link = link();
        int comments = comments(link.child()).size();
        int events = events(link).size();
        int replied = sideConversationEvents(link.parent(), "replied").size();

        for (int round = 1; round <= 3; round++) {
            replied(link, "reply " + round);
            assertThat(comments(link.child())).as("after reply %d", round).hasSize(++comments);
            assertThat(events(link)).as("after reply %d", round).hasSize(++events);

            commented(as(link.childAgent()), link.child(), "child comment " + round, true);
            assertThat(comments(link.child()))
                    .as("after child comment %d", round)
                    .hasSize(++comments);
            assertThat(events(link)).as("after child comment %d", round).hasSize(++events);
        }

        List<String> expected =
                List.of("reply 1", "child comment 1", "reply 2", "child comment 2", "reply 3", "child comment 3");
        List<JsonNode> childComments = comments(link.child());
        assertThat(bodies(after(childComments, childComments.size() - 6))).containsExactlyElementsOf(expected);
        assertThat(messageBodies(events(link, "reply"))).containsExactlyElementsOf(expected);
        assertThat(sideConversationEvents(link.parent(), "replied")).hasSize(replied + 6);
    }
}
