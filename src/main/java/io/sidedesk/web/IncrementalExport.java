package io.sidedesk.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The incremental exports (side conversation events, ticket metric events), which never skip a row that commits
 * late.
 *
 * <p>A row's time is taken inside its transaction, so it may commit after rows with later times. An export
 * therefore hands out only rows older than {@code until} = now minus a settle window
 * ({@code sidedesk.export.settle-window}, a minute by default, as Zendesk's exports keep back recent data) that is
 * longer than any transaction can run: transactions end within the transaction manager's default timeout plus
 * {@code idle_in_transaction_session_timeout} (the statement timeout is capped by the first), and the start is
 * refused when the window is not longer (0 turns the window off, for tests that read what they just wrote).
 * Everything older than {@code until} has committed, so pages ordered by (time, sequence) are complete and stable:
 * a walk's cursor carries its last position and the {@code until} of its first page; each page's {@code end_time}
 * (its last row's second, or {@code until} on the last page) is a safe start for the next export. A row that commits
 * late is newer than {@code until}, so it is still ahead of every client's position. Delivery is at least once
 * (the second of {@code end_time} comes again): clients dedupe by id.
 */
@Component
public class IncrementalExport {

    /** The last second {@link Instant} can hold, and more than any export will meet: 9999-12-31T23:59:59Z. */
    public static final long LATEST_START_TIME = 253_402_300_799L;

    private final Clock clock;
    private final Duration settleWindow;

    IncrementalExport(
            Clock clock,
            @Value("${sidedesk.export.settle-window}") Duration settleWindow,
            AbstractPlatformTransactionManager transactions,
            @Value("${sidedesk.db.idle-in-transaction-timeout}") Duration idleTimeout) {
        this.clock = clock;
        this.settleWindow = settleWindow;
        long transactionSeconds = transactions.getDefaultTimeout();
        Duration longestTransaction =
                Duration.ofSeconds(Math.max(0, transactionSeconds)).plus(idleTimeout);
        if (!settleWindow.isZero() && (transactionSeconds <= 0 || settleWindow.compareTo(longestTransaction) <= 0)) {
            throw new IllegalStateException("sidedesk.export.settle-window (SIDEDESK_EXPORT_SETTLE_WINDOW, "
                    + settleWindow + ") must be longer than a transaction may run (the transaction timeout plus the "
                    + "idle-in-transaction timeout, " + longestTransaction + "), or the incremental export could "
                    + "skip rows that commit late");
        }
    }

    /** What a page may read: rows from {@code start} to before {@code until}, after the cursor's position if any. */
    public record Window(long startTime, Instant start, Instant until, Cursor after) {}

    /** A page: its rows, the {@code end_time} to start the next export from, and the cursor of the next page. */
    public record Page<T>(List<T> rows, long endTime, Cursor next) {

        /** The next page's address: this request's, with the cursor; null on the last page. */
        public String nextPage() {
            return next == null
                    ? null
                    : ServletUriComponentsBuilder.fromCurrentRequest()
                            .replaceQueryParam("cursor", next.encode())
                            .build()
                            .toUriString();
        }
    }

    /** Where a walk of pages stands: after this row (time, sequence), below its {@code until}. */
    public record Cursor(Instant afterTime, long afterSeq, Instant until) {

        String encode() {
            String position = afterTime.toEpochMilli() + "." + afterSeq + "." + until.toEpochMilli();
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

    /**
     * The window a page reads, from the request's {@code start_time} (required: a 400 naming it) and
     * {@code cursor}; null when nothing has settled since the start.
     */
    public Window window(Long startTime, String cursorText) {
        if (startTime == null || startTime < 0 || startTime > LATEST_START_TIME) {
            throw new InvalidParameter(
                    "start_time", "is required: a Unix time in seconds, from 0 to " + LATEST_START_TIME);
        }
        Cursor cursor = cursorText == null ? null : Cursor.decode(cursorText);
        Instant start = Instant.ofEpochSecond(startTime);
        Instant settled = clock.instant().minus(settleWindow);
        // A cursor keeps its walk's until; never one later than what has settled by now.
        Instant until = cursor == null || cursor.until().isAfter(settled) ? settled : cursor.until();
        return until.isAfter(start) ? new Window(startTime, start, until, cursor) : null;
    }

    /** The page of rows read for a window, in (time, sequence) order: at most {@code limit + 1} of them. */
    public <T> Page<T> page(
            Window window, List<T> found, int limit, Function<T, Instant> time, ToLongFunction<T> sequence) {
        if (found.size() <= limit) {
            return new Page<>(found, window.until().getEpochSecond(), null);
        }
        List<T> rows = new ArrayList<>(found.subList(0, limit));
        T last = rows.get(limit - 1);
        return new Page<>(
                rows,
                time.apply(last).getEpochSecond(),
                new Cursor(time.apply(last), sequence.applyAsLong(last), window.until()));
    }

    /** The page of an empty window: nothing, and the start to export from again. */
    public static <T> Page<T> nothingSince(long startTime) {
        return new Page<>(List.of(), startTime, null);
    }
}
