package io.sidedesk.metric;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

import io.sidedesk.ticket.TicketStatus;

/**
 * A ticket's metrics as the ticket keeps them (JSON), read and written through Jackson's streaming API: every
 * ticket write reads and writes them, and the object mapper's reflective property access and record creation cost
 * several times more. The document is the one the object mapper writes for {@link TicketMetrics} with the
 * application's snake_case names: the same members in the same order, the same nulls (TicketMetricsJsonTests holds
 * the two equal). Reading takes the members in any order and with any spacing (PostgreSQL's {@code jsonb} reorders
 * them) and skips members it does not know. Its maps come back in their keys' enum order, as new metrics hold them
 * (the breaches due together are recorded in that order).
 */
final class TicketMetricsJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private TicketMetricsJson() {}

    static String write(TicketMetrics metrics) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writeIfPresent(json, "assigned_at", metrics.assignedAt);
            writeIfPresent(json, "assignee_id", metrics.assigneeId);
            json.writeNumberProperty("assignee_stations", metrics.assigneeStations);
            writeIfPresent(json, "assignee_updated_at", metrics.assigneeUpdatedAt);
            writeMap(json, "breach_at", metrics.breachAt, SlaTarget::name);
            json.writeArrayPropertyStart("breached");
            for (String breach : metrics.breached) {
                json.writeString(breach);
            }
            json.writeEndArray();
            writeIfPresent(json, "created_at", metrics.createdAt);
            if (metrics.firstReply != null) {
                json.writeName("first_reply");
                write(json, metrics.firstReply);
            }
            writeIfPresent(json, "first_solved_at", metrics.firstSolvedAt);
            writeIfPresent(json, "group_id", metrics.groupId);
            json.writeNumberProperty("group_stations", metrics.groupStations);
            writeIfPresent(json, "initially_assigned_at", metrics.initiallyAssignedAt);
            json.writeObjectPropertyStart("instances");
            for (Map.Entry<MetricFamily, TicketMetrics.Instance> instance : metrics.instances.entrySet()) {
                json.writeName(instance.getKey().name());
                write(json, instance.getValue());
            }
            json.writeEndObject();
            writeIfPresent(json, "latest_comment_added_at", metrics.latestCommentAddedAt);
            json.writeNumberProperty("reopens", metrics.reopens);
            json.writeNumberProperty("replies", metrics.replies);
            writeIfPresent(json, "requester_updated_at", metrics.requesterUpdatedAt);
            if (metrics.sla != null) {
                json.writeName("sla");
                write(json, metrics.sla);
            }
            writeIfPresent(json, "solved_at", metrics.solvedAt);
            writeIfPresent(json, "status_updated_at", metrics.statusUpdatedAt);
            json.writeName("statuses");
            write(json, metrics.statuses);
            writeIfPresent(json, "updated_at", metrics.updatedAt);
            json.writeEndObject();
        }
        return out.toString();
    }

    static TicketMetrics read(String stored) {
        TicketMetrics metrics = new TicketMetrics();
        try (JsonParser json = FACTORY.createParser(stored)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT);
            for (String name = json.nextName(); name != null; name = json.nextName()) {
                JsonToken value = json.nextToken();
                switch (name) {
                    case "assigned_at" -> metrics.assignedAt = readLong(json, value);
                    case "assignee_id" -> metrics.assigneeId = readLong(json, value);
                    case "assignee_stations" -> metrics.assigneeStations = json.getIntValue();
                    case "assignee_updated_at" -> metrics.assigneeUpdatedAt = readLong(json, value);
                    case "breach_at" -> readMap(json, value, metrics.breachAt, SlaTarget::valueOf);
                    case "breached" -> metrics.breached = readStrings(json, value);
                    case "created_at" -> metrics.createdAt = readLong(json, value);
                    case "first_reply" -> metrics.firstReply = readInstance(json, value);
                    case "first_solved_at" -> metrics.firstSolvedAt = readLong(json, value);
                    case "group_id" -> metrics.groupId = readLong(json, value);
                    case "group_stations" -> metrics.groupStations = json.getIntValue();
                    case "initially_assigned_at" -> metrics.initiallyAssignedAt = readLong(json, value);
                    case "instances" -> readInstances(json, value, metrics.instances);
                    case "latest_comment_added_at" -> metrics.latestCommentAddedAt = readLong(json, value);
                    case "reopens" -> metrics.reopens = json.getIntValue();
                    case "replies" -> metrics.replies = json.getIntValue();
                    case "requester_updated_at" -> metrics.requesterUpdatedAt = readLong(json, value);
                    case "sla" -> metrics.sla = readApplied(json, value);
                    case "solved_at" -> metrics.solvedAt = readLong(json, value);
                    case "status_updated_at" -> metrics.statusUpdatedAt = readLong(json, value);
                    case "statuses" -> metrics.statuses = readTimeline(json, value);
                    case "updated_at" -> metrics.updatedAt = readLong(json, value);
                    default -> json.skipChildren();
                }
            }
        }
        return metrics;
    }

    private static void write(JsonGenerator json, TicketMetrics.Instance instance) {
        json.writeStartObject();
        json.writeNumberProperty("n", instance.n());
        json.writeNumberProperty("start", instance.start());
        json.writeName("end");
        writeNullable(json, instance.end());
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, TicketMetrics.Applied applied) {
        json.writeStartObject();
        json.writeNumberProperty("policy_id", applied.policyId());
        json.writeStringProperty("title", applied.title());
        json.writeStringProperty("description", applied.description());
        json.writeStringProperty("priority", applied.priority());
        json.writeArrayPropertyStart("targets");
        for (TicketMetrics.Target target : applied.targets()) {
            json.writeStartObject();
            json.writeStringProperty("metric", target.metric().name());
            json.writeNumberProperty("seconds", target.seconds());
            json.writeBooleanProperty("business_hours", target.businessHours());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, StatusTimeline statuses) {
        json.writeStartObject();
        writeMap(json, "folded_business", statuses.foldedBusiness, TicketStatus::value);
        writeMap(json, "folded_calendar", statuses.foldedCalendar, TicketStatus::value);
        writeIfPresent(json, "folded_until", statuses.foldedUntil);
        json.writeArrayPropertyStart("segments");
        for (StatusTimeline.Segment segment : statuses.segments) {
            json.writeStartObject();
            json.writeStringProperty("status", segment.status().value());
            json.writeNumberProperty("since", segment.since());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** A member of a class that leaves out its nulls ({@code @JsonInclude(NON_NULL)}). */
    private static void writeIfPresent(JsonGenerator json, String name, Long value) {
        if (value != null) {
            json.writeNumberProperty(name, value.longValue());
        }
    }

    /** A record's component or a map's value: null is written. */
    private static void writeNullable(JsonGenerator json, Long value) {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.longValue());
        }
    }

    private static <K> void writeMap(JsonGenerator json, String name, Map<K, Long> map, Function<K, String> key) {
        json.writeObjectPropertyStart(name);
        for (Map.Entry<K, Long> entry : map.entrySet()) {
            json.writeName(key.apply(entry.getKey()));
            writeNullable(json, entry.getValue());
        }
        json.writeEndObject();
    }

    private static TicketMetrics.Instance readInstance(JsonParser json, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, token, JsonToken.START_OBJECT);
        int n = 0;
        long start = 0;
        Long end = null;
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "n" -> n = json.getIntValue();
                case "start" -> start = json.getLongValue();
                case "end" -> end = readLong(json, value);
                default -> json.skipChildren();
            }
        }
        return new TicketMetrics.Instance(n, start, end);
    }

    private static void readInstances(
            JsonParser json, JsonToken token, Map<MetricFamily, TicketMetrics.Instance> instances) {
        expect(json, token, JsonToken.START_OBJECT);
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            instances.put(MetricFamily.valueOf(name), readInstance(json, json.nextToken()));
        }
    }

    private static TicketMetrics.Applied readApplied(JsonParser json, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, token, JsonToken.START_OBJECT);
        long policyId = 0;
        String title = null;
        String description = null;
        String priority = null;
        List<TicketMetrics.Target> targets = new ArrayList<>();
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "policy_id" -> policyId = json.getLongValue();
                case "title" -> title = readString(json, value);
                case "description" -> description = readString(json, value);
                case "priority" -> priority = readString(json, value);
                case "targets" -> {
                    expect(json, value, JsonToken.START_ARRAY);
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        targets.add(readTarget(json));
                    }
                }
                default -> json.skipChildren();
            }
        }
        return new TicketMetrics.Applied(policyId, title, description, priority, targets);
    }

    private static TicketMetrics.Target readTarget(JsonParser json) {
        expect(json, json.currentToken(), JsonToken.START_OBJECT);
        SlaTarget metric = null;
        long seconds = 0;
        boolean businessHours = false;
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "metric" -> metric = value == JsonToken.VALUE_NULL ? null : SlaTarget.valueOf(json.getString());
                case "seconds" -> seconds = json.getLongValue();
                case "business_hours" -> businessHours = json.getBooleanValue();
                default -> json.skipChildren();
            }
        }
        return new TicketMetrics.Target(metric, seconds, businessHours);
    }

    private static StatusTimeline readTimeline(JsonParser json, JsonToken token) {
        expect(json, token, JsonToken.START_OBJECT);
        StatusTimeline statuses = new StatusTimeline();
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "folded_business" -> readMap(json, value, statuses.foldedBusiness, TicketStatus::of);
                case "folded_calendar" -> readMap(json, value, statuses.foldedCalendar, TicketStatus::of);
                case "folded_until" -> statuses.foldedUntil = readLong(json, value);
                case "segments" -> {
                    expect(json, value, JsonToken.START_ARRAY);
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        statuses.segments.add(readSegment(json));
                    }
                }
                default -> json.skipChildren();
            }
        }
        return statuses;
    }

    private static StatusTimeline.Segment readSegment(JsonParser json) {
        expect(json, json.currentToken(), JsonToken.START_OBJECT);
        TicketStatus status = null;
        long since = 0;
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "status" -> status = value == JsonToken.VALUE_NULL ? null : TicketStatus.of(json.getString());
                case "since" -> since = json.getLongValue();
                default -> json.skipChildren();
            }
        }
        return new StatusTimeline.Segment(status, since);
    }

    private static <K> void readMap(JsonParser json, JsonToken token, Map<K, Long> map, Function<String, K> key) {
        expect(json, token, JsonToken.START_OBJECT);
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            map.put(key.apply(name), readLong(json, json.nextToken()));
        }
    }

    private static List<String> readStrings(JsonParser json, JsonToken token) {
        expect(json, token, JsonToken.START_ARRAY);
        List<String> strings = new ArrayList<>();
        for (JsonToken value = json.nextToken(); value != JsonToken.END_ARRAY; value = json.nextToken()) {
            strings.add(readString(json, value));
        }
        return strings;
    }

    private static Long readLong(JsonParser json, JsonToken token) {
        return token == JsonToken.VALUE_NULL ? null : json.getLongValue();
    }

    private static String readString(JsonParser json, JsonToken token) {
        return token == JsonToken.VALUE_NULL ? null : json.getString();
    }

    private static void expect(JsonParser json, JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new IllegalStateException(
                    "ticket metrics: expected " + expected + ", found " + token + " at " + json.currentLocation());
        }
    }
}
