package io.sidedesk.metric;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.IncrementalExport;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.MayBeNull;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;

/** Ticket metrics (staff, of the tickets they may see) and the incremental export of metric events (admins). */
@RestController
@Tag(name = OpenApiConfiguration.METRICS)
class TicketMetricController {

    /** At most this many events a page (Zendesk's page size for this export). */
    static final int EXPORT_LIMIT = 100;

    private final TicketMetricReads reads;
    private final JsonMapper json;

    TicketMetricController(TicketMetricReads reads, JsonMapper json) {
        this.reads = reads;
        this.json = json;
    }

    @GetMapping("/api/v2/ticket_metrics")
    @ListOf(value = "ticket_metrics", of = TicketMetricView.class)
    @Operation(operationId = "listTicketMetrics", summary = "Metrics of the tickets the caller may see, by ticket")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return reads.list(actor, paging).body("ticket_metrics");
    }

    @GetMapping("/api/v2/ticket_metrics/{ticket_metric_id}")
    @Operation(operationId = "showTicketMetric", summary = "A ticket's metrics (their id is the ticket's)")
    TicketMetricView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_metric_id") long id) {
        return new TicketMetricView.One(reads.show(actor, id));
    }

    @GetMapping("/api/v2/tickets/{ticket_id}/metrics")
    @Operation(operationId = "showTicketMetricsOfTicket", summary = "A ticket's metrics")
    TicketMetricView.One ofTicket(@AuthenticationPrincipal Actor actor, @PathVariable("ticket_id") long ticketId) {
        return new TicketMetricView.One(reads.show(actor, ticketId));
    }

    @GetMapping("/api/v2/incremental/ticket_metric_events")
    @Operation(
            operationId = "exportTicketMetricEvents",
            summary = "Incremental export of ticket metric events recorded from start_time (admins); follow next_page "
                    + "until it is null, then export again from end_time. Events are walked in the order they were "
                    + "recorded, so a breach recorded late keeps its true time and is still delivered; those of the "
                    + "last minute (the settle window) come in a later export; dedupe by id")
    Export export(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Unix time in seconds: events recorded from then on")
                    @RequestParam(name = "start_time", required = false)
                    Long startTime,
            @RequestParam(required = false) String cursor,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        IncrementalExport.Page<MetricEventStore.Stored> page =
                reads.export(actor, startTime, cursor, perPage == null ? EXPORT_LIMIT : perPage);
        List<Event> events = page.rows().stream().map(this::event).toList();
        return new Export(events, page.nextPage(), page.endTime(), events.size());
    }

    private Event event(MetricEventStore.Stored stored) {
        return new Event(
                stored.id(),
                stored.ticketId(),
                stored.metric(),
                stored.instanceId(),
                stored.type(),
                stored.time(),
                stored.sla() == null ? null : json.readTree(stored.sla()),
                stored.status() == null ? null : json.readTree(stored.status()),
                stored.deleted());
    }

    /** One metric event. */
    @Schema(name = "TicketMetricEvent")
    record Event(
            long id,
            long ticketId,

            @Schema(
                    description = "reply_time, periodic_update_time, pausable_update_time, agent_work_time, "
                            + "requester_wait_time or resolution_time")
            String metric,

            @Schema(description = "Which instance of the metric: reply time's first is the first reply time")
            int instanceId,

            @Schema(description = "apply_sla, activate, pause, fulfill, breach or update_status")
            String type,

            Instant time,

            @MayBeNull
            @Schema(
                    types = {"object", "null"},
                    description = "apply_sla: `target` (minutes), `target_in_seconds`, `business_hours`, "
                            + "`policy` (`id`, `title`, `description`)")
            JsonNode sla,

            @MayBeNull
            @Schema(
                    types = {"object", "null"},
                    description = "update_status: the time measured, `calendar` and `business` minutes")
            JsonNode status,

            @Schema(description = "Whether the ticket has been deleted since")
            boolean deleted) {}

    @Schema(name = "TicketMetricEventExport")
    record Export(List<Event> ticketMetricEvents, @MayBeNull String nextPage, long endTime, int count) {}
}
