package io.sidedesk.settings;

import io.sidedesk.web.MayBeNull;

/**
 * The account's routing switches, as {@code settings.routing} shows them (R21).
 *
 * @param enabled                   tickets addressed to a group with no assignee are routed; off by default
 * @param assignmentMethod          how the router chooses among the agents who can take a ticket
 * @param routingTag                null: every ticket is routed; else only tickets carrying it (child tickets always)
 * @param countPendingAndOnHold     pending and on-hold routed tickets count against capacity
 * @param reassignWhenOffline       an agent offline for {@code reassignDelaySeconds} loses their open routed tickets
 * @param reassignWhenAway          the same for an agent away
 * @param reassignDelaySeconds      how long an agent may be offline (away) before that
 * @param reassignReopened          a routed ticket reopened while its assignee cannot take work is routed again
 * @param secondaryGroupWaitSeconds how long a ticket waits for its queue's primary groups before the secondary ones
 */
public record RoutingSettings(
        boolean enabled,
        AssignmentMethod assignmentMethod,
        @MayBeNull String routingTag,
        boolean countPendingAndOnHold,
        boolean reassignWhenOffline,
        boolean reassignWhenAway,
        int reassignDelaySeconds,
        boolean reassignReopened,
        int secondaryGroupWaitSeconds) {

    public static final int MAX_SECONDS = 86_400;
}
