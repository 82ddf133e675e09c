package io.sidedesk.businesshours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Business hours as Zendesk writes them: weekly intervals in minutes from Sunday 00:00 in the schedule's time zone,
 * and holidays (whole local days, first to last). It answers the two questions SLA metrics ask: how much business
 * time lies between two instants, and when a given amount of business time from an instant runs out. Days are read
 * in the time zone, so a daylight-saving change makes that day an hour shorter or longer (an interval across the
 * skipped hour loses it; one across the repeated hour gains it), as the clocks on the wall have it.
 */
public final class BusinessSchedule {

    /** Minutes in a week: intervals lie within [0, 10080]. */
    public static final int WEEK = 7 * 24 * 60;

    private static final int DAY = 24 * 60;

    /** How far ahead {@link #plus} looks for business time before it calls the schedule empty. */
    private static final int MAX_DAYS = 2 * 366;

    /** An interval of the week: from {@code start} to {@code end} minutes after Sunday 00:00, local time. */
    public record Interval(int start, int end) {

        public Interval {
            if (start < 0 || end > WEEK || start >= end) {
                throw new IllegalArgumentException(
                        "an interval runs from a start_time to a later end_time, both from 0 to " + WEEK
                                + " minutes after Sunday 00:00");
            }
        }
    }

    /** Local days off, {@code first} to {@code last} inclusive. */
    public record Holiday(LocalDate first, LocalDate last) {

        public Holiday {
            if (first == null || last == null || last.isBefore(first)) {
                throw new IllegalArgumentException("a holiday runs from a start_date to an end_date not before it");
            }
        }
    }

    /** One day's business time: minutes after that day's local midnight, end 1440 meaning the next midnight. */
    private record Span(int start, int end) {}

    private final ZoneId zone;
    private final List<List<Span>> days;
    /** The days off as disjoint runs, first day to last, so that a day is looked up, not compared with each. */
    private final NavigableMap<LocalDate, LocalDate> daysOff = new TreeMap<>();

    /** The intervals may not overlap; an interval may run past midnight (it is split at each one). */
    public BusinessSchedule(ZoneId zone, List<Interval> intervals, List<Holiday> holidays) {
        this.zone = zone;
        List<Holiday> byFirst = new ArrayList<>(holidays);
        byFirst.sort(Comparator.comparing(Holiday::first));
        for (Holiday holiday : byFirst) {
            Map.Entry<LocalDate, LocalDate> last = daysOff.lastEntry();
            if (last != null && !holiday.first().isAfter(last.getValue().plusDays(1))) {
                if (holiday.last().isAfter(last.getValue())) {
                    daysOff.put(last.getKey(), holiday.last());
                }
            } else {
                daysOff.put(holiday.first(), holiday.last());
            }
        }
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingInt(Interval::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException("intervals may not overlap");
            }
        }
        List<List<Span>> week = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            week.add(new ArrayList<>());
        }
        for (Interval interval : sorted) {
            for (int day = interval.start() / DAY; day * DAY < interval.end(); day++) {
                int start = Math.max(interval.start(), day * DAY) - day * DAY;
                int end = Math.min(interval.end(), (day + 1) * DAY) - day * DAY;
                if (start < end) {
                    week.get(day).add(new Span(start, end));
                }
            }
        }
        this.days = week.stream().map(List::copyOf).toList();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The business time between {@code from} and {@code to} (none when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] open : openOn(day)) {
                Instant start = open[0].isBefore(from) ? from : open[0];
                Instant end = open[1].isAfter(to) ? to : open[1];
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of business time, counted from {@code from}, has passed; {@code from} itself
     * for none. An {@link IllegalStateException} when the schedule has no business time within two years.
     */
    public Instant plus(Instant from, Duration amount) {
        Duration left = amount;
        if (left.isNegative() || left.isZero()) {
            return from;
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i <= MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] open : openOn(day)) {
                if (!open[1].isAfter(from)) {
                    continue;
                }
                Instant start = open[0].isBefore(from) ? from : open[0];
                Duration available = Duration.between(start, open[1]);
                if (left.compareTo(available) <= 0) {
                    return start.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("the schedule has no business time within " + MAX_DAYS + " days");
    }

    /** The day's business spans as instants, in order; none on a holiday. */
    private List<Instant[]> openOn(LocalDate day) {
        Map.Entry<LocalDate, LocalDate> off = daysOff.floorEntry(day);
        if (off != null && !day.isAfter(off.getValue())) {
            return List.of();
        }
        int weekday =
                day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue();
        List<Instant[]> open = new ArrayList<>();
        for (Span span : days.get(weekday)) {
            open.add(new Instant[] {at(day, span.start()), at(day, span.end())});
        }
        return open;
    }

    /** The instant of a local day's minute (1440: the next midnight), as the zone's clocks read it. */
    private Instant at(LocalDate day, int minute) {
        if (minute == DAY) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), zone)
                .toInstant();
    }
}
