package io.sidedesk.routing;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.sidedesk.condition.Condition;

/** {@code {"queue": {...}}} for create and update; on update only the members sent change. */
record QueueRequest(@Valid @NotNull(message = "is required") Fields queue) {

    record Fields(
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            String name,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String description,

            @Min(value = 1, message = "must be from 1 (highest) to 10")
            @Max(value = 10, message = "must be from 1 (highest) to 10")
            Integer priority,

            @Valid Definition definition,

            @Size(max = RoutingQueue.MAX_GROUPS, message = "names at most " + RoutingQueue.MAX_GROUPS + " groups")
            List<@NotNull(message = "cannot contain null") Long> primaryGroups,

            @Size(max = RoutingQueue.MAX_GROUPS, message = "names at most " + RoutingQueue.MAX_GROUPS + " groups")
            List<@NotNull(message = "cannot contain null") Long> secondaryGroups) {}

    /** The conditions a ticket meets to be in the queue, as a view's; a list not sent is empty. */
    record Definition(List<Condition> all, List<Condition> any) {}

    /** {@code {"queue_ids": [...]}}: every queue, in the order wanted. */
    record Order(@NotNull(message = "is required") List<@NotNull(message = "cannot contain null") String> queueIds) {}
}
