package io.sidedesk.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Directory changes (docs/RULES.md), points 1 to 4: people and groups change without stranding tickets. Nobody keeps a
 * ticket they may no longer hold, no unsolved ticket is left in a deleted group, a deactivation can be undone, and
 * every way of naming a person is checked alike. Each test's name starts with the point it proves ({@code item1} to
 * {@code item4}; {@code item5} is the section "Read-only members").
 */
class DirectoryChangeTests extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    // ---- 1. nobody holds a ticket they may not hold -----------------------------------------------------------

    @Test
    void item1DeactivatingAnAgentUnassignsTheirUnsolvedTicketsWhichStayInTheGroup() {
        long group = group(true);
        TestUser agent = member(group);
        TestUser other = member(group);
        long open = ticket(group, agent, "open");
        long pending = ticket(group, agent, "pending");
        long solved = ticket(group, agent, "solved");
        long othersTicket = ticket(group, other, "open");

        Api.Response deactivated = admin().delete("/api/v2/users/" + agent.id());

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().at("/user/active").asBoolean()).isFalse();
        assertThat(deactivated.json().get("unassigned_tickets").asInt()).isEqualTo(2);
        for (long id : List.of(open, pending)) {
            assertUnassignedInGroup(id, group, agent, "user_deactivated");
        }
        assertThat(ticket(solved).get("assignee_id").asLong())
                .as("a solved ticket keeps its assignee")
                .isEqualTo(agent.id());
        assertThat(ticket(othersTicket).get("assignee_id").asLong()).isEqualTo(other.id());
    }

    @Test
    void item1DeactivatingThroughPutActiveFalseUnassignsToo() {
        long group = group(true);
        TestUser agent = member(group);
        long open = ticket(group, agent, "open");

        Api.Response changed = admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("active", false)));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().at("/user/active").asBoolean()).isFalse();
        assertThat(changed.json().get("unassigned_tickets").asInt()).isEqualTo(1);
        assertUnassignedInGroup(open, group, agent, "user_deactivated");
    }

    @Test
    void item1DemotingAnAgentToEndUserUnassignsTheirUnsolvedTickets() {
        long group = group(false);
        TestUser agent = member(group);
        long open = ticket(group, agent, "open");

        Api.Response changed = admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("role", "end-user")));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("unassigned_tickets").asInt()).isEqualTo(1);
        assertUnassignedInGroup(open, group, agent, "user_became_end_user");
    }

    @Test
    void item1GivingAnAgentALightAgentRoleUnassignsTheirTicketsAndTheyCannotBeAssignedAgain() {
        long group = group(true);
        TestUser agent = member(group);
        long open = ticket(group, agent, "open");

        Api.Response changed = admin().put(
                        "/api/v2/users/" + agent.id(), Map.of("user", Map.of("custom_role_id", lightAgentRoleId())));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().at("/user/role_type").asInt()).isEqualTo(1);
        assertThat(changed.json().get("unassigned_tickets").asInt()).isEqualTo(1);
        assertUnassignedInGroup(open, group, agent, "user_became_light_agent");
        assertInvalid(
                admin().put("/api/v2/tickets/" + open, Map.of("ticket", Map.of("assignee_id", agent.id()))),
                "assignee_id");
    }

    @Test
    void item1MakingACustomRoleALightAgentRoleUnassignsEveryAgentWhoHoldsIt() {
        long role = customRole(Map.of("ticket_access", "all"));
        long group = group(true);
        TestUser first = user("agent", role);
        TestUser second = user("agent", role);
        membership(first, group);
        membership(second, group);
        TestUser bystander = member(group);
        long firsts = ticket(group, first, "open");
        long seconds = ticket(group, second, "hold");
        long bystanders = ticket(group, bystander, "open");

        Api.Response changed =
                admin().put("/api/v2/custom_roles/" + role, Map.of("custom_role", Map.of("role_type", 1)));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("unassigned_tickets").asInt()).isEqualTo(2);
        assertUnassignedInGroup(firsts, group, first, "user_became_light_agent");
        assertUnassignedInGroup(seconds, group, second, "user_became_light_agent");
        assertThat(ticket(bystanders).get("assignee_id").asLong()).isEqualTo(bystander.id());

        Api.Response unchanged = admin().put(
                        "/api/v2/custom_roles/" + role, Map.of("custom_role", Map.of("description", "still light")));
        assertThat(unchanged.json().get("unassigned_tickets").asInt()).isZero();
    }

    @Test
    void item1LeavingAGroupUnassignsThatGroupsTicketsOnly() {
        long left = group(false);
        long kept = group(true);
        TestUser agent = member(left);
        long keptMembership = membership(agent, kept);
        long inLeft = ticket(left, agent, "open");
        long inKept = ticket(kept, agent, "open");
        long membership = membershipOf(agent, left);

        Api.Response removed = admin().delete("/api/v2/group_memberships/" + membership);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.header("Sidedesk-Unassigned-Tickets")).isEqualTo("1");
        assertUnassignedInGroup(inLeft, left, agent, "user_left_group");
        assertThat(ticket(inKept).get("assignee_id").asLong()).isEqualTo(agent.id());
        assertThat(ticket(inKept).get("group_id").asLong()).isEqualTo(kept);
        assertThat(keptMembership).as("still a member of the other group").isEqualTo(membershipOf(agent, kept));
    }

    @Test
    void item1AnAssignmentRacingARemovalFromTheGroupWaitsForItAndIsRefused() throws Exception {
        long group = group(true);
        TestUser agent = member(group);
        long membership = membershipOf(agent, group);
        long ticket = ticket(group, null, "open");
        CountDownLatch removed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            jdbc.execute("set local idle_in_transaction_session_timeout = 0");
            jdbc.update("delete from group_memberships where id = ?", membership);
            removed.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(removed.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Api.Response> assignment = CompletableFuture.supplyAsync(
                () -> admin().put("/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("assignee_id", agent.id()))));
        // The assignment holds the membership it relies on, so it waits for the uncommitted removal.
        for (int i = 0; i < 600 && !assignment.isDone() && !waitingForALock(); i++) {
            Thread.sleep(50);
        }
        assertThat(assignment.isDone())
                .as("the assignment waits for the removal: %s", assignment.isDone() ? assignment.get() : "")
                .isFalse();
        release.countDown();
        removal.get(60, TimeUnit.SECONDS);

        assertInvalid(assignment.get(60, TimeUnit.SECONDS), "assignee_id");
        assertThat(ticket(ticket).get("assignee_id").isNull()).isTrue();
    }

    @Test
    void item1ThousandsOfHeldTicketsAreUnassignedInOneWriteWithAnAuditEach() {
        long group = group(true);
        TestUser agent = member(group);
        int held = 3000;
        jdbc.update("""
                insert into tickets (subject, description, status, requester_id, submitter_id, assignee_id, group_id,
                    is_public, via_channel, created_at, updated_at)
                select 'seeded', 'seeded', 'open', ?, ?, ?, ?, true, 'api', now(), now()
                from generate_series(1, ?)""", agent.id(), agent.id(), agent.id(), group, held);

        Api.Response deactivated = admin().delete("/api/v2/users/" + agent.id());

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().get("unassigned_tickets").asInt()).isEqualTo(held);
        assertThat(jdbc.queryForObject("select count(*) from tickets where assignee_id = ?", Long.class, agent.id()))
                .isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from ticket_audits a join tickets t on t.id = a.ticket_id
                where t.group_id = ? and a.events @> '[{"type": "DirectoryChange", "reason": "user_deactivated"}]'
                """, Long.class, group)).isEqualTo(held);
    }

    @Test
    void item1ASolvedTicketThatReopensLosesAnAssigneeWhoMayNoLongerHoldIt() {
        long group = group(true);
        TestUser agent = member(group);
        TestUser requester = endUser();
        Map<String, Object> fields = new HashMap<>();
        fields.put("subject", unique("reopened"));
        fields.put("comment", Map.of("body", "Work"));
        fields.put("group_id", group);
        fields.put("assignee_id", agent.id());
        fields.put("requester_id", requester.id());
        long ticket = admin().post("/api/v2/tickets", Map.of("ticket", fields))
                .json()
                .at("/ticket/id")
                .asLong();
        assertThat(admin().put("/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("status", "solved")))
                        .status())
                .isEqualTo(200);
        admin().delete("/api/v2/users/" + agent.id());
        assertThat(ticket(ticket).get("assignee_id").asLong())
                .as("solved: kept")
                .isEqualTo(agent.id());

        Api.Response replied = as(requester)
                .put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("comment", Map.of("body", "It broke again"))));

        assertThat(replied.status()).as(replied.toString()).isEqualTo(200);
        JsonNode after = ticket(ticket);
        assertThat(after.get("status").asString()).isEqualTo("open");
        assertThat(after.get("assignee_id").isNull()).isTrue();
        assertThat(after.get("group_id").asLong()).isEqualTo(group);
        assertThat(lastDirectoryChange(ticket).get("reason").asString()).isEqualTo("assignee_cannot_hold");
    }

    @Test
    void item1ASolvedTicketReopenedByAnAgentWhoSendsItsAssigneeBackStillLosesThem() {
        long group = group(true);
        TestUser agent = member(group);
        long ticket = ticket(group, agent, "solved");
        admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("role", "end-user")));

        Api.Response reopened = admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("status", "open", "assignee_id", agent.id(), "group_id", group)));

        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(ticket(ticket).get("assignee_id").isNull()).isTrue();
        assertThat(lastDirectoryChange(ticket).get("reason").asString()).isEqualTo("assignee_cannot_hold");
    }

    @Test
    void item5ATicketSentBackWholeWithItsAssigneeChangesNothingAboutTheAssignment() {
        long group = group(true);
        TestUser agent = member(group);
        long ticket = ticket(group, agent, "open");
        int audits = audits(ticket).size();

        Api.Response echoed = admin().put(
                        "/api/v2/tickets/" + ticket,
                        Map.of("ticket", Map.of("assignee_id", agent.id(), "group_id", group)));

        assertThat(echoed.status()).as(echoed.toString()).isEqualTo(200);
        assertThat(audits(ticket)).hasSize(audits);
    }

    // ---- 2. deleting a group never strands tickets ----------------------------------------------------------

    @Test
    void item2DeletingAGroupWithUnsolvedTicketsIs422NamingTheCountAndWritesNothing() {
        long group = group(false);
        TestUser agent = member(group);
        long first = ticket(group, agent, "open");
        long second = ticket(group, null, "new");
        ticket(group, agent, "solved");
        int audits = audits(first).size() + audits(second).size();

        Api.Response refused = admin().delete("/api/v2/groups/" + group);

        assertInvalid(refused, "move_to_group_id");
        assertThat(refused.body()).contains("2 unsolved tickets");
        assertThat(admin().get("/api/v2/groups/" + group).status()).isEqualTo(200);
        assertThat(as(agent).get("/api/v2/tickets/" + first).status())
                .as("the assignee still sees it")
                .isEqualTo(200);
        assertThat(ticket(first).get("assignee_id").asLong()).isEqualTo(agent.id());
        assertThat(audits(first).size() + audits(second).size()).isEqualTo(audits);
        assertThat(admin().get("/api/v2/groups/" + group + "/memberships")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void item2DeletingWithMoveToGroupIdMovesUnsolvedTicketsKeepingAssigneesWhoAreMembers() {
        long deleted = group(false);
        long target = group(false);
        TestUser stays = member(deleted);
        membership(stays, target);
        TestUser goes = member(deleted);
        long kept = ticket(deleted, stays, "open");
        long unassigned = ticket(deleted, goes, "pending");
        long solved = ticket(deleted, goes, "solved");

        Api.Response removed = admin().delete("/api/v2/groups/" + deleted + "?move_to_group_id=" + target);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.header("Sidedesk-Moved-Tickets")).isEqualTo("2");
        assertThat(removed.header("Sidedesk-Unassigned-Tickets")).isEqualTo("1");
        assertThat(ticket(kept).get("group_id").asLong()).isEqualTo(target);
        assertThat(ticket(kept).get("assignee_id").asLong()).isEqualTo(stays.id());
        assertThat(as(stays).get("/api/v2/tickets/" + kept).status())
                .as("its assignee still reaches it")
                .isEqualTo(200);
        assertThat(ticket(unassigned).get("group_id").asLong()).isEqualTo(target);
        assertThat(ticket(unassigned).get("assignee_id").isNull()).isTrue();
        assertThat(lastDirectoryChange(unassigned).get("reason").asString()).isEqualTo("group_deleted");
        assertThat(lastDirectoryChange(kept).get("group_id").asLong()).isEqualTo(deleted);
        assertThat(ticket(solved).get("group_id").asLong())
                .as("solved tickets keep the deleted group")
                .isEqualTo(deleted);
        assertThat(admin().get("/api/v2/groups/" + deleted)
                        .json()
                        .at("/group/deleted")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void item2MoveToGroupIdMustNameAnotherLiveGroup() {
        long group = group(true);
        long gone = group(true);
        assertThat(admin().delete("/api/v2/groups/" + gone).status()).isEqualTo(204);
        long ticket = ticket(group, null, "open");

        for (long target : List.of(group, gone, 987_654_321L, -1L, 0L)) {
            assertInvalid(
                    admin().delete("/api/v2/groups/" + group + "?move_to_group_id=" + target), "move_to_group_id");
        }
        for (String malformed : List.of("abc", "99999999999999999999", "1.5", "%00")) {
            Api.Response refused = admin().delete("/api/v2/groups/" + group + "?move_to_group_id=" + malformed);
            assertThat(refused.status()).as(malformed + " " + refused).isEqualTo(400);
            assertThat(refused.body()).contains("move_to_group_id");
        }
        assertThat(ticket(ticket).get("group_id").asLong()).isEqualTo(group);
        assertThat(admin().get("/api/v2/groups/" + group).status()).isEqualTo(200);
    }

    @Test
    void item2AGroupWithoutUnsolvedTicketsIsDeletedAsBefore() {
        long group = group(true);
        TestUser agent = member(group);
        ticket(group, agent, "solved");

        Api.Response removed = admin().delete("/api/v2/groups/" + group);

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.header("Sidedesk-Moved-Tickets")).isEqualTo("0");
    }

    // ---- 3. changes can be undone ---------------------------------------------------------------------------

    @Test
    void item3ADeactivatedUserIsReactivatedByPutActiveTrueAndAuthenticatesAgain() {
        long group = group(true);
        TestUser agent = member(group);
        assertThat(admin().delete("/api/v2/users/" + agent.id()).status()).isEqualTo(200);
        assertThat(as(agent).get("/api/v2/users/me").status()).isEqualTo(401);

        Api.Response reactivated = admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("active", true)));

        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(200);
        assertThat(reactivated.json().at("/user/active").asBoolean()).isTrue();
        assertThat(reactivated.json().at("/user/default_group_id").asLong())
                .as("their groups were kept")
                .isEqualTo(group);
        assertThat(as(agent).get("/api/v2/users/me").status()).isEqualTo(200);
    }

    @Test
    void item3ADeactivatedUsersEmailAnswersWithHowToReactivateThem() {
        TestUser gone = endUser();
        admin().delete("/api/v2/users/" + gone.id());

        Api.Response created = admin().post(
                        "/api/v2/users",
                        Map.of(
                                "user",
                                Map.of("name", "Again", "email", gone.email().toUpperCase())));

        assertInvalid(created, "email");
        assertThat(created.body())
                .contains("deactivated")
                .contains("PUT /api/v2/users/" + gone.id())
                .contains("\\\"active\\\": true");
    }

    @Test
    void item3ExplicitNullCustomRoleIdRemovesTheCustomRoleAndLeavingItOutKeepsIt() {
        long role = customRole(Map.of("ticket_access", "within-groups"));
        TestUser agent = user("agent", role);

        Api.Response renamed = admin().put("/api/v2/users/" + agent.id(), Map.of("user", Map.of("name", "Renamed")));
        assertThat(renamed.json().at("/user/custom_role_id").asLong()).isEqualTo(role);

        Map<String, Object> clear = new HashMap<>();
        clear.put("custom_role_id", null);
        Api.Response cleared = admin().put("/api/v2/users/" + agent.id(), Map.of("user", clear));

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().at("/user/custom_role_id").isNull()).isTrue();
        assertThat(cleared.json().at("/user/role_type").asInt()).isZero();
    }

    // ---- 4. one set of checks for every way to name a person ------------------------------------------------

    @Test
    void item4ARequesterNamedByADeactivatedUsersEmailIsRefusedAndNothingIsWritten() {
        TestUser gone = endUser();
        admin().delete("/api/v2/users/" + gone.id());
        long before = ticketCount();

        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "subject",
                                        "Hi",
                                        "comment",
                                        Map.of("body", "Hello"),
                                        "requester",
                                        Map.of("name", "Gone", "email", gone.email()))));

        assertInvalid(created, "requester.email");
        assertThat(created.body()).contains("deactivated");
        assertThat(ticketCount()).isEqualTo(before);
    }

    @Test
    void item4ARequesterEmailIsCheckedAsPostUsersChecksItAndNoUserIsCreated() {
        for (String email :
                List.of("a<b>,\"c\"@x.test", "no-at-sign.test", "two@@x.test", "x@y", "a".repeat(250) + "@x.test")) {
            long before = ticketCount();

            Api.Response asRequester = admin().post(
                            "/api/v2/tickets",
                            Map.of(
                                    "ticket",
                                    Map.of(
                                            "subject",
                                            "Hi",
                                            "comment",
                                            Map.of("body", "Hello"),
                                            "requester",
                                            Map.of("email", email))));
            Api.Response asUser = admin().post("/api/v2/users", Map.of("user", Map.of("name", "N", "email", email)));

            assertThat(asRequester.status()).as(email + " " + asRequester).isEqualTo(422);
            assertThat(asRequester.body()).contains("requester.email");
            assertInvalid(asUser, "email");
            assertThat(ticketCount()).isEqualTo(before);
            assertThat(admin().get("/api/v2/users/search?query="
                                    + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8))
                            .json()
                            .get("count")
                            .asInt())
                    .as(email)
                    .isZero();
        }
    }

    @Test
    void item4AnActiveUsersEmailNamesThemAsRequester() {
        TestUser requester = endUser();

        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "subject",
                                        "Hi",
                                        "comment",
                                        Map.of("body", "Hello"),
                                        "requester",
                                        Map.of("email", requester.email().toUpperCase()))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/ticket/requester_id").asLong()).isEqualTo(requester.id());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private boolean waitingForALock() {
        return jdbc.queryForObject(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and datname = current_database()",
                        Long.class)
                > 0;
    }

    private TestUser member(long group) {
        TestUser agent = agent();
        membership(agent, group);
        return agent;
    }

    private long membershipOf(TestUser user, long group) {
        for (JsonNode membership : admin().get("/api/v2/users/" + user.id() + "/group_memberships")
                .json()
                .get("group_memberships")) {
            if (membership.get("group_id").asLong() == group) {
                return membership.get("id").asLong();
            }
        }
        throw new IllegalStateException("no membership of " + user + " in " + group);
    }

    /** A ticket in the group, assigned to the agent (or to nobody), brought to the status. */
    private long ticket(long group, TestUser assignee, String status) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("subject", unique("held"));
        fields.put("comment", Map.of("body", "Work"));
        fields.put("group_id", group);
        if (assignee != null) {
            fields.put("assignee_id", assignee.id());
        }
        Api.Response created = admin().post("/api/v2/tickets", Map.of("ticket", fields));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();
        if (!status.equals("new")) {
            Api.Response updated = admin().put("/api/v2/tickets/" + id, Map.of("ticket", Map.of("status", status)));
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        }
        return id;
    }

    private void assertUnassignedInGroup(long ticketId, long group, TestUser formerAssignee, String reason) {
        JsonNode ticket = ticket(ticketId);
        assertThat(ticket.get("assignee_id").isNull())
                .as("ticket %d is unassigned", ticketId)
                .isTrue();
        assertThat(ticket.get("group_id").asLong())
                .as("ticket %d stays in its group", ticketId)
                .isEqualTo(group);
        JsonNode audit = audits(ticketId).get(audits(ticketId).size() - 1);
        assertThat(audit.get("author_id").asLong())
                .as("the admin who made the change")
                .isPositive();
        JsonNode events = audit.get("events");
        assertThat(events.toString())
                .contains("\"field_name\":\"assignee_id\"")
                .contains("\"previous_value\":\"" + formerAssignee.id() + "\"");
        JsonNode change = lastDirectoryChange(ticketId);
        assertThat(change.get("reason").asString()).isEqualTo(reason);
        assertThat(change.get("user_id").asLong()).isEqualTo(formerAssignee.id());
        assertThat(change.get("body").asString()).startsWith("Unassigned: ");
    }

    private JsonNode lastDirectoryChange(long ticketId) {
        List<JsonNode> audits = audits(ticketId);
        for (JsonNode event : audits.get(audits.size() - 1).get("events")) {
            if (event.get("type").asString().equals("DirectoryChange")) {
                return event;
            }
        }
        throw new AssertionError("no DirectoryChange event in the last audit of ticket " + ticketId);
    }

    private long ticketCount() {
        return admin().get("/api/v2/tickets?per_page=1").json().get("count").asLong();
    }
}
