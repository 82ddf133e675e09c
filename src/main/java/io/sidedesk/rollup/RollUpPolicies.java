package io.sidedesk.rollup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.notification.Notifications;
import io.sidedesk.settings.Settings;
import io.sidedesk.settings.SideConversationSettings;
import io.sidedesk.sideconversation.SideConversation;
import io.sidedesk.sideconversation.SideConversations;
import io.sidedesk.ticket.AuditEvent;
import io.sidedesk.ticket.ChildLinks;
import io.sidedesk.ticket.Correlation;
import io.sidedesk.ticket.RollUpWrites;
import io.sidedesk.ticket.Ticket;
import io.sidedesk.ticket.TicketStatus;
import io.sidedesk.ticket.TicketUpdated;
import io.sidedesk.ticket.Tickets;
import io.sidedesk.web.RecordInvalid;

/**
 * The roll-up policies (B1), each off until the account turns it on, acting synchronously in the write that sets
 * them off, so that the write and what they do commit together or not at all. They follow people's writes only: a
 * change a policy makes sets off no other policy (one level, never a chain). Broken links (R13) take no part.
 *
 * <p>Locks keep the mirror's order, side conversations before tickets: a parent's write that may solve it locked its
 * children's side conversations before its own row ({@link ChildLinks#lockChildLinksOf}); a child's write holds its
 * side conversation and row, then takes its parent's row.
 */
@Component
class RollUpPolicies {

    static final String REQUIRE = "parent_solve_requires_children_solved";
    static final String SOLVE = "solve_children_with_parent";
    static final String REOPEN = "reopen_parent_when_child_reopens";
    static final String NOTIFY = "notify_parent_assignee_when_children_done";

    /** At most this many children are named by id in a refusal; the rest are a count. */
    static final int NAMED = 25;

    private final Settings settings;
    private final LinkedChildren children;
    private final RollUpWrites writes;
    private final Tickets tickets;
    private final SideConversations sideConversations;
    private final Notifications notifications;

    RollUpPolicies(
            Settings settings,
            LinkedChildren children,
            RollUpWrites writes,
            Tickets tickets,
            SideConversations sideConversations,
            Notifications notifications) {
        this.settings = settings;
        this.children = children;
        this.writes = writes;
        this.tickets = tickets;
        this.sideConversations = sideConversations;
        this.notifications = notifications;
    }

    @EventListener
    void updated(TicketUpdated updated) {
        if (updated.byPolicy()) {
            return;
        }
        Ticket ticket = updated.ticket();
        boolean wasUnsolved = RollUpWrites.unsolved(updated.previousStatus());
        boolean isUnsolved = RollUpWrites.unsolved(ticket.getStatus());
        boolean done = wasUnsolved && !isUnsolved;
        boolean reopened = updated.previousStatus() == TicketStatus.SOLVED && isUnsolved;
        boolean child = updated.sideConversationId() != null;
        if (!done && !(child && reopened)) {
            return; // no status a policy follows changed: no statement
        }
        SideConversationSettings account = settings.sideConversations();
        if (!account.anyRollUp()) {
            return;
        }
        if (done && (account.parentSolveRequiresChildrenSolved() || account.solveChildrenWithParent())) {
            asParent(updated, account);
        }
        if (child) {
            SideConversation conversation = sideConversations.locked(updated.sideConversationId());
            if (conversation.isLinkedTo(ticket.getExternalId())) {
                if (reopened && account.reopenParentWhenChildReopens()) {
                    reopenParent(updated, conversation.getTicketId());
                }
                if (done && account.notifyParentAssigneeWhenChildrenDone()) {
                    notifyParentAssignee(updated, conversation.getTicketId());
                }
            }
        }
    }

    /** The parent was solved: refused while a child is unsolved, or its unsolved children solved with it. */
    private void asParent(TicketUpdated updated, SideConversationSettings account) {
        long parentId = updated.ticket().getId();
        List<LinkedChildren.Child> unsolved = children.of(parentId).stream()
                .filter(LinkedChildren.Child::unsolved)
                .toList();
        if (unsolved.isEmpty()) {
            return;
        }
        Actor actor = updated.actor();
        Map<Long, Tickets.Summary> seen = tickets.summaries(
                actor, unsolved.stream().map(LinkedChildren.Child::id).toList());
        List<Long> visible = unsolved.stream()
                .map(LinkedChildren.Child::id)
                .filter(id -> seen.containsKey(id) && seen.get(id).visible())
                .toList();
        if (account.parentSolveRequiresChildrenSolved()) {
            throw RecordInvalid.field("status", refusal(visible, unsolved.size() - visible.size()));
        }
        // The write locked the children's side conversations before the parent's row (TicketWrites, with this policy
        // on): solving them now keeps the lock order.
        String via = writes.viaSource(parentId);
        int solved = 0;
        int solvedWithoutAccess = 0;
        for (LinkedChildren.Child child : unsolved) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("policy", SOLVE);
            members.put("parent_ticket_id", parentId);
            boolean done = writes.solveForPolicy(
                    actor,
                    child.id(),
                    child.sideConversationId(),
                    via,
                    AuditEvent.of("RollUp", members),
                    "Solved because its parent ticket #" + parentId + " was solved.");
            if (done) {
                solved++;
                if (!visible.contains(child.id())) {
                    solvedWithoutAccess++;
                }
            }
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("policy", SOLVE);
        members.put("solved", solved);
        members.put("solved_without_access", solvedWithoutAccess);
        members.put("not_solved", unsolved.size() - solved);
        writes.recordForPolicy(actor, parentId, via, List.of(AuditEvent.of("RollUp", members)));
    }

    /** {@code #41, #42 and 1 you cannot see}: the children the caller may see by id, a count for the rest. */
    static String refusal(List<Long> visible, int hidden) {
        List<String> parts = new ArrayList<>(
                visible.stream().limit(NAMED).map(id -> "#" + id).collect(Collectors.toList()));
        int more = Math.max(0, visible.size() - NAMED);
        List<String> rest = new ArrayList<>();
        if (more > 0) {
            rest.add(more + " more");
        }
        if (hidden > 0) {
            rest.add(hidden + " you cannot see");
        }
        String named = String.join(", ", parts);
        String others = String.join(" and ", rest);
        String list = named.isEmpty() ? others : others.isEmpty() ? named : named + " and " + others;
        return "the ticket has child tickets that are not solved: " + list + "; solve them first";
    }

    /** A linked child reopened: its solved parent reopens (a closed one stays closed, as R19), recorded on both. */
    private void reopenParent(TicketUpdated updated, long parentId) {
        Actor actor = updated.actor();
        long childId = updated.ticket().getId();
        Map<String, Object> onParent = new LinkedHashMap<>();
        onParent.put("policy", REOPEN);
        onParent.put("child_ticket_id", childId);
        if (writes.reopenForPolicy(actor, parentId, writes.viaSource(childId), AuditEvent.of("RollUp", onParent))) {
            Map<String, Object> onChild = new LinkedHashMap<>();
            onChild.put("policy", REOPEN);
            onChild.put("parent_ticket_id", parentId);
            writes.recordForPolicy(
                    actor, childId, writes.viaSource(childId), List.of(AuditEvent.of("RollUp", onChild)));
        }
    }

    /**
     * A linked child is done: if every linked child of its parent now is, the parent's assignee is told once. The
     * parent's row is locked first, so two children solved at once count each other: exactly one of them tells.
     */
    private void notifyParentAssignee(TicketUpdated updated, long parentId) {
        Optional<Ticket> locked = tickets.lockForMirror(parentId);
        if (locked.isEmpty()) {
            return;
        }
        Ticket parent = locked.get();
        Long assignee = parent.getAssigneeId();
        Actor actor = updated.actor();
        if (assignee == null || assignee == actor.userId() || !RollUpWrites.unsolved(parent.getStatus())) {
            return;
        }
        long childId = updated.ticket().getId();
        List<LinkedChildren.Child> linked = children.of(parentId);
        // This child's own row is not flushed yet: its status is the one it has now, done.
        if (linked.stream().anyMatch(other -> other.id() != childId && other.unsolved())) {
            return;
        }
        Actor reader = tickets.readersAmong(parent, List.of(assignee)).get(assignee);
        if (reader == null || reader.email() == null) {
            return;
        }
        String subject = "All child tickets of #" + parentId + " are solved";
        // No count: the assignee may not see every child (R17), and a count across groups is not theirs to read.
        String text = "All child tickets of ticket #" + parentId + " (" + parent.getSubject()
                + ") are solved or closed: the ticket can be solved.";
        notifications.enqueue(List.of(new Notifications.Email(
                Correlation.current(),
                parentId,
                assignee,
                reader.email(),
                reader.name(),
                subject,
                text,
                null,
                null,
                null)));
    }
}
