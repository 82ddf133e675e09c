package io.sidedesk.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four roll-up policies (B1; docs/rollup-contract.md §2–§5), each on and off: with children of a private group
 * the acting agent cannot see (R17), broken links (R13: an unlinked child takes part in no policy), closed parents
 * (R19), and one level only (a change a policy makes sets off no other policy). With every policy off, parent and
 * children stay apart (R12).
 */
class RollUpPolicyTests extends RollUpTestSupport {

    // ---- §2 parent_solve_requires_children_solved ---------------------------------------------------------------

    @Test
    void solvingAParentWithUnsolvedChildrenIsRefusedNamingTheVisibleOnesAndCountingTheHidden_B1() {
        policies(REQUIRE);
        Family family = family();
        Child first = child(family);
        Child second = child(family);
        status(as(second.agent()), second.id(), "pending");
        Child hidden = child(family.parent(), team(false));
        Child solved = child(family);
        status(as(solved.agent()), solved.id(), "solved");
        Child closed = child(family);
        close(closed);
        Child broken = child(family);
        breakLink(broken.id());
        JsonNode parentBefore = ticket(family.parent());
        int audits = audits(family.parent()).size();
        int comments = comments(family.parent()).size();
        Written written = written(family.parent());

        Api.Response refused = put(
                as(family.parentAgent()),
                family.parent(),
                fields("status", "solved", "comment", body("All done here, closing it.")));

        assertInvalid(refused, "status");
        String description = refused.json().at("/details/status/0/description").asString();
        assertThat(description)
                .isEqualTo("the ticket has child tickets that are not solved: #" + first.id() + ", #" + second.id()
                        + " and 1 you cannot see; solve them first");
        assertThat(refused.body())
                .as("neither the hidden child nor a done or unlinked one is named")
                .doesNotContain("#" + hidden.id())
                .doesNotContain("#" + solved.id())
                .doesNotContain("#" + closed.id())
                .doesNotContain("#" + broken.id());
        assertThat(ticket(family.parent())).as("nothing written").isEqualTo(parentBefore);
        assertThat(audits(family.parent())).hasSize(audits);
        assertThat(comments(family.parent())).hasSize(comments);
        assertNothingWritten(written, family.parent());
        assertThat(statusOf(first.id())).isEqualTo("open");
        assertThat(statusOf(hidden.id())).isEqualTo("open");
    }

    /** A macro of these actions, made by the admin (the test deletes it when done). */
    private long macro(String title, List<Map<String, Object>> actions) {
        Api.Response made =
                admin().post("/api/v2/macros", Map.of("macro", Map.of("title", unique(title), "actions", actions)));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json().at("/macro/id").asLong();
    }

    /** A macro that hands the ticket off to the child team (a child ticket, R16) and solves it in the same update. */
    private long handOffAndSolveMacro(Family family) {
        String to = "SupportAssignable:support_assignable/group/"
                + family.childTeam().group() + "/agent/" + family.childAgent().id();
        return macro(
                "Hand off and solve",
                List.of(
                        Map.of("field", "status", "value", "solved"),
                        Map.of(
                                "field",
                                "side_conversation_ticket",
                                "value",
                                List.of(unique("Hand-off"), "Please take this over", to))));
    }

    /**
     * The child the update itself opens counts (B1 with R16): the links are read as the write leaves them, its own
     * pending changes included (issue 26's review: a read that no longer followed a flush missed them).
     */
    @Test
    void aMacroThatOpensAChildWhileSolvingTheParentIsRefusedAndWritesNothing_B1() {
        policies(REQUIRE);
        Family family = family();
        long macro = handOffAndSolveMacro(family);
        try {
            int audits = audits(family.parent()).size();

            Api.Response refused = put(as(family.parentAgent()), family.parent(), fields("macro_ids", List.of(macro)));

            assertInvalid(refused, "macro.actions[0]");
            assertThat(audits(family.parent())).hasSize(audits);
            assertThat(statusOf(family.parent())).isNotEqualTo("solved");
            assertThat(admin().get(sideConversations(family.parent())).json().get("side_conversations"))
                    .as("no side conversation, no child written")
                    .isEmpty();
        } finally {
            admin().delete("/api/v2/macros/" + macro);
        }
    }

    @Test
    void aMacroThatOpensAChildWhileSolvingTheParentSolvesThatChildToo_B1() {
        policies(SOLVE);
        Family family = family();
        long macro = handOffAndSolveMacro(family);
        try {
            Api.Response solved = put(as(family.parentAgent()), family.parent(), fields("macro_ids", List.of(macro)));

            assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
            JsonNode conversation =
                    admin().get(sideConversations(family.parent())).json().at("/side_conversations/0");
            long child = conversation.at("/external_ids/targetTicketId").asLong();
            assertThat(child).isPositive();
            assertThat(statusOf(child)).isEqualTo("solved");
        } finally {
            admin().delete("/api/v2/macros/" + macro);
        }
    }

    @Test
    void anAdminIsToldOfEveryUnsolvedChildByIdAndNoneIsCountedAsHidden_B1() {
        policies(REQUIRE);
        Family family = family();
        Child visible = child(family);
        Child hidden = child(family.parent(), team(false));

        Api.Response refused = put(admin(), family.parent(), fields("status", "solved"));

        assertInvalid(refused, "status");
        String description = refused.json().at("/details/status/0/description").asString();
        assertThat(description).contains("#" + visible.id(), "#" + hidden.id()).doesNotContain("cannot see");
        assertThat(description.indexOf("#" + visible.id()))
                .as("ascending by id")
                .isLessThan(description.indexOf("#" + hidden.id()));
        assertThat(statusOf(family.parent())).isNotEqualTo("solved");
    }

    @Test
    void atMostTwentyFiveUnsolvedChildrenAreNamedAndTheRestCounted_B1() {
        policies(REQUIRE);
        Family family = family();
        Child template = child(family);
        List<Long> children = new ArrayList<>(List.of(template.id()));
        children.addAll(seedChildren(template.id(), 27));

        Api.Response refused = put(as(family.parentAgent()), family.parent(), fields("status", "solved"));

        assertInvalid(refused, "status");
        String description = refused.json().at("/details/status/0/description").asString();
        for (int i = 0; i < 25; i++) {
            assertThat(description).as("the %dth, named", i + 1).contains("#" + children.get(i));
        }
        for (int i = 25; i < children.size(); i++) {
            assertThat(description).as("the %dth, counted", i + 1).doesNotContain("#" + children.get(i));
        }
        assertThat(description).contains("and 3 more");
        assertThat(statusOf(family.parent())).isNotEqualTo("solved");
    }

    @Test
    void solvedClosedAndUnlinkedChildrenNeverBlockTheParent_B1_R13() {
        policies(REQUIRE);
        Family family = family();
        Child solved = child(family);
        status(as(solved.agent()), solved.id(), "solved");
        Child closed = child(family);
        close(closed);
        Child broken = child(family);
        breakLink(broken.id());
        Child hiddenSolved = child(family.parent(), team(false));
        status(as(hiddenSolved.agent()), hiddenSolved.id(), "solved");

        status(as(family.parentAgent()), family.parent(), "solved");

        assertThat(statusOf(broken.id()))
                .as("the unlinked child is left as it was")
                .isEqualTo("open");
    }

    @Test
    void theRefusalHoldsUntilTheLastChildIsSolvedAndASolvedParentMayBeClosedWhateverItsChildren_B1() {
        policies(REQUIRE);
        Family family = family();
        Child child = child(family);
        Child hidden = child(family.parent(), team(false));
        assertInvalid(put(as(family.parentAgent()), family.parent(), fields("status", "solved")), "status");
        status(as(child.agent()), child.id(), "solved");
        Api.Response stillHidden = put(as(family.parentAgent()), family.parent(), fields("status", "solved"));
        assertInvalid(stillHidden, "status");
        assertThat(stillHidden.json().at("/details/status/0/description").asString())
                .contains("1 you cannot see")
                .doesNotContain("#" + child.id());
        status(as(hidden.agent()), hidden.id(), "solved");

        status(as(family.parentAgent()), family.parent(), "solved");
        // A child reopens after the parent was solved (reopen_parent_when_child_reopens is off): closing the parent
        // moves it from done to done, which the policy does not refuse.
        status(as(child.agent()), child.id(), "open");
        assertThat(statusOf(family.parent())).isEqualTo("solved");

        status(as(family.parentAgent()), family.parent(), "closed");
    }

    @Test
    void aMacroThatSolvesTheParentIsRefusedAlike_B1() {
        policies(REQUIRE);
        Family family = family();
        Child child = child(family);
        long macro = macro("Solve it", List.of(Map.of("field", "status", "value", "solved")));
        try {
            int audits = audits(family.parent()).size();

            Api.Response refused = put(as(family.parentAgent()), family.parent(), fields("macro_ids", List.of(macro)));

            // As every refusal of a member a macro set, it names the macro's action that set it.
            assertInvalid(refused, "macro.actions[0]");
            assertThat(refused.json()
                            .at("/details/macro.actions[0]/0/description")
                            .asString())
                    .contains("#" + child.id());
            assertThat(audits(family.parent())).hasSize(audits);
            assertThat(statusOf(family.parent())).isNotEqualTo("solved");
        } finally {
            admin().delete("/api/v2/macros/" + macro);
        }
    }

    @Test
    void withTheRequirementOffAParentIsSolvedWhateverItsChildren_B1_R12() {
        Family family = family();
        Child child = child(family);
        Child hidden = child(family.parent(), team(false));
        int childAudits = audits(child.id()).size();

        status(as(family.parentAgent()), family.parent(), "solved");

        assertThat(statusOf(child.id())).isEqualTo("open");
        assertThat(statusOf(hidden.id())).isEqualTo("open");
        assertThat(audits(child.id())).as("R12: nothing reaches the child").hasSize(childAudits);
        assertThat(rollUps(family.parent())).isEmpty();
    }

    // ---- §3 solve_children_with_parent --------------------------------------------------------------------------

    @Test
    void solvingTheParentSolvesEachLinkedUnsolvedChildInTheSameWrite_B1() {
        policies(SOLVE);
        Family family = family();
        Child open = child(family);
        Child pending = child(family);
        status(as(pending.agent()), pending.id(), "pending");
        Child hidden = child(family.parent(), team(false));
        Child solved = child(family);
        status(as(solved.agent()), solved.id(), "solved");
        Child closed = child(family);
        close(closed);
        Child broken = child(family);
        breakLink(broken.id());
        List<Child> solvable = List.of(open, pending, hidden);
        Map<Long, Integer> childAudits = new java.util.HashMap<>();
        for (Child child : List.of(open, pending, hidden, solved, closed, broken)) {
            childAudits.put(child.id(), audits(child.id()).size());
        }
        JsonNode solvedBefore = ticket(solved.id());
        JsonNode closedBefore = ticket(closed.id());
        JsonNode brokenBefore = ticket(broken.id());

        status(as(family.parentAgent()), family.parent(), "solved");

        JsonNode parentAudit = rollUpAudit(family.parent(), SOLVE);
        assertThat(parentAudit.get("correlation_id").asString())
                .as("the policy's audit is of the parent's write")
                .isEqualTo(auditChangingStatus(family.parent(), "open", "solved")
                        .get("correlation_id")
                        .asString());
        assertThat(parentAudit.at("/via/source/rel").asString()).isEqualTo("roll_up");
        JsonNode summary = single(rollUpsOf(parentAudit, SOLVE));
        assertThat(summary.get("solved").asInt()).isEqualTo(3);
        assertThat(summary.get("solved_without_access").asInt()).isEqualTo(1);
        assertThat(summary.get("not_solved").asInt()).isZero();
        assertThat(new TreeSet<>(summary.propertyNames()))
                .as("counts only: no child's id")
                .isEqualTo(new TreeSet<>(Set.of("type", "policy", "solved", "solved_without_access", "not_solved")));
        assertThat(eventsOf(parentAudit, "RollUp"))
                .as("one RollUp event on the parent")
                .hasSize(1);
        String correlation = parentAudit.get("correlation_id").asString();

        for (Child child : solvable) {
            String was = child == pending ? "pending" : "open";
            assertThat(statusOf(child.id())).as("child %d", child.id()).isEqualTo("solved");
            List<JsonNode> audits = audits(child.id());
            assertThat(audits).as("one audit on child %d", child.id()).hasSize(childAudits.get(child.id()) + 1);
            JsonNode audit = last(audits);
            assertThat(audit.get("author_id").asLong())
                    .as("authored by the parent's updater")
                    .isEqualTo(family.parentAgent().id());
            assertThat(audit.at("/via/channel").asString()).isEqualTo("rule");
            assertThat(audit.at("/via/source/rel").asString()).isEqualTo("roll_up");
            assertThat(audit.at("/via/source/from/ticket_id").asLong()).isEqualTo(family.parent());
            assertThat(audit.get("correlation_id").asString())
                    .as("one write, one correlation id")
                    .isEqualTo(correlation);
            JsonNode change = statusChange(audit);
            assertThat(change.get("previous_value").asString()).isEqualTo(was);
            assertThat(change.get("value").asString()).isEqualTo("solved");
            JsonNode note = single(eventsOf(audit, "Comment"));
            assertThat(note.get("public").asBoolean()).as("an internal note").isFalse();
            assertThat(note.get("body").asString())
                    .isEqualTo("Solved because its parent ticket #" + family.parent() + " was solved.");
            JsonNode rollUp = single(eventsOf(audit, "RollUp"));
            assertThat(rollUp.get("policy").asString()).isEqualTo(SOLVE);
            assertThat(rollUp.get("parent_ticket_id").asLong()).isEqualTo(family.parent());
            assertThat(last(comments(child.id())).get("public").asBoolean()).isFalse();
            assertThat(show(family.parent(), child.sideConversation())
                            .get("state")
                            .asString())
                    .as("R11 closes the child's side conversation")
                    .isEqualTo("closed");
        }
        assertThat(ticket(solved.id())).as("already solved: untouched").isEqualTo(solvedBefore);
        assertThat(ticket(closed.id())).as("closed: untouched").isEqualTo(closedBefore);
        assertThat(ticket(broken.id())).as("R13: unlinked, untouched").isEqualTo(brokenBefore);
        for (Child child : List.of(solved, closed, broken)) {
            assertThat(audits(child.id())).hasSize(childAudits.get(child.id()));
        }
    }

    @Test
    void aChildThatCannotBeSolvedStaysUnsolvedAndIsCounted_B1() {
        policies(SOLVE);
        Family family = family();
        Child assigned = child(family);
        // Addressed to a group only, the child has no assignee, and a ticket needs one to be solved.
        Child unassigned = unassignedChild(family.parent(), family.childTeam());
        assertThat(statusOf(unassigned.id())).isEqualTo("new");
        int audits = audits(unassigned.id()).size();

        status(as(family.parentAgent()), family.parent(), "solved");

        JsonNode summary = single(rollUpsOf(rollUpAudit(family.parent(), SOLVE), SOLVE));
        assertThat(summary.get("solved").asInt()).isEqualTo(1);
        assertThat(summary.get("not_solved").asInt()).isEqualTo(1);
        assertThat(statusOf(assigned.id())).isEqualTo("solved");
        assertThat(statusOf(unassigned.id())).isEqualTo("new");
        assertThat(audits(unassigned.id())).hasSize(audits);
    }

    @Test
    void noRollUpEventWhenNoChildIsLinkedAndUnsolved_B1() {
        policies(SOLVE);
        Family family = family();
        Child solved = child(family);
        status(as(solved.agent()), solved.id(), "solved");
        Child broken = child(family);
        breakLink(broken.id());

        status(as(family.parentAgent()), family.parent(), "solved");

        assertThat(rollUps(family.parent())).isEmpty();
        assertThat(statusOf(broken.id())).isEqualTo("open");
        long childless = assignedParent(family.parentTeam());
        status(as(family.parentAgent()), childless, "solved");
        assertThat(rollUps(childless)).isEmpty();
    }

    @Test
    void aChildSolvedWithItsParentDoesNotSolveItsOwnChildren_B1() {
        policies(SOLVE);
        Family family = family();
        Child child = child(family);
        Child grandchild = child(child.id(), team(true));

        status(as(family.parentAgent()), family.parent(), "solved");

        assertThat(statusOf(child.id())).isEqualTo("solved");
        assertThat(statusOf(grandchild.id())).as("one level, never a chain").isEqualTo("open");
        assertThat(rollUps(grandchild.id())).isEmpty();
    }

    @Test
    void withBothPoliciesOnTheRequirementWinsAndNothingIsSolved_B1() {
        policies(REQUIRE, SOLVE);
        Family family = family();
        Child child = child(family);
        int audits = audits(child.id()).size();
        int parentAudits = audits(family.parent()).size();

        Api.Response refused = put(as(family.parentAgent()), family.parent(), fields("status", "solved"));

        assertInvalid(refused, "status");
        assertThat(refused.json().at("/details/status/0/description").asString())
                .contains("#" + child.id());
        assertThat(statusOf(child.id())).isEqualTo("open");
        assertThat(audits(child.id())).hasSize(audits);
        assertThat(audits(family.parent())).hasSize(parentAudits);
    }

    @Test
    void withSolvingOffTheChildrenAreLeftAsTheyWere_B1_R12() {
        Family family = family();
        Child child = child(family);
        Child hidden = child(family.parent(), team(false));
        JsonNode before = ticket(child.id());
        int audits = audits(child.id()).size();

        status(as(family.parentAgent()), family.parent(), "solved");

        assertThat(ticket(child.id())).isEqualTo(before);
        assertThat(audits(child.id())).hasSize(audits);
        assertThat(statusOf(hidden.id())).isEqualTo("open");
        assertThat(rollUps(family.parent())).isEmpty();
    }

    // ---- §4 reopen_parent_when_child_reopens ----------------------------------------------------------------------

    @Test
    void aChildReopeningReopensItsSolvedParentRecordedOnBoth_B1() {
        policies(REOPEN);
        Family family = family();
        Child child = child(family);
        Child other = child(family);
        status(as(child.agent()), child.id(), "solved");
        status(as(family.parentAgent()), family.parent(), "solved");
        assertThat(statusOf(other.id())).as("the parent was solved alone").isEqualTo("open");

        status(as(child.agent()), child.id(), "open");

        assertThat(statusOf(family.parent())).isEqualTo("open");
        JsonNode parentAudit = auditChangingStatus(family.parent(), "solved", "open");
        assertThat(parentAudit.get("author_id").asLong())
                .as("authored by the child's updater")
                .isEqualTo(child.agent().id());
        assertThat(parentAudit.at("/via/channel").asString()).isEqualTo("rule");
        assertThat(parentAudit.at("/via/source/rel").asString()).isEqualTo("roll_up");
        assertThat(parentAudit.at("/via/source/from/ticket_id").asLong()).isEqualTo(child.id());
        JsonNode onParent = single(rollUpsOf(parentAudit, REOPEN));
        assertThat(onParent.get("child_ticket_id").asLong()).isEqualTo(child.id());
        JsonNode childAudit = auditChangingStatus(child.id(), "solved", "open");
        JsonNode onChild = single(rollUpsOf(rollUpAudit(child.id(), REOPEN), REOPEN));
        assertThat(onChild.get("parent_ticket_id").asLong()).isEqualTo(family.parent());
        assertThat(childAudit.get("correlation_id").asString())
                .as("one write, one correlation id")
                .isEqualTo(parentAudit.get("correlation_id").asString());
    }

    @Test
    void aChildReopenedToPendingOrHoldReopensTheParentToOpen_B1() {
        policies(REOPEN);
        for (String reopenedTo : List.of("pending", "hold")) {
            Family family = family();
            Child child = child(family);
            status(as(child.agent()), child.id(), "solved");
            status(as(family.parentAgent()), family.parent(), "solved");

            status(as(child.agent()), child.id(), reopenedTo);

            assertThat(statusOf(family.parent()))
                    .as("child solved → %s", reopenedTo)
                    .isEqualTo("open");
        }
    }

    @Test
    void aClosedParentStaysClosedWhenAChildReopens_B1_R19() {
        policies(REOPEN);
        Family family = family();
        Child child = child(family);
        status(as(child.agent()), child.id(), "solved");
        status(as(family.parentAgent()), family.parent(), "solved");
        JsonNode closed = status(as(family.parentAgent()), family.parent(), "closed");
        List<String> changes = statusChanges(family.parent());

        status(as(child.agent()), child.id(), "open");

        JsonNode parent = ticket(family.parent());
        assertThat(parent.get("status").asString()).isEqualTo("closed");
        assertThat(parent.get("updated_at")).isEqualTo(closed.get("updated_at"));
        assertThat(statusChanges(family.parent())).isEqualTo(changes);
        assertThat(rollUps(family.parent())).isEmpty();
        assertThat(rollUps(child.id())).isEmpty();
    }

    @Test
    void aParentThatIsNotSolvedIsLeftAloneWhenAChildReopens_B1() {
        policies(REOPEN);
        Family family = family();
        Child child = child(family);
        status(as(child.agent()), child.id(), "solved");
        status(as(family.parentAgent()), family.parent(), "pending");
        List<String> changes = statusChanges(family.parent());

        status(as(child.agent()), child.id(), "open");

        assertThat(statusOf(family.parent())).isEqualTo("pending");
        assertThat(statusChanges(family.parent())).isEqualTo(changes);
        assertThat(rollUps(family.parent())).isEmpty();
        assertThat(rollUps(child.id())).isEmpty();
    }

    @Test
    void anUnlinkedChildReopeningLeavesItsParentSolved_B1_R13() {
        policies(REOPEN);
        Family family = family();
        Child child = child(family);
        status(as(child.agent()), child.id(), "solved");
        breakLink(child.id());
        status(as(family.parentAgent()), family.parent(), "solved");

        status(as(child.agent()), child.id(), "open");

        assertThat(statusOf(family.parent())).isEqualTo("solved");
        assertThat(rollUps(family.parent())).isEmpty();
        assertThat(rollUps(child.id())).isEmpty();
    }

    @Test
    void aParentReopenedByItsChildDoesNotReopenItsOwnParent_B1() {
        policies(REOPEN);
        Family family = family();
        Child middle = child(family);
        Child grandchild = child(middle.id(), team(true));
        status(as(grandchild.agent()), grandchild.id(), "solved");
        status(as(middle.agent()), middle.id(), "solved");
        status(as(family.parentAgent()), family.parent(), "solved");

        status(as(grandchild.agent()), grandchild.id(), "open");

        assertThat(statusOf(middle.id())).as("reopened by its child").isEqualTo("open");
        assertThat(statusOf(family.parent())).as("one level, never a chain").isEqualTo("solved");
        assertThat(rollUps(family.parent())).isEmpty();
    }

    @Test
    void withReopeningOffASolvedParentStaysSolved_B1_R12() {
        Family family = family();
        Child child = child(family);
        status(as(child.agent()), child.id(), "solved");
        status(as(family.parentAgent()), family.parent(), "solved");

        status(as(child.agent()), child.id(), "open");

        assertThat(statusOf(family.parent())).isEqualTo("solved");
        assertThat(rollUps(family.parent())).isEmpty();
        assertThat(rollUps(child.id())).isEmpty();
    }

    // ---- §5 notify_parent_assignee_when_children_done --------------------------------------------------------------

    @Test
    void theParentsAssigneeIsToldOnceWhenTheLastLinkedChildIsSolved_B1() {
        policies(NOTIFY);
        Family family = family();
        Child first = child(family);
        Child second = child(family);
        Child closed = child(family);
        close(closed);
        Child broken = child(family);
        breakLink(broken.id());
        long[] children = {first.id(), second.id(), closed.id(), broken.id()};

        status(as(first.agent()), first.id(), "solved");
        assertThat(childrenDone(family.parent(), children))
                .as("one child is still open")
                .isEmpty();

        status(as(second.agent()), second.id(), "solved");

        JsonNode notice = single(childrenDone(family.parent(), children));
        assertThat(notice.get("recipient_id").asLong())
                .isEqualTo(family.parentAgent().id());
        assertThat(notice.get("recipient_email").asString())
                .isEqualTo(family.parentAgent().email());
        assertThat(notice.get("correlation_id").asString())
                .as("the write's correlation id")
                .isEqualTo(auditChangingStatus(second.id(), "open", "solved")
                        .get("correlation_id")
                        .asString());
        assertThat(statusOf(broken.id()))
                .as("an unlinked child is no child here")
                .isEqualTo("open");

        // Reopened and solved again: the last child is solved again, and the assignee told again.
        status(as(second.agent()), second.id(), "open");
        status(as(second.agent()), second.id(), "solved");
        assertThat(childrenDone(family.parent(), children)).hasSize(2);
    }

    @Test
    void aHiddenChildIsAChildTooAndItsSolvingTellsTheAssignee_B1_R17() {
        policies(NOTIFY);
        Family family = family();
        Child visible = child(family);
        Child hidden = child(family.parent(), team(false));

        status(as(visible.agent()), visible.id(), "solved");
        assertThat(childrenDone(family.parent(), visible.id(), hidden.id()))
                .as("the private group's child is still open")
                .isEmpty();

        status(as(hidden.agent()), hidden.id(), "solved");

        assertThat(single(childrenDone(family.parent(), visible.id(), hidden.id()))
                        .get("recipient_id")
                        .asLong())
                .isEqualTo(family.parentAgent().id());
    }

    @Test
    void nobodyIsToldWhenThePolicyIsOff_B1() {
        Family family = family();
        Child child = child(family);

        status(as(child.agent()), child.id(), "solved");

        assertThat(childrenDone(family.parent(), child.id())).isEmpty();
    }

    @Test
    void nobodyIsToldWhenTheParentHasNoAssignee_B1() {
        policies(NOTIFY);
        long parent = parentTicket();
        assertThat(ticket(parent).get("assignee_id").isNull()).isTrue();
        Child child = child(parent, team(true));

        status(as(child.agent()), child.id(), "solved");

        assertThat(childrenDone(parent, child.id())).isEmpty();
    }

    @Test
    void nobodyIsToldWhenTheAssigneeSolvedTheLastChildThemself_B1() {
        policies(NOTIFY);
        Team team = team(true);
        long parent = assignedParent(team);
        Child child = child(parent, team);
        assertThat(ticket(child.id()).get("assignee_id").asLong())
                .isEqualTo(team.agent().id());

        status(as(team.agent()), child.id(), "solved");

        assertThat(childrenDone(parent, child.id())).isEmpty();
    }

    @Test
    void nobodyIsToldWhenTheParentIsAlreadySolved_B1() {
        policies(NOTIFY);
        Family family = family();
        Child child = child(family);
        status(as(family.parentAgent()), family.parent(), "solved");

        status(as(child.agent()), child.id(), "solved");

        assertThat(childrenDone(family.parent(), child.id())).isEmpty();
    }

    @Test
    void nobodyIsToldOfChildrenSolvedWithTheirParent_B1() {
        policies(SOLVE, NOTIFY);
        Family family = family();
        Child first = child(family);
        Child second = child(family);

        status(as(family.parentAgent()), family.parent(), "solved");

        assertThat(statusOf(first.id())).isEqualTo("solved");
        assertThat(statusOf(second.id())).isEqualTo("solved");
        assertThat(childrenDone(family.parent(), first.id(), second.id()))
                .as("a change a policy makes sets off no other policy")
                .isEmpty();
    }

    @Test
    void concurrentSolvesOfTheLastTwoChildrenTellTheAssigneeExactlyOnce_B1() throws Exception {
        policies(NOTIFY);
        for (int round = 0; round < 3; round++) {
            Family family = family();
            Child first = child(family);
            Child second = child(family);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Api.Response>> solves = new ArrayList<>();
                for (Child child : List.of(first, second)) {
                    Callable<Api.Response> solve = () -> put(as(child.agent()), child.id(), fields("status", "solved"));
                    solves.add(pool.submit(solve));
                }
                for (Future<Api.Response> solve : solves) {
                    Api.Response response = solve.get();
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }

            assertThat(childrenDone(family.parent(), first.id(), second.id()))
                    .as("round %d", round)
                    .hasSize(1);
        }
    }
}
