package io.sidedesk.rollup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.SideConversationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the roll-up suites (B1, docs/rollup-contract.md) stand on: the four policies switched on for a test and off
 * after it, families (a parent assigned to a team's agent, and children its side conversations created, each assigned
 * so that it may be solved), children of a private group, broken links (R13), the {@code RollUp} events of audits, the
 * notifications about a ticket, many children seeded at once with SQL, and waiting for the service without sleeping on
 * the wall clock.
 */
abstract class RollUpTestSupport extends SideConversationTestSupport {

    static final String REQUIRE = "parent_solve_requires_children_solved";
    static final String SOLVE = "solve_children_with_parent";
    static final String REOPEN = "reopen_parent_when_child_reopens";
    static final String NOTIFY = "notify_parent_assignee_when_children_done";

    /** The four policies, in the contract's order. */
    static final List<String> POLICIES = List.of(REQUIRE, SOLVE, REOPEN, NOTIFY);

    /** How long a test waits for the service before it calls it a hang: never a measure of speed. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    @Autowired
    JdbcTemplate jdbc;

    /** Every policy off again (the settings are one row every test of the JVM shares); runs before the defaults. */
    @AfterEach
    void rollUpPoliciesOff() {
        policies();
    }

    /** These policies on, every other off. */
    void policies(String... on) {
        Set<String> wanted = Set.of(on);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String policy : POLICIES) {
            values.put(policy, wanted.contains(policy));
        }
        JsonNode now = sideConversationSettings(values);
        for (String policy : POLICIES) {
            assertThat(now.get(policy).asBoolean()).as(policy).isEqualTo(wanted.contains(policy));
        }
    }

    // ---- families ---------------------------------------------------------------------------------------------

    /** A parent in {@code parentTeam}'s public group assigned to its agent; its children go to {@code childTeam}. */
    record Family(long parent, Team parentTeam, Team childTeam) {

        TestUser parentAgent() {
            return parentTeam.agent();
        }

        TestUser childAgent() {
            return childTeam.agent();
        }
    }

    /** A child ticket: its id, the side conversation that created it, and the team it is assigned in. */
    record Child(long id, String sideConversation, Team team) {

        TestUser agent() {
            return team.agent();
        }
    }

    Family family() {
        Team parentTeam = team(true);
        return new Family(assignedParent(parentTeam), parentTeam, team(true));
    }

    /** A ticket in the team's group, assigned to its agent (so that it may be solved), for a new end-user. */
    long assignedParent(Team team) {
        return parentTicket(
                fields("group_id", team.group(), "assignee_id", team.agent().id()));
    }

    /** A child of the family's parent, in the child team, assigned to its agent: {@code open}. */
    Child child(Family family) {
        return child(family.parent(), family.childTeam());
    }

    /** A parent in a private group, assigned to its agent and requested by the end-user: only members see it (R17). */
    long privateParent(Team privateTeam, TestUser requester) {
        return parentTicket(fields(
                "group_id",
                privateTeam.group(),
                "assignee_id",
                privateTeam.agent().id(),
                "requester_id",
                requester.id()));
    }

    /**
     * A child of the parent: the team's agent starts a side conversation addressed to themself in their group, so the
     * child is theirs ({@code open}). With a private team, a child only its members and admins may see (R17).
     */
    Child child(long parent, Team team) {
        JsonNode conversation = started(
                        as(team.agent()),
                        parent,
                        message(
                                unique("Child"),
                                "Could you take this?",
                                toAgent(team.group(), team.agent().id())))
                .get("side_conversation");
        return new Child(childOf(conversation), conversation.get("id").asString(), team);
    }

    /** A child addressed to the team's group only: unassigned, {@code new}. */
    Child unassignedChild(long parent, Team team) {
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        return new Child(childOf(conversation), conversation.get("id").asString(), team);
    }

    /** Breaks the child's link by changing its external id (R13). */
    void breakLink(long child) {
        String moved = unique("moved");
        assertThat(updated(admin(), child, fields("external_id", moved))
                        .get("external_id")
                        .asString())
                .isEqualTo(moved);
    }

    /** Moves the ticket to the status as the caller, which must succeed: the ticket. */
    JsonNode status(Api caller, long ticket, String status) {
        JsonNode updated = updated(caller, ticket, fields("status", status));
        assertThat(updated.get("status").asString()).as("ticket %d", ticket).isEqualTo(status);
        return updated;
    }

    /** Solves the child as its agent, then closes it. */
    void close(Child child) {
        status(as(child.agent()), child.id(), "solved");
        status(as(child.agent()), child.id(), "closed");
    }

    String statusOf(long ticket) {
        return ticket(ticket).get("status").asString();
    }

    // ---- audits -------------------------------------------------------------------------------------------------

    /** The audit's events of a type, in order. */
    static List<JsonNode> eventsOf(JsonNode audit, String type) {
        List<JsonNode> found = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals(type)) {
                found.add(event);
            }
        });
        return found;
    }

    /** The audit's {@code RollUp} events of a policy. */
    static List<JsonNode> rollUpsOf(JsonNode audit, String policy) {
        return eventsOf(audit, "RollUp").stream()
                .filter(event -> event.get("policy").asString().equals(policy))
                .toList();
    }

    /**
     * The one audit of the ticket holding a {@code RollUp} event of the policy: a policy records its events in an
     * audit of its own, in the write that set it off (audits are append-only; the write's own is already written).
     */
    JsonNode rollUpAudit(long ticket, String policy) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            if (!rollUpsOf(audit, policy).isEmpty()) {
                found.add(audit);
            }
        }
        assertThat(found)
                .as("audits of ticket %d with a RollUp of %s", ticket, policy)
                .hasSize(1);
        return found.get(0);
    }

    /** Every {@code RollUp} event of the ticket's audits, oldest first. */
    List<JsonNode> rollUps(long ticket) {
        List<JsonNode> found = new ArrayList<>();
        audits(ticket).forEach(audit -> found.addAll(eventsOf(audit, "RollUp")));
        return found;
    }

    /** The {@code Change} of {@code status} in the audit, or null. */
    static JsonNode statusChange(JsonNode audit) {
        return eventsOf(audit, "Change").stream()
                .filter(event -> event.get("field_name").asString().equals("status"))
                .findFirst()
                .orElse(null);
    }

    /** Every {@code Change} of the ticket's status, oldest first, as "from→to". */
    List<String> statusChanges(long ticket) {
        List<String> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            JsonNode change = statusChange(audit);
            if (change != null) {
                found.add(change.get("previous_value").asString() + "→"
                        + change.get("value").asString());
            }
        }
        return found;
    }

    /** The one audit of the ticket holding a {@code Change} of status from → to. */
    JsonNode auditChangingStatus(long ticket, String from, String to) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode audit : audits(ticket)) {
            JsonNode change = statusChange(audit);
            if (change != null
                    && change.get("previous_value").asString().equals(from)
                    && change.get("value").asString().equals(to)) {
                found.add(audit);
            }
        }
        assertThat(found)
                .as("audits of ticket %d changing status %s → %s", ticket, from, to)
                .hasSize(1);
        return found.get(0);
    }

    // ---- notifications ------------------------------------------------------------------------------------------

    static String childrenDoneSubject(long parent) {
        return "All child tickets of #" + parent + " are solved";
    }

    /** The notifications the outbox holds about any of these tickets (admins read them), each once. */
    List<JsonNode> notificationsAbout(long... tickets) {
        Map<Long, JsonNode> found = new LinkedHashMap<>();
        for (long ticket : tickets) {
            for (JsonNode notification :
                    ApiAssertions.all(admin(), "/api/v2/notifications?ticket_id=" + ticket, "notifications")) {
                found.putIfAbsent(notification.get("id").asLong(), notification);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The "all child tickets are solved" emails about the parent, wherever they are filed (parent or child). */
    List<JsonNode> childrenDone(long parent, long... children) {
        long[] tickets = new long[children.length + 1];
        tickets[0] = parent;
        System.arraycopy(children, 0, tickets, 1, children.length);
        return notificationsAbout(tickets).stream()
                .filter(notification -> notification.get("subject").asString().equals(childrenDoneSubject(parent)))
                .toList();
    }

    // ---- many children at once ----------------------------------------------------------------------------------

    /**
     * {@code count} more children of the template child's parent, as real as the template: each a copy of the
     * template's ticket row (its own external id, created a second apart after the template, no comments) and a
     * side conversation linking it, written with the external id, as at creation (R5, R13). Two statements whatever
     * the count (a child one at a time over HTTP would take minutes). The new children's ids, ascending.
     */
    List<Long> seedChildren(long template, int count) {
        String ticketColumns = copiedColumns("tickets", Set.of("id", "external_id", "created_at", "updated_at"));
        String conversationColumns = copiedColumns(
                "side_conversations", Set.of("id", "external_ids", "child_ticket_id", "child_external_id"));
        String batch = unique("seeded");
        jdbc.update(
                "insert into tickets (" + ticketColumns + ", external_id, created_at, updated_at) select "
                        + prefixed("t", ticketColumns)
                        + ", cast(? as text) || '-' || n, t.created_at + n * interval '1 second', t.updated_at + n * interval '1 second'"
                        + " from tickets t cross join generate_series(1, ?) n where t.id = ? order by n",
                batch,
                count,
                template);
        List<Long> ids = jdbc.queryForList(
                "select id from tickets where external_id like cast(? as text) || '-%' order by id", Long.class, batch);
        assertThat(ids).hasSize(count);
        jdbc.update("update tickets set comment_count = 0 where external_id like cast(? as text) || '-%'", batch);
        jdbc.update(
                "insert into side_conversations (id, " + conversationColumns
                        + ", external_ids, child_ticket_id, child_external_id) select gen_random_uuid(), "
                        + prefixed("s", conversationColumns)
                        + ", s.external_ids || jsonb_build_object('targetTicketId', c.id::text), c.id, c.external_id"
                        + " from side_conversations s cross join tickets c"
                        + " where s.child_ticket_id = ? and c.external_id like cast(? as text) || '-%' order by c.id",
                template,
                batch);
        assertThat(jdbc.queryForObject(
                        "select count(*) from side_conversations s join tickets c on c.id = s.child_ticket_id"
                                + " where c.external_id like cast(? as text) || '-%' and s.child_external_id = c.external_id",
                        Long.class, batch))
                .as("every seeded child linked")
                .isEqualTo(count);
        return ids;
    }

    /** Sets the status of these tickets behind the service's back (seeded children only). */
    void seedStatus(List<Long> tickets, String status) {
        if (!tickets.isEmpty()) {
            jdbc.update("update tickets set status = ? where id in (" + joined(tickets) + ")", status);
        }
    }

    /** Breaks the links of these seeded children behind the service's back (R13: a changed external id). */
    void seedBrokenLinks(List<Long> tickets) {
        if (!tickets.isEmpty()) {
            jdbc.update(
                    "update tickets set external_id = external_id || '-moved' where id in (" + joined(tickets) + ")");
        }
    }

    static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The table's columns a copy takes as they are: all but the ones given and those the database generates. */
    private String copiedColumns(String table, Set<String> except) {
        Set<String> columns = new LinkedHashSet<>(jdbc.queryForList("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = ?
                  and is_generated = 'NEVER' and identity_generation is null
                order by ordinal_position""", String.class, table));
        columns.removeAll(except);
        return String.join(", ", columns);
    }

    private static String prefixed(String alias, String columns) {
        return java.util.Arrays.stream(columns.split(", "))
                .map(column -> alias + "." + column)
                .collect(Collectors.joining(", "));
    }

    // ---- waiting --------------------------------------------------------------------------------------------

}
