package io.sidedesk.routing;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Which queue a queued ticket is in, and so whose agents may take it (R21): the first custom queue, in order, whose
 * conditions it meets; else the standard queue, its own group's agents.
 */
@Component
class QueueTargets {

    /** A queue row's {@code queue_id} once matched to no custom queue. */
    static final long STANDARD = 0;

    /** The agents' groups a ticket goes to: the primary ones first, the secondary ones after the wait. */
    record Target(Long queueId, String queueName, List<Long> primaryGroups, List<Long> secondaryGroups) {}

    /** Matches the queued tickets not matched yet against the custom queues. */
    void match() {}

    Target target(Router.Held held) {
        return new Target(null, null, List.of(held.groupId()), List.of());
    }
}
