package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.sidedesk.ticket.TicketStatus;

/**
 * The statuses a ticket has had and since when (epoch milliseconds), as kept in its metrics: what pausable metrics and
 * waiting times count. It stays bounded: beyond {@link #MAX_SEGMENTS} the oldest segments are folded into time per
 * status (calendar and business), which the windows that begin at the ticket's creation still count.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class StatusTimeline {

    /** At most this many segments are kept one by one (a ticket whose status changed more often has its oldest folded). */
    static final int MAX_SEGMENTS = 200;

    /** A status the ticket took, from when. */
    record Segment(TicketStatus status, long since) {}

    List<Segment> segments = new ArrayList<>();
    Map<TicketStatus, Long> foldedCalendar = new EnumMap<>(TicketStatus.class);
    Map<TicketStatus, Long> foldedBusiness = new EnumMap<>(TicketStatus.class);
    /** Where the folded time ends, or null. */
    Long foldedUntil;

    boolean isEmpty() {
        return segments.isEmpty();
    }

    TicketStatus current() {
        return segments.get(segments.size() - 1).status();
    }

    void add(TicketStatus status, long at) {
        segments.add(new Segment(status, at));
    }

    /**
     * The time spent in the statuses {@code counted} admits between {@code from} and {@code until}, in the hours given.
     * A window that begins before the folded time (at the ticket's creation) counts the folded time too.
     */
    Duration time(Predicate<TicketStatus> counted, long from, long until, Hours hours) {
        Duration total = Duration.ZERO;
        if (foldedUntil != null && from < foldedUntil) {
            Map<TicketStatus, Long> folded = hours == Hours.CALENDAR ? foldedCalendar : foldedBusiness;
            for (Map.Entry<TicketStatus, Long> entry : folded.entrySet()) {
                if (counted.test(entry.getKey())) {
                    total = total.plusMillis(entry.getValue());
                }
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            long start = Math.max(segment.since(), from);
            long end = Math.min(i + 1 < segments.size() ? segments.get(i + 1).since() : until, until);
            if (end > start && counted.test(segment.status())) {
                total = total.plus(hours.between(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
            }
        }
        return total;
    }

    /**
     * Folds the oldest segments into time per status once there are more than {@link #MAX_SEGMENTS}: only those that
     * end by {@code keepFrom}, where the earliest window still open that began after the ticket's creation starts.
     */
    void fold(long keepFrom, Supplier<Hours> businessHours) {
        if (segments.size() <= MAX_SEGMENTS) {
            return;
        }
        Hours business = businessHours.get();
        int fold = 0;
        while (fold < segments.size() - MAX_SEGMENTS / 2
                && segments.get(fold + 1).since() <= keepFrom) {
            fold++;
        }
        for (int i = 0; i < fold; i++) {
            Segment segment = segments.get(i);
            Instant start = Instant.ofEpochMilli(segment.since());
            Instant end = Instant.ofEpochMilli(segments.get(i + 1).since());
            foldedCalendar.merge(
                    segment.status(), Hours.CALENDAR.between(start, end).toMillis(), Long::sum);
            foldedBusiness.merge(segment.status(), business.between(start, end).toMillis(), Long::sum);
        }
        if (fold > 0) {
            foldedUntil = segments.get(fold).since();
            segments = new ArrayList<>(segments.subList(fold, segments.size()));
        }
    }
}
