package io.sidedesk.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.sidedesk.directory.AssigneesLostTickets;
import io.sidedesk.directory.AssigneesLostTickets.Reason;
import io.sidedesk.directory.GroupDeleted;
import io.sidedesk.directory.People;
import io.sidedesk.web.RecordInvalid;

/**
 * Tickets follow the directory: nobody holds a ticket they may no longer hold, and no unsolved ticket is left
 * in a deleted group. Runs in the directory write's transaction, after its own rows are written (and so locked:
 * a concurrent assignment waits on them, see {@code People.holdMembership}). Each ticket changed gets an audit
 * whose {@code DirectoryChange} event names the reason. Set-based: one statement changes every ticket and writes
 * their audits, whatever their number. Solved and closed tickets keep their assignee and group (a solved ticket
 * needs an assignee; a closed one never changes).
 */
@Component
class DirectoryChanges {

    static final Set<TicketStatus> UNSOLVED =
            Set.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.HOLD);

    private static final String UNSOLVED_SQL = "t.status in ('new', 'open', 'pending', 'hold') and not t.deleted";

    private static final String AUDIT_COLUMNS =
            "insert into ticket_audits (id, ticket_id, author_id, via_channel, correlation_id, events, created_at)";

    private static final String UNASSIGN = """
            with held as (
                select t.id, t.assignee_id from tickets t
                where t.assignee_id in (:users) and %s %s
                order by t.id for update
            ), released as (
                update tickets t set assignee_id = null, updated_at = :now, version = t.version + 1
                from held where t.id = held.id
                returning t.id, held.assignee_id as previous
            )
            %s
            select nextval('ticket_audits_id_seq'), r.id, :author, :via, :correlation, jsonb_build_array(
                jsonb_build_object('type', 'Change', 'field_name', 'assignee_id', 'previous_value', r.previous::text,
                    'value', null),
                jsonb_build_object('type', 'DirectoryChange', 'reason', :reason, 'user_id', r.previous,
                    'body', :body)), :now
            from released r
            returning id, ticket_id, events::text
            """;

    // Keepers: the assignees who may hold a ticket of the group it moves to (People.holdMembers, held until commit).
    private static final String MOVE = """
            with held as (
                select t.id, t.assignee_id, t.assignee_id in (:keepers) as keeps
                from tickets t where t.group_id = :group and %s
                order by t.id for update of t
            ), moved as (
                update tickets t set group_id = :target,
                    assignee_id = case when held.keeps then t.assignee_id end,
                    updated_at = :now, version = t.version + 1
                from held where t.id = held.id
                returning t.id, held.assignee_id as previous, held.keeps
            ), audits as (
                %s
                select nextval('ticket_audits_id_seq'), m.id, :author, :via, :correlation,
                    jsonb_build_array(jsonb_build_object('type', 'Change', 'field_name', 'group_id',
                        'previous_value', cast(:group as text), 'value', cast(:target as text)))
                    || case when m.previous is not null and not m.keeps then jsonb_build_array(jsonb_build_object(
                        'type', 'Change', 'field_name', 'assignee_id', 'previous_value', m.previous::text,
                        'value', null)) else '[]'::jsonb end
                    || jsonb_build_array(jsonb_build_object('type', 'DirectoryChange', 'reason', :reason,
                        'group_id', :group, 'user_id', case when not m.keeps then m.previous end,
                        'body', case when m.previous is not null and not m.keeps then :unassignedBody else :body end)),
                    :now
                from moved m
                returning id, ticket_id, events
            )
            select a.id, a.ticket_id, a.events::text,
                   (select count(*) from moved) as moved,
                   (select count(*) from moved where previous is not null and not keeps) as unassigned
            from audits a
            """;

    private final EntityManager entityManager;
    private final JdbcClient jdbc;
    private final People people;
    private final ObjectProvider<AuditFollowers> followers;
    private final JsonMapper json;

    DirectoryChanges(
            EntityManager entityManager,
            JdbcClient jdbc,
            People people,
            ObjectProvider<AuditFollowers> followers,
            JsonMapper json) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.people = people;
        this.followers = followers;
        this.json = json;
    }

    /** An audit written here, as SQL returned it. */
    private record Written(long auditId, long ticketId, String events) {}

    @EventListener
    void assigneesLostTickets(AssigneesLostTickets change) {
        if (change.userIds().isEmpty()) {
            return;
        }
        // The directory's own changes first (their row locks are what concurrent assignments wait on).
        entityManager.flush();
        String inGroup = change.groupId() == null ? "" : "and t.group_id = :group";
        var statement = jdbc.sql(UNASSIGN.formatted(UNSOLVED_SQL, inGroup, AUDIT_COLUMNS))
                .param("users", change.userIds())
                .param("reason", change.reason().value())
                .param("body", "Unassigned: " + change.reason().description());
        if (change.groupId() != null) {
            statement = statement.param("group", change.groupId());
        }
        Instant now = now();
        List<Written> written = audited(statement, change.actor().userId(), now)
                .query((row, number) -> new Written(row.getLong(1), row.getLong(2), row.getString(3)))
                .list();
        change.unassigned().addAndGet(written.size());
        tellFollowers(written, change.actor().userId(), now);
    }

    @EventListener
    void groupDeleted(GroupDeleted deletion) {
        entityManager.flush();
        long unsolved = jdbc.sql("select count(*) from tickets t where t.group_id = :group and " + UNSOLVED_SQL)
                .param("group", deletion.groupId())
                .query(Long.class)
                .single();
        if (unsolved == 0) {
            return;
        }
        if (deletion.moveToGroup() == null) {
            throw RecordInvalid.field(
                    "move_to_group_id",
                    "is required: the group has " + unsolved
                            + " unsolved " + (unsolved == 1 ? "ticket" : "tickets")
                            + "; name a group to move them to, or solve or move them first");
        }
        List<Long> assignees = jdbc.sql("select distinct t.assignee_id from tickets t where t.group_id = :group and "
                        + UNSOLVED_SQL + " and t.assignee_id is not null")
                .param("group", deletion.groupId())
                .query(Long.class)
                .list();
        Set<Long> keepers = people.holdMembers(assignees, deletion.moveToGroup());
        String moved = "Moved to group " + deletion.moveToGroup() + ": " + Reason.GROUP_DELETED.description();
        Instant now = now();
        List<Map<String, Object>> rows = audited(
                        jdbc.sql(MOVE.formatted(UNSOLVED_SQL, AUDIT_COLUMNS))
                                .param("group", deletion.groupId())
                                .param("target", deletion.moveToGroup())
                                // Never an empty list (no valid SQL); no user has id 0.
                                .param("keepers", keepers.isEmpty() ? List.of(0L) : keepers)
                                .param("reason", Reason.GROUP_DELETED.value())
                                .param("body", moved)
                                .param("unassignedBody", moved + "; unassigned: the assignee may not hold it there"),
                        deletion.actor().userId(),
                        now)
                .query()
                .listOfRows();
        if (rows.isEmpty()) {
            return;
        }
        deletion.moved().addAndGet(((Number) rows.get(0).get("moved")).intValue());
        deletion.unassigned().addAndGet(((Number) rows.get(0).get("unassigned")).intValue());
        tellFollowers(
                rows.stream()
                        .map(row -> new Written(
                                ((Number) row.get("id")).longValue(),
                                ((Number) row.get("ticket_id")).longValue(),
                                (String) row.get("events")))
                        .toList(),
                deletion.actor().userId(),
                now);
    }

    /**
     * The audits written here, told to the features that follow every audit (webhooks), with their tickets as
     * changed: read in one statement (no ticket was loaded by the directory write before its SQL changed it).
     */
    private void tellFollowers(List<Written> written, long authorId, Instant now) {
        if (written.isEmpty() || followers.stream().findAny().isEmpty()) {
            return;
        }
        Map<Long, Ticket> tickets = new java.util.HashMap<>();
        entityManager
                .createQuery("select t from Ticket t where t.id in :ids", Ticket.class)
                .setParameter("ids", written.stream().map(Written::ticketId).toList())
                .getResultList()
                .forEach(ticket -> tickets.put(ticket.getId(), ticket));
        for (Written audit : written) {
            List<AuditEvent> events = new java.util.ArrayList<>();
            for (Map<String, Object> event : json.readValue(audit.events(), EVENTS)) {
                Map<String, Object> members = new java.util.LinkedHashMap<>(event);
                events.add(AuditEvent.of(String.valueOf(members.remove("type")), members));
            }
            Ticket ticket = tickets.get(audit.ticketId());
            AuditFollowers.RecordedAudit recorded = new AuditFollowers.RecordedAudit(
                    () -> ticket,
                    audit.auditId(),
                    authorId,
                    Ticket.VIA_API,
                    Correlation.current(),
                    now,
                    List.copyOf(events));
            followers.orderedStream().forEach(follower -> follower.recorded(recorded));
        }
    }

    private static final TypeReference<List<Map<String, Object>>> EVENTS = new TypeReference<>() {};

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The parameters every audit written here shares: who, through which channel, in which write, when. */
    private static JdbcClient.StatementSpec audited(JdbcClient.StatementSpec statement, long authorId, Instant now) {
        return statement
                .param("author", authorId)
                .param("via", Ticket.VIA_API)
                .param("correlation", Correlation.current())
                .param("now", Timestamp.from(now));
    }
}
