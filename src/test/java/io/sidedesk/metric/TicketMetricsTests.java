package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.sidedesk.businesshours.BusinessSchedule;
import io.sidedesk.metric.TicketMetrics.CommentKind;
import io.sidedesk.ticket.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics one write after another, with the clock's time given (no Spring, no database, no sleeping): reply
 * time (R14), pausing, fulfilment, breach times, re-targeting on a change of priority, and business hours across a
 * weekend and a daylight-saving change.
 */
class TicketMetricsTests {

    /** Monday 2027-03-22 09:00 in Berlin (08:00 UTC). */
    private static final Instant MONDAY_NINE = Instant.parse("2027-03-22T08:00:00Z");

    private static final Supplier<Hours> CALENDAR = () -> Hours.CALENDAR;

    private final TicketMetrics metrics = new TicketMetrics();
    private Instant now = MONDAY_NINE;

    @Test
    void aRequestersTicketStartsReplyTimeAndAnAgentsPublicReplyFulfilsIt_R14() {
        List<MetricEvent> created = write(TicketStatus.NEW, CommentKind.REQUESTER, null);
        assertThat(created).contains(MetricEvent.of(MetricFamily.REPLY_TIME, 1, "activate", now));

        later(Duration.ofMinutes(10));
        List<MetricEvent> replied = write(TicketStatus.OPEN, CommentKind.AGENT_REPLY, null);
        assertThat(replied).contains(MetricEvent.of(MetricFamily.REPLY_TIME, 1, "fulfill", now));
        assertThat(metrics.firstReply.end() - metrics.firstReply.start()).isEqualTo(600_000);
        assertThat(metrics.replies).isEqualTo(1);

        later(Duration.ofMinutes(5));
        assertThat(write(TicketStatus.OPEN, CommentKind.REQUESTER, null))
                .contains(MetricEvent.of(MetricFamily.REPLY_TIME, 2, "activate", now));
    }

    @Test
    void internalNotesAndMoreRequesterCommentsFulfilNothing_R14() {
        write(TicketStatus.NEW, CommentKind.REQUESTER, null);
        later(Duration.ofMinutes(1));
        assertThat(write(TicketStatus.NEW, CommentKind.INTERNAL, null)).isEmpty();
        assertThat(write(TicketStatus.NEW, CommentKind.REQUESTER, null)).isEmpty();
        assertThat(metrics.instances.get(MetricFamily.REPLY_TIME))
                .isEqualTo(new TicketMetrics.Instance(1, MONDAY_NINE.toEpochMilli(), null));
    }

    @Test
    void pendingPausesAgentWorkTimeAndSolvingFulfilsIt() {
        TicketMetrics.Applied policy =
                policy("normal", new TicketMetrics.Target(SlaTarget.AGENT_WORK_TIME, 3600, false));
        write(TicketStatus.OPEN, CommentKind.REQUESTER, policy);
        assertThat(metrics.nextBreachAt()).isEqualTo(now.plus(Duration.ofHours(1)));

        later(Duration.ofMinutes(20));
        List<MetricEvent> pending = write(TicketStatus.PENDING, CommentKind.NONE, policy);
        assertThat(pending).contains(MetricEvent.of(MetricFamily.AGENT_WORK_TIME, 1, "pause", now));
        assertThat(metrics.nextBreachAt()).as("a paused target does not breach").isNull();

        later(Duration.ofHours(5));
        List<MetricEvent> open = write(TicketStatus.OPEN, CommentKind.NONE, policy);
        assertThat(open).contains(MetricEvent.of(MetricFamily.AGENT_WORK_TIME, 1, "activate", now));
        assertThat(metrics.nextBreachAt()).as("40 minutes left").isEqualTo(now.plus(Duration.ofMinutes(40)));

        later(Duration.ofMinutes(10));
        List<MetricEvent> solved = write(TicketStatus.SOLVED, CommentKind.NONE, policy);
        assertThat(solved).contains(MetricEvent.of(MetricFamily.AGENT_WORK_TIME, 1, "fulfill", now));
        assertThat(solved)
                .filteredOn(event -> event.type().equals("update_status"))
                .singleElement()
                .satisfies(event -> assertThat(event.status()).containsEntry("calendar", 30L));
        assertThat(metrics.nextBreachAt()).isNull();
    }

    @Test
    void aBreachIsRecordedOnceAtTheTimeItHappened() {
        TicketMetrics.Applied policy =
                policy("normal", new TicketMetrics.Target(SlaTarget.FIRST_REPLY_TIME, 900, false));
        write(TicketStatus.NEW, CommentKind.REQUESTER, policy);
        Instant due = now.plus(Duration.ofMinutes(15));
        assertThat(metrics.recordBreaches(due.minusMillis(1))).isEmpty();

        assertThat(metrics.recordBreaches(due.plus(Duration.ofHours(3))))
                .containsExactly(MetricEvent.of(MetricFamily.REPLY_TIME, 1, "breach", due));
        assertThat(metrics.recordBreaches(due.plus(Duration.ofHours(4)))).isEmpty();
        assertThat(metrics.breachDueAt()).as("nothing left for the breach job").isNull();
        assertThat(metrics.nextBreachAt())
                .as("the running target's breach, past")
                .isEqualTo(due);
    }

    @Test
    void aChangeOfPriorityRetargetsTheRunningMetric() {
        TicketMetrics.Target normal = new TicketMetrics.Target(SlaTarget.FIRST_REPLY_TIME, 3600, false);
        TicketMetrics.Target urgent = new TicketMetrics.Target(SlaTarget.FIRST_REPLY_TIME, 900, false);
        write(TicketStatus.NEW, CommentKind.REQUESTER, policy("normal", normal));
        Instant created = now;
        later(Duration.ofMinutes(5));
        List<MetricEvent> events = write(TicketStatus.NEW, CommentKind.NONE, policy("urgent", urgent));
        assertThat(events)
                .filteredOn(event -> event.type().equals("apply_sla"))
                .singleElement()
                .satisfies(event -> assertThat(event.sla()).containsEntry("target_in_seconds", 900L));
        assertThat(metrics.nextBreachAt()).isEqualTo(created.plus(Duration.ofMinutes(15)));
    }

    @Test
    void businessHoursSkipTheWeekendAndFollowTheClocksAcrossDaylightSaving() {
        // Berlin, weekdays 09:00-17:00. Friday 2027-03-26 16:00 local (15:00 UTC); clocks go forward on Sunday 28th.
        List<BusinessSchedule.Interval> intervals = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            intervals.add(new BusinessSchedule.Interval(day * 1440 + 9 * 60, day * 1440 + 17 * 60));
        }
        BusinessSchedule office = new BusinessSchedule(ZoneId.of("Europe/Berlin"), intervals, List.of());
        Hours business = new Hours() {
            @Override
            public Duration between(Instant from, Instant to) {
                return office.between(from, to);
            }

            @Override
            public Instant plus(Instant from, Duration amount) {
                return office.plus(from, amount);
            }
        };
        now = Instant.parse("2027-03-26T15:00:00Z");
        TicketMetrics.Applied policy =
                policy("normal", new TicketMetrics.Target(SlaTarget.FIRST_REPLY_TIME, 7200, true));
        metrics.update(change(TicketStatus.NEW, CommentKind.REQUESTER), policy, () -> business);
        // One business hour on Friday, the second from Monday 09:00 CEST (07:00 UTC, no longer 08:00).
        assertThat(metrics.nextBreachAt()).isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
    }

    @Test
    void reopeningCountsAndStartsTheUpdateMetricsAgain() {
        write(TicketStatus.OPEN, CommentKind.REQUESTER, null);
        later(Duration.ofMinutes(1));
        write(TicketStatus.SOLVED, CommentKind.AGENT_REPLY, null);
        later(Duration.ofMinutes(1));
        List<MetricEvent> reopened = write(TicketStatus.OPEN, CommentKind.REQUESTER, null);
        assertThat(metrics.reopens).isEqualTo(1);
        assertThat(reopened)
                .contains(
                        MetricEvent.of(MetricFamily.RESOLUTION_TIME, 1, "activate", now),
                        MetricEvent.of(MetricFamily.PERIODIC_UPDATE_TIME, 2, "activate", now),
                        MetricEvent.of(MetricFamily.REPLY_TIME, 2, "activate", now));
    }

    @Test
    void aTicketWhoseStatusChangesOftenKeepsABoundedTimelineAndItsTimesStayExact() {
        write(TicketStatus.OPEN, CommentKind.REQUESTER, null);
        for (int i = 0; i < 300; i++) {
            later(Duration.ofMinutes(1));
            write(TicketStatus.PENDING, CommentKind.NONE, null);
            later(Duration.ofMinutes(2));
            write(TicketStatus.OPEN, CommentKind.NONE, null);
        }
        assertThat(metrics.statuses.segments).hasSizeLessThanOrEqualTo(StatusTimeline.MAX_SEGMENTS);
        assertThat(metrics.timeIn(java.util.Set.of(TicketStatus.PENDING), now, Hours.CALENDAR))
                .isEqualTo(Duration.ofMinutes(600));
        assertThat(metrics.timeIn(java.util.Set.of(TicketStatus.OPEN), now, Hours.CALENDAR))
                .isEqualTo(Duration.ofMinutes(300));
        TicketMetrics.Instance work = metrics.instances.get(MetricFamily.AGENT_WORK_TIME);
        assertThat(metrics.elapsed(MetricFamily.AGENT_WORK_TIME, work, now, Hours.CALENDAR))
                .as("agent work time, from creation, counts the folded open time too")
                .isEqualTo(Duration.ofMinutes(300));
    }

    private List<MetricEvent> write(TicketStatus status, CommentKind comment, TicketMetrics.Applied policy) {
        return metrics.update(change(status, comment), policy, CALENDAR);
    }

    private TicketMetrics.Change change(TicketStatus status, CommentKind comment) {
        return new TicketMetrics.Change(now, now, status, null, null, comment, false, false);
    }

    private void later(Duration duration) {
        now = now.plus(duration);
    }

    private static TicketMetrics.Applied policy(String priority, TicketMetrics.Target... targets) {
        return new TicketMetrics.Applied(7, "OLA", "Billing answers", priority, List.of(targets));
    }
}
