package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.sidedesk.access.Actor;
import io.sidedesk.directory.AssigneesLostTickets;
import io.sidedesk.directory.AssigneesLostTickets.Reason;
import io.sidedesk.directory.GroupDeleted;
import io.sidedesk.directory.People;
import io.sidedesk.directory.People.Person;
import io.sidedesk.web.RecordInvalid;

/**
 * Tickets follow the directory: nobody holds a ticket they may no longer hold, and no unsolved ticket is left
 * in a deleted group. Runs in the directory write's transaction; each ticket changed gets an audit whose
 * {@code DirectoryChange} event names the reason. Solved and closed tickets keep their assignee and group (a
 * solved ticket needs an assignee; a closed one never changes).
 */
@Component
class DirectoryChanges {

    static final Set<TicketStatus> UNSOLVED = Set.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING,
            TicketStatus.HOLD);

    private final EntityManager entityManager;
    private final TicketHistory history;
    private final People people;

    DirectoryChanges(EntityManager entityManager, TicketHistory history, People people) {
        this.entityManager = entityManager;
        this.history = history;
        this.people = people;
    }

    @EventListener
    void assigneesLostTickets(AssigneesLostTickets change) {
        if (change.userIds().isEmpty()) {
            return;
        }
        String groupFilter = change.groupId() == null ? "" : " and t.groupId = :group";
        var query = entityManager.createQuery("select t from Ticket t where t.assigneeId in :users"
                + " and t.status in :unsolved and t.deleted = false" + groupFilter + " order by t.id", Ticket.class)
            .setParameter("users", change.userIds())
            .setParameter("unsolved", UNSOLVED)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE);
        if (change.groupId() != null) {
            query.setParameter("group", change.groupId());
        }
        List<Ticket> held = query.getResultList();
        for (Ticket ticket : held) {
            Long assignee = ticket.getAssigneeId();
            ticket.assign(ticket.getGroupId(), null);
            record(change.actor(), ticket, change.reason(), "Unassigned: " + change.reason().description(),
                    Map.of("user_id", assignee));
        }
        change.unassigned().addAndGet(held.size());
    }

    @EventListener
    void groupDeleted(GroupDeleted deletion) {
        List<Ticket> unsolved = entityManager.createQuery("select t from Ticket t where t.groupId = :group"
                + " and t.status in :unsolved and t.deleted = false order by t.id", Ticket.class)
            .setParameter("group", deletion.groupId())
            .setParameter("unsolved", UNSOLVED)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
        if (unsolved.isEmpty()) {
            return;
        }
        if (deletion.moveToGroup() == null) {
            throw RecordInvalid.field("move_to_group_id", "is required: the group has " + unsolved.size()
                    + " unsolved " + (unsolved.size() == 1 ? "ticket" : "tickets")
                    + "; name a group to move them to, or solve or move them first");
        }
        long target = deletion.moveToGroup();
        Map<Long, Person> assignees = people.people(unsolved.stream().map(Ticket::getAssigneeId)
            .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        int unassigned = 0;
        for (Ticket ticket : unsolved) {
            Long assignee = ticket.getAssigneeId();
            Person person = assignee == null ? null : assignees.get(assignee);
            boolean keeps = person != null && person.assignable() && person.groupIds().contains(target);
            if (assignee != null && !keeps) {
                unassigned++;
            }
            ticket.assign(target, keeps ? assignee : null);
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("group_id", deletion.groupId());
            if (assignee != null && !keeps) {
                subject.put("user_id", assignee);
            }
            record(deletion.actor(), ticket, Reason.GROUP_DELETED, "Moved to group " + target + ": "
                    + Reason.GROUP_DELETED.description() + (assignee != null && !keeps
                            ? "; unassigned: the assignee is not a member of the new group" : ""), subject);
        }
        deletion.moved().addAndGet(unsolved.size());
        deletion.unassigned().addAndGet(unassigned);
    }

    private void record(Actor actor, Ticket ticket, Reason reason, String body, Map<String, Object> subject) {
        List<AuditEvent> events = new ArrayList<>(ticket.takeEvents());
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("reason", reason.value());
        members.putAll(subject);
        members.put("body", body);
        events.add(AuditEvent.of("DirectoryChange", members));
        ticket.touch();
        history.record(ticket.getId(), actor.userId(), Tickets.API, events);
    }
}
