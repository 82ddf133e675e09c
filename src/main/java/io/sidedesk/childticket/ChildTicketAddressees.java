package io.sidedesk.childticket;

import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.Groups;
import io.sidedesk.directory.People;
import io.sidedesk.sideconversation.SideConversationPolicy;
import io.sidedesk.web.RecordInvalid;

/**
 * R2: whether a sender may address a group, or an agent in it. Reads the facts the policy decides on, and holds
 * them until commit ({@code FOR SHARE} on the group and on the agent's membership): a concurrent directory change
 * then waits for the write, and finds the child ticket it made.
 */
@Component
class ChildTicketAddressees {

    private final Groups groups;
    private final People people;

    ChildTicketAddressees(Groups groups, People people) {
        this.groups = groups;
        this.people = people;
    }

    /** A 422 naming {@code participant}'s {@code support_group_id} or {@code support_agent_id} if not. */
    void check(Actor sender, long groupId, Long agentId, String participant) {
        // Read now, in the write's transaction, as ticket assignment does; then held until commit.
        SideConversationPolicy.checkGroup(sender, groups.standingOf(sender.userId(), groupId), participant);
        if (!people.holdGroup(groupId)) {
            throw RecordInvalid.field(participant + ".support_group_id", "is not an existing group");
        }
        if (agentId != null) {
            People.Person agent = SideConversationPolicy.checkAgent(people.person(agentId), groupId, participant);
            if (!people.holdMembership(agent.id(), groupId)) {
                throw SideConversationPolicy.notInGroup(participant);
            }
        }
    }
}
