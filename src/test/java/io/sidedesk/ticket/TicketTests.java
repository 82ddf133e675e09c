package io.sidedesk.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/v2/tickets: fields, comments, status and assignment rules, limits, the audit history, who may
 * change what, show_many, the external_id filter and delete. Who sees which ticket is proven cell by
 * cell in {@link TicketAccessMatrixTests}.
 */
class TicketTests extends ApiTestSupport {

    // ---- create and show ----------------------------------------------------------------------------------

    @Test
    void everyFieldRoundTrips() {
        Team team = team(true);
        TestUser follower = agent();
        TestUser requester = endUser();
        TestUser cc = endUser();
        String externalId = unique("ext");

        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.Response created = as(team.agent())
                .post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                fields(
                                        "subject", "  Printer on fire  ",
                                        "comment", Map.of("body", "It smokes.\n\nPlease help.", "public", true),
                                        "status", "pending",
                                        "priority", "high",
                                        "type", "task",
                                        "requester_id", requester.id(),
                                        "assignee_id", team.agent().id(),
                                        "group_id", team.group(),
                                        "follower_ids", List.of(follower.id()),
                                        "email_cc_ids", List.of(cc.id()),
                                        "tags", List.of("Zeta alpha", "BETA"),
                                        "external_id", externalId)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode ticket = created.json().get("ticket");
        long id = ticket.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(ticket.get("url").asString()).endsWith("/api/v2/tickets/" + id + ".json");
        assertThat(ticket.get("subject").asString()).isEqualTo("Printer on fire");
        assertThat(ticket.get("raw_subject").asString()).isEqualTo("Printer on fire");
        assertThat(ticket.get("description").asString()).isEqualTo("It smokes.\n\nPlease help.");
        assertThat(ticket.get("status").asString()).isEqualTo("pending");
        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        assertThat(ticket.get("type").asString()).isEqualTo("task");
        assertThat(ticket.get("requester_id").asLong()).isEqualTo(requester.id());
        assertThat(ticket.get("submitter_id").asLong()).isEqualTo(team.agent().id());
        assertThat(ticket.get("assignee_id").asLong()).isEqualTo(team.agent().id());
        assertThat(ticket.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(longs(ticket.get("follower_ids"))).containsExactly(follower.id());
        assertThat(longs(ticket.get("email_cc_ids"))).containsExactly(cc.id());
        assertThat(longs(ticket.get("collaborator_ids")))
                .containsExactlyInAnyOrder(follower.id(), cc.id())
                .isSorted();
        assertThat(strings(ticket.get("tags"))).containsExactly("alpha", "beta", "zeta");
        assertThat(ticket.get("external_id").asString()).isEqualTo(externalId);
        assertThat(ticket.get("is_public").asBoolean()).isTrue();
        assertThat(ticket.at("/via/channel").asString()).isEqualTo("api");
        assertThat(ticket.at("/via/source").isObject())
                .as("via.source is an object")
                .isTrue();
        Instant createdAt = Instant.parse(ticket.get("created_at").asString());
        assertThat(createdAt).isBetween(sent, Instant.now());
        assertThat(ticket.get("updated_at").asString())
                .isEqualTo(ticket.get("created_at").asString());
        assertThat(created.json().at("/audit/ticket_id").asLong()).isEqualTo(id);

        assertThat(ticket(id)).isEqualTo(ticket);
        assertThat(as(team.agent())
                        .get("/api/v2/tickets/" + id + ".json")
                        .json()
                        .get("ticket"))
                .isEqualTo(ticket);
        Api.Response listed = admin().get("/api/v2/tickets?external_id=" + externalId);
        assertThat(listed.json().get("tickets")).containsExactly(ticket);
    }

    @Test
    void requesterDefaultsToTheCaller() {
        TestUser agent = agent();
        TestUser endUser = endUser();

        JsonNode byAgent = created(as(agent), fields("comment", body("mine")));
        JsonNode byEndUser = created(as(endUser), fields("subject", "Help", "comment", body("mine too")));

        assertThat(byAgent.get("requester_id").asLong()).isEqualTo(agent.id());
        assertThat(byAgent.get("submitter_id").asLong()).isEqualTo(agent.id());
        assertThat(byEndUser.get("requester_id").asLong()).isEqualTo(endUser.id());
        assertThat(byEndUser.get("submitter_id").asLong()).isEqualTo(endUser.id());
        assertThat(byEndUser.get("subject").asString()).isEqualTo("Help");
    }

    @Test
    void requesterGivenByNameAndEmailIsFoundOrCreatedAsAnEndUser() {
        String email = unique("caller") + "@example.com";

        JsonNode first = created(
                admin(), fields("comment", body("first"), "requester", Map.of("name", "Ada Caller", "email", email)));
        JsonNode second = created(
                admin(),
                fields(
                        "comment",
                        body("second"),
                        "requester",
                        Map.of("name", "Someone Else", "email", email.toUpperCase())));

        long requesterId = first.get("requester_id").asLong();
        assertThat(second.get("requester_id").asLong()).isEqualTo(requesterId);
        Api.Response user = admin().get("/api/v2/users/" + requesterId);
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.json().at("/user/email").asString()).isEqualToIgnoringCase(email);
        assertThat(user.json().at("/user/name").asString()).isEqualTo("Ada Caller");
        assertThat(user.json().at("/user/role").asString()).isEqualTo("end-user");
    }

    @Test
    void aCommentIsRequiredOnCreate() {
        String externalId = unique("nocomment");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of("ticket", fields("subject", "Silent", "external_id", externalId))),
                "comment");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields("subject", "Blank", "external_id", externalId, "comment", body("  ")))),
                "comment.body");

        assertThat(byExternalId(admin(), externalId)).isEmpty();
    }

    @Test
    void tagsAreSortedLowerCasedAndSplitOnSpacesAndAWriteReplacesThem() {
        JsonNode ticket = created(
                admin(), fields("comment", body("tagged"), "tags", List.of("Urgent Billing", "billing", "VIP")));
        long id = ticket.get("id").asLong();

        assertThat(strings(ticket.get("tags"))).containsExactly("billing", "urgent", "vip");

        JsonNode updated = updated(admin(), id, fields("tags", List.of("New   Tag")));
        assertThat(strings(updated.get("tags"))).containsExactly("new", "tag");
        assertThat(strings(ticket(id).get("tags"))).containsExactly("new", "tag");
    }

    @Test
    void followersMustBeAgents() {
        TestUser endUser = endUser();
        String externalId = unique("followers");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields(
                                                "comment",
                                                body("x"),
                                                "external_id",
                                                externalId,
                                                "follower_ids",
                                                List.of(endUser.id())))),
                "follower_ids");

        assertThat(byExternalId(admin(), externalId)).isEmpty();
        JsonNode ticket = created(admin(), fields("comment", body("x")));
        assertInvalid(
                put(admin(), ticket.get("id").asLong(), fields("follower_ids", List.of(endUser.id()))), "follower_ids");
        assertThat(ticket(ticket.get("id").asLong()).get("follower_ids")).isEmpty();
    }

    @Test
    void ticketIsPublicOnceItHasAPublicComment() {
        JsonNode ticket = created(admin(), fields("comment", Map.of("body", "internal first", "public", false)));
        long id = ticket.get("id").asLong();
        assertThat(ticket.get("is_public").asBoolean()).isFalse();

        assertThat(updated(admin(), id, fields("comment", Map.of("body", "still internal", "public", false)))
                        .get("is_public")
                        .asBoolean())
                .isFalse();
        assertThat(updated(admin(), id, fields("comment", body("now public")))
                        .get("is_public")
                        .asBoolean())
                .isTrue();
        assertThat(ticket(id).get("is_public").asBoolean()).isTrue();
    }

    @Test
    void updateChangesOnlyWhatIsSentAndMovesUpdatedAt() throws InterruptedException {
        JsonNode before = created(
                admin(), fields("comment", body("x"), "priority", "low", "type", "question", "tags", List.of("keep")));
        long id = before.get("id").asLong();
        Thread.sleep(5);

        JsonNode after = updated(admin(), id, fields("priority", "urgent"));

        assertThat(after.get("priority").asString()).isEqualTo("urgent");
        assertThat(after.get("type").asString()).isEqualTo("question");
        assertThat(strings(after.get("tags"))).containsExactly("keep");
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(Instant.parse(after.get("updated_at").asString()))
                .isAfter(Instant.parse(before.get("updated_at").asString()));
        assertThat(ticket(id)).isEqualTo(after);
        assertThat(updated(admin(), id, fields("priority", null))
                        .get("priority")
                        .isNull())
                .isTrue();
    }

    @Test
    void unknownTicketIs404() {
        assertNotFound(admin().get("/api/v2/tickets/987654321"));
        assertNotFound(put(admin(), 987654321, fields("priority", "low")));
        assertNotFound(admin().get("/api/v2/tickets/987654321/comments"));
        assertNotFound(admin().get("/api/v2/tickets/987654321/audits"));
        assertNotFound(admin().delete("/api/v2/tickets/987654321"));
    }

    // ---- comments -----------------------------------------------------------------------------------------

    @Test
    void commentsAreListedOldestFirst() {
        TestUser requester = endUser();
        TestUser agent = agent();
        long id = created(admin(), fields("comment", body("one"), "requester_id", requester.id()))
                .get("id")
                .asLong();
        updated(as(requester), id, fields("comment", body("two")));
        updated(as(agent), id, fields("comment", Map.of("body", "three", "public", false)));
        updated(admin(), id, fields("comment", body("four")));

        List<JsonNode> comments = all(admin(), "/api/v2/tickets/" + id + "/comments", "comments");

        assertThat(comments).extracting(c -> c.get("body").asString()).containsExactly("one", "two", "three", "four");
        assertThat(ids(comments)).isSorted();
        assertThat(comments).extracting(c -> c.get("public").asBoolean()).containsExactly(true, true, false, true);
        assertThat(comments.get(1).get("author_id").asLong()).isEqualTo(requester.id());
        assertThat(comments.get(2).get("author_id").asLong()).isEqualTo(agent.id());
        assertThat(comments).allSatisfy(c -> {
            assertThat(c.get("type").asString()).isEqualTo("Comment");
            assertThat(Instant.parse(c.get("created_at").asString())).isNotNull();
        });
        Api.Response offset = admin().get("/api/v2/tickets/" + id + "/comments");
        assertThat(offset.json().get("count").asInt()).isEqualTo(4);
    }

    @Test
    void commentsPageByOffsetAndByCursorToTheEnd() {
        long id = created(admin(), fields("comment", body("c0"))).get("id").asLong();
        for (int i = 1; i < 7; i++) {
            updated(admin(), id, fields("comment", Map.of("body", "c" + i, "public", i % 3 != 0)));
        }
        String path = "/api/v2/tickets/" + id + "/comments";

        List<JsonNode> offset = allOffsetPages(admin(), path, "comments", 3);
        List<JsonNode> cursor = allCursorPages(admin(), path, "comments", 3);

        assertThat(offset)
                .extracting(c -> c.get("body").asString())
                .containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6");
        assertThat(ids(cursor)).isEqualTo(ids(offset));
        assertThat(ids(offset)).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void endUsersSeePublicCommentsOnlyOnEveryPage() {
        TestUser requester = endUser();
        long id = created(admin(), fields("comment", body("p0"), "requester_id", requester.id()))
                .get("id")
                .asLong();
        for (int i = 1; i < 6; i++) {
            updated(
                    admin(),
                    id,
                    fields("comment", Map.of("body", (i % 2 == 0 ? "p" : "secret") + i, "public", i % 2 == 0)));
        }
        String path = "/api/v2/tickets/" + id + "/comments";

        List<JsonNode> offset = allOffsetPages(as(requester), path, "comments", 2);
        List<JsonNode> cursor = allCursorPages(as(requester), path, "comments", 2);

        assertThat(offset).extracting(c -> c.get("body").asString()).containsExactly("p0", "p2", "p4");
        assertThat(ids(cursor)).isEqualTo(ids(offset));
        assertThat(as(requester).get(path).json().get("count").asInt()).isEqualTo(3);
        assertThat(all(admin(), path, "comments")).hasSize(6);
    }

    @Test
    void htmlBodyIsSanitizedBeforeItIsStored() {
        String dirty = "<p onclick=\"steal()\">Hello <b>world</b></p><script>alert('x')</script>"
                + "<a href=\"javascript:alert('y')\">bad link</a> <a href=\"https://example.com/ok\">good link</a>"
                + "<img src=\"x\" onerror=\"alert('z')\">";

        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of("ticket", fields("subject", "html", "comment", Map.of("html_body", dirty))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();
        Api.Response updated = put(admin(), id, fields("comment", Map.of("html_body", dirty)));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

        List<JsonNode> comments = all(admin(), "/api/v2/tickets/" + id + "/comments", "comments");
        List<String> htmls = new ArrayList<>();
        comments.forEach(c -> htmls.add(c.get("html_body").asString()));
        events(updated.json().get("audit"), "Comment")
                .forEach(e -> htmls.add(e.get("html_body").asString()));
        assertThat(htmls).hasSize(3).allSatisfy(html -> assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContain("alert(")
                .contains("<b>world</b>")
                .contains("href=\"https://example.com/ok\""));
        assertThat(comments).allSatisfy(c -> assertThat(c.get("body").asString())
                .contains("Hello world")
                .contains("good link")
                .doesNotContain("<")
                .doesNotContain("alert("));
        assertThat(ticket(id).get("description").asString())
                .contains("Hello world")
                .doesNotContain("<");
    }

    @Test
    void bodyIsPlainTextAndItsHtmlIsEscaped() {
        String text = "<script>alert(1)</script> & <b>not bold</b>";

        long id = created(admin(), fields("subject", "plain", "comment", body(text)))
                .get("id")
                .asLong();

        JsonNode comment =
                all(admin(), "/api/v2/tickets/" + id + "/comments", "comments").get(0);
        assertThat(comment.get("body").asString()).isEqualTo(text);
        assertThat(comment.get("plain_body").asString()).isEqualTo(text);
        assertThat(comment.get("html_body").asString())
                .doesNotContain("<script")
                .doesNotContain("<b>")
                .contains("&lt;script&gt;")
                .contains("&amp;");
    }

    @Test
    void commentAuthorIdRecordsTheRequesterWhenAnAgentWritesForThem() {
        TestUser requester = endUser();
        long id = created(admin(), fields("comment", body("x"), "requester_id", requester.id()))
                .get("id")
                .asLong();

        updated(admin(), id, fields("comment", Map.of("body", "as told on the phone", "author_id", requester.id())));

        JsonNode last = last(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"));
        assertThat(last.get("author_id").asLong()).isEqualTo(requester.id());
        assertThat(last.get("public").asBoolean()).isTrue();
    }

    @Test
    void commentBodyIsAtMost64KB() {
        long id = created(admin(), fields("comment", body("x"))).get("id").asLong();

        assertInvalid(put(admin(), id, fields("comment", body("a".repeat(64 * 1024 + 1)))), "comment.body");
        assertInvalid(put(admin(), id, fields("comment", body("é".repeat(32 * 1024 + 1)))), "comment.body");
        String externalId = unique("huge");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields("external_id", externalId, "comment", body("b".repeat(64 * 1024 + 1))))),
                "comment.body");
        Api.Response hugeHtml =
                put(admin(), id, fields("comment", Map.of("html_body", "<p>" + "h".repeat(64 * 1024) + "</p>")));
        assertThat(hugeHtml.status()).as(hugeHtml.toString()).isEqualTo(422);

        assertThat(byExternalId(admin(), externalId)).isEmpty();
        assertThat(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"))
                .hasSize(1);
        assertThat(all(admin(), "/api/v2/tickets/" + id + "/audits", "audits")).hasSize(1);

        Api.Response atTheLimit = put(admin(), id, fields("comment", body("a".repeat(64 * 1024))));
        assertThat(atTheLimit.status()).as("a body of exactly 64 KB").isEqualTo(200);
        assertThat(last(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"))
                        .get("body")
                        .asString())
                .hasSize(64 * 1024);
    }

    // ---- status rules -------------------------------------------------------------------------------------

    @Test
    void ticketStaysNewUntilItGetsAnAssignee() {
        Team team = team(true);
        long id = created(admin(), fields("comment", body("x"))).get("id").asLong();
        assertThat(ticket(id).get("status").asString()).isEqualTo("new");

        assertThat(updated(as(team.agent()), id, fields("comment", body("looking")))
                        .get("status")
                        .asString())
                .isEqualTo("new");
        assertThat(updated(admin(), id, fields("group_id", team.group()))
                        .get("status")
                        .asString())
                .isEqualTo("new");
        assertThat(updated(admin(), id, fields("priority", "high"))
                        .get("status")
                        .asString())
                .isEqualTo("new");

        Api.Response assigned =
                put(admin(), id, fields("assignee_id", team.agent().id()));
        assertThat(assigned.json().at("/ticket/status").asString()).isEqualTo("open");
        assertChange(assigned.json().get("audit"), "status", "new", "open");
        assertThat(ticket(id).get("status").asString()).isEqualTo("open");
    }

    @Test
    void ticketCreatedWithAnAssigneeIsOpen() {
        Team team = team(true);

        JsonNode ticket = created(
                admin(),
                fields("comment", body("x"), "assignee_id", team.agent().id(), "group_id", team.group()));

        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(created(
                                admin(),
                                fields(
                                        "comment",
                                        body("y"),
                                        "status",
                                        "new",
                                        "assignee_id",
                                        team.agent().id()))
                        .get("status")
                        .asString())
                .isEqualTo("open");
    }

    @Test
    void agentChangingTheStatusTakesTheTicketOutOfNew() {
        long pending = created(admin(), fields("comment", body("x"))).get("id").asLong();
        long hold = created(admin(), fields("comment", body("x"))).get("id").asLong();
        long open = created(admin(), fields("comment", body("x"))).get("id").asLong();

        assertThat(updated(as(agent()), pending, fields("status", "pending"))
                        .get("status")
                        .asString())
                .isEqualTo("pending");
        assertThat(updated(as(agent()), hold, fields("status", "hold"))
                        .get("status")
                        .asString())
                .isEqualTo("hold");
        assertThat(updated(as(agent()), open, fields("status", "open"))
                        .get("status")
                        .asString())
                .isEqualTo("open");
        assertThat(ticket(pending).get("assignee_id").isNull()).isTrue();
    }

    @Test
    void nothingReturnsToNew() {
        Team team = team(true);
        long open = created(
                        admin(),
                        fields("comment", body("x"), "assignee_id", team.agent().id()))
                .get("id")
                .asLong();
        long pending = created(admin(), fields("comment", body("x"), "status", "pending"))
                .get("id")
                .asLong();

        for (long id : List.of(open, pending)) {
            JsonNode before = ticket(id);
            int audits = auditCount(id);

            assertInvalid(put(admin(), id, fields("status", "new")), "status");
            assertInvalid(put(admin(), id, fields("status", "new", "comment", body("back to new"))), "status");

            assertThat(ticket(id)).isEqualTo(before);
            assertThat(auditCount(id)).isEqualTo(audits);
        }
    }

    @Test
    void onlySolvedRequiresAnAssignee() {
        long id = created(admin(), fields("comment", body("x"))).get("id").asLong();

        assertInvalid(put(admin(), id, fields("status", "solved")), "status");
        assertThat(ticket(id).get("status").asString()).isEqualTo("new");

        for (String status : List.of("open", "pending", "hold")) {
            assertThat(updated(admin(), id, fields("status", status))
                            .get("status")
                            .asString())
                    .isEqualTo(status);
        }
        Team team = team(true);
        JsonNode solved = updated(
                admin(),
                id,
                fields("status", "solved", "assignee_id", team.agent().id()));
        assertThat(solved.get("status").asString()).isEqualTo("solved");
        assertThat(solved.get("assignee_id").asLong()).isEqualTo(team.agent().id());
    }

    @Test
    void ticketMayBeCreatedSolvedTogetherWithItsAssignee() {
        Team team = team(true);

        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                fields(
                                        "comment",
                                        body("done already"),
                                        "status",
                                        "solved",
                                        "assignee_id",
                                        team.agent().id(),
                                        "group_id",
                                        team.group())));

        assertThat(created.status())
                .as("solved with an assignee on create: %s", created)
                .isEqualTo(201);
        assertThat(created.json().at("/ticket/status").asString()).isEqualTo("solved");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of("ticket", fields("comment", body("no assignee"), "status", "solved"))),
                "status");
    }

    @Test
    void solvedTicketCannotLoseItsAssignee() {
        Team team = team(true);
        long id = created(
                        admin(),
                        fields("comment", body("x"), "assignee_id", team.agent().id()))
                .get("id")
                .asLong();
        updated(admin(), id, fields("status", "solved"));
        JsonNode before = ticket(id);

        Api.Response unassigned = put(admin(), id, fields("assignee_id", null));

        assertThat(unassigned.status())
                .as("unassigning a solved ticket: %s", unassigned)
                .isEqualTo(422);
        assertThat(unassigned.json().get("details").has("assignee_id")
                        || unassigned.json().get("details").has("status"))
                .as(unassigned.toString())
                .isTrue();
        assertThat(ticket(id)).isEqualTo(before);
    }

    @Test
    void endUserCommentReopensPendingOnHoldAndSolvedTickets() {
        Team team = team(true);
        for (String status : List.of("pending", "hold", "solved")) {
            TestUser requester = endUser();
            long id = created(
                            admin(),
                            fields(
                                    "comment",
                                    body("x"),
                                    "requester_id",
                                    requester.id(),
                                    "assignee_id",
                                    team.agent().id()))
                    .get("id")
                    .asLong();
            updated(admin(), id, fields("status", status));

            Api.Response reply = put(as(requester), id, fields("comment", body("still broken")));

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().at("/ticket/status").asString())
                    .as("after a reply on %s", status)
                    .isEqualTo("open");
            assertThat(ticket(id).get("status").asString()).isEqualTo("open");
            JsonNode audit = reply.json().get("audit");
            assertThat(audit.get("author_id").asLong()).isEqualTo(requester.id());
            assertThat(change(audit, "status").get("previous_value").asString()).isEqualTo(status);
            assertThat(events(audit, "Comment")).hasSize(1);
        }
    }

    @Test
    void agentCommentDoesNotReopen() {
        Team team = team(true);
        long id = created(
                        admin(),
                        fields("comment", body("x"), "assignee_id", team.agent().id(), "status", "pending"))
                .get("id")
                .asLong();

        assertThat(updated(as(team.agent()), id, fields("comment", body("waiting for you")))
                        .get("status")
                        .asString())
                .isEqualTo("pending");
        assertThat(updated(as(agent()), id, fields("comment", Map.of("body", "note", "public", false)))
                        .get("status")
                        .asString())
                .isEqualTo("pending");
    }

    @Test
    void agentMayCloseASolvedTicketButNoOther() {
        Team team = team(true);
        long id = created(
                        admin(),
                        fields("comment", body("x"), "assignee_id", team.agent().id()))
                .get("id")
                .asLong();

        assertInvalid(put(as(team.agent()), id, fields("status", "closed")), "status");
        updated(admin(), id, fields("status", "pending"));
        assertInvalid(put(as(team.agent()), id, fields("status", "closed")), "status");
        assertThat(ticket(id).get("status").asString()).isEqualTo("pending");

        updated(admin(), id, fields("status", "solved"));
        assertThat(updated(as(team.agent()), id, fields("status", "closed"))
                        .get("status")
                        .asString())
                .isEqualTo("closed");
    }

    @Test
    void closedTicketCannotBeUpdated() {
        Team team = team(true);
        TestUser requester = endUser();
        long id = created(
                        admin(),
                        fields("comment", body("x"), "assignee_id", team.agent().id(), "requester_id", requester.id()))
                .get("id")
                .asLong();
        updated(admin(), id, fields("status", "solved"));
        updated(admin(), id, fields("status", "closed"));
        JsonNode before = ticket(id);
        int audits = auditCount(id);

        assertInvalid(put(admin(), id, fields("tags", List.of("late"))), "status");
        assertInvalid(put(admin(), id, fields("status", "open")), "status");
        assertInvalid(put(admin(), id, fields("comment", body("one more thing"))), "status");
        assertInvalid(put(as(requester), id, fields("comment", body("hello?"))), "status");
        assertInvalid(put(as(team.agent()), id, fields("comment", Map.of("body", "note", "public", false))), "status");

        assertThat(ticket(id)).isEqualTo(before);
        assertThat(auditCount(id)).isEqualTo(audits);
        assertThat(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"))
                .hasSize(1);
    }

    // ---- assignment ---------------------------------------------------------------------------------------

    @Test
    void assigneeMustBelongToTheTicketsGroup() {
        Team team = team(true);
        Team other = team(true);
        String externalId = unique("outsider");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields(
                                                "comment",
                                                body("x"),
                                                "external_id",
                                                externalId,
                                                "group_id",
                                                team.group(),
                                                "assignee_id",
                                                other.agent().id()))),
                "assignee_id");
        assertThat(byExternalId(admin(), externalId)).isEmpty();

        long id = created(admin(), fields("comment", body("x"), "group_id", team.group()))
                .get("id")
                .asLong();
        assertInvalid(
                put(
                        admin(),
                        id,
                        fields(
                                "group_id",
                                team.group(),
                                "assignee_id",
                                other.agent().id())),
                "assignee_id");
        assertThat(ticket(id).get("assignee_id").isNull()).isTrue();
        assertThat(auditCount(id)).isEqualTo(1);
    }

    @Test
    void lightAgentsAndEndUsersCannotBeAssigned() {
        long group = group(true);
        TestUser lightAgent = lightAgent();
        membership(lightAgent, group);
        TestUser endUser = endUser();
        long id = created(admin(), fields("comment", body("x"), "group_id", group))
                .get("id")
                .asLong();

        assertInvalid(put(admin(), id, fields("assignee_id", lightAgent.id())), "assignee_id");
        assertInvalid(put(admin(), id, fields("group_id", group, "assignee_id", lightAgent.id())), "assignee_id");
        assertInvalid(put(admin(), id, fields("group_id", group, "assignee_id", endUser.id())), "assignee_id");
        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields(
                                                "comment",
                                                body("x"),
                                                "group_id",
                                                group,
                                                "assignee_id",
                                                lightAgent.id()))),
                "assignee_id");

        JsonNode ticket = ticket(id);
        assertThat(ticket.get("assignee_id").isNull()).isTrue();
        assertThat(ticket.get("status").asString()).isEqualTo("new");
    }

    @Test
    void assigneeWithoutAGroupPutsTheTicketInTheirDefaultGroup() {
        long first = group(true);
        long second = group(true);
        TestUser agent = agent();
        membership(agent, first);
        membership(agent, second);

        JsonNode created = created(admin(), fields("comment", body("x"), "assignee_id", agent.id()));
        assertThat(created.get("group_id").asLong()).isEqualTo(first);
        assertThat(created.get("assignee_id").asLong()).isEqualTo(agent.id());

        long elsewhere = group(true);
        long id = created(admin(), fields("comment", body("y"), "group_id", elsewhere))
                .get("id")
                .asLong();
        JsonNode moved = updated(admin(), id, fields("assignee_id", agent.id()));
        assertThat(moved.get("group_id").asLong()).isEqualTo(first);
        assertThat(moved.get("assignee_id").asLong()).isEqualTo(agent.id());
    }

    @Test
    void assigneeWithoutAnyGroupIsRefused() {
        TestUser loner = agent();
        String externalId = unique("loner");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields(
                                                "comment",
                                                body("x"),
                                                "external_id",
                                                externalId,
                                                "assignee_id",
                                                loner.id()))),
                "assignee_id");

        assertThat(byExternalId(admin(), externalId)).isEmpty();
    }

    @Test
    void roleThatMayNotAssignToAnyGroupMayUseOnlyItsOwnGroups() {
        long role = customRole(Map.of("assign_tickets_to_any_group", false));
        Team mine = team(true);
        long theirs = group(true);
        TestUser agent = user("agent", role);
        membership(agent, mine.group());
        String externalId = unique("scope");

        assertInvalid(
                as(agent)
                        .post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields("comment", body("x"), "external_id", externalId, "group_id", theirs))),
                "group_id");
        assertThat(byExternalId(admin(), externalId)).isEmpty();

        long id = created(as(agent), fields("comment", body("x"), "group_id", mine.group()))
                .get("id")
                .asLong();
        assertInvalid(put(as(agent), id, fields("group_id", theirs)), "group_id");
        assertThat(ticket(id).get("group_id").asLong()).isEqualTo(mine.group());

        JsonNode assigned =
                updated(as(agent), id, fields("assignee_id", mine.agent().id()));
        assertThat(assigned.get("assignee_id").asLong()).isEqualTo(mine.agent().id());
    }

    @Test
    void privateGroupIsOnlyForItsMembersAndAdmins() {
        Team hidden = team(false);
        TestUser outsider = agent();
        TestUser member = agent();
        membership(member, hidden.group());
        String externalId = unique("private");

        assertInvalid(
                as(outsider)
                        .post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields(
                                                "comment",
                                                body("x"),
                                                "external_id",
                                                externalId,
                                                "group_id",
                                                hidden.group()))),
                "group_id");
        assertInvalid(
                as(outsider)
                        .post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields(
                                                "comment",
                                                body("x"),
                                                "external_id",
                                                externalId,
                                                "assignee_id",
                                                hidden.agent().id()))),
                "group_id");
        assertThat(byExternalId(admin(), externalId)).isEmpty();

        long id = created(as(outsider), fields("comment", body("x"))).get("id").asLong();
        assertInvalid(put(as(outsider), id, fields("group_id", hidden.group())), "group_id");
        assertThat(ticket(id).get("group_id").isNull()).isTrue();

        assertThat(created(as(member), fields("comment", body("x"), "group_id", hidden.group()))
                        .get("group_id")
                        .asLong())
                .isEqualTo(hidden.group());
        assertThat(created(
                                admin(),
                                fields(
                                        "comment",
                                        body("x"),
                                        "assignee_id",
                                        hidden.agent().id()))
                        .get("group_id")
                        .asLong())
                .isEqualTo(hidden.group());
    }

    // ---- limits -------------------------------------------------------------------------------------------

    @Test
    void atMostOneHundredTags() {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hundred.add("a" + i + " b" + i);
        }
        List<String> tooMany = new ArrayList<>(hundred);
        tooMany.add("one-more");
        String externalId = unique("tags");

        assertInvalid(
                admin().post(
                                "/api/v2/tickets",
                                Map.of(
                                        "ticket",
                                        fields("comment", body("x"), "external_id", externalId, "tags", tooMany))),
                "tags");
        assertThat(byExternalId(admin(), externalId)).isEmpty();

        JsonNode ticket = created(admin(), fields("comment", body("x"), "tags", hundred));
        assertThat(ticket.get("tags")).hasSize(100);
        long id = ticket.get("id").asLong();
        assertInvalid(put(admin(), id, fields("tags", tooMany)), "tags");
        assertThat(ticket(id).get("tags")).hasSize(100);
        assertThat(auditCount(id)).isEqualTo(1);
    }

    // ---- audits -------------------------------------------------------------------------------------------

    @Test
    void creationIsRecordedAsCreateEventsAndTheFirstComment() {
        Team team = team(true);
        TestUser requester = endUser();

        Api.Response created = as(team.agent())
                .post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                fields(
                                        "subject",
                                        "Audited",
                                        "comment",
                                        body("first words"),
                                        "priority",
                                        "low",
                                        "type",
                                        "incident",
                                        "requester_id",
                                        requester.id(),
                                        "group_id",
                                        team.group(),
                                        "assignee_id",
                                        team.agent().id(),
                                        "tags",
                                        List.of("b a"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();

        List<JsonNode> audits = audits(id);
        assertThat(audits).hasSize(1);
        JsonNode audit = audits.get(0);
        assertThat(created.json().get("audit")).isEqualTo(audit);
        assertThat(audit.get("ticket_id").asLong()).isEqualTo(id);
        assertThat(audit.get("author_id").asLong()).isEqualTo(team.agent().id());
        assertThat(audit.at("/via/channel").asString()).isEqualTo("api");
        assertThat(Instant.parse(audit.get("created_at").asString())).isNotNull();
        assertThat(UUID.fromString(audit.get("correlation_id").asString())).isNotNull();
        assertThat(create(audit, "subject").get("value").asString()).isEqualTo("Audited");
        assertThat(create(audit, "status").get("value").asString()).isEqualTo("open");
        assertThat(create(audit, "requester_id").get("value").asString()).isEqualTo(String.valueOf(requester.id()));
        assertThat(create(audit, "priority").get("value").asString()).isEqualTo("low");
        assertThat(create(audit, "type").get("value").asString()).isEqualTo("incident");
        assertThat(create(audit, "group_id").get("value").asString()).isEqualTo(String.valueOf(team.group()));
        assertThat(create(audit, "assignee_id").get("value").asString())
                .isEqualTo(String.valueOf(team.agent().id()));
        assertThat(strings(create(audit, "tags").get("value"))).containsExactly("a", "b");
        JsonNode comment = single(events(audit, "Comment"));
        assertThat(comment.get("body").asString()).isEqualTo("first words");
        assertThat(comment.get("public").asBoolean()).isTrue();
        assertThat(comment.get("author_id").asLong()).isEqualTo(team.agent().id());
        assertThat(events(audit, "Change")).isEmpty();
    }

    @Test
    void everyChangeIsRecordedWithItsPreviousValueOldestFirst() {
        Team team = team(true);
        TestUser requester = endUser();
        long id = created(
                        admin(),
                        fields(
                                "comment",
                                body("x"),
                                "priority",
                                "low",
                                "tags",
                                List.of("old"),
                                "requester_id",
                                requester.id()))
                .get("id")
                .asLong();

        updated(
                as(team.agent()),
                id,
                fields(
                        "priority",
                        "high",
                        "tags",
                        List.of("new"),
                        "group_id",
                        team.group(),
                        "assignee_id",
                        team.agent().id(),
                        "comment",
                        Map.of("body", "taking it", "public", false)));
        updated(as(team.agent()), id, fields("status", "pending"));
        updated(as(requester), id, fields("comment", body("any news?")));

        List<JsonNode> audits = audits(id);
        assertThat(audits).hasSize(4);
        assertThat(ids(audits)).isSorted();
        assertThat(audits)
                .extracting(a -> a.get("author_id").asLong())
                .containsExactly(adminId(), team.agent().id(), team.agent().id(), requester.id());
        assertThat(audits).allSatisfy(a -> {
            assertThat(a.get("ticket_id").asLong()).isEqualTo(id);
            assertThat(a.at("/via/channel").asString()).isEqualTo("api");
            assertThat(Instant.parse(a.get("created_at").asString())).isNotNull();
        });
        assertThat(audits)
                .extracting(a -> UUID.fromString(a.get("correlation_id").asString()))
                .doesNotHaveDuplicates();
        assertThat(audits)
                .extracting(a -> Instant.parse(a.get("created_at").asString()))
                .isSorted();

        JsonNode taken = audits.get(1);
        assertChange(taken, "priority", "low", "high");
        assertChange(taken, "group_id", null, String.valueOf(team.group()));
        assertChange(taken, "assignee_id", null, String.valueOf(team.agent().id()));
        assertChange(taken, "status", "new", "open");
        assertThat(strings(change(taken, "tags").get("previous_value"))).containsExactly("old");
        assertThat(strings(change(taken, "tags").get("value"))).containsExactly("new");
        JsonNode note = single(events(taken, "Comment"));
        assertThat(note.get("body").asString()).isEqualTo("taking it");
        assertThat(note.get("public").asBoolean()).isFalse();
        assertThat(note.get("author_id").asLong()).isEqualTo(team.agent().id());

        assertThat(events(audits.get(2), "Change")).hasSize(1);
        assertChange(audits.get(2), "status", "open", "pending");
        assertChange(audits.get(3), "status", "pending", "open");
        assertThat(single(events(audits.get(3), "Comment")).get("author_id").asLong())
                .isEqualTo(requester.id());
    }

    @Test
    void auditsPageByOffsetAndByCursorToTheEnd() {
        long id = created(admin(), fields("comment", body("x"))).get("id").asLong();
        for (String priority : List.of("low", "normal", "high", "urgent", "low", "high")) {
            updated(admin(), id, fields("priority", priority));
        }
        String path = "/api/v2/tickets/" + id + "/audits";

        List<JsonNode> offset = allOffsetPages(admin(), path, "audits", 2);
        List<JsonNode> cursor = allCursorPages(as(agent()), path, "audits", 2);

        assertThat(offset).hasSize(7);
        assertThat(ids(offset)).doesNotHaveDuplicates().isSorted();
        assertThat(ids(cursor)).isEqualTo(ids(offset));
        assertThat(offset.subList(1, 7))
                .extracting(a -> change(a, "priority").get("value").asString())
                .containsExactly("low", "normal", "high", "urgent", "low", "high");
    }

    @Test
    void endUsersCannotReadAuditsEvenOfTheirOwnTickets() {
        TestUser requester = endUser();
        long id = created(as(requester), fields("comment", body("x"))).get("id").asLong();

        assertForbidden(as(requester).get("/api/v2/tickets/" + id + "/audits"));
        assertForbidden(as(requester).get("/api/v2/tickets/" + id + "/audits?page[size]=10"));
        // The same answer for a ticket that does not exist, so the 403 tells nothing about other tickets.
        assertForbidden(as(requester).get("/api/v2/tickets/987654321/audits"));
        assertThat(as(agent()).get("/api/v2/tickets/" + id + "/audits").status())
                .isEqualTo(200);
    }

    // ---- visibility beyond the matrix ---------------------------------------------------------------------

    @Test
    void agentAlwaysSeesTicketsAssignedToOrRequestedByThem() {
        long withinGroups = customRole(Map.of("ticket_access", "within-groups"));
        long assignedOnly = customRole(Map.of("ticket_access", "assigned-only"));
        long elsewhere = group(true);
        for (long role : List.of(withinGroups, assignedOnly)) {
            TestUser agent = user("agent", role);
            long requested = created(
                            admin(), fields("comment", body("x"), "requester_id", agent.id(), "group_id", elsewhere))
                    .get("id")
                    .asLong();
            long unrelated = created(admin(), fields("comment", body("y"), "group_id", elsewhere))
                    .get("id")
                    .asLong();

            assertThat(as(agent).get("/api/v2/tickets/" + requested).status()).isEqualTo(200);
            assertNotFound(as(agent).get("/api/v2/tickets/" + unrelated));
            assertThat(ids(all(as(agent), "/api/v2/tickets", "tickets")))
                    .contains(requested)
                    .doesNotContain(unrelated);
        }
    }

    @Test
    void privateGroupHidesATicketEvenFromTheAgentWhoRequestedIt_R17() {
        long hidden = group(false);
        TestUser agent = agent();
        String externalId = unique("requested");
        long id = created(as(agent), fields("comment", body("x"), "external_id", externalId))
                .get("id")
                .asLong();
        assertThat(as(agent).get("/api/v2/tickets/" + id).status()).isEqualTo(200);

        updated(admin(), id, fields("group_id", hidden));

        assertNotFound(as(agent).get("/api/v2/tickets/" + id));
        assertNotFound(as(agent).get("/api/v2/tickets/" + id + "/comments"));
        assertNotFound(as(agent).get("/api/v2/tickets/" + id + "/audits"));
        assertThat(byExternalId(as(agent), externalId)).isEmpty();
        assertThat(byExternalId(admin(), externalId)).hasSize(1);
    }

    @Test
    void endUsersListExactlyTheTicketsTheyRequestedOrAreCcdOn() {
        TestUser endUser = endUser();
        TestUser other = endUser();
        long requested1 = created(admin(), fields("comment", body("a"), "requester_id", endUser.id()))
                .get("id")
                .asLong();
        long ccd = created(
                        admin(),
                        fields("comment", body("b"), "requester_id", other.id(), "email_cc_ids", List.of(endUser.id())))
                .get("id")
                .asLong();
        long collaborator = created(
                        admin(),
                        fields(
                                "comment",
                                body("c"),
                                "requester_id",
                                other.id(),
                                "collaborator_ids",
                                List.of(endUser.id())))
                .get("id")
                .asLong();
        long requested2 =
                created(as(endUser), fields("comment", body("d"))).get("id").asLong();
        long notMine = created(admin(), fields("comment", body("e"), "requester_id", other.id()))
                .get("id")
                .asLong();

        List<JsonNode> offset = allOffsetPages(as(endUser), "/api/v2/tickets", "tickets", 2);
        List<JsonNode> cursor = allCursorPages(as(endUser), "/api/v2/tickets", "tickets", 2);

        assertThat(ids(offset)).containsExactly(requested1, ccd, collaborator, requested2);
        assertThat(ids(cursor)).isEqualTo(ids(offset));
        assertNotFound(as(endUser).get("/api/v2/tickets/" + notMine));
        assertThat(as(endUser).get("/api/v2/tickets/" + ccd).status()).isEqualTo(200);
    }

    @Test
    void listsNeverIncludeTicketsTheCallerCannotSeeOnAnyPage() {
        long role = customRole(Map.of("ticket_access", "within-groups"));
        Team team = team(true);
        TestUser agent = user("agent", role);
        membership(agent, team.group());
        long elsewhere = group(true);
        List<Long> visible = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created(admin(), fields("comment", body("hidden " + i), "group_id", elsewhere));
            visible.add(created(admin(), fields("comment", body("seen " + i), "group_id", team.group()))
                    .get("id")
                    .asLong());
        }

        List<JsonNode> offset = allOffsetPages(as(agent), "/api/v2/tickets", "tickets", 2);
        List<JsonNode> cursor = allCursorPages(as(agent), "/api/v2/tickets", "tickets", 2);

        assertThat(ids(offset))
                .as("offset pages (their total is checked against count)")
                .isEqualTo(visible);
        assertThat(ids(cursor)).isEqualTo(visible);
        assertThat(as(agent).get("/api/v2/tickets").json().get("count").asInt()).isEqualTo(5);
    }

    // ---- light agents, roles without public comments, end-users ------------------------------------------

    @Test
    void lightAgentCommentIsPrivateAndAskingForPublicIsRefused() {
        TestUser requester = endUser();
        TestUser lightAgent = lightAgent();
        Team team = team(true);
        membership(lightAgent, team.group());
        long id = created(
                        admin(),
                        fields(
                                "comment",
                                body("x"),
                                "requester_id",
                                requester.id(),
                                "group_id",
                                team.group(),
                                "assignee_id",
                                team.agent().id()))
                .get("id")
                .asLong();

        Api.Response note = put(as(lightAgent), id, fields("comment", body("fyi, internal")));
        assertThat(note.status()).as(note.toString()).isEqualTo(200);
        JsonNode written = last(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"));
        assertThat(written.get("body").asString()).isEqualTo("fyi, internal");
        assertThat(written.get("public").asBoolean()).isFalse();
        assertThat(written.get("author_id").asLong()).isEqualTo(lightAgent.id());
        assertThat(all(as(requester), "/api/v2/tickets/" + id + "/comments", "comments"))
                .hasSize(1);

        JsonNode before = ticket(id);
        int audits = auditCount(id);
        assertForbidden(put(as(lightAgent), id, fields("comment", Map.of("body", "hello world", "public", true))));
        assertThat(ticket(id)).isEqualTo(before);
        assertThat(auditCount(id)).isEqualTo(audits);
        assertThat(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"))
                .hasSize(2);
    }

    @Test
    void lightAgentCannotChangeAnyProperty() {
        assertNoPropertyChanges(lightAgent());
    }

    @Test
    void roleWithoutPublicCommentsCannotChangeAnyProperty() {
        assertNoPropertyChanges(user("agent", customRole(Map.of("ticket_comment_access", "none"))));
    }

    @Test
    void roleWithoutPublicCommentsAddsPrivateCommentsOnly() {
        TestUser agent = user("agent", customRole(Map.of("ticket_comment_access", "none")));
        long id = created(admin(), fields("comment", body("x"))).get("id").asLong();

        assertThat(put(as(agent), id, fields("comment", body("note"))).status()).isEqualTo(200);
        assertForbidden(put(as(agent), id, fields("comment", Map.of("body", "loud", "public", true))));

        List<JsonNode> comments = all(admin(), "/api/v2/tickets/" + id + "/comments", "comments");
        assertThat(comments).extracting(c -> c.get("body").asString()).containsExactly("x", "note");
        assertThat(comments.get(1).get("public").asBoolean()).isFalse();
        assertThat(ticket(id).get("is_public").asBoolean()).isTrue();
    }

    @Test
    void endUserCannotAddInternalNotes() {
        TestUser requester = endUser();
        long id = created(as(requester), fields("comment", body("x"))).get("id").asLong();
        int audits = auditCount(id);

        assertForbidden(put(as(requester), id, fields("comment", Map.of("body", "psst", "public", false))));
        String externalId = unique("enduser-note");
        assertForbidden(as(requester)
                .post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                fields(
                                        "external_id",
                                        externalId,
                                        "comment",
                                        Map.of("body", "psst", "public", false)))));

        assertThat(auditCount(id)).isEqualTo(audits);
        assertThat(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"))
                .hasSize(1);
        assertThat(byExternalId(admin(), externalId)).isEmpty();
        assertThat(put(as(requester), id, fields("comment", Map.of("body", "loud", "public", true)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void endUserCannotSetProperties() {
        Team team = team(true);
        TestUser requester = endUser();
        long id = created(admin(), fields("comment", body("x"), "requester_id", requester.id()))
                .get("id")
                .asLong();
        JsonNode before = ticket(id);
        int audits = auditCount(id);

        assertForbidden(put(as(requester), id, fields("priority", "high")));
        List<Map<String, Object>> changes = List.of(
                fields("status", "pending"),
                fields("priority", "urgent"),
                fields("type", "problem"),
                fields("tags", List.of("vip")),
                fields("subject", "Mine now"),
                fields("external_id", unique("e")),
                fields("group_id", team.group()),
                fields("assignee_id", team.agent().id()),
                fields("email_cc_ids", List.of(endUser().id())),
                fields("priority", "urgent", "comment", body("with a comment")));
        SoftAssertions refused = new SoftAssertions();
        for (Map<String, Object> change : changes) {
            Api.Response response = put(as(requester), id, change);
            refused.assertThat(response.status())
                    .as("end-user sets %s: %s", change.keySet(), response)
                    .isEqualTo(403);
        }
        refused.assertAll();
        String subject = unique("urgent");
        assertForbidden(as(requester)
                .post(
                        "/api/v2/tickets",
                        Map.of("ticket", fields("subject", subject, "comment", body("x"), "priority", "urgent"))));

        assertThat(ticket(id)).isEqualTo(before);
        assertThat(auditCount(id)).isEqualTo(audits);
        assertThat(all(as(requester), "/api/v2/tickets", "tickets"))
                .noneMatch(t -> t.get("subject").asString().equals(subject));
    }

    // ---- show_many, external_id, delete -------------------------------------------------------------------

    @Test
    void showManyReturnsTheVisibleTicketsAndOmitsTheRest() {
        long role = customRole(Map.of("ticket_access", "within-groups"));
        Team team = team(true);
        TestUser agent = user("agent", role);
        membership(agent, team.group());
        long a = created(admin(), fields("comment", body("a"), "group_id", team.group()))
                .get("id")
                .asLong();
        long b = created(admin(), fields("comment", body("b"), "group_id", team.group()))
                .get("id")
                .asLong();
        long invisible = created(admin(), fields("comment", body("c"), "group_id", group(true)))
                .get("id")
                .asLong();
        long deleted = created(admin(), fields("comment", body("d"), "group_id", team.group()))
                .get("id")
                .asLong();
        assertThat(admin().delete("/api/v2/tickets/" + deleted).status()).isEqualTo(204);

        String ids = b + "," + invisible + "," + a + "," + deleted + ",987654321";
        Api.Response many = as(agent).get("/api/v2/tickets/show_many?ids=" + ids);
        Api.Response manyForAdmin = admin().get("/api/v2/tickets/show_many.json?ids=" + ids);

        assertThat(many.status()).as(many.toString()).isEqualTo(200);
        assertThat(ids(many.json().get("tickets"))).containsExactlyInAnyOrder(a, b);
        assertThat(many.json().get("tickets").get(0))
                .isEqualTo(ticket(many.json().at("/tickets/0/id").asLong()));
        assertThat(ids(manyForAdmin.json().get("tickets"))).containsExactlyInAnyOrder(a, b, invisible);
    }

    @Test
    void externalIdFilterFindsOnlyMatchingTickets() {
        String shared = unique("shared");
        String single = unique("single");
        long first = created(admin(), fields("comment", body("1"), "external_id", shared))
                .get("id")
                .asLong();
        long second = created(admin(), fields("comment", body("2"), "external_id", shared))
                .get("id")
                .asLong();
        long third = created(admin(), fields("comment", body("3"), "external_id", single))
                .get("id")
                .asLong();
        created(admin(), fields("comment", body("4")));

        Api.Response sharedPage = admin().get("/api/v2/tickets?external_id=" + shared);
        assertThat(ids(sharedPage.json().get("tickets"))).containsExactly(first, second);
        assertThat(sharedPage.json().get("count").asInt()).isEqualTo(2);
        assertThat(ids(allCursorPages(admin(), "/api/v2/tickets?external_id=" + shared, "tickets", 1)))
                .containsExactly(first, second);
        assertThat(ids(byExternalId(admin(), single))).containsExactly(third);
        assertThat(byExternalId(admin(), unique("nobody"))).isEmpty();
    }

    @Test
    void adminDeletesATicketAndItIsGoneEverywhere() {
        String externalId = unique("doomed");
        TestUser requester = endUser();
        long id = created(
                        admin(),
                        fields("comment", body("x"), "external_id", externalId, "requester_id", requester.id()))
                .get("id")
                .asLong();

        Api.Response deleted = admin().delete("/api/v2/tickets/" + id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        for (Api caller : List.of(admin(), as(requester))) {
            assertNotFound(caller.get("/api/v2/tickets/" + id));
            assertNotFound(caller.get("/api/v2/tickets/" + id + "/comments"));
            assertNotFound(put(caller, id, fields("comment", body("anyone?"))));
            assertThat(byExternalId(caller, externalId)).isEmpty();
            assertThat(caller.get("/api/v2/tickets/show_many?ids=" + id).json().get("tickets"))
                    .isEmpty();
        }
        assertNotFound(admin().get("/api/v2/tickets/" + id + "/audits"));
        assertNotFound(admin().delete("/api/v2/tickets/" + id));
    }

    @Test
    void onlyAdminsDeleteTickets() {
        TestUser requester = endUser();
        long id = created(admin(), fields("comment", body("x"), "requester_id", requester.id()))
                .get("id")
                .asLong();

        for (TestUser caller : List.of(agent(), lightAgent(), requester)) {
            assertForbidden(as(caller).delete("/api/v2/tickets/" + id));
        }
        assertThat(api().anonymous().delete("/api/v2/tickets/" + id).status()).isEqualTo(401);

        assertThat(admin().get("/api/v2/tickets/" + id).status()).isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Every property change is refused and writes nothing, with or without a comment alongside. */
    private void assertNoPropertyChanges(TestUser caller) {
        Team team = team(true);
        membership(caller, team.group());
        Team other = team(true);
        TestUser requester = endUser();
        long id = created(
                        admin(),
                        fields(
                                "comment",
                                body("x"),
                                "requester_id",
                                requester.id(),
                                "priority",
                                "low",
                                "group_id",
                                team.group(),
                                "assignee_id",
                                team.agent().id(),
                                "tags",
                                List.of("orig")))
                .get("id")
                .asLong();
        assertThat(as(caller).get("/api/v2/tickets/" + id).status())
                .as("the caller sees the ticket")
                .isEqualTo(200);
        JsonNode before = ticket(id);
        int audits = auditCount(id);

        List<Map<String, Object>> changes = List.of(
                fields("status", "pending"),
                fields("status", "solved"),
                fields("priority", "urgent"),
                fields("priority", null),
                fields("type", "problem"),
                fields("tags", List.of("changed")),
                fields("assignee_id", null),
                fields("group_id", other.group()),
                fields("subject", "Renamed"),
                fields("external_id", unique("e")),
                fields("follower_ids", List.of(team.agent().id())),
                fields("email_cc_ids", List.of(requester.id())),
                fields("requester_id", caller.id()),
                fields("status", "pending", "comment", body("private note with a change")));
        SoftAssertions refused = new SoftAssertions();
        for (Map<String, Object> change : changes) {
            Api.Response response = put(as(caller), id, change);
            refused.assertThat(response.status())
                    .as("%s sets %s: %s", caller.email(), change.keySet(), response)
                    .isEqualTo(403);
        }
        refused.assertAll();
        assertForbidden(put(as(caller), id, fields("priority", "high")));

        assertThat(ticket(id)).isEqualTo(before);
        assertThat(auditCount(id)).isEqualTo(audits);
        assertThat(all(admin(), "/api/v2/tickets/" + id + "/comments", "comments"))
                .hasSize(1);
    }

    private int auditCount(long id) {
        return audits(id).size();
    }

    private long adminId() {
        return admin().get("/api/v2/users/me").json().at("/user/id").asLong();
    }

    private static List<JsonNode> byExternalId(Api caller, String externalId) {
        Api.Response response = caller.get("/api/v2/tickets?external_id=" + externalId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("count").asInt())
                .isEqualTo(response.json().get("tickets").size());
        List<JsonNode> tickets = new ArrayList<>();
        response.json().get("tickets").forEach(tickets::add);
        return tickets;
    }

    private static List<JsonNode> events(JsonNode audit, String type) {
        List<JsonNode> events = new ArrayList<>();
        audit.get("events").forEach(event -> {
            if (event.get("type").asString().equals(type)) {
                events.add(event);
            }
        });
        return events;
    }

    private static JsonNode create(JsonNode audit, String field) {
        return event(audit, "Create", field);
    }

    private static JsonNode change(JsonNode audit, String field) {
        return event(audit, "Change", field);
    }

    private static JsonNode event(JsonNode audit, String type, String field) {
        List<JsonNode> found = events(audit, type).stream()
                .filter(event -> event.get("field_name").asString().equals(field))
                .toList();
        assertThat(found).as("%s event for %s in %s", type, field, audit).hasSize(1);
        return found.get(0);
    }

    private static void assertChange(JsonNode audit, String field, String previous, String value) {
        JsonNode change = change(audit, field);
        if (previous == null) {
            assertThat(change.get("previous_value").isNull())
                    .as("previous %s: %s", field, change)
                    .isTrue();
        } else {
            assertThat(change.get("previous_value").asString())
                    .as("previous %s", field)
                    .isEqualTo(previous);
        }
        assertThat(change.get("value").asString()).as("new %s", field).isEqualTo(value);
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private static List<Long> ids(JsonNode array) {
        return io.sidedesk.ApiAssertions.ids(array);
    }
}
