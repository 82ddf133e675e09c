package io.sidedesk.routing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A custom routing queue (R21): the tickets that meet its conditions (a view's language) go to the agents of its
 * primary groups, and to those of its secondary groups when no primary one can take them. Queues are matched in
 * order; the first that a ticket meets is its queue; a ticket that meets none is in the standard queue (its own
 * group's agents).
 */
@Entity
@Table(name = "routing_queues")
class RoutingQueue {

    static final int MAX_QUEUES = 100;
    static final int MAX_GROUPS = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private String description;
    private int position;
    private int priority;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String conditions;

    private Long[] primaryGroupIds;
    private Long[] secondaryGroupIds;
    private Instant createdAt;
    private Instant updatedAt;

    protected RoutingQueue() {}

    RoutingQueue(String name, int position) {
        this.name = name;
        this.position = position;
        this.priority = 1;
        this.conditions = "{\"all\": [], \"any\": []}";
        this.primaryGroupIds = new Long[0];
        this.secondaryGroupIds = new Long[0];
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.updatedAt = createdAt;
    }

    void change(
            String name,
            String description,
            Integer priority,
            String conditions,
            List<Long> primaryGroupIds,
            List<Long> secondaryGroupIds) {
        this.name = name != null ? name : this.name;
        this.description = description != null ? description : this.description;
        this.priority = priority != null ? priority : this.priority;
        this.conditions = conditions != null ? conditions : this.conditions;
        this.primaryGroupIds = primaryGroupIds != null ? primaryGroupIds.toArray(Long[]::new) : this.primaryGroupIds;
        this.secondaryGroupIds =
                secondaryGroupIds != null ? secondaryGroupIds.toArray(Long[]::new) : this.secondaryGroupIds;
        this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    void moveTo(int position) {
        this.position = position;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
    }

    int getPosition() {
        return position;
    }

    int getPriority() {
        return priority;
    }

    String getConditions() {
        return conditions;
    }

    List<Long> primaryGroupIds() {
        return Arrays.asList(primaryGroupIds);
    }

    List<Long> secondaryGroupIds() {
        return Arrays.asList(secondaryGroupIds);
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
