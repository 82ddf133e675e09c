package io.sidedesk.childticket;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mirrored write runs a fixed number of SQL statements whatever the history behind it: a reply (R7) and
 * a public child comment (R8) cost the same on a fresh side conversation as after thirty earlier messages
 * each way. Counted at the connection ({@code StatementCounter}) around each HTTP request.
 */
class MirrorQueryTests extends SideConversationTestSupport {

    private static final int HISTORY = 30;

    /**
     * Measured (authentication's one statement included), with Zendesk's standard triggers active: a reply 15, a
     * public child comment 11, the same on a fresh side conversation and after thirty messages each way. Before
     * triggers they were 14 and 12; triggers added the parent, read for their conditions on its side conversation
     * audit, and the reply's notification of the child's requester (who may see the ticket, and the outbox row: two);
     * ticket metrics (R14) write no metric event here. The account settings, the active triggers, the SLA policies and
     * the webhooks' subscriptions cost nothing while the configuration's version stands, and no webhook event is queued
     * while no webhook takes it (issue 26: before, 20 and 16, the bounds at 20 and 16): authentication's statement
     * reads the version. The parent is no longer read for the triggers' conditions on its side conversation audit:
     * a condition on a change the audit does not record is decided without the ticket, and those conditions are
     * evaluated first (issue 26: 16 and 12 before). The bounds are the counts.
     */
    private static final long REPLY_BOUND = 15;

    private static final long CHILD_COMMENT_BOUND = 11;

    @Test
    void aReplyCostsTheSameStatementsWhateverTheHistory_R7() {
        Link fresh = link();
        Link busy = withHistory(link());

        long freshCost = statements(() -> reply(as(fresh.parentAgent()), fresh, "measured reply"));
        long busyCost = statements(() -> reply(as(busy.parentAgent()), busy, "measured reply"));

        System.out.printf(
                "statements: reply on a fresh side conversation %d, after %d messages each way %d%n",
                freshCost, HISTORY, busyCost);
        assertThat(busyCost).isEqualTo(freshCost).isLessThanOrEqualTo(REPLY_BOUND);
        assertThat(last(comments(busy.child())).get("body").asString()).isEqualTo("measured reply");
    }

    @Test
    void aChildCommentCostsTheSameStatementsWhateverTheHistory_R8() {
        Link fresh = link();
        Link busy = withHistory(link());

        long freshCost = statements(() -> comment(as(fresh.childAgent()), fresh.child(), "measured comment", true));
        long busyCost = statements(() -> comment(as(busy.childAgent()), busy.child(), "measured comment", true));

        System.out.printf(
                "statements: child comment on a fresh side conversation %d, after %d messages each way %d%n",
                freshCost, HISTORY, busyCost);
        assertThat(busyCost).isEqualTo(freshCost).isLessThanOrEqualTo(CHILD_COMMENT_BOUND);
        assertThat(last(events(busy)).at("/message/body").asString()).isEqualTo("measured comment");
    }

    /**
     * A trigger that emails the child ticket's group of its public comments reads the group's agents and its name
     * while the reply is written. Before, the first of those reads flushed the child ticket half way, and the metrics
     * then changed it again, so the child was updated twice (issue 26). Now the reply updates the tickets as often as
     * it does without the trigger, which adds its reads and the email to the group's second agent (the first, the
     * child's requester, heard of the reply from a standard trigger already, and R15 mails nobody twice).
     */
    @Test
    void aTriggerThatEmailsTheChildsGroupAddsNoUpdateOfATicket_R15() {
        Link plain = link();
        Link notified = link();
        TestUser second = agent();
        membership(second, notified.childTeam().group());
        List<String> without = counted(() -> reply(as(plain.parentAgent()), plain, "reply, no trigger"))
                .sql();
        long trigger = admin().post(
                        "/api/v2/triggers",
                        Map.of(
                                "trigger",
                                Map.of(
                                        "title",
                                        unique("Notify child group"),
                                        "conditions",
                                        Map.of(
                                                "all",
                                                List.of(
                                                        Map.of(
                                                                "field",
                                                                "update_type",
                                                                "operator",
                                                                "is",
                                                                "value",
                                                                "Change"),
                                                        Map.of(
                                                                "field",
                                                                "comment_is_public",
                                                                "operator",
                                                                "is",
                                                                "value",
                                                                "true"),
                                                        Map.of(
                                                                "field",
                                                                "group_id",
                                                                "operator",
                                                                "is_not",
                                                                "value",
                                                                ""))),
                                        "actions",
                                        List.of(Map.of(
                                                "field",
                                                "notification_group",
                                                "value",
                                                List.of(
                                                        "group_id",
                                                        "Update for {{ticket.group.name}}",
                                                        "{{ticket.latest_comment}}"))))))
                .json()
                .at("/trigger/id")
                .asLong();
        try {
            List<String> with = counted(() -> reply(as(notified.parentAgent()), notified, "reply, group emailed"))
                    .sql();

            assertThat(count(with, "select u.id from users u where u.active"))
                    .as("the group's agents are read: %s", with)
                    .isOne();
            assertThat(count(with, "select name from groups"))
                    .as("the group's name is read: %s", with)
                    .isOne();
            assertThat(count(with, "update tickets"))
                    .as("tickets updated, with the trigger: %s; without: %s", with, without)
                    .isEqualTo(count(without, "update tickets"));
            assertThat(admin().get("/api/v2/notifications?ticket_id=" + notified.child())
                            .json()
                            .get("notifications")
                            .valueStream()
                            .filter(row -> row.get("recipient_id").asLong() == second.id())
                            .map(row -> row.get("subject").asString()))
                    .as("the group's second agent is emailed, the group named")
                    .containsExactly("Update for "
                            + admin().get("/api/v2/groups/"
                                            + notified.childTeam().group())
                                    .json()
                                    .at("/group/name")
                                    .asString());
        } finally {
            admin().delete("/api/v2/triggers/" + trigger);
        }
    }

    private static long count(List<String> sql, String start) {
        return sql.stream()
                .filter(statement -> statement.strip().startsWith(start))
                .count();
    }

    private Link withHistory(Link link) {
        for (int i = 0; i < HISTORY; i++) {
            replied(link, "earlier reply " + i);
            commented(as(link.childAgent()), link.child(), "earlier child comment " + i, true);
        }
        return link;
    }

    private long statements(Supplier<Api.Response> request) {
        return counted(request).statements();
    }
}
