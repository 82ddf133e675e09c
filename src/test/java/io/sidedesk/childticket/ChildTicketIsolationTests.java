package io.sidedesk.childticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R12: nothing but what R8, R10 and R11 name crosses the link. Each test ends with a message that does
 * cross, so a passing test cannot come from a link that was broken all along.
 */
class ChildTicketIsolationTests extends SideConversationTestSupport {

    @Test
    void parentStatusTagsCcsFollowersAndPriorityDoNotReachTheChild_R12() {
        Link link = link();
        TestUser cc = endUser();
        TestUser follower = agent();
        JsonNode child = ticket(link.child());
        int comments = comments(link.child()).size();
        int childAudits = audits(link.child()).size();
        int events = events(link).size();

        List<Map<String, Object>> changes = List.of(
                fields("status", "pending"),
                fields("tags", List.of("parent-only", "billing")),
                fields("email_cc_ids", List.of(cc.id())),
                fields("follower_ids", List.of(follower.id())),
                fields(
                        "collaborator_ids",
                        List.of(cc.id(), follower.id(), link.parentAgent().id())),
                fields("priority", "urgent"),
                fields("type", "incident", "subject", "Parent renamed"),
                fields("status", "hold"),
                fields("status", "solved"),
                fields("status", "open"),
                fields("comment", Map.of("body", "a public comment on the parent", "public", true)),
                fields("comment", Map.of("body", "an internal note on the parent", "public", false)));
        for (Map<String, Object> change : changes) {
            updated(admin(), link.parent(), change);
        }

        assertThat(ticket(link.child())).isEqualTo(child);
        assertThat(comments(link.child())).hasSize(comments);
        assertThat(audits(link.child())).hasSize(childAudits);
        assertThat(events(link))
                .as("parent changes are not side conversation messages")
                .hasSize(events);
        replied(link, "still linked");
        assertThat(bodies(comments(link.child()))).containsOnlyOnce("still linked");
    }

    @Test
    void childFieldAndStatusChangesDoNotReachTheParent_R12() {
        Link link = link();
        TestUser cc = endUser();
        TestUser follower = agent();
        JsonNode parent = ticket(link.parent());
        int audits = audits(link.parent()).size();
        int events = events(link).size();

        // With status updates on, only solving and reopening cross (R11): none of these is either.
        for (Map<String, Object> change : List.of(
                fields("tags", List.of("child-only")),
                fields("priority", "low"),
                fields("type", "task"),
                fields("subject", "Child renamed"),
                fields("email_cc_ids", List.of(cc.id())),
                fields("follower_ids", List.of(follower.id())),
                fields("status", "pending"),
                fields("status", "hold"),
                fields("status", "open"))) {
            updated(admin(), link.child(), change);
        }
        // With them off, not even solving and reopening.
        sideConversationSettings(Map.of("child_ticket_status_updates", false));
        updated(as(link.childAgent()), link.child(), fields("status", "solved"));
        updated(as(link.childAgent()), link.child(), fields("status", "open"));

        assertThat(ticket(link.parent())).isEqualTo(parent);
        assertThat(audits(link.parent())).hasSize(audits);
        assertThat(events(link)).hasSize(events);
        assertThat(show(link).get("state").asString()).isEqualTo("open");
        commented(as(link.childAgent()), link.child(), "still linked", true);
        assertThat(messageBodies(events(link, "reply"))).containsExactly("still linked");
        assertThat(ticket(link.parent()).get("updated_at")).isEqualTo(parent.get("updated_at"));
    }
}
