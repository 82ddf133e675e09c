package io.sidedesk.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import io.swagger.v3.oas.annotations.media.Schema;

import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;

/** A ticket's metrics as Zendesk's ticket metrics show them: times, counts, and durations in minutes. */
@Schema(name = "TicketMetric")
record TicketMetricView(
        long id,
        String url,
        long ticketId,
        @MayBeNull Instant createdAt,
        @MayBeNull Instant updatedAt,
        int groupStations,
        int assigneeStations,
        int reopens,
        int replies,
        @MayBeNull Instant assigneeUpdatedAt,
        @MayBeNull Instant requesterUpdatedAt,
        @MayBeNull Instant statusUpdatedAt,
        @MayBeNull Instant initiallyAssignedAt,
        @MayBeNull Instant assignedAt,
        @MayBeNull Instant solvedAt,
        @MayBeNull Instant latestCommentAddedAt,
        Minutes replyTimeInMinutes,
        Seconds replyTimeInSeconds,
        Minutes firstResolutionTimeInMinutes,
        Minutes fullResolutionTimeInMinutes,
        Minutes agentWaitTimeInMinutes,
        Minutes requesterWaitTimeInMinutes,
        Minutes onHoldTimeInMinutes) {

    /** Calendar and business minutes; null for what has not happened yet (a first reply, a resolution). */
    @Schema(name = "TicketMetricMinutes")
    record Minutes(@MayBeNull Long calendar, @MayBeNull Long business) {

        static final Minutes NONE = new Minutes(null, null);

        static Minutes of(Duration calendar, Duration business) {
            return new Minutes(calendar.toMinutes(), business.toMinutes());
        }
    }

    @Schema(name = "TicketMetricSeconds")
    record Seconds(@MayBeNull Long calendar) {}

    @Schema(name = "TicketMetricResponse")
    record One(TicketMetricView ticketMetric) {}

    /** The ticket's metrics as of {@code now}: waiting times count the status the ticket is in up to now. */
    static TicketMetricView of(long ticketId, TicketMetrics metrics, Instant now, Hours business) {
        TicketMetrics m = metrics == null ? new TicketMetrics() : metrics;
        boolean measured = !m.statuses.isEmpty();
        Minutes reply = Minutes.NONE;
        Seconds replySeconds = new Seconds(null);
        if (m.firstReply != null) {
            Instant from = Instant.ofEpochMilli(m.firstReply.start());
            Instant to = Instant.ofEpochMilli(m.firstReply.end());
            reply = Minutes.of(Hours.CALENDAR.between(from, to), business.between(from, to));
            replySeconds = new Seconds(Hours.CALENDAR.between(from, to).toSeconds());
        }
        return new TicketMetricView(
                ticketId,
                ApiUrls.of("ticket_metrics", ticketId),
                ticketId,
                at(m.createdAt),
                at(m.updatedAt),
                m.groupStations,
                m.assigneeStations,
                m.reopens,
                m.replies,
                at(m.assigneeUpdatedAt),
                at(m.requesterUpdatedAt),
                at(m.statusUpdatedAt),
                at(m.initiallyAssignedAt),
                at(m.assignedAt),
                at(m.solvedAt),
                at(m.latestCommentAddedAt),
                reply,
                replySeconds,
                resolution(m.createdAt, m.firstSolvedAt, business),
                resolution(m.createdAt, m.solvedAt, business),
                measured ? in(m, EnumSet.of(TicketStatus.PENDING), now, business) : Minutes.NONE,
                measured
                        ? in(m, EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.HOLD), now, business)
                        : Minutes.NONE,
                measured ? in(m, EnumSet.of(TicketStatus.HOLD), now, business) : Minutes.NONE);
    }

    private static Minutes resolution(Long createdAt, Long solvedAt, Hours business) {
        if (createdAt == null || solvedAt == null) {
            return Minutes.NONE;
        }
        Instant from = Instant.ofEpochMilli(createdAt);
        Instant to = Instant.ofEpochMilli(solvedAt);
        return Minutes.of(Hours.CALENDAR.between(from, to), business.between(from, to));
    }

    private static Minutes in(TicketMetrics m, EnumSet<TicketStatus> statuses, Instant now, Hours business) {
        return Minutes.of(m.timeIn(statuses, now, Hours.CALENDAR), m.timeIn(statuses, now, business));
    }

    private static Instant at(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
