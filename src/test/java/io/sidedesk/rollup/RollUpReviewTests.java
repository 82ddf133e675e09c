package io.sidedesk.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of issue 25 (B1, docs/rollup-contract.md): defects found in the roll-up policies. Every test fails on the
 * code as reviewed; none depends on how fast the machine is (a lock is held by the test itself, and waits poll with
 * {@link #PATIENCE}).
 */
class RollUpReviewTests extends RollUpTestSupport {

    private static final String TRIGGERS = "/api/v2/triggers";

    @Autowired
    private DataSource dataSource;

    private final List<Long> triggers = new ArrayList<>();

    @AfterEach
    void deleteTheTriggers() {
        for (long id : triggers) {
            Api.Response response = admin().withoutContract().delete(TRIGGERS + "/" + id);
            assertThat(response.status()).as(response.toString()).isIn(204, 404);
        }
    }

    /**
     * ARCHITECTURE: side conversation rows before ticket rows, everywhere. A parent solved by a trigger its update
     * fires (no {@code status} sent, so {@code TicketWrites.apply} did not lock the children's side conversations
     * first) locks them in {@code RollUpPolicies.asParent} while it already holds the parent's row. A child's write
     * holds its side conversation and row, then takes the parent's row (reopen, notify, R8's event on the parent):
     * the two deadlock. Here the test holds the child's side conversation as a child's write would, and checks that
     * the parent's write, blocked on it, does not hold the parent's row meanwhile.
     */
    @Test
    void aParentSolvedByATriggerDoesNotHoldItsRowWhileWaitingForItsChildrensSideConversations_B1_lockOrder()
            throws Exception {
        policies(SOLVE);
        Family family = family();
        Child child = child(family);
        String tag = unique("solve").toLowerCase(Locale.ROOT);
        trigger(tag, "solved");

        ExecutorService executor = Executors.newSingleThreadExecutor();
        boolean parentRowFree;
        Future<Api.Response> write;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try {
                try (PreparedStatement lock =
                        holder.prepareStatement("select 1 from side_conversations where id = ? for update")) {
                    lock.setObject(1, UUID.fromString(child.sideConversation()));
                    lock.executeQuery().close();
                }
                int holderPid = pid(holder);

                write = executor.submit(
                        () -> put(as(family.parentAgent()), family.parent(), fields("tags", List.of(tag))));
                await(
                        "the parent's write to wait on the child's side conversation",
                        () -> jdbc.queryForObject(
                                        "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                                        Long.class,
                                        holderPid)
                                > 0);

                try (PreparedStatement probe =
                        holder.prepareStatement("select 1 from tickets where id = ? for update nowait")) {
                    probe.setLong(1, family.parent());
                    probe.executeQuery().close();
                    parentRowFree = true;
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as("lock_not_available: %s", e).isEqualTo("55P03");
                    parentRowFree = false;
                }
            } finally {
                holder.rollback();
            }
        }
        Api.Response response = write.get(2, TimeUnit.MINUTES);
        executor.shutdown();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(statusOf(family.parent())).isEqualTo("solved");
        assertThat(statusOf(child.id())).as("solved with its parent").isEqualTo("solved");
        assertThat(parentRowFree)
                .as("while it waited for the child's side conversation, the parent's write held the parent's row: "
                        + "ticket row before side conversation row, the reverse of a child's write (a deadlock)")
                .isTrue();
    }

    /**
     * {@code RollUpWrites.reopenForPolicy} reopens the parent without what every other reopening does
     * ({@code TicketWrites.releaseOnReopen}): a solved parent kept an assignee who has since been deactivated; reopened
     * by a child, it is open and assigned to a user who can no longer hold it, instead of unassigned with a
     * {@code DirectoryChange} ({@code assignee_cannot_hold}).
     */
    @Test
    void aParentReopenedByAChildLosesAnAssigneeWhoMayNoLongerHoldIt_B1() {
        policies(REOPEN);
        Family family = family();
        Child child = child(family);
        status(as(child.agent()), child.id(), "solved");
        status(as(family.parentAgent()), family.parent(), "solved");
        assertThat(admin().delete("/api/v2/users/" + family.parentAgent().id()).status())
                .isEqualTo(200);
        assertThat(ticket(family.parent()).get("assignee_id").asLong())
                .as("solved: the assignee is kept")
                .isEqualTo(family.parentAgent().id());

        status(as(child.agent()), child.id(), "open");

        JsonNode parent = ticket(family.parent());
        assertThat(parent.get("status").asString()).isEqualTo("open");
        assertThat(parent.get("assignee_id").isNull())
                .as("reopened, the parent is no longer assigned to a deactivated user: %s", parent.get("assignee_id"))
                .isTrue();
    }

    /**
     * {@code RollUpWrites.solveForPolicy} adds its internal note without asking whether the child has room for it
     * ({@code Ticket.countComment} throws): one child at its comment limit, here one of a private group the solver
     * cannot see, makes the parent unsolvable, a 422 naming {@code comment} for an update that sent none. The contract
     * keeps such a child unsolved (as a child missing fields required to solve) and counts it; the parent is solved.
     */
    @Test
    void aChildAtItsCommentLimitDoesNotMakeItsParentUnsolvable_B1_R17() {
        policies(SOLVE);
        Family family = family();
        Child fine = child(family);
        Child full = child(family.parent(), team(false));
        jdbc.update("update tickets set comment_count = 5000 where id = ?", full.id());

        Api.Response solved = put(as(family.parentAgent()), family.parent(), fields("status", "solved"));

        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
        assertThat(statusOf(family.parent())).isEqualTo("solved");
        assertThat(statusOf(fine.id())).isEqualTo("solved");
    }

    /**
     * A parent that is itself a child (of a grandparent's side conversation) is reopened by its own child: the
     * policy's change sets off no other policy, but the ticket's own rules follow as on any write (R11: reopening the
     * child reopens its side conversation), as they do when a policy solves a child. {@code reopenForPolicy}
     * publishes no {@code TicketUpdated}, so the grandparent's side conversation stays closed while its child is open.
     */
    @Test
    void aParentReopenedByItsChildReopensItsOwnSideConversationOnTheGrandparent_B1_R11() {
        policies(REOPEN);
        Team top = team(true);
        long grandparent = assignedParent(top);
        Child parent = child(grandparent, team(true));
        Child child = child(parent.id(), team(true));
        status(as(child.agent()), child.id(), "solved");
        status(as(parent.agent()), parent.id(), "solved");
        assertThat(show(grandparent, parent.sideConversation()).get("state").asString())
                .as("R11: the parent solved closed its side conversation on the grandparent")
                .isEqualTo("closed");

        status(as(child.agent()), child.id(), "open");

        assertThat(statusOf(parent.id())).as("reopened by its child").isEqualTo("open");
        assertThat(show(grandparent, parent.sideConversation()).get("state").asString())
                .as("R11: the parent reopened reopens its side conversation on the grandparent")
                .isEqualTo("open");
    }

    /**
     * A bulk update of children is staff's (an end-user is refused it, and may not read its job status), yet a job
     * whose creator is made an end-user while it runs goes on writing as them: {@code JobRunner} only asks whether
     * the creator is active, and {@code BulkChildUpdates.run} never whether they are staff. A child ticket's requester
     * is the agent who opened its side conversation (R14), so the demoted creator still "sees" the children they
     * opened, and the job's comment lands on them as an end-user's public reply (mirrored to the parent, R8). The
     * items left after the demotion should fail (as {@code Forbidden}, or as a failed job), not run.
     */
    @Test
    void aJobWhoseCreatorBecomesAnEndUserWhileItRunsWritesNothingMoreAsThem_B1_7() throws Exception {
        Family family = family();
        Child first = child(family);
        Child second = child(family);
        TestUser creator = family.childAgent();
        String body = unique("Done on our side");

        ExecutorService executor = Executors.newSingleThreadExecutor();
        String jobId;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try {
                // The job's first item waits on the first child's side conversation: the test chooses when it runs.
                try (PreparedStatement lock =
                        holder.prepareStatement("select 1 from side_conversations where id = ? for update")) {
                    lock.setObject(1, UUID.fromString(first.sideConversation()));
                    lock.executeQuery().close();
                }
                int holderPid = pid(holder);
                Api.Response queued = as(creator)
                        .put(
                                "/api/v2/tickets/" + family.parent() + "/child_tickets",
                                fields(
                                        "ticket",
                                        fields("comment", fields("body", body)),
                                        "ids",
                                        List.of(first.id(), second.id())));
                assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
                jobId = queued.json().at("/job_status/id").asString();
                await(
                        "the job's first item to wait on the first child's side conversation",
                        () -> jdbc.queryForObject(
                                        "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                                        Long.class,
                                        holderPid)
                                > 0);

                Future<Api.Response> demoted = executor.submit(
                        () -> admin().put("/api/v2/users/" + creator.id(), Map.of("user", Map.of("role", "end-user"))));
                Api.Response demotion = demoted.get(2, TimeUnit.MINUTES);
                assertThat(demotion.status()).as(demotion.toString()).isEqualTo(200);
            } finally {
                holder.rollback();
            }
        }
        executor.shutdown();
        JsonNode[] job = new JsonNode[1];
        await("job " + jobId + " finished", () -> {
            job[0] = admin().get("/api/v2/job_statuses/" + jobId).json().get("job_status");
            return List.of("completed", "failed").contains(job[0].get("status").asString());
        });
        assertThat(as(creator).get("/api/v2/job_statuses/" + jobId).status())
                .as("the demoted creator may not even read the job")
                .isEqualTo(403);

        JsonNode secondResult = job[0].get("results").get(1);
        assertThat(bodies(comments(second.id())))
                .as("the job wrote on the second child as an end-user: %s", secondResult)
                .doesNotContain(body);
        assertThat(secondResult.get("success").asBoolean())
                .as("%s", secondResult)
                .isFalse();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A trigger: tickets tagged so, not yet solved, are moved to the status. */
    private void trigger(String tag, String status) {
        Api.Response response = admin().post(
                        TRIGGERS,
                        Map.of(
                                "trigger",
                                Map.of(
                                        "title",
                                        unique("Roll-up review " + tag),
                                        "conditions",
                                        fields(
                                                "all",
                                                List.of(
                                                        fields(
                                                                "field",
                                                                "current_tags",
                                                                "operator",
                                                                "includes",
                                                                "value",
                                                                tag),
                                                        fields(
                                                                "field",
                                                                "status",
                                                                "operator",
                                                                "less_than",
                                                                "value",
                                                                "solved")),
                                                "any",
                                                List.of()),
                                        "actions",
                                        List.of(fields("field", "status", "value", status)))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        triggers.add(response.json().at("/trigger/id").asLong());
    }

    private static int pid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
