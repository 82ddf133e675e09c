package io.sidedesk.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk update of a parent's children (B1; docs/rollup-contract.md §7): {@code PUT /api/v2/tickets/{id}/child_tickets}
 * answers a job status at once, and the job updates each child in its own transaction exactly as the caller's own
 * {@code PUT /api/v2/tickets/{child}} would, with a result per child in the job's order: a child the caller may not see
 * or that is no linked child of the parent is a per-child {@code RecordNotFound} (R17, R22, R13), a light agent's
 * change a per-child {@code Forbidden} (R3). A refused request queues nothing; a retried request with the same
 * {@code Idempotency-Key} runs the job once (B3). Jobs are awaited through their status, never slept on.
 */
class ChildTicketBulkUpdateTests extends RollUpTestSupport {

    private static final String JOB_STATUSES = "/api/v2/job_statuses";

    @Test
    void threeHundredChildrenAreUpdatedThroughAJobWithAResultEachInOrder_B1() {
        Family family = family();
        Child template = child(family);
        List<Long> children = new ArrayList<>(List.of(template.id()));
        children.addAll(seedChildren(template.id(), 299));
        Map<String, Object> update =
                fields("ticket", fields("priority", "high", "comment", fields("body", "Closing out", "public", false)));

        Api.Response response = bulk(as(family.parentAgent()), family.parent(), update);

        JsonNode job = queued(response);
        assertThat(job.get("total").asInt()).isEqualTo(300);
        JsonNode done = finished(as(family.parentAgent()), job);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(300);
        assertThat(done.get("total").asInt()).isEqualTo(300);
        assertThat(done.get("job_type").asString()).isEqualTo("bulk_update_child_tickets");
        List<JsonNode> results = list(done.get("results"));
        assertThat(results).hasSize(300);
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("id").asLong()).as("result %d", i).isEqualTo(children.get(i));
            assertThat(result.get("index").asInt()).isEqualTo(i);
            assertThat(result.get("action").asString()).isEqualTo("update");
            assertThat(result.get("success").asBoolean()).as("%s", result).isTrue();
            assertThat(result.get("status").asString()).isEqualTo("Updated");
        }
        for (int from = 0; from < children.size(); from += 100) {
            List<Long> page = children.subList(from, Math.min(from + 100, children.size()));
            JsonNode tickets = admin().get("/api/v2/tickets/show_many?ids=" + joined(page))
                    .json()
                    .get("tickets");
            assertThat(tickets.size()).isEqualTo(page.size());
            tickets.forEach(ticket -> assertThat(ticket.get("priority").asString())
                    .as("ticket %s", ticket.get("id"))
                    .isEqualTo("high"));
        }
        for (long child : List.of(children.get(0), children.get(150), children.get(299))) {
            JsonNode note = last(comments(child));
            assertThat(note.get("body").asString()).isEqualTo("Closing out");
            assertThat(note.get("public").asBoolean()).isFalse();
            assertThat(note.get("author_id").asLong())
                    .isEqualTo(family.parentAgent().id());
            assertThat(last(audits(child)).get("author_id").asLong())
                    .isEqualTo(family.parentAgent().id());
        }
        assertThat(audits(children.get(150)))
                .as("a seeded child had no audit before: one now")
                .hasSize(1);
    }

    @Test
    void theJobStatusAnswersInZendesksShapeWithALocation_B1() {
        Family family = family();
        Child child = child(family);

        Api.Response response =
                bulk(as(family.parentAgent()), family.parent(), fields("ticket", fields("priority", "low")));

        JsonNode job = queued(response);
        String id = job.get("id").asString();
        assertThat(response.header("Location"))
                .as("a Location names the resource without the .json suffix, as every Location does")
                .endsWith(JOB_STATUSES + "/" + id);
        assertThat(job.get("url").asString()).startsWith("http").endsWith(JOB_STATUSES + "/" + id + ".json");
        assertThat(job.get("total").asInt()).isEqualTo(1);
        JsonNode done = finished(as(family.parentAgent()), job);
        assertThat(done.get("id").asString()).isEqualTo(id);
        JsonNode result = single(list(done.get("results")));
        assertThat(result.get("id").asLong()).isEqualTo(child.id());
        assertThat(statusOf(child.id())).isEqualTo("open");
        assertThat(ticket(child.id()).get("priority").asString()).isEqualTo("low");
        Api.Response suffixed = as(family.parentAgent()).get(JOB_STATUSES + "/" + id + ".json");
        assertThat(suffixed.status()).as(suffixed.toString()).isEqualTo(200);
        assertThat(suffixed.json().at("/job_status/id").asString()).isEqualTo(id);
    }

    @Test
    void aChildTheCallerMayNotSeeOrThatIsNoLinkedChildIsAPerChildRecordNotFoundWhileTheOthersAreUpdated_B1_R17_R22() {
        Family family = family();
        Child first = child(family);
        Child hidden = child(family.parent(), team(false));
        Child broken = child(family);
        breakLink(broken.id());
        long stranger =
                child(assignedParent(family.childTeam()), family.childTeam()).id();
        long plainTicket = parentTicket();
        Child second = child(family);
        JsonNode hiddenBefore = ticket(hidden.id());
        JsonNode brokenBefore = ticket(broken.id());
        List<Long> ids =
                List.of(first.id(), hidden.id(), stranger, broken.id(), plainTicket, 987_654_321L, second.id());

        JsonNode done = finished(
                as(family.parentAgent()),
                queued(bulk(
                        as(family.parentAgent()),
                        family.parent(),
                        fields("ticket", fields("priority", "urgent"), "ids", ids))));

        assertThat(done.get("status").asString())
                .as("a per-child refusal fails no job")
                .isEqualTo("completed");
        assertThat(done.get("total").asInt()).isEqualTo(ids.size());
        assertThat(done.get("progress").asInt()).isEqualTo(ids.size());
        List<JsonNode> results = list(done.get("results"));
        assertThat(results).extracting(result -> result.get("id").asLong()).containsExactlyElementsOf(ids);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(6).get("success").asBoolean()).isTrue();
        JsonNode missing = results.get(5);
        for (int i = 1; i <= 5; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("success").asBoolean()).as("%s", result).isFalse();
            assertThat(result.get("error").asString()).as("%s", result).isEqualTo("RecordNotFound");
            assertThat(result.get("errors").asString())
                    .isEqualTo(missing.get("errors").asString());
            assertThat(result.get("index").asInt()).isEqualTo(i);
        }
        assertThat(ticket(first.id()).get("priority").asString()).isEqualTo("urgent");
        assertThat(ticket(second.id()).get("priority").asString()).isEqualTo("urgent");
        assertThat(ticket(hidden.id())).as("the hidden child untouched").isEqualTo(hiddenBefore);
        assertThat(ticket(broken.id())).as("R13: the unlinked child untouched").isEqualTo(brokenBefore);
        assertThat(ticket(stranger).get("priority").isNull()).isTrue();
    }

    @Test
    void aLightAgentsStatusChangeIsAPerChildForbiddenAndTheirInternalNoteIsWritten_B1_R3_R18() {
        Family family = family();
        Child child = child(family);
        TestUser light = lightAgent();

        JsonNode refused = finished(
                as(light),
                queued(bulk(
                        as(light),
                        family.parent(),
                        fields("ticket", fields("status", "pending"), "ids", List.of(child.id())))));

        JsonNode result = single(list(refused.get("results")));
        assertThat(refused.get("status").asString()).isEqualTo("completed");
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("error").asString()).isEqualTo("Forbidden");
        assertThat(result.get("errors").asString()).isNotBlank();
        assertThat(statusOf(child.id())).isEqualTo("open");

        JsonNode noted = finished(
                as(light),
                queued(bulk(
                        as(light),
                        family.parent(),
                        fields(
                                "ticket",
                                fields("comment", fields("body", "Seen by a light agent", "public", false))))));

        assertThat(single(list(noted.get("results"))).get("success").asBoolean())
                .isTrue();
        assertThat(last(comments(child.id())).get("body").asString()).isEqualTo("Seen by a light agent");
    }

    @Test
    void withoutIdsTheJobTakesTheLinkedChildrenTheCallerMaySeeAscending_B1_R13_R17() {
        Family family = family();
        Child first = child(family);
        Child hidden = child(family.parent(), team(false));
        Child broken = child(family);
        breakLink(broken.id());
        Child second = child(family);
        Child closed = child(family);
        close(closed);

        JsonNode done = finished(
                as(family.parentAgent()),
                queued(bulk(
                        as(family.parentAgent()),
                        family.parent(),
                        fields("ticket", fields("tags", List.of("rolled"))))));

        assertThat(done.get("total").asInt())
                .as("the hidden and the unlinked are not counted")
                .isEqualTo(3);
        List<JsonNode> results = list(done.get("results"));
        assertThat(results)
                .extracting(result -> result.get("id").asLong())
                .containsExactly(first.id(), second.id(), closed.id());
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(1).get("success").asBoolean()).isTrue();
        assertThat(results.get(2).get("success").asBoolean())
                .as("a closed ticket cannot be updated")
                .isFalse();
        assertThat(results.get(2).get("error").asString()).isEqualTo("RecordInvalid");
        assertThat(strings(ticket(first.id()).get("tags"))).contains("rolled");
        assertThat(strings(ticket(hidden.id()).get("tags"))).doesNotContain("rolled");
        assertThat(strings(ticket(broken.id()).get("tags"))).doesNotContain("rolled");

        JsonNode everything = finished(
                admin(), queued(bulk(admin(), family.parent(), fields("ticket", fields("tags", List.of("all"))))));
        assertThat(list(everything.get("results")))
                .as("an admin sees the private group's child too")
                .extracting(result -> result.get("id").asLong())
                .containsExactly(first.id(), hidden.id(), second.id(), closed.id());
    }

    @Test
    void aBadRequestIsA422NamingTheMemberAndQueuesNothing_B1() {
        Family family = family();
        Child child = child(family);
        List<Long> tooMany = new ArrayList<>();
        for (long i = 1; i <= 1001; i++) {
            tooMany.add(i);
        }
        Map<String, Object> ok = fields("priority", "high");
        Object[][] cases = {
            {fields("ticket", fields("status", "sloved")), "status"},
            {fields("ticket", fields("status", 3)), "status"},
            {fields("ticket", fields("priority", List.of("high"))), "priority"},
            {fields("ticket", fields("tags", "a,b")), "tags"},
            {fields("ticket", fields("comment", "no object")), "comment"},
            {fields("ticket", fields("subject", "x".repeat(256))), "subject"},
            {
                fields(
                        "ticket",
                        fields("comment", fields("body", "ok", "html_body", "ok"), "subject", "y".repeat(300))),
                "subject"
            },
            {fields("ids", List.of(child.id())), "ticket"},
            {fields("ticket", fields()), "ticket"},
            {fields("ticket", "solved"), "ticket"},
            {fields("ticket", null), "ticket"},
            {fields("ticket", fields("priority", "high", "safe_update", true)), "safe_update"},
            {fields("ticket", fields("priority", "high", "updated_stamp", "2026-12-05T10:00:00Z")), "updated_stamp"},
            {fields("ticket", ok, "ids", List.of(child.id(), "x")), "ids[1]"},
            {fields("ticket", ok, "ids", List.of(child.id(), 0)), "ids[1]"},
            {fields("ticket", ok, "ids", List.of(child.id(), -4)), "ids[1]"},
            {fields("ticket", ok, "ids", List.of(child.id(), 1.5)), "ids[1]"},
            {fields("ticket", ok, "ids", new ArrayList<>(java.util.Arrays.asList(child.id(), null))), "ids[1]"},
            {fields("ticket", ok, "ids", "1,2"), "ids"},
            {fields("ticket", ok, "ids", tooMany), "ids"},
        };
        JsonNode before = ticket(child.id());
        List<String> jobs = jobIds();
        for (Object[] c : cases) {
            Api.Response refused = bulk(as(family.parentAgent()).withoutContract(), family.parent(), c[0]);

            assertInvalid(refused, (String) c[1]);
        }
        Api.Response duplicate = bulk(
                as(family.parentAgent()).withoutContract(),
                family.parent(),
                fields("ticket", ok, "ids", List.of(child.id(), 987_654_321L, child.id())));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(422);
        assertThat(duplicate.json().get("error").asString()).isEqualTo("RecordInvalid");
        assertThat(duplicate.json().get("details").propertyNames())
                .as("the duplicate named: %s", duplicate)
                .anySatisfy(name -> assertThat(name).startsWith("ids"));
        Api.Response malformed = bulk(as(family.parentAgent()).withoutContract(), family.parent(), "{\"ticket\": {");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);

        assertThat(jobIds()).as("nothing queued").isEqualTo(jobs);
        assertThat(ticket(child.id())).as("nothing written").isEqualTo(before);
    }

    @Test
    void aParentTheCallerMayNotSeeIsA404AndEndUsersAreRefusedQueuingNothing_B1_R17() {
        Team privateTeam = team(false);
        TestUser requester = endUser();
        long hiddenParent = privateParent(privateTeam, requester);
        Child child = child(hiddenParent, privateTeam);
        Map<String, Object> update = fields("ticket", fields("priority", "urgent"));
        List<String> jobs = jobIds();

        for (TestUser outsider : List.of(agent(), lightAgent())) {
            assertNotFound(bulk(as(outsider), hiddenParent, update));
        }
        assertNotFound(bulk(admin(), 987_654_321L, update));
        assertForbidden(bulk(as(requester), hiddenParent, update));
        assertThat(bulk(api(), hiddenParent, update).status()).isEqualTo(401);

        assertThat(jobIds()).as("nothing queued").isEqualTo(jobs);
        assertThat(ticket(child.id()).get("priority").isNull()).isTrue();
        JsonNode done = finished(as(privateTeam.agent()), queued(bulk(as(privateTeam.agent()), hiddenParent, update)));
        assertThat(single(list(done.get("results"))).get("success").asBoolean()).isTrue();
    }

    @Test
    void theSameKeyAndBodyAnswerTheSameJobWhichRunsOnce_B1_B3() {
        Family family = family();
        Child first = child(family);
        Child second = child(family);
        int firstAudits = audits(first.id()).size();
        int secondAudits = audits(second.id()).size();
        Api keyed = as(family.parentAgent()).withHeader("Idempotency-Key", unique("bulk"));
        Map<String, Object> update = fields("ticket", fields("comment", fields("body", "Once only", "public", false)));

        JsonNode job = queued(bulk(keyed, family.parent(), update));
        JsonNode again = queued(bulk(keyed, family.parent(), update));

        assertThat(again.get("id").asString()).isEqualTo(job.get("id").asString());
        finished(as(family.parentAgent()), job);
        JsonNode retried = queued(bulk(keyed, family.parent(), update));
        assertThat(retried.get("id").asString())
                .as("after it finished too")
                .isEqualTo(job.get("id").asString());
        assertThat(audits(first.id())).as("one audit each").hasSize(firstAudits + 1);
        assertThat(audits(second.id())).hasSize(secondAudits + 1);
        assertThat(bodies(comments(first.id()))).containsOnlyOnce("Once only");
        assertThat(bodies(comments(second.id()))).containsOnlyOnce("Once only");
    }

    @Test
    void aJobStatusIsReadByItsCreatorAndAdminsOnly_B1() {
        Family family = family();
        child(family);
        JsonNode job = finished(
                as(family.parentAgent()),
                queued(bulk(as(family.parentAgent()), family.parent(), fields("ticket", fields("priority", "low")))));
        String path = JOB_STATUSES + "/" + job.get("id").asString();

        assertThat(as(family.parentAgent()).get(path).status()).isEqualTo(200);
        Api.Response byAdmin = admin().get(path);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("job_status")).isEqualTo(job);
        for (TestUser other : List.of(family.childAgent(), agent(), lightAgent())) {
            assertNotFound(as(other).get(path));
        }
        assertForbidden(as(endUser()).get(path)); // job statuses are staff's, as every staff-only endpoint
        assertNotFound(admin().get(JOB_STATUSES + "/" + unique("no-such-job")));
        assertThat(api().get(path).status()).isEqualTo(401);
    }

    @Test
    void theJobsUpdatesSetOffThePoliciesAsTheCallersOwnUpdateWould_B1() {
        policies(NOTIFY);
        Family family = family();
        Child first = child(family);
        Child second = child(family);

        JsonNode done = finished(
                as(family.childAgent()),
                queued(bulk(as(family.childAgent()), family.parent(), fields("ticket", fields("status", "solved")))));

        assertThat(list(done.get("results")))
                .allSatisfy(result -> assertThat(result.get("success").asBoolean())
                        .as("%s", result)
                        .isTrue());
        assertThat(statusOf(first.id())).isEqualTo("solved");
        assertThat(statusOf(second.id())).isEqualTo("solved");
        assertThat(single(childrenDone(family.parent(), first.id(), second.id()))
                        .get("recipient_id")
                        .asLong())
                .as("the last child solved tells the parent's assignee, once")
                .isEqualTo(family.parentAgent().id());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Api.Response bulk(Api caller, long parent, Object body) {
        return caller.put("/api/v2/tickets/" + parent + "/child_tickets", body);
    }

    /** The 200 answer of a bulk update: its job status, queued. */
    private static JsonNode queued(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode job = response.json().get("job_status");
        String id = job.get("id").asString();
        assertThat(id).isNotBlank();
        assertThat(response.header("Location")).as("Location names the job").contains(JOB_STATUSES + "/" + id);
        assertThat(job.get("job_type").asString()).isEqualTo("bulk_update_child_tickets");
        assertThat(job.get("status").asString()).isIn("queued", "working", "completed");
        assertThat(job.get("progress").asInt()).isBetween(0, job.get("total").asInt());
        assertThat(job.get("results").isArray()).isTrue();
        return job;
    }

    /** The job's status once it finished (completed or failed), as the caller reads it. */
    private static JsonNode finished(Api caller, JsonNode job) {
        String path = JOB_STATUSES + "/" + job.get("id").asString();
        JsonNode[] last = new JsonNode[1];
        await("job " + job.get("id").asString() + " finished", () -> {
            Api.Response response = caller.get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            last[0] = response.json().get("job_status");
            return List.of("completed", "failed").contains(last[0].get("status").asString());
        });
        assertThat(last[0].get("progress").asInt())
                .isEqualTo(last[0].get("total").asInt());
        assertThat(last[0].get("results").size()).isEqualTo(last[0].get("total").asInt());
        return last[0];
    }

    /** The ids of the first page of jobs, newest first, as the admin (who sees all) lists them. */
    private List<String> jobIds() {
        Api.Response response = admin().get(JOB_STATUSES);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("job_statuses").forEach(job -> ids.add(job.get("id").asString()));
        return ids;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
