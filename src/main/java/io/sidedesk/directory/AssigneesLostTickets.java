package io.sidedesk.directory;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.sidedesk.access.Actor;

/**
 * People may no longer hold some of their tickets: they were deactivated, became end-users or light agents
 * (all their tickets), or left a group (that group's tickets). Published in the directory write's transaction;
 * the ticket feature unassigns their unsolved tickets there (each keeps its group and gets an audit naming the
 * reason) and adds how many to {@code unassigned}, which the directory's response reports.
 *
 * @param actor      who made the directory change
 * @param userIds    the people concerned
 * @param groupId    only tickets of this group (a membership ended), or null for all their tickets
 * @param reason     why, as the audits name it
 * @param unassigned how many tickets the listeners unassigned
 */
public record AssigneesLostTickets(
        Actor actor, Set<Long> userIds, Long groupId, Reason reason, AtomicInteger unassigned) {

    AssigneesLostTickets(Actor actor, Set<Long> userIds, Long groupId, Reason reason) {
        this(actor, Set.copyOf(userIds), groupId, reason, new AtomicInteger());
    }

    /** Why a ticket lost its assignee (or its group), as its audit says. */
    public enum Reason {
        USER_DEACTIVATED("user_deactivated", "the assignee was deactivated"),
        USER_BECAME_END_USER("user_became_end_user", "the assignee became an end-user"),
        USER_BECAME_LIGHT_AGENT("user_became_light_agent", "the assignee's role became a light agent role"),
        USER_LEFT_GROUP("user_left_group", "the assignee left the ticket's group"),
        GROUP_DELETED("group_deleted", "the ticket's group was deleted");

        private final String value;
        private final String description;

        Reason(String value, String description) {
            this.value = value;
            this.description = description;
        }

        public String value() {
            return value;
        }

        public String description() {
            return description;
        }
    }
}
