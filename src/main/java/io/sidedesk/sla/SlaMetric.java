package io.sidedesk.sla;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a policy's targets measure, in Zendesk's spelling ({@link #wire()}). */
public enum SlaMetric {
    FIRST_REPLY_TIME("first_reply_time"),
    NEXT_REPLY_TIME("next_reply_time"),
    PERIODIC_UPDATE_TIME("periodic_update_time"),
    PAUSABLE_UPDATE_TIME("pausable_update_time"),
    REQUESTER_WAIT_TIME("requester_wait_time"),
    AGENT_WORK_TIME("agent_work_time"),
    TOTAL_RESOLUTION_TIME("total_resolution_time");

    private final String wire;

    SlaMetric(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The metric of this spelling, or null. */
    @JsonCreator
    public static SlaMetric of(String wire) {
        return Arrays.stream(values())
                .filter(metric -> metric.wire.equals(wire))
                .findFirst()
                .orElse(null);
    }
}
