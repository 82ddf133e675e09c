package io.sidedesk.metric;

import java.util.Arrays;

/**
 * What an SLA policy's metric targets: one metric's instances, as the policy names it. First reply time is reply
 * time's first instance, next reply time every later one.
 */
enum SlaTarget {
    FIRST_REPLY_TIME("first_reply_time", MetricFamily.REPLY_TIME),
    NEXT_REPLY_TIME("next_reply_time", MetricFamily.REPLY_TIME),
    PERIODIC_UPDATE_TIME("periodic_update_time", MetricFamily.PERIODIC_UPDATE_TIME),
    PAUSABLE_UPDATE_TIME("pausable_update_time", MetricFamily.PAUSABLE_UPDATE_TIME),
    REQUESTER_WAIT_TIME("requester_wait_time", MetricFamily.REQUESTER_WAIT_TIME),
    AGENT_WORK_TIME("agent_work_time", MetricFamily.AGENT_WORK_TIME),
    TOTAL_RESOLUTION_TIME("total_resolution_time", MetricFamily.RESOLUTION_TIME);

    private final String wire;
    private final MetricFamily family;

    SlaTarget(String wire, MetricFamily family) {
        this.wire = wire;
        this.family = family;
    }

    String wire() {
        return wire;
    }

    MetricFamily family() {
        return family;
    }

    /** Whether the policy's target holds for this instance of its metric. */
    boolean covers(int instance) {
        return this == FIRST_REPLY_TIME ? instance == 1 : this != NEXT_REPLY_TIME || instance >= 2;
    }

    static SlaTarget of(String wire) {
        return Arrays.stream(values())
                .filter(target -> target.wire.equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SLA metric " + wire));
    }
}
