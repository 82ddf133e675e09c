package io.sidedesk.childticket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 5,000-comment cap of a ticket, for ordinary tickets and for a child ticket that a reply would push
 * over it. The history is seeded with SQL up to one below the cap (an audit and a comment per row, and
 * the ticket's comment count to match), then the 5,000th and 5,001st comments go over HTTP.
 */
class CommentCapTests extends SideConversationTestSupport {

    private static final int CAP = 5000;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aTicketTakesItsFiveThousandthCommentButNotOneMore() {
        long ticket = created(admin(), fields("subject", "Chatty", "comment", body("first")))
                .get("id")
                .asLong();
        seedUpTo(ticket, CAP - 1);
        assertThat(commentCount(ticket)).isEqualTo(CAP - 1);

        commented(admin(), ticket, "comment 5000", true);
        assertThat(commentCount(ticket)).isEqualTo(CAP);

        Api.Response refused = comment(admin(), ticket, "comment 5001", true);

        assertInvalid(refused, "comment");
        assertThat(commentCount(ticket)).isEqualTo(CAP);
        assertThat(storedComments(ticket)).isEqualTo(CAP);
    }

    @Test
    void replyThatWouldPushTheChildOverItsCommentCapIsRefusedAndWritesNothing_R7() {
        Link link = link();
        seedUpTo(link.child(), CAP - 1);

        Snapshot before = counts(link);
        replied(link, "the 5000th comment of the child");
        assertThat(commentCount(link.child())).isEqualTo(CAP);
        assertThat(storedComments(link.child())).isEqualTo(CAP);
        assertThat(events(link)).hasSize(before.events() + 1);

        Snapshot full = counts(link);
        Api.Response refused = reply(as(link.parentAgent()), link, "one too many");

        assertInvalid(refused, "child_ticket");
        Snapshot after = counts(link);
        assertThat(after).isEqualTo(full);
        assertThat(messageBodies(events(link))).doesNotContain("one too many");
        assertThat(storedComments(link.child())).isEqualTo(CAP);
        // A comment straight on the full child is refused the same way, and nothing crosses.
        assertInvalid(comment(as(link.childAgent()), link.child(), "child one too many", true), "comment");
        assertThat(counts(link)).isEqualTo(full);
    }

    /** What a refused write must leave as it was: side conversation events, parent audits, the child's count. */
    private record Snapshot(int events, int parentAudits, int childComments, String childUpdatedAt) {}

    private Snapshot counts(Link link) {
        return new Snapshot(
                events(link).size(),
                audits(link.parent()).size(),
                commentCount(link.child()),
                ticket(link.child()).get("updated_at").asString());
    }

    /** Adds seeded comments (each with its audit) until the ticket has {@code total}, as if written one by one. */
    private void seedUpTo(long ticket, int total) {
        long author = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        int existing = storedComments(ticket);
        int missing = total - existing;
        jdbc.update("""
                with audits as (
                    insert into ticket_audits (ticket_id, author_id, via_channel, correlation_id, events, created_at)
                    select ?, ?, 'api', gen_random_uuid(), '[]', now() from generate_series(1, ?)
                    returning id)
                insert into ticket_comments (ticket_id, audit_id, author_id, body, html_body, public, via_channel,
                                             created_at)
                select ?, audits.id, ?, 'seeded ' || audits.id, '<p>seeded</p>', false, 'api', now() from audits""", ticket, author, missing, ticket, author);
        jdbc.update(
                "update tickets set comment_count = (select count(*) from ticket_comments where ticket_id = ?) "
                        + "where id = ?",
                ticket,
                ticket);
        assertThat(storedComments(ticket)).isEqualTo(total);
    }

    private int storedComments(long ticket) {
        return jdbc.queryForObject("select count(*) from ticket_comments where ticket_id = ?", Integer.class, ticket);
    }

    /** The comment count the API reports. */
    private int commentCount(long ticket) {
        Api.Response page = admin().get("/api/v2/tickets/" + ticket + "/comments?per_page=1");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().get("count").asInt();
    }
}
