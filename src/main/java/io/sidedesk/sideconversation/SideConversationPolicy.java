package io.sidedesk.sideconversation;

import java.util.Optional;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.GroupPolicy;
import io.sidedesk.directory.GroupPolicy.Standing;
import io.sidedesk.directory.People;
import io.sidedesk.web.ActionForbidden;
import io.sidedesk.web.RecordInvalid;

/**
 * Who may do what with side conversations, and whom a message may address: one method per rule, on plain facts
 * (the caller, an account switch, where the sender stands with a group, the addressed agent as the directory
 * has them). The services gather the facts and call these; a refusal is the 403 or 422 the API answers.
 */
public final class SideConversationPolicy {

    private SideConversationPolicy() {}

    // ---- reading, sending, changing, exporting --------------------------------------------------------------

    /** Side conversations are for agents and admins (light agents included); end-users never see them. */
    static boolean mayRead(Actor actor) {
        return actor.isStaff();
    }

    static void requireReader(Actor actor) {
        if (!mayRead(actor)) {
            throw new ActionForbidden("Side conversations are for agents and admins");
        }
    }

    /**
     * R3, R4: sending (create, reply) and changing (state, subject) need a role that may create side
     * conversations and comment publicly, and never a light agent's.
     */
    static boolean maySend(Actor actor) {
        return actor.isStaff()
                && !actor.isLightAgent()
                && actor.permissions().sideConversations()
                && actor.permissions().publicComments();
    }

    /** R3, R4; who is not staff at all was refused by {@link #requireReader} first. */
    static void requireSender(Actor actor) {
        if (actor.isLightAgent()) {
            throw new ActionForbidden("Light agents cannot create, send or change side conversations");
        }
        if (!maySend(actor)) {
            throw new ActionForbidden("Your role cannot create, send or change side conversations: it needs side "
                    + "conversation and public comment permissions");
        }
    }

    /** B4: the export of every ticket's side conversation events is for admins. */
    static boolean mayExport(Actor actor) {
        return actor.isAdmin();
    }

    static void requireExporter(Actor actor) {
        if (!mayExport(actor)) {
            throw new ActionForbidden("Only admins can do this");
        }
    }

    // ---- addressing ---------------------------------------------------------------------------------------

    /** R1: while the tickets channel is off, a message may address no group or agent (create and reply). */
    public static void requireTicketsChannel(boolean ticketsChannelOn) {
        if (!ticketsChannelOn) {
            throw new ActionForbidden("Child tickets are turned off: an admin can turn on "
                    + "settings.side_conversations.tickets_channel");
        }
    }

    /** R22: a private group is known only to its members and to admins; to anyone else it does not exist. */
    static boolean knowsGroup(Actor sender, Standing standing) {
        return GroupPolicy.visibility(sender).includes(standing);
    }

    /**
     * R2: a side conversation may address the groups its sender may assign tickets to ({@link GroupPolicy}):
     * admins every group; agents a group they belong to, or a public one if their role may assign tickets to any
     * group; light agents (R3) and end-users none.
     */
    static boolean mayAddressGroup(Actor sender, Standing standing) {
        return GroupPolicy.assignment(sender).includes(standing);
    }

    /**
     * R2, R22: the addressed group must exist ({@code standing} empty when there is no live group of that id), be
     * known to the sender and be one they may address; otherwise a 422 naming the participant's
     * {@code support_group_id}. A private group the sender may not know of is answered exactly as a missing one.
     */
    public static void checkGroup(Actor sender, Optional<Standing> standing, String participant) {
        if (standing.isEmpty() || !knowsGroup(sender, standing.get())) {
            throw RecordInvalid.field(participant + ".support_group_id", "is not an existing group");
        }
        if (!mayAddressGroup(sender, standing.get())) {
            throw RecordInvalid.field(
                    participant + ".support_group_id", "is not a group you may assign child tickets to");
        }
    }

    /** R2, R3: who may be assigned child tickets at all: active, assignable staff (never a light agent). */
    static boolean mayHoldChildTickets(People.Person agent) {
        return agent.isStaff() && agent.assignable();
    }

    /** R2, R20: who may hold a child ticket of the group: an agent who may hold child tickets, and a member. */
    public static boolean mayHoldChildTicketOf(People.Person agent, long groupId) {
        return mayHoldChildTickets(agent) && agent.groupIds().contains(groupId);
    }

    /**
     * R2: the addressed agent ({@code agent}, empty when no such user exists) must be able to hold a child ticket
     * of the group; otherwise a 422 naming the participant's {@code support_agent_id}. Returns the agent, whose
     * membership the caller then holds until commit.
     */
    public static People.Person checkAgent(Optional<People.Person> agent, long groupId, String participant) {
        People.Person found = agent.orElseThrow(
                () -> RecordInvalid.field(participant + ".support_agent_id", "is not an existing user"));
        if (!mayHoldChildTickets(found)) {
            throw RecordInvalid.field(
                    participant + ".support_agent_id",
                    "cannot be assigned child tickets (light agents, end-users and inactive users cannot)");
        }
        if (!mayHoldChildTicketOf(found, groupId)) {
            throw notInGroup(participant);
        }
        return found;
    }

    /** R2: the addressed agent is not (or, a moment later, no longer) a member of the addressed group. */
    public static RecordInvalid notInGroup(String participant) {
        return RecordInvalid.field(participant + ".support_agent_id", "is not a member of the addressed group");
    }
}
