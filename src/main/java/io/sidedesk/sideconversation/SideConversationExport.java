package io.sidedesk.sideconversation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

import io.sidedesk.access.Actor;
import io.sidedesk.web.InvalidParameter;

/**
 * The incremental export of side conversation events (B4), which never skips an event that commits late.
 *
 * <p>An event's {@code created_at} is taken inside its transaction, so it may commit after events with later
 * times. The export therefore hands out only events older than {@code until} = now minus a settle window
 * ({@code sidedesk.export.settle-window}, a minute by default, as Zendesk's exports keep back recent data) that
 * is longer than any transaction can run: transactions end within the transaction manager's default timeout
 * plus {@code idle_in_transaction_session_timeout} (the statement timeout is capped by the first), and the start
 * is refused when the window is not longer (0 turns the window off, for tests that read what they just wrote).
 * Everything older than {@code until} has committed, so pages ordered by {@code (created_at, seq)} are complete
 * and stable: a walk's cursor carries its last position and the {@code until} of its first page; each page's
 * {@code end_time} (its last event's second, or {@code until} on the last page) is a safe start for the next
 * export. An event that commits late is newer than {@code until}, so it is still ahead of every client's
 * position. Delivery is at least once (the second of {@code end_time} comes again): clients dedupe by id.
 */
@Service
class SideConversationExport {

    /** The last second {@link Instant} can hold, and more than any export will meet: 9999-12-31T23:59:59Z. */
    static final long LATEST_START_TIME = 253_402_300_799L;

    private final SideConversationEventRepository events;
    private final Clock clock;
    private final Duration settleWindow;

    SideConversationExport(
            SideConversationEventRepository events,
            Clock clock,
            @Value("${sidedesk.export.settle-window}") Duration settleWindow,
            AbstractPlatformTransactionManager transactions,
            @Value("${sidedesk.db.idle-in-transaction-timeout}") Duration idleTimeout) {
        this.events = events;
        this.clock = clock;
        this.settleWindow = settleWindow;
        long transactionSeconds = transactions.getDefaultTimeout();
        Duration longestTransaction =
                Duration.ofSeconds(Math.max(0, transactionSeconds)).plus(idleTimeout);
        if (!settleWindow.isZero() && (transactionSeconds <= 0 || settleWindow.compareTo(longestTransaction) <= 0)) {
            throw new IllegalStateException("sidedesk.export.settle-window (SIDEDESK_EXPORT_SETTLE_WINDOW, "
                    + settleWindow + ") must be longer than a transaction may run (the transaction timeout plus the "
                    + "idle-in-transaction timeout, " + longestTransaction + "), or the incremental export could "
                    + "skip events that commit late");
        }
    }

    /** A page: its events, the {@code end_time} to start the next export from, and the cursor of the next page. */
    record Page(List<SideConversationEvent> events, long endTime, Cursor next) {}

    /** Where a walk of pages stands: after this event ({@code created_at}, {@code seq}), below its {@code until}. */
    record Cursor(Instant afterCreatedAt, long afterSeq, Instant until) {

        String encode() {
            String position = afterCreatedAt.toEpochMilli() + "." + afterSeq + "." + until.toEpochMilli();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            try {
                String position = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
                String[] parts = position.split("\\.");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("three parts");
                }
                return new Cursor(
                        Instant.ofEpochMilli(Long.parseLong(parts[0])),
                        Long.parseLong(parts[1]),
                        Instant.ofEpochMilli(Long.parseLong(parts[2])));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new InvalidParameter("cursor", "is not a cursor this service issued");
            }
        }
    }

    @Transactional(readOnly = true)
    public Page export(Actor actor, Long startTime, Cursor cursor, int limit) {
        SideConversationPolicy.requireExporter(actor);
        if (startTime == null || startTime < 0 || startTime > LATEST_START_TIME) {
            throw new InvalidParameter(
                    "start_time", "is required: a Unix time in seconds, from 0 to " + LATEST_START_TIME);
        }
        Instant start = Instant.ofEpochSecond(startTime);
        Instant settled = clock.instant().minus(settleWindow);
        // A cursor keeps its walk's until; never one later than what has settled by now.
        Instant until = cursor == null || cursor.until().isAfter(settled) ? settled : cursor.until();
        if (!until.isAfter(start)) {
            return new Page(List.of(), startTime, null);
        }
        Specification<SideConversationEvent> settledSince = (root, query, cb) -> {
            Predicate range = cb.and(
                    cb.greaterThanOrEqualTo(root.get("createdAt"), start), cb.lessThan(root.get("createdAt"), until));
            if (cursor == null) {
                return range;
            }
            // Keyset: after the cursor's (created_at, seq), on the (created_at, seq) index.
            return cb.and(
                    range,
                    cb.or(
                            cb.greaterThan(root.get("createdAt"), cursor.afterCreatedAt()),
                            cb.and(
                                    cb.equal(root.get("createdAt"), cursor.afterCreatedAt()),
                                    cb.greaterThan(root.get("seq"), cursor.afterSeq()))));
        };
        List<SideConversationEvent> found = new ArrayList<>(events.findBy(
                settledSince,
                q -> q.sortBy(Sort.by("createdAt", "seq")).limit(limit + 1).all()));
        if (found.size() <= limit) {
            return new Page(found, until.getEpochSecond(), null);
        }
        found.remove(limit);
        SideConversationEvent last = found.get(limit - 1);
        return new Page(
                found, last.getCreatedAt().getEpochSecond(), new Cursor(last.getCreatedAt(), last.getSeq(), until));
    }
}
