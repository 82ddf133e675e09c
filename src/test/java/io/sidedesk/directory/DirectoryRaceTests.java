package io.sidedesk.directory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.access.Actor;
import io.sidedesk.access.Permissions;
import io.sidedesk.access.Role;
import io.sidedesk.web.Patch;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Directory changes (docs/RULES.md), points 1 and 2, under concurrency: a directory change (run through its service in
 * a transaction held open) and a ticket write that relies on what it changes. The ticket write waits for the directory
 * change, then is refused; nobody ends up holding a ticket they may not hold, and no ticket lands in a deleted group.
 */
class DirectoryRaceTests extends ApiTestSupport {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private Users users;

    @Autowired
    private CustomRoles customRoles;

    @Autowired
    private Groups groups;

    @Test
    void item1AnAssignmentRacingADeactivationWaitsAndIsRefused() throws Exception {
        long group = group(true);
        TestUser agent = member(group);
        long ticket = ticketIn(group);

        Api.Response assigned = racing(() -> users.deactivate(adminActor(), agent.id()), () -> assign(ticket, agent));

        assertInvalid(assigned, "assignee_id");
        assertThat(ticket(ticket).get("assignee_id").isNull()).isTrue();
    }

    @Test
    void item1AnAssignmentRacingALightAgentRoleWaitsAndIsRefused() throws Exception {
        long group = group(true);
        TestUser agent = member(group);
        long ticket = ticketIn(group);
        UserRequest.Fields light = new UserRequest.Fields();
        light.customRoleId = Patch.of(lightAgentRoleId());

        Api.Response assigned =
                racing(() -> users.update(adminActor(), agent.id(), light), () -> assign(ticket, agent));

        assertInvalid(assigned, "assignee_id");
        assertThat(ticket(ticket).get("assignee_id").isNull()).isTrue();
    }

    @Test
    void item1AnAssignmentRacingItsCustomRoleBecomingALightAgentRoleWaitsAndIsRefused() throws Exception {
        long role = customRole(Map.of("ticket_access", "all"));
        long group = group(true);
        TestUser agent = user("agent", role);
        membership(agent, group);
        long ticket = ticketIn(group);
        CustomRoleRequest.Fields light = new CustomRoleRequest.Fields(null, null, 1, null);

        Api.Response assigned =
                racing(() -> customRoles.update(adminActor(), role, light), () -> assign(ticket, agent));

        assertInvalid(assigned, "assignee_id");
        assertThat(ticket(ticket).get("assignee_id").isNull()).isTrue();
    }

    @Test
    void item2ATicketMovedIntoAGroupBeingDeletedWaitsAndIsRefused() throws Exception {
        long doomed = group(true);
        long home = group(true);
        long ticket = ticketIn(home);

        Api.Response moved = racing(() -> groups.delete(adminActor(), doomed, null), () -> admin().put(
                        "/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("group_id", doomed))));

        assertInvalid(moved, "group_id");
        assertThat(ticket(ticket).get("group_id").asLong()).isEqualTo(home);
    }

    /**
     * Runs the directory write in a transaction held open, sends the ticket write, checks that it waits (on a
     * row lock, seen in pg_stat_activity; no timing), then commits the directory write and answers the ticket
     * write's response.
     */
    private Api.Response racing(Runnable directoryWrite, Supplier<Api.Response> ticketWrite) throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> directory = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            // A correlation id is kept per request; this write has no HTTP request of its own.
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
            jdbc.execute("set local idle_in_transaction_session_timeout = 0");
            directoryWrite.run();
            written.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(written.await(30, TimeUnit.SECONDS))
                .as("the directory write ran")
                .isTrue();
        CompletableFuture<Api.Response> ticket = CompletableFuture.supplyAsync(ticketWrite);
        for (int i = 0; i < 1200 && !ticket.isDone() && !waitingForALock(); i++) {
            Thread.sleep(50);
        }
        assertThat(ticket.isDone())
                .as("the ticket write waits for the directory change: %s", ticket.isDone() ? ticket.get() : "")
                .isFalse();
        release.countDown();
        directory.get(60, TimeUnit.SECONDS);
        return ticket.get(60, TimeUnit.SECONDS);
    }

    private boolean waitingForALock() {
        return jdbc.queryForObject(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and datname = current_database()",
                        Long.class)
                > 0;
    }

    /** The bootstrap admin, as the services see a caller. */
    private Actor adminActor() {
        long id = admin().get("/api/v2/users/me").json().at("/user/id").asLong();
        return new Actor(id, "Administrator", ADMIN_EMAIL, Role.ADMIN, Permissions.admin());
    }

    private Api.Response assign(long ticket, TestUser agent) {
        return admin().put("/api/v2/tickets/" + ticket, Map.of("ticket", Map.of("assignee_id", agent.id())));
    }

    private TestUser member(long group) {
        TestUser agent = agent();
        membership(agent, group);
        return agent;
    }

    private long ticketIn(long group) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("subject", unique("raced"));
        fields.put("comment", Map.of("body", "Work"));
        fields.put("group_id", group);
        Api.Response created = admin().post("/api/v2/tickets", Map.of("ticket", fields));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/ticket/id").asLong();
    }
}
