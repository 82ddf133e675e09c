package io.sidedesk.directory;

import java.util.concurrent.atomic.AtomicInteger;

import io.sidedesk.access.Actor;

/**
 * A group was deleted (its row marked and its memberships removed), in the deleting transaction, which has not
 * committed. The ticket feature vetoes the deletion (a 422 that rolls it back) while the group has unsolved
 * tickets and no group to move them to is named; otherwise it moves them, unassigning those whose assignee may
 * not hold them in the new group, and counts both.
 *
 * @param actor       the admin deleting the group
 * @param groupId     the group
 * @param moveToGroup the live group its unsolved tickets move to, or null
 * @param moved       how many tickets the listeners moved
 * @param unassigned  how many of those lost their assignee
 */
public record GroupDeleted(Actor actor, long groupId, Long moveToGroup, AtomicInteger moved, AtomicInteger unassigned) {

    GroupDeleted(Actor actor, long groupId, Long moveToGroup) {
        this(actor, groupId, moveToGroup, new AtomicInteger(), new AtomicInteger());
    }
}
