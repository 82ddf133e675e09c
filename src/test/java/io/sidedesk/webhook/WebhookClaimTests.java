package io.sidedesk.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sender's claim takes (B2): of each webhook whose circuit is closed and which no sender of this instance is
 * busy with, its due invocations in id order, only the first pending one of each ticket, at most a batch (one while
 * the webhook is probed after its cool-down); of the webhooks, as many as asked, the one with the oldest due
 * invocation first. And that on a backlog being sent it reads no more than that batch: the plan's own row counts,
 * never a time. The invocations are written here directly, the service's clock stands still, and the senders' own
 * look is an hour apart (WebhookTestSupport): a write here queues nothing, so no sender is woken to claim them.
 */
class WebhookClaimTests extends WebhookTestSupport {

    /** A scan of the claim's rows and the rows it gave, as PostgreSQL prints them ("rows=10"; 18: "rows=10.00"). */
    private static final Pattern ROWS_READ =
            Pattern.compile("on webhook_invocations i .*actual rows=([\\d.]+) loops=(\\d+)");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private WebhookOutbox outbox;

    @Autowired
    private WebhookProperties properties;

    @Test
    void aClaimTakesABatchOfEachTicketsFirstDueInvocationFromTheWebhooksAskedFor_B2() {
        Hook a = hook("ticket.comment_added");
        Hook b = hook("ticket.comment_added"); // made second: its id sorts after a's
        Set<String> others = otherWebhooks(a, b);
        long ticket = System.nanoTime(); // tickets no other invocation is about
        long waiting = ticket++;
        int batch = properties.perWebhookBatch();

        List<Long> dueOfB = queue(b, ticket, 3, Duration.ZERO); // the oldest invocations
        ticket += 3;
        queue(a, waiting, 1, Duration.ofHours(1)); // its ticket's first, backing off: the three behind it wait
        for (int n = 0; n < 3; n++) {
            queue(a, waiting, 1, Duration.ZERO);
        }
        List<Long> due = new ArrayList<>(queue(a, ticket, 5, Duration.ZERO));
        ticket += 5;
        queue(a, ticket++, 1, Duration.ofHours(1)); // not due yet
        due.addAll(queue(a, ticket, 7, Duration.ZERO));

        assertThat(claimedIds(union(others, b.id()), 5))
                .as("a webhook a sender is busy with is left to it; of the other, a batch of its tickets' firsts")
                .containsExactlyElementsOf(due.subList(0, batch));
        assertThat(claimedIds(others, 1))
                .as("one webhook asked for: the one with the oldest due invocation, not the first by id")
                .containsExactlyElementsOf(dueOfB);

        jdbc.update(
                "update webhooks set breaker_open_until = ? where id = ?",
                at(clock.instant().minusSeconds(1)),
                a.id());
        assertThat(claimedIds(union(others, b.id()), 1))
                .as("after the cool-down, one invocation as the probe (the batch's are leased)")
                .containsExactly(due.get(batch));
    }

    @Test
    void aClaimOnABacklogReadsABatchOfItNotAllOfIt_B2() {
        Hook hook = hook("ticket.comment_added");
        Set<String> others = otherWebhooks(hook);
        queue(hook, System.nanoTime(), 3000, Duration.ZERO);
        jdbc.execute("analyze webhook_invocations");

        List<String> plan = jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "explain (analyze, costs off, timing off) " + WebhookOutbox.CANDIDATES);
                    statement.setObject(1, at(clock.instant()));
                    statement.setInt(2, properties.perWebhookBatch());
                    statement.setObject(3, at(clock.instant()));
                    statement.setArray(4, connection.createArrayOf("text", others.toArray()));
                    statement.setInt(5, 1);
                    return statement;
                },
                (row, number) -> row.getString(1));

        String text = String.join("\n", plan);
        List<Double> read = new ArrayList<>();
        for (String line : plan) {
            Matcher matcher = ROWS_READ.matcher(line);
            if (matcher.find()) {
                read.add(Double.parseDouble(matcher.group(1)) * Integer.parseInt(matcher.group(2)));
            }
        }
        assertThat(read).as(text).isNotEmpty().allMatch(rows -> rows <= properties.perWebhookBatch());
        assertThat(text).doesNotContain("Seq Scan on webhook_invocations");
    }

    /**
     * {@code count} invocations of the webhook, about tickets from {@code firstTicket} on, due this long from now (zero:
     * due now): their ids, in order.
     */
    private List<Long> queue(Hook hook, long firstTicket, int count, Duration dueIn) {
        Instant now = clock.instant();
        List<Long> ids = jdbc.queryForList(
                """
                insert into webhook_invocations (webhook_id, event_id, event_type, ticket_id, correlation_id, payload,
                                                 state, attempts, next_attempt_at, created_at)
                select ?, gen_random_uuid(), 'zen:event-type:ticket.comment_added', ?::bigint + n, gen_random_uuid(),
                       '{}', 'pending', 0, ?, ?
                from generate_series(0, ? - 1) n order by n
                returning id""",
                Long.class,
                hook.id(),
                firstTicket,
                at(dueIn.isZero() ? now.minusSeconds(1) : now.plus(dueIn)),
                at(now),
                count);
        return ids.stream().sorted().toList(); // made in ticket order
    }

    /** Every webhook but these, as if a sender were busy with each: no other test's rows are claimed here. */
    private Set<String> otherWebhooks(Hook... mine) {
        Set<String> others = new HashSet<>(jdbc.queryForList("select id from webhooks", String.class));
        for (Hook hook : mine) {
            others.remove(hook.id());
        }
        return others;
    }

    private List<Long> claimedIds(Set<String> busy, int webhooks) {
        return outbox.claim(busy, webhooks).stream()
                .map(WebhookOutbox.Claimed::id)
                .toList();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Set<String> union(Set<String> set, String more) {
        Set<String> union = new HashSet<>(set);
        union.add(more);
        return union;
    }
}
