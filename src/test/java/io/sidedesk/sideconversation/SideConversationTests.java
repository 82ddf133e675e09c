package io.sidedesk.sideconversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The side conversation API in the Zendesk dialect: create, reply, update, show, list, events, the
 * incremental export, what the parent's audits record, and who may use it (agents and admins who may see
 * the parent ticket). Creating child tickets (R1-R6, R10, R17) is proven in
 * {@code childticket.ChildTicketCreationTests}.
 */
class SideConversationTests extends SideConversationTestSupport {

    // ---- create, show -------------------------------------------------------------------------------------

    @Test
    void startingASideConversationAnswersWithItTheCreateEventAndUpdates() {
        Team team = team(true);
        long parent = parentTicket();
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        JsonNode created = started(
                as(team.agent()),
                parent,
                message("Invoice question", "Can you check the invoice?\nThanks", toGroup(team.group())));

        JsonNode conversation = created.get("side_conversation");
        assertThat(conversation.get("id").isString()).isTrue();
        String id = conversation.get("id").asString();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(conversation.get("url").asString())
                .endsWith("/api/v2/tickets/" + parent + "/side_conversations/" + id + ".json");
        assertThat(conversation.get("ticket_id").asLong()).isEqualTo(parent);
        assertThat(conversation.get("subject").asString()).isEqualTo("Invoice question");
        assertThat(conversation.get("preview_text").asString()).startsWith("Can you check the invoice?");
        assertThat(conversation.get("state").asString()).isEqualTo("open");
        assertThat(conversation.get("participants").toString())
                .contains("\"user_id\":" + team.agent().id())
                .contains("\"support_group_id\":" + team.group());
        assertThat(childOf(conversation)).isPositive();
        Instant createdAt = Instant.parse(conversation.get("created_at").asString());
        assertThat(createdAt).isBetween(sent, Instant.now());
        for (String time : List.of("updated_at", "message_added_at", "state_updated_at")) {
            assertThat(conversation.get(time).asString())
                    .as(time)
                    .isEqualTo(conversation.get("created_at").asString());
        }

        JsonNode event = created.get("event");
        assertThat(UUID.fromString(event.get("id").asString())).isNotNull();
        assertThat(event.get("side_conversation_id").asString()).isEqualTo(id);
        assertThat(event.get("ticket_id").asLong()).isEqualTo(parent);
        assertThat(event.get("type").asString()).isEqualTo("create");
        assertThat(event.get("via").asString()).isEqualTo("api");
        assertThat(event.at("/actor/user_id").asLong()).isEqualTo(team.agent().id());
        assertThat(event.at("/message/subject").asString()).isEqualTo("Invoice question");
        assertThat(event.at("/message/body").asString()).isEqualTo("Can you check the invoice?\nThanks");
        assertThat(event.at("/message/from/user_id").asLong())
                .isEqualTo(team.agent().id());
        assertThat(event.at("/message/to/0/support_group_id").asLong()).isEqualTo(team.group());
        assertThat(created.get("updates").isObject())
                .as("updates is an object: %s", created)
                .isTrue();

        assertThat(show(parent, id)).isEqualTo(conversation);
        assertThat(events(parent, id)).containsExactly(event);
    }

    @Test
    void supportIdsAreAcceptedAsNumbersOrAsStrings() {
        Team team = team(true);
        long parent = parentTicket();

        JsonNode asStrings = started(
                        as(team.agent()),
                        parent,
                        message(
                                "Strings",
                                "ids as strings",
                                toAgent(
                                        String.valueOf(team.group()),
                                        String.valueOf(team.agent().id()))))
                .get("side_conversation");
        JsonNode asNumbers = started(
                        as(team.agent()),
                        parent,
                        message(
                                "Numbers",
                                "ids as numbers",
                                toAgent(team.group(), team.agent().id())))
                .get("side_conversation");

        for (JsonNode conversation : List.of(asStrings, asNumbers)) {
            JsonNode child = ticket(childOf(conversation));
            assertThat(child.get("group_id").asLong()).isEqualTo(team.group());
            assertThat(child.get("assignee_id").asLong()).isEqualTo(team.agent().id());
        }
    }

    @Test
    void sideConversationsAreListedOldestFirstOnEveryPageAndSideloadEventsOnlyWhenAsked() {
        Team team = team(true);
        long parent = parentTicket();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(startedToGroup(as(team.agent()), parent, team.group())
                    .get("id")
                    .asString());
        }
        startedToGroup(admin(), parentTicket(), team.group());

        List<JsonNode> offset = allOffsetPages(as(team.agent()), sideConversations(parent), "side_conversations", 2);
        List<JsonNode> cursor = allCursorPages(as(team.agent()), sideConversations(parent), "side_conversations", 2);

        assertThat(offset).extracting(c -> c.get("id").asString()).containsExactlyElementsOf(ids);
        assertThat(cursor).extracting(c -> c.get("id").asString()).containsExactlyElementsOf(ids);
        assertThat(offset)
                .allSatisfy(c ->
                        assertThat(c.has("events")).as("events only when asked").isFalse());

        List<JsonNode> withEvents =
                allOffsetPages(admin(), sideConversations(parent) + "?include=events", "side_conversations", 2);
        assertThat(withEvents).extracting(c -> c.get("id").asString()).containsExactlyElementsOf(ids);
        for (JsonNode conversation : withEvents) {
            String id = conversation.get("id").asString();
            assertThat(conversation.get("events"))
                    .as("sideloaded events of %s", id)
                    .containsExactlyElementsOf(events(parent, id));
        }

        String first = ids.get(0);
        assertThat(show(parent, first).has("events")).isFalse();
        Api.Response shownWithEvents = admin().get(sideConversation(parent, first) + "?include=events");
        assertThat(shownWithEvents.status()).as(shownWithEvents.toString()).isEqualTo(200);
        assertThat(shownWithEvents.json().at("/side_conversation/events"))
                .containsExactlyElementsOf(events(parent, first));
        assertThat(admin().get(sideConversation(parent, first) + ".json").json().get("side_conversation"))
                .isEqualTo(show(parent, first));
    }

    /**
     * The list's pages (read through one query string, issue 26): full pages count every side conversation, a page
     * past the end is empty and still counts them, and cursors go back from the last page to the first.
     */
    @Test
    void theListCountsOnEveryOffsetPageAndItsCursorsGoBothWays() {
        Team team = team(true);
        long parent = parentTicket();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(startedToGroup(as(team.agent()), parent, team.group())
                    .get("id")
                    .asString());
        }
        Api agent = as(team.agent());

        for (int page = 1; page <= 3; page++) {
            Api.Response listed = agent.get(sideConversations(parent) + "?per_page=2&page=" + page);
            assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
            assertThat(listed.json().get("count").asLong())
                    .as("count on page %d", page)
                    .isEqualTo(4);
            assertThat(listed.json().get("side_conversations"))
                    .extracting(c -> c.get("id").asString())
                    .containsExactlyElementsOf(ids.subList(Math.min(4, (page - 1) * 2), Math.min(4, page * 2)));
            assertThat(listed.json().get("next_page").isNull())
                    .as("next on page %d", page)
                    .isEqualTo(page >= 2);
        }

        Api.Response last = agent.get(sideConversations(parent) + "?page[size]=3");
        last = agent.get(last.json().at("/links/next").asString());
        assertThat(last.json().get("side_conversations"))
                .extracting(c -> c.get("id").asString())
                .containsExactly(ids.get(3));
        Api.Response back = agent.get(last.json().at("/links/prev").asString());
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().get("side_conversations"))
                .extracting(c -> c.get("id").asString())
                .containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(back.json().at("/meta/has_more").asBoolean()).isFalse();
        assertThat(agent.get(sideConversations(parent) + "?page[size]=2&page[after]=not-a-cursor")
                        .status())
                .isEqualTo(400);
    }

    // ---- reply and update ---------------------------------------------------------------------------------

    @Test
    void aReplyAddsAReplyEventAndBecomesThePreview() throws InterruptedException {
        Team team = team(true);
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        String id = conversation.get("id").asString();
        Thread.sleep(5);

        JsonNode replied = replied(as(team.agent()), parent, id, message(null, "Any news?", toGroup(team.group())));

        assertThat(replied.propertyNames()).containsExactlyInAnyOrder("side_conversation", "event");
        JsonNode event = replied.get("event");
        assertThat(event.get("type").asString()).isEqualTo("reply");
        assertThat(event.get("side_conversation_id").asString()).isEqualTo(id);
        assertThat(event.at("/message/body").asString()).isEqualTo("Any news?");
        assertThat(event.at("/actor/user_id").asLong()).isEqualTo(team.agent().id());
        JsonNode after = replied.get("side_conversation");
        assertThat(after.get("preview_text").asString()).isEqualTo("Any news?");
        assertThat(after.get("subject")).isEqualTo(conversation.get("subject"));
        assertThat(after.get("state").asString()).isEqualTo("open");
        assertThat(Instant.parse(after.get("message_added_at").asString()))
                .isAfter(Instant.parse(conversation.get("message_added_at").asString()));
        assertThat(after.get("state_updated_at")).isEqualTo(conversation.get("state_updated_at"));
        assertThat(after.get("participants"))
                .as("the same sender and group are not listed twice")
                .hasSize(2)
                .containsExactlyInAnyOrderElementsOf(conversation.get("participants"));
        assertThat(show(parent, id)).isEqualTo(after);
        assertThat(events(parent, id)).extracting(e -> e.get("type").asString()).containsExactly("create", "reply");
        assertThat(events(parent, id).get(1)).isEqualTo(event);
    }

    @Test
    void aReplyOnAClosedSideConversationReopensIt() {
        Team team = team(true);
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        JsonNode closed = updated(as(team.agent()), parent, id, Map.of("state", "closed"));
        assertThat(closed.get("state").asString()).isEqualTo("closed");

        JsonNode reopened = replied(
                        as(team.agent()), parent, id, message(null, "One more thing", toGroup(team.group())))
                .get("side_conversation");

        assertThat(reopened.get("state").asString()).isEqualTo("open");
        assertThat(Instant.parse(reopened.get("state_updated_at").asString()))
                .isAfterOrEqualTo(Instant.parse(closed.get("state_updated_at").asString()));
        assertThat(show(parent, id).get("state").asString()).isEqualTo("open");
        List<String> actions = audits(parent).stream()
                .flatMap(a -> sideConversationEvents(a).stream())
                .map(e -> e.get("action").asString())
                .toList();
        assertThat(actions).hasSize(4).startsWith("created", "closed").contains("replied", "reopened");
    }

    @Test
    void putChangesStateAndSubjectAndAnUpdateEventRecordsEachChange() {
        Team team = team(true);
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();

        Api.Response closing = update(as(team.agent()), parent, id, Map.of("state", "closed"));
        assertThat(closing.status()).as(closing.toString()).isEqualTo(200);
        assertThat(closing.json().propertyNames()).containsExactly("side_conversation");
        assertThat(closing.json().at("/side_conversation/state").asString()).isEqualTo("closed");
        JsonNode renamed = updated(as(team.agent()), parent, id, Map.of("subject", "  Renamed  "));
        assertThat(renamed.get("subject").asString()).isEqualTo("Renamed");
        assertThat(renamed.get("state").asString()).isEqualTo("closed");
        JsonNode reopened = updated(admin(), parent, id, Map.of("state", "open"));
        assertThat(reopened.get("state").asString()).isEqualTo("open");
        assertThat(show(parent, id)).isEqualTo(reopened);

        List<JsonNode> events = events(parent, id);
        assertThat(events)
                .extracting(e -> e.get("type").asString())
                .containsExactly("create", "update", "update", "update");
        assertThat(events.get(1).at("/updates/state").asString()).isEqualTo("closed");
        assertThat(events.get(1).at("/actor/user_id").asLong())
                .isEqualTo(team.agent().id());
        assertThat(events.get(2).at("/updates/subject").asString()).isEqualTo("Renamed");
        assertThat(events.get(2).at("/updates").has("state")).isFalse();
        assertThat(events.get(3).at("/updates/state").asString()).isEqualTo("open");
        assertThat(events.get(3).at("/actor/user_id").asLong())
                .isNotEqualTo(team.agent().id());
    }

    @Test
    void anUnknownStateIsRefusedAndAnUnchangedOneWritesNoEvent() {
        Team team = team(true);
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        JsonNode before = show(parent, id);

        assertInvalid(update(as(team.agent()), parent, id, Map.of("state", "done")));
        assertThat(updated(as(team.agent()), parent, id, Map.of("state", "open")))
                .isEqualTo(before);

        assertThat(show(parent, id)).isEqualTo(before);
        assertThat(events(parent, id)).hasSize(1);
    }

    // ---- events -------------------------------------------------------------------------------------------

    @Test
    void eventsAreListedOldestFirstOnEveryPage() {
        Team team = team(true);
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        for (int i = 1; i <= 4; i++) {
            replied(as(team.agent()), parent, id, message(null, "reply " + i, toGroup(team.group())));
        }
        updated(as(team.agent()), parent, id, Map.of("state", "closed"));
        String path = sideConversation(parent, id) + "/events";

        List<JsonNode> offset = allOffsetPages(as(team.agent()), path, "events", 2);
        List<JsonNode> cursor = allCursorPages(as(team.agent()), path, "events", 2);

        assertThat(offset)
                .extracting(e -> e.get("type").asString())
                .containsExactly("create", "reply", "reply", "reply", "reply", "update");
        assertThat(offset.subList(1, 5))
                .extracting(e -> e.at("/message/body").asString())
                .containsExactly("reply 1", "reply 2", "reply 3", "reply 4");
        assertThat(offset).extracting(e -> e.get("id").asString()).doesNotHaveDuplicates();
        assertThat(offset)
                .extracting(e -> Instant.parse(e.get("created_at").asString()))
                .isSorted();
        assertThat(cursor).isEqualTo(offset);
        assertThat(offset).allSatisfy(e -> {
            assertThat(e.get("side_conversation_id").asString()).isEqualTo(id);
            assertThat(e.get("ticket_id").asLong()).isEqualTo(parent);
            assertThat(e.get("url").asString())
                    .contains("/side_conversations/" + id + "/events/"
                            + e.get("id").asString());
        });
    }

    // ---- what a message must say --------------------------------------------------------------------------

    @Test
    void toIsRequiredOnCreateAndOnReply() {
        Team team = team(true);
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        Written before = written(parent);

        assertInvalid(
                start(as(team.agent()), parent, Map.of("message", Map.of("subject", "Nobody", "body", "hello?"))),
                "message.to");
        assertInvalid(start(as(team.agent()), parent, message("Nobody", "hello?")), "message.to");
        assertInvalid(reply(as(team.agent()), parent, id, Map.of("message", Map.of("body", "hello?"))), "message.to");
        assertInvalid(reply(as(team.agent()), parent, id, message(null, "hello?")), "message.to");

        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);
    }

    @Test
    void participantTypesCannotBeMixed() {
        Team team = team(true);
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        Written before = written(parent);
        Map<String, Object> mixed = message(
                "Mixed", "to a group and a mailbox", toGroup(team.group()), Map.of("email", "someone@example.com"));

        Api.Response created = start(as(team.agent()), parent, mixed);
        Api.Response replied = reply(as(team.agent()), parent, id, mixed);

        assertInvalid(created, "message.to");
        assertInvalid(replied, "message.to");
        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);
    }

    @Test
    void emailParticipantsAreRefusedNamingTheEmailChannelAndNothingIsWritten() {
        Team team = team(true);
        long parent = parentTicket();
        Written before = written(parent);

        assertInvalid(
                start(
                        as(team.agent()),
                        parent,
                        message("Mail", "by email", Map.of("email", "partner@example.com", "name", "Partner"))),
                "email_channel");
        assertInvalid(
                start(
                        as(team.agent()),
                        parent,
                        message(
                                "Mail",
                                "by user id",
                                Map.of("user_id", endUser().id()))),
                "email_channel");

        assertNothingWritten(before, parent);
    }

    // ---- who may use side conversations -------------------------------------------------------------------

    @Test
    void endUsersAreRefusedOnEverySideConversationPathEvenOnTheirOwnTicket() {
        Team team = team(true);
        TestUser requester = endUser();
        long parent = parentTicket(Map.of("requester_id", requester.id()));
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        Written before = written(parent);
        Api caller = as(requester);
        assertThat(caller.get("/api/v2/tickets/" + parent).status())
                .as("the requester sees the ticket")
                .isEqualTo(200);

        assertForbidden(caller.get(sideConversations(parent)));
        assertForbidden(caller.get(sideConversations(parent) + "?page[size]=10"));
        assertForbidden(caller.get(sideConversation(parent, id)));
        assertForbidden(caller.get(sideConversation(parent, id) + "/events"));
        assertForbidden(start(caller, parent, message("Mine", "let me in", toGroup(team.group()))));
        assertForbidden(reply(caller, parent, id, message(null, "let me in", toGroup(team.group()))));
        assertForbidden(update(caller, parent, id, Map.of("state", "closed")));
        assertForbidden(caller.get("/api/v2/tickets/" + parent + "/audits"));
        assertForbidden(caller.get("/api/v2/tickets/side_conversations/events?start_time=0"));

        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);
        assertThat(show(parent, id).get("state").asString()).isEqualTo("open");
    }

    @Test
    void sideConversationsFollowTheVisibilityOfTheirParentTicket() {
        Team privateTeam = team(false);
        long parent = parentTicket(Map.of("group_id", privateTeam.group()));
        String id = startedToGroup(as(privateTeam.agent()), parent, privateTeam.group())
                .get("id")
                .asString();
        Written before = written(parent);
        TestUser outsider = agent();
        TestUser withinGroups = user("agent", customRole(Map.of("ticket_access", "within-groups")));

        for (TestUser caller : List.of(outsider, withinGroups)) {
            Api api = as(caller);
            assertNotFound(api.get("/api/v2/tickets/" + parent));
            assertNotFound(api.get(sideConversations(parent)));
            assertNotFound(api.get(sideConversation(parent, id)));
            assertNotFound(api.get(sideConversation(parent, id) + "/events"));
            assertNotFound(start(api, parent, message("Peek", "let me in", toGroup(group(true)))));
            assertNotFound(reply(api, parent, id, message(null, "let me in", toGroup(privateTeam.group()))));
            assertNotFound(update(api, parent, id, Map.of("state", "closed")));
        }
        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);

        Api member = as(privateTeam.agent());
        assertThat(member.get(sideConversations(parent)).json().get("side_conversations"))
                .hasSize(1);
        assertThat(member.get(sideConversation(parent, id)).status()).isEqualTo(200);
        assertThat(member.get(sideConversation(parent, id) + "/events").status())
                .isEqualTo(200);
    }

    @Test
    void aSideConversationIsFoundOnlyUnderItsOwnTicket() {
        Team team = team(true);
        long parent = parentTicket();
        long other = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        String unknown = UUID.randomUUID().toString();

        for (long ticket : List.of(other, parent)) {
            String missing = ticket == other ? id : unknown;
            assertNotFound(admin().get(sideConversation(ticket, missing)));
            assertNotFound(admin().get(sideConversation(ticket, missing) + "/events"));
            assertNotFound(reply(admin(), ticket, missing, message(null, "hello", toGroup(team.group()))));
            assertNotFound(update(admin(), ticket, missing, Map.of("state", "closed")));
        }
        assertNotFound(admin().get(sideConversations(987654321)));
        assertThat(admin().get(sideConversations(other)).json().get("side_conversations"))
                .isEmpty();
        assertThat(events(parent, id)).hasSize(1);
        assertThat(show(parent, id).get("state").asString()).isEqualTo("open");
    }

    // ---- incremental export -------------------------------------------------------------------------------

    @Test
    void exportListsEveryEventFromStartTimeAndItsNextPageRunsToTheEnd() throws InterruptedException {
        Team team = team(true);
        long parent = parentTicket();
        String earlier =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        long startTime = nextSecond();

        List<JsonNode> expected = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = startedToGroup(as(team.agent()), parent, team.group())
                    .get("id")
                    .asString();
            replied(as(team.agent()), parent, id, message(null, "reply", toGroup(team.group())));
            updated(as(team.agent()), parent, id, Map.of("state", "closed"));
            expected.addAll(events(parent, id));
        }
        replied(as(team.agent()), parent, earlier, message(null, "late reply", toGroup(team.group())));
        expected.add(events(parent, earlier).get(1));

        List<JsonNode> exported = new ArrayList<>();
        Api.Response page = admin().get("/api/v2/tickets/side_conversations/events?per_page=2&start_time=" + startTime);
        for (int pages = 1; ; pages++) {
            assertThat(pages).as("pages followed").isLessThan(500);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.get("events").size()).isLessThanOrEqualTo(2);
            assertThat(body.get("end_time").asLong()).isGreaterThanOrEqualTo(startTime);
            body.get("events").forEach(exported::add);
            if (body.get("next_page").isNull()) {
                break;
            }
            assertThat(body.get("events").size())
                    .as("a page before the last is full")
                    .isEqualTo(2);
            page = admin().get(body.get("next_page").asString());
        }

        assertThat(exported).extracting(e -> e.get("id").asString()).doesNotHaveDuplicates();
        assertThat(exported)
                .allSatisfy(e -> assertThat(Instant.parse(e.get("created_at").asString()))
                        .isAfterOrEqualTo(Instant.ofEpochSecond(startTime)));
        assertThat(exported)
                .filteredOn(e -> e.get("ticket_id").asLong() == parent)
                .as("this ticket's events since start_time, in order, as the events list shows them")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void exportAfterTheLastEventIsEmptyWithoutANextPage() {
        long future = Instant.now().plusSeconds(3600).getEpochSecond();

        Api.Response response = admin().get("/api/v2/tickets/side_conversations/events?start_time=" + future);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("events")).isEmpty();
        assertThat(response.json().get("next_page").isNull()).isTrue();
        assertThat(response.json().get("end_time").asLong()).isEqualTo(future);
    }

    @Test
    void exportIsForAdminsAndNeedsAStartTime() {
        assertForbidden(as(agent()).get("/api/v2/tickets/side_conversations/events?start_time=0"));
        assertForbidden(as(lightAgent()).get("/api/v2/tickets/side_conversations/events?start_time=0"));
        Api.Response missing = admin().get("/api/v2/tickets/side_conversations/events");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("details").has("start_time"))
                .as(missing.toString())
                .isTrue();
    }

    // ---- the parent's history -----------------------------------------------------------------------------

    @Test
    void parentAuditsRecordEverySideConversationActionWithItsCorrelationId() {
        Team team = team(true);
        long parent = parentTicket();
        int before = audits(parent).size();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        replied(as(team.agent()), parent, id, message(null, "news", toGroup(team.group())));
        updated(as(team.agent()), parent, id, Map.of("state", "closed"));
        updated(as(team.agent()), parent, id, Map.of("state", "open"));

        List<JsonNode> added = audits(parent).subList(before, audits(parent).size());
        List<JsonNode> recorded = new ArrayList<>();
        Set<String> correlations = new HashSet<>();
        for (JsonNode audit : added) {
            assertThat(audit.get("ticket_id").asLong()).isEqualTo(parent);
            assertThat(audit.get("author_id").asLong()).isEqualTo(team.agent().id());
            String correlation = audit.get("correlation_id").asString();
            assertThat(UUID.fromString(correlation)).isNotNull();
            correlations.add(correlation);
            for (JsonNode event : sideConversationEvents(audit)) {
                assertThat(event.get("side_conversation_id").asString()).isEqualTo(id);
                assertThat(event.get("correlation_id").asString())
                        .as("event and audit share the correlation id")
                        .isEqualTo(correlation);
                recorded.add(event);
            }
        }
        assertThat(recorded)
                .extracting(e -> e.get("action").asString())
                .containsExactly("created", "replied", "closed", "reopened");
        assertThat(correlations).as("one correlation id per action").hasSize(4);
        assertThat(added).hasSize(4);
    }

    @Test
    void closedParentStillRecordsSideConversationActivityAndIsNotChanged_R19() {
        Team team = team(true);
        long parent = parentTicket(
                Map.of("group_id", team.group(), "assignee_id", team.agent().id()));
        updated(admin(), parent, Map.of("status", "solved"));
        updated(admin(), parent, Map.of("status", "closed"));
        Api.Response shownBefore = admin().get("/api/v2/tickets/" + parent);
        JsonNode before = shownBefore.json().get("ticket");
        assertThat(before.get("status").asString()).isEqualTo("closed");
        int audits = audits(parent).size();
        long tickets = written(parent).allTickets();

        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        replied(as(team.agent()), parent, id, message(null, "still there?", toGroup(team.group())));
        updated(as(team.agent()), parent, id, Map.of("state", "closed"));
        updated(as(team.agent()), parent, id, Map.of("state", "open"));

        Api.Response shownAfter = admin().get("/api/v2/tickets/" + parent);
        assertThat(shownAfter.json().get("ticket"))
                .as("fields and updated_at unchanged")
                .isEqualTo(before);
        assertThat(shownAfter.header("ETag")).isNotNull().isEqualTo(shownBefore.header("ETag"));
        List<JsonNode> added = audits(parent).subList(audits, audits(parent).size());
        assertThat(added)
                .flatExtracting(SideConversationTestSupport::sideConversationEvents)
                .extracting(e -> e.get("action").asString())
                .containsExactly("created", "replied", "closed", "reopened");
        assertThat(written(parent).allTickets())
                .as("the child ticket and no follow-up")
                .isEqualTo(tickets + 1);
    }

    /** Waits for the next whole second and returns it, so events before it are older than start_time. */
    private static long nextSecond() throws InterruptedException {
        long next = Instant.now().getEpochSecond() + 1;
        while (Instant.now().getEpochSecond() < next) {
            Thread.sleep(20);
        }
        return next;
    }
}
