package io.sidedesk.sideconversation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.sidedesk.access.Actor;
import io.sidedesk.web.InvalidParameter;

/**
 * The incremental export of side conversation events (B4), which never skips an event that commits late.
 *
 * <p>An event's {@code created_at} is taken inside its transaction, so it may commit after events with later
 * times. The export therefore hands out only events older than {@code until} = now minus a settle window
 * ({@code sidedesk.export.settle-window}, a minute by default, as Zendesk's exports keep back recent data) that
 * is longer than any transaction can run: transactions end within {@code spring.transaction.default-timeout}
 * plus {@code idle_in_transaction_session_timeout} (the statement timeout is capped by the first). Everything
 * older than {@code until} has committed, so a walk of pages ordered by insertion ({@code seq}) is complete: its
 * cursor carries the {@code until} of its first page, and its last page's {@code end_time} is that
 * {@code until}, from which the next export starts. An event that commits late is newer than {@code until},
 * so it is still ahead of every client's position. Delivery is at least once (the second in which
 * {@code end_time} falls comes again): clients dedupe by event id.
 */
@Service
class SideConversationExport {

    private static final Logger log = LoggerFactory.getLogger(SideConversationExport.class);

    private final SideConversationEventRepository events;
    private final Clock clock;
    private final Duration settleWindow;

    SideConversationExport(SideConversationEventRepository events, Clock clock,
            @Value("${sidedesk.export.settle-window}") Duration settleWindow,
            @Value("${spring.transaction.default-timeout}") Duration transactionTimeout,
            @Value("${sidedesk.db.idle-in-transaction-timeout}") Duration idleTimeout) {
        this.events = events;
        this.clock = clock;
        this.settleWindow = settleWindow;
        if (settleWindow.compareTo(transactionTimeout.plus(idleTimeout)) <= 0) {
            log.warn("sidedesk.export.settle-window ({}) is not longer than a transaction may run ({} + {} idle): the "
                    + "incremental export may skip events that commit late", settleWindow, transactionTimeout, idleTimeout);
        }
    }

    /** A page: its events, the {@code end_time} to start the next export from, and the cursor of the next page. */
    record Page(List<SideConversationEvent> events, long endTime, Cursor next) {
    }

    /** Where a walk of pages stands: after this {@code seq}, below the {@code until} fixed by its first page. */
    record Cursor(long afterSeq, Instant until) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((afterSeq + "." + until.toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split("\\.");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("two parts");
                }
                return new Cursor(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("cursor", "is not a cursor this service issued");
            }
        }
    }

    @Transactional(readOnly = true)
    public Page export(Actor actor, Long startTime, Cursor cursor, int limit) {
        actor.requireAdmin();
        if (startTime == null || startTime < 0) {
            throw new InvalidParameter("start_time", "is required: a Unix time in seconds");
        }
        Instant start = Instant.ofEpochSecond(startTime);
        Instant settled = clock.instant().minus(settleWindow);
        // A cursor keeps its walk's until; never one later than what has settled by now.
        Instant until = cursor == null || cursor.until().isAfter(settled) ? settled : cursor.until();
        if (!until.isAfter(start)) {
            return new Page(List.of(), startTime, null);
        }
        long after = cursor == null ? 0 : cursor.afterSeq();
        Specification<SideConversationEvent> settledSince = (root, query, cb) -> cb.and(
                cb.greaterThanOrEqualTo(root.get("createdAt"), start), cb.lessThan(root.get("createdAt"), until),
                cb.greaterThan(root.get("seq"), after));
        List<SideConversationEvent> found = new ArrayList<>(events.findBy(settledSince,
                q -> q.sortBy(Sort.by("seq")).limit(limit + 1).all()));
        if (found.size() <= limit) {
            return new Page(found, until.getEpochSecond(), null);
        }
        found.remove(limit);
        SideConversationEvent last = found.get(limit - 1);
        return new Page(found, last.getCreatedAt().getEpochSecond(), new Cursor(last.getSeq(), until));
    }
}
