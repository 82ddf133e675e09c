package io.sidedesk.ticket;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.directory.People.Person;
import io.sidedesk.web.Patch;
import io.sidedesk.web.RecordInvalid;

/**
 * A ticket's group and assignee (R17, R21). An assignee must be an assignable agent in the ticket's group; named
 * without a group, the ticket goes to the agent's default (or only) group. The group must be one the caller may
 * assign to. The assignee's membership is held until commit, so that a concurrent directory change finds the
 * ticket and unassigns it.
 */
@Component
class TicketAssignment {

    private final People people;
    private final Groups groups;

    TicketAssignment(People people, Groups groups) {
        this.people = people;
        this.groups = groups;
    }

    void assign(Actor actor, Ticket ticket, Patch<Long> groupSent, Patch<Long> assigneeSent) {
        if (!groupSent.changes(ticket.getGroupId()) && !assigneeSent.changes(ticket.getAssigneeId())) {
            return; // sent back as read (clients send whole tickets back): nothing to check, nothing changes
        }
        Long group = groupSent.orElse(ticket.getGroupId());
        Long assignee = assigneeSent.orElse(ticket.getAssigneeId());
        if (assigneeSent.isSent() && assignee != null) {
            group = groupOfAssignee(assignee, group, groupSent.isSent());
        } else if (!assigneeSent.isSent() && assignee != null) {
            // The group changed without a new assignee: the previous one stays only if they belong to the new group.
            Long newGroup = group;
            assignee = newGroup == null
                    ? null
                    : people.person(assignee)
                            .filter(p -> p.groupIds().contains(newGroup))
                            .map(Person::id)
                            .orElse(null);
        }
        if (group != null && !group.equals(ticket.getGroupId())) {
            checkGroup(actor, group);
        }
        if (assignee != null && (!assignee.equals(ticket.getAssigneeId()) || !group.equals(ticket.getGroupId()))) {
            hold(assignee, group);
        }
        ticket.assign(group, assignee);
    }

    /** The group a newly named assignee takes the ticket into: the one sent, the ticket's, or the agent's own. */
    private Long groupOfAssignee(long assignee, Long group, boolean groupSent) {
        Person agent = people.person(assignee)
                .orElseThrow(() -> RecordInvalid.field("assignee_id", "is not an existing user"));
        if (!agent.isStaff() || !agent.assignable()) {
            throw RecordInvalid.field(
                    "assignee_id", "must be an active agent who can be assigned tickets (light agents cannot)");
        }
        if (!groupSent && (group == null || !agent.groupIds().contains(group))) {
            group = agent.defaultGroupId() != null
                    ? agent.defaultGroupId()
                    : agent.groupIds().size() == 1 ? agent.groupIds().iterator().next() : null;
            if (group == null) {
                throw RecordInvalid.field("assignee_id", "belongs to no default group: name a group_id");
            }
        }
        if (group == null || !agent.groupIds().contains(group)) {
            throw RecordInvalid.field("assignee_id", "is not a member of the ticket's group");
        }
        return group;
    }

    private void checkGroup(Actor actor, long group) {
        if (!groups.canSee(actor, group)) {
            // A private group the caller is not in is answered like a missing one: its existence is hidden.
            throw RecordInvalid.field("group_id", "is not an existing group");
        }
        if (!groups.mayAssignTo(actor, group)) {
            throw RecordInvalid.field("group_id", "is not a group you may assign tickets to");
        }
        if (!people.holdGroup(group)) {
            throw RecordInvalid.field("group_id", "is not an existing group");
        }
    }

    /** The assignee's membership, held until commit so that a concurrent directory change finds the ticket. */
    private void hold(long assignee, long group) {
        if (!people.holdMembership(assignee, group)) {
            throw RecordInvalid.field("assignee_id", "is not an active member of the ticket's group");
        }
    }
}
