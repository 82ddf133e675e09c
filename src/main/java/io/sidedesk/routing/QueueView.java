package io.sidedesk.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;

/** A custom routing queue as the API shows it (Zendesk's shape); ids are strings. */
@Schema(name = "RoutingQueue")
record QueueView(
        String id,
        String url,
        String name,
        @MayBeNull String description,
        int order,
        int priority,

        @Schema(description = "{\"all\": [...], \"any\": [...]}: conditions as a view's")
        JsonNode definition,

        GroupList primaryGroups,
        GroupList secondaryGroups,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(name = "RoutingQueueGroups")
    record GroupList(int count, List<GroupRef> groups) {

        static GroupList of(List<Long> ids, Map<Long, String> visibleNames) {
            List<GroupRef> shown = ids.stream()
                    .filter(visibleNames::containsKey)
                    .map(id -> new GroupRef(id, visibleNames.get(id)))
                    .toList();
            return new GroupList(shown.size(), shown);
        }
    }

    @Schema(name = "RoutingQueueGroup")
    record GroupRef(long id, String name) {}

    static QueueView of(RoutingQueue queue, int order, JsonNode definition, Map<Long, String> visibleNames) {
        return new QueueView(
                String.valueOf(queue.getId()),
                ApiUrls.of("queues", queue.getId()),
                queue.getName(),
                queue.getDescription(),
                order,
                queue.getPriority(),
                definition,
                GroupList.of(queue.primaryGroupIds(), visibleNames),
                GroupList.of(queue.secondaryGroupIds(), visibleNames),
                queue.getCreatedAt(),
                queue.getUpdatedAt());
    }

    record One(QueueView queue) {}

    record Many(List<QueueView> queues) {}

    @Schema(name = "RoutingQueueDefinitions")
    record Definitions(List<io.sidedesk.condition.Definition> all, List<io.sidedesk.condition.Definition> any) {

        record One(Definitions definitions) {}
    }
}
