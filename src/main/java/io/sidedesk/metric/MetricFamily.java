package io.sidedesk.metric;

import java.util.EnumSet;
import java.util.Set;

import io.sidedesk.ticket.TicketStatus;

/**
 * What the metric events name: the measurements a ticket runs, each in numbered instances. An instance runs from
 * its activation until it is fulfilled; a pausable one counts only the time the ticket spends in its running
 * statuses. Reply time's first instance is the first reply time, its later ones next reply times.
 */
enum MetricFamily {
    REPLY_TIME("reply_time", null),
    PERIODIC_UPDATE_TIME("periodic_update_time", null),
    PAUSABLE_UPDATE_TIME("pausable_update_time", EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN)),
    AGENT_WORK_TIME("agent_work_time", EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN)),
    REQUESTER_WAIT_TIME("requester_wait_time", EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.HOLD)),
    RESOLUTION_TIME("resolution_time", null);

    private final String wire;
    private final Set<TicketStatus> running;

    MetricFamily(String wire, Set<TicketStatus> running) {
        this.wire = wire;
        this.running = running;
    }

    String wire() {
        return wire;
    }

    boolean pausable() {
        return running != null;
    }

    /** Whether an unfulfilled instance counts time while the ticket has this status. */
    boolean runsIn(TicketStatus status) {
        return running == null || running.contains(status);
    }

    static boolean resolved(TicketStatus status) {
        return status == TicketStatus.SOLVED || status == TicketStatus.CLOSED;
    }
}
