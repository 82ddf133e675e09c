package io.sidedesk.webhook;

import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The senders' side of the outbox, in short transactions of their own, all times the service's clock. A claim takes
 * due invocations of active webhooks whose circuit is closed (or, after its cool-down, one invocation as a probe),
 * only the first pending one of each webhook and ticket (so a ticket's deliveries go in order), and leases them to
 * its sender (another instance takes them after the lease, should this one die). Recording an attempt keeps it in
 * the log, settles the invocation (sent, due again after the backoff, or failed) and moves the circuit breaker.
 */
@Component
class WebhookOutbox {

    // Read without locks; the claim below locks what is still due. A webhook's rows: at most the batch (one while it
    // is being probed), its pending rows read in id order until the batch is found. While due rows lead (a backlog
    // being sent) that is a batch's worth, whatever the backlog (WebhookClaimTests); rows leased, backing off or
    // waiting behind their ticket's first are read past, so a backlog of only those is read whole, as every claim once
    // read it. Webhooks: at most as many as there are free senders.
    static final String CANDIDATES = """
            with picked as (
                select w.id as webhook_id, c.id
                from webhooks w
                    cross join lateral (
                        select i.id from webhook_invocations i
                        where i.webhook_id = w.id and i.state = 'pending' and i.next_attempt_at <= ?
                            and not exists (
                                select 1 from webhook_invocations e
                                where e.webhook_id = i.webhook_id and e.ticket_id = i.ticket_id
                                    and e.state = 'pending' and e.id < i.id)
                        order by i.id
                        limit case when w.breaker_open_until is not null then 1 else ? end
                    ) c
                where w.status = 'active' and (w.breaker_open_until is null or w.breaker_open_until <= ?)
                    and w.id <> all(?)
            ), senders as (
                select webhook_id from picked group by webhook_id order by min(id) limit ?
            )
            select p.id from picked p join senders s on s.webhook_id = p.webhook_id order by p.id""";

    // Claimed rows leave the due set at once (next_attempt_at moves to the lease's end).
    private static final String CLAIM = """
            with due as (
                select id from webhook_invocations
                where id = any(?) and state = 'pending' and next_attempt_at <= ?
                order by id
                for update skip locked
            )
            update webhook_invocations i set attempts = i.attempts + 1, next_attempt_at = ?
            from due where i.id = due.id
            returning i.id, i.webhook_id, i.event_id, i.event_type, i.ticket_id, i.correlation_id, i.payload,
                i.attempts""";

    // Whether it still acts for an active admin (R22: a creator who lost the role is sent nothing more).
    private static final String WEBHOOK = """
            select w.endpoint, w.http_method, w.auth_type, w.auth_data::text, w.custom_headers::text,
                w.signing_secret, w.consecutive_failures, w.breaker_open_until is not null,
                coalesce(u.active and u.role = 'admin', false)
            from webhooks w left join users u on u.id = w.created_by
            where w.id = ? and w.status = 'active'""";

    // A half-open circuit is probed by one sender: the one that moves its end past the lease.
    private static final String TAKE_PROBE = """
            update webhooks set breaker_open_until = ? where id = ? and breaker_open_until <= ?""";

    // No key changes: writers queueing invocations (a foreign key to this row) are not held up.
    private static final String LOCK_BREAKER = """
            select consecutive_failures, breaker_opens, breaker_open_until from webhooks where id = ?
            for no key update""";

    private static final String BREAKER = """
            update webhooks set consecutive_failures = ?, breaker_opens = ?, breaker_open_until = ? where id = ?""";

    private static final String ATTEMPT = """
            insert into webhook_attempts (invocation_id, status, status_code, error, duration_ms, completed_at)
            select ?, ?, ?, ?, ?, ? where exists (select 1 from webhook_invocations where id = ?)""";

    // Only the claim that made this attempt settles it: a row whose lease ran out and was claimed again has more.
    private static final String SETTLE = """
            update webhook_invocations set state = ?, next_attempt_at = ?, status_code = ?, latest_completed_at = ?
            where id = ? and state = 'pending' and attempts = ?""";

    // An invocation claimed and not tried (its circuit opened first): due again at once, its attempt unspent.
    private static final String RELEASE = """
            update webhook_invocations set attempts = attempts - 1, next_attempt_at = ?
            where id = ? and state = 'pending' and attempts = ?""";

    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** An invocation claimed for one attempt ({@code attempts} counts this one). */
    record Claimed(
            long id,
            String webhookId,
            UUID eventId,
            String eventType,
            long ticketId,
            UUID correlationId,
            String payload,
            int attempts) {}

    /**
     * What a webhook's batch is sent with, and its breaker as the batch began: {@code probing} when its circuit is
     * half open; {@code acting} while its creator is an active admin.
     */
    record Target(
            String endpoint,
            String method,
            String authType,
            String authData,
            String customHeaders,
            String secret,
            int consecutiveFailures,
            boolean probing,
            boolean acting) {}

    /**
     * How an attempt went: {@code retry} when a later attempt may succeed; {@code sent} unless it was given up without
     * a request (the endpoint's health, and so the breaker, is not concerned).
     */
    record Outcome(
            Claimed invocation,
            boolean success,
            boolean retry,
            Integer statusCode,
            String error,
            Duration retryAfter,
            long durationMs,
            boolean sent) {

        /** Given up without a request. */
        static Outcome givenUp(Claimed invocation, String why) {
            return new Outcome(invocation, false, false, null, why, null, 0, false);
        }
    }

    /** Due invocations for at most {@code webhooks} webhooks not in {@code busy}, leased to the caller, by id. */
    List<Claimed> claim(Collection<String> busy, int webhooks) {
        OffsetDateTime now = at(now());
        List<Long> ids = jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(CANDIDATES);
                    statement.setObject(1, now);
                    statement.setInt(2, properties.perWebhookBatch());
                    statement.setObject(3, now);
                    statement.setArray(4, connection.createArrayOf("text", busy.toArray()));
                    statement.setInt(5, webhooks);
                    return statement;
                },
                (row, number) -> row.getLong(1));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Claimed> claimed = new ArrayList<>(jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(CLAIM);
                    Array array = connection.createArrayOf("bigint", ids.toArray());
                    statement.setArray(1, array);
                    statement.setObject(2, now);
                    statement.setObject(3, at(now().plus(properties.lease())));
                    return statement;
                },
                (row, number) -> new Claimed(
                        row.getLong(1),
                        row.getString(2),
                        row.getObject(3, UUID.class),
                        row.getString(4),
                        row.getLong(5),
                        row.getObject(6, UUID.class),
                        row.getString(7),
                        row.getInt(8))));
        claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
        return claimed;
    }

    /** The webhook's endpoint, credentials and secret; null when it is gone or inactive. */
    Target target(String webhookId) {
        List<Target> found = jdbc.query(
                WEBHOOK,
                (row, number) -> new Target(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getInt(7),
                        row.getBoolean(8),
                        row.getBoolean(9)),
                webhookId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Takes the probe of a half-open circuit for this sender; false when another sender took it first. */
    boolean takeProbe(String webhookId) {
        Instant now = now();
        return jdbc.update(TAKE_PROBE, at(now.plus(properties.lease())), webhookId, at(now)) == 1;
    }

    /**
     * Records a webhook's attempts (in the order made) and gives back, due at once, those claimed and not tried.
     * Moves its circuit breaker: a success closes it; each failure counts, and the threshold (or a failed probe)
     * opens it for the cool-down, doubled each time it opens again. Returns whether the circuit is open now.
     */
    boolean record(String webhookId, List<Outcome> outcomes, List<Claimed> untried) {
        Instant now = now();
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Object[]> breaker = jdbc.query(
                    LOCK_BREAKER,
                    (row, number) ->
                            new Object[] {row.getInt(1), row.getInt(2), row.getObject(3, OffsetDateTime.class)},
                    webhookId);
            List<Object[]> attempts = new ArrayList<>();
            List<Object[]> settled = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                Claimed invocation = outcome.invocation();
                boolean retry =
                        !outcome.success() && outcome.retry() && invocation.attempts() < properties.maxAttempts();
                String state = outcome.success() ? "success" : retry ? "pending" : "failed";
                Duration wait = retry
                        ? properties.backoff(
                                invocation.attempts(),
                                ThreadLocalRandom.current().nextDouble(0.8, 1.2),
                                outcome.retryAfter())
                        : Duration.ZERO;
                attempts.add(new Object[] {
                    invocation.id(),
                    outcome.success() ? "success" : "failed",
                    outcome.statusCode(),
                    outcome.error() == null ? null : shortened(outcome.error()),
                    outcome.durationMs(),
                    at(now),
                    invocation.id()
                });
                settled.add(new Object[] {
                    state, at(now.plus(wait)), outcome.statusCode(), at(now), invocation.id(), invocation.attempts()
                });
            }
            jdbc.batchUpdate(ATTEMPT, attempts);
            jdbc.batchUpdate(SETTLE, settled);
            jdbc.batchUpdate(
                    RELEASE,
                    untried.stream()
                            .map(claimed -> new Object[] {at(now), claimed.id(), claimed.attempts()})
                            .toList());
            if (breaker.isEmpty()) {
                return false;
            }
            int failures = (int) breaker.get(0)[0];
            int opens = (int) breaker.get(0)[1];
            OffsetDateTime openUntil = (OffsetDateTime) breaker.get(0)[2];
            boolean probing = openUntil != null;
            for (Outcome outcome : outcomes) {
                if (!outcome.sent()) {
                    continue;
                }
                if (outcome.success()) {
                    failures = 0;
                    opens = 0;
                    openUntil = null;
                    probing = false;
                } else {
                    failures++;
                    if (probing || failures >= properties.breakerThreshold()) {
                        opens++;
                        openUntil = at(now.plus(properties.cooldown(opens)));
                        probing = true;
                    }
                }
            }
            jdbc.update(BREAKER, failures, opens, openUntil, webhookId);
            return openUntil != null && openUntil.toInstant().isAfter(now);
        }));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String shortened(String error) {
        String line = error.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
