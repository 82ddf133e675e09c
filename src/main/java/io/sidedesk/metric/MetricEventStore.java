package io.sidedesk.metric;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The metric events, append-only: all of one write's in one statement. A breach is written once per instance
 * (a unique index), so two instances of the service that find the same breach record it once.
 */
@Component
class MetricEventStore {

    /** A stored event, as the export reads it. */
    record Stored(
            long id,
            long ticketId,
            String metric,
            int instanceId,
            String type,
            Instant time,
            String sla,
            String status,
            Instant recordedAt,
            boolean deleted) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MetricEventStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Through JdbcClient, without flushing the ORM's pending changes: the insert reads nothing they change (the
     * ticket's row exists), so they wait for the write's one flush.
     */
    void record(long ticketId, List<MetricEvent> events, Instant recordedAt) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "insert into ticket_metric_events (ticket_id, metric, instance_id, type, time, sla, status, recorded_at) "
                        + "values ");
        List<Object> values = new ArrayList<>();
        for (MetricEvent event : events) {
            sql.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)");
            values.add(ticketId);
            values.add(event.metric().wire());
            values.add(event.instance());
            values.add(event.type());
            values.add(Timestamp.from(event.time()));
            values.add(text(event.sla()));
            values.add(text(event.status()));
            values.add(Timestamp.from(recordedAt));
        }
        sql.append(" on conflict do nothing");
        jdbc.sql(sql.toString()).params(values).update();
    }

    /** JSON text, typed even when null (an untyped null does not cast to jsonb). */
    private SqlParameterValue text(Map<String, Object> members) {
        return new SqlParameterValue(Types.VARCHAR, members == null ? null : json.writeValueAsString(members));
    }
}
