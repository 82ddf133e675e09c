package io.sidedesk.childticket;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.SideConversationTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static io.sidedesk.ApiAssertions.allCursorPages;
import static io.sidedesk.ApiAssertions.allOffsetPages;
import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Side conversation child tickets: activation (R1), who may address which group or agent (R2), light
 * agents and custom roles (R3, R4), the child written in one step with the side conversation (R5), copied
 * fields (R6), the child's live status on the side conversation (R10), child/parent navigation, and
 * children in private groups (R17). Every refusal is checked to have written nothing.
 */
class ChildTicketCreationTests extends SideConversationTestSupport {

    // ---- R1 activation ------------------------------------------------------------------------------------

    @Test
    void childTicketsAreRefusedWhileTheTicketsChannelIsOff_R1() {
        Team team = team(true);
        long parent = parentTicket();
        sideConversationSettings(Map.of("tickets_channel", false));
        Written before = written(parent);

        assertForbidden(start(as(team.agent()), parent, message("Off", "to the group", toGroup(team.group()))));
        assertForbidden(start(
                as(team.agent()),
                parent,
                message(
                        "Off",
                        "to the agent",
                        toAgent(team.group(), team.agent().id()))));
        assertForbidden(start(admin(), parent, message("Off", "even for admins", toGroup(team.group()))));
        assertNothingWritten(before, parent);

        sideConversationSettings(Map.of("tickets_channel", true));
        JsonNode conversation = started(as(team.agent()), parent, message("On", "to the group", toGroup(team.group())))
                .get("side_conversation");
        assertThat(ticket(childOf(conversation)).get("group_id").asLong()).isEqualTo(team.group());
    }

    @Test
    void repliesAddressingTheGroupAreRefusedWhileTheTicketsChannelIsOff_R1() {
        Team team = team(true);
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        String id = conversation.get("id").asString();
        long child = childOf(conversation);
        sideConversationSettings(Map.of("tickets_channel", false));
        Written before = written(parent);
        int childComments = comments(child).size();

        assertForbidden(reply(as(team.agent()), parent, id, message(null, "still there?", toGroup(team.group()))));

        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);
        assertThat(comments(child)).hasSize(childComments);
    }

    // ---- R2 assignment scope ------------------------------------------------------------------------------

    @Test
    void aPublicGroupNeedsAssignToAnyGroupOrMembership_R2() {
        long group = group(true);
        long parent = parentTicket();
        TestUser restricted = user("agent", customRole(Map.of("assign_tickets_to_any_group", false)));
        Written before = written(parent);

        Api.Response refused = start(as(restricted), parent, message("Scope", "not my group", toGroup(group)));

        assertInvalid(refused, "message.to[0].support_group_id");
        assertNothingWritten(before, parent);
        assertThat(startedToGroup(as(agent()), parent, group).get("ticket_id").asLong())
                .as("an agent without a custom role may address any public group")
                .isEqualTo(parent);
        membership(restricted, group);
        assertThat(startedToGroup(as(restricted), parent, group)
                        .get("ticket_id")
                        .asLong())
                .as("a member may address their group")
                .isEqualTo(parent);
    }

    /** A private group is for its members and admins; to anyone else it answers as a missing group (R22). */
    @Test
    void aPrivateGroupIsOnlyForItsMembersAndAdmins_R2_R22() {
        Team privateTeam = team(false);
        long parent = parentTicket();
        Written before = written(parent);

        Api.Response hidden = start(
                as(agent()), parent, message("Scope", "a private group I am not in", toGroup(privateTeam.group())));
        Api.Response missing =
                start(as(agent()), parent, message("Scope", "a group that never was", toGroup(987654321L)));
        assertInvalid(hidden, "message.to[0].support_group_id");
        assertThat(hidden.json().get("details")).isEqualTo(missing.json().get("details"));
        assertThat(hidden.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertInvalid(
                start(
                        as(agent()),
                        parent,
                        message(
                                "Scope",
                                "an agent in a private group I am not in",
                                toAgent(privateTeam.group(), privateTeam.agent().id()))),
                "message.to[0].support_group_id");
        assertNothingWritten(before, parent);

        JsonNode byMember = startedToGroup(as(privateTeam.agent()), parent, privateTeam.group());
        JsonNode byAdmin = startedToGroup(admin(), parent, privateTeam.group());
        assertThat(ticket(childOf(byMember)).get("group_id").asLong()).isEqualTo(privateTeam.group());
        assertThat(ticket(childOf(byAdmin)).get("group_id").asLong()).isEqualTo(privateTeam.group());
    }

    @Test
    void anAddressedAgentMustBeAnAssignableMemberOfTheGroup_R2() {
        Team team = team(true);
        long parent = parentTicket();
        TestUser elsewhere = agent();
        membership(elsewhere, group(true));
        Written before = written(parent);

        for (long agent : List.of(elsewhere.id(), endUser().id(), 987654321L)) {
            assertInvalid(
                    start(as(team.agent()), parent, message("Scope", "to someone", toAgent(team.group(), agent))),
                    "message.to[0].support_agent_id");
        }
        assertInvalid(
                start(as(team.agent()), parent, message("Scope", "no such group", toGroup(987654321L))),
                "message.to[0].support_group_id");
        assertInvalid(
                start(
                        as(team.agent()),
                        parent,
                        message(
                                "Scope",
                                "an agent without a group",
                                Map.of("support_agent_id", team.agent().id()))),
                "message.to[0].support_group_id");

        assertNothingWritten(before, parent);
    }

    // ---- R3 light agents, R4 custom roles -----------------------------------------------------------------

    @Test
    void lightAgentsCannotCreateReplyOnOrChangeChildTicketSideConversations_R3() {
        Team team = team(true);
        TestUser light = lightAgent();
        membership(light, team.group());
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        Written before = written(parent);
        assertThat(as(light).get(sideConversations(parent)).status())
                .as("light agents may read")
                .isEqualTo(200);

        assertSenderRefused(light, parent, id, team.group());

        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);
    }

    @Test
    void lightAgentsCannotBeAssignedChildTickets_R3() {
        Team team = team(true);
        TestUser light = lightAgent();
        membership(light, team.group());
        long parent = parentTicket();
        Written before = written(parent);

        assertInvalid(
                start(
                        as(team.agent()),
                        parent,
                        message("Light", "for the light agent", toAgent(team.group(), light.id()))),
                "message.to[0].support_agent_id");

        assertNothingWritten(before, parent);
    }

    @Test
    void aRoleWithoutSideConversationCreateCannotCreateReplyOrChange_R4() {
        assertRoleRefused(Map.of("side_conversation_create", false, "ticket_comment_access", "public"));
    }

    @Test
    void aRoleWithoutPublicCommentsCannotCreateReplyOrChange_R4() {
        assertRoleRefused(Map.of("side_conversation_create", true, "ticket_comment_access", "none"));
    }

    @Test
    void aRoleWithSideConversationsAndPublicCommentsMayCreateAndReply_R4() {
        Team team = team(true);
        TestUser agent =
                user("agent", customRole(Map.of("side_conversation_create", true, "ticket_comment_access", "public")));
        membership(agent, team.group());
        long parent = parentTicket();

        String id = startedToGroup(as(agent), parent, team.group()).get("id").asString();
        replied(as(agent), parent, id, message(null, "and a reply", toGroup(team.group())));

        assertThat(events(parent, id)).extracting(e -> e.get("type").asString()).containsExactly("create", "reply");
    }

    private void assertRoleRefused(Map<String, Object> configuration) {
        Team team = team(true);
        TestUser agent = user("agent", customRole(configuration));
        membership(agent, team.group());
        long parent = parentTicket();
        String id =
                startedToGroup(as(team.agent()), parent, team.group()).get("id").asString();
        Written before = written(parent);

        assertSenderRefused(agent, parent, id, team.group());

        assertNothingWritten(before, parent);
        assertThat(events(parent, id)).hasSize(1);
    }

    /** Creating, replying, and changing state or subject (R3 as amended, R4): each 403, nothing written. */
    private void assertSenderRefused(TestUser sender, long parent, String id, long group) {
        JsonNode before = show(parent, id);
        assertForbidden(start(as(sender), parent, message("Refused", "to the group", toGroup(group))));
        assertForbidden(reply(as(sender), parent, id, message(null, "a reply", toGroup(group))));
        assertForbidden(update(as(sender), parent, id, Map.of("state", "closed")));
        assertForbidden(update(as(sender), parent, id, Map.of("subject", "Renamed by " + sender.email())));
        assertThat(show(parent, id)).as("the side conversation is unchanged").isEqualTo(before);
    }

    // ---- R5 creation --------------------------------------------------------------------------------------

    @Test
    void theChildTicketIsWrittenFromTheMessageAndLinkedToTheSideConversation_R5() {
        Team team = team(true);
        long parent = parentTicket(Map.of("tags", List.of("parent-tag")));

        JsonNode created = started(
                as(team.agent()),
                parent,
                message("Please check stock", "Is item 42 in stock?\nThanks", toGroup(team.group())));

        JsonNode conversation = created.get("side_conversation");
        String id = conversation.get("id").asString();
        long childId = childOf(conversation);
        assertThat(childId).isNotEqualTo(parent);
        JsonNode child = ticket(childId);
        assertThat(child.get("subject").asString()).isEqualTo("Please check stock");
        assertThat(child.get("description").asString()).isEqualTo("Is item 42 in stock?\nThanks");
        assertThat(child.get("status").asString()).as("no agent addressed").isEqualTo("new");
        assertThat(child.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(child.get("assignee_id").isNull()).isTrue();
        assertThat(child.get("requester_id").asLong()).isEqualTo(team.agent().id());
        assertThat(child.get("submitter_id").asLong()).isEqualTo(team.agent().id());
        assertThat(child.at("/via/channel").asString()).isEqualTo("side_conversation");
        assertThat(child.get("external_id").asString()).isEqualTo("zen:side_conversation:" + id + ":ticket:" + parent);
        assertThat(child.get("tags")).as("nothing copied unless asked").isEmpty();
        assertThat(child.get("is_public").asBoolean()).isTrue();
        assertThat(child.at("/child_of/ticket_id").asLong()).isEqualTo(parent);
        assertThat(child.at("/child_of/side_conversation_id").asString()).isEqualTo(id);
        assertThat(child.at("/child_of/linked").asBoolean()).isTrue();
        assertThat(ticket(parent).has("child_of"))
                .as("only children name a parent")
                .isFalse();

        List<JsonNode> comments = comments(childId);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).get("body").asString()).isEqualTo("Is item 42 in stock?\nThanks");
        assertThat(comments.get(0).get("public").asBoolean()).isTrue();
        assertThat(comments.get(0).get("author_id").asLong())
                .isEqualTo(team.agent().id());

        JsonNode childTicket = conversation.get("child_ticket");
        assertThat(childTicket.get("id").asLong()).isEqualTo(childId);
        assertThat(childTicket.get("status").asString()).isEqualTo("new");
        assertThat(childTicket.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(childTicket.get("assignee_id").isNull()).isTrue();
        assertThat(childTicket.get("linked").asBoolean()).isTrue();
        assertThat(show(parent, id).get("child_ticket")).isEqualTo(childTicket);
        assertThat(ids(admin().get("/api/v2/tickets/" + parent + "/child_tickets")
                        .json()
                        .get("tickets")))
                .containsExactly(childId);
        assertThat(ids(admin().get("/api/v2/tickets?external_id="
                                + child.get("external_id").asString())
                        .json()
                        .get("tickets")))
                .containsExactly(childId);
    }

    @Test
    void addressingAnAgentAssignsTheChildToThemAndOpensIt_R5() {
        Team team = team(true);
        TestUser assignee = agent();
        membership(assignee, team.group());
        long parent = parentTicket();

        JsonNode conversation = started(
                        as(team.agent()),
                        parent,
                        message("For you", "please take it", toAgent(team.group(), assignee.id())))
                .get("side_conversation");

        JsonNode child = ticket(childOf(conversation));
        assertThat(child.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(child.get("assignee_id").asLong()).isEqualTo(assignee.id());
        assertThat(child.get("status").asString()).isEqualTo("open");
        assertThat(child.get("requester_id").asLong()).isEqualTo(team.agent().id());
        assertThat(conversation.at("/child_ticket/assignee_id").asLong()).isEqualTo(assignee.id());
        assertThat(conversation.at("/child_ticket/status").asString()).isEqualTo("open");
    }

    @Test
    void theChildsFirstCommentFollowsTheCommentTypeSetting_R5() {
        Team team = team(true);
        long parent = parentTicket();
        for (String type : List.of("internal", "match_ticket_privacy", "public")) {
            sideConversationSettings(Map.of("child_ticket_comment_type", type));

            long child = childOf(startedToGroup(as(team.agent()), parent, team.group()));

            boolean expectedPublic = type.equals("public");
            assertThat(comments(child)).as(type).singleElement().satisfies(c -> assertThat(
                            c.get("public").asBoolean())
                    .as(type)
                    .isEqualTo(expectedPublic));
            assertThat(ticket(child).get("is_public").asBoolean()).as(type).isEqualTo(expectedPublic);
        }
    }

    @Test
    void theParentAndTheChildRecordTheCreationWithOneCorrelationId_R5() {
        Team team = team(true);
        long parent = parentTicket();
        int parentAudits = audits(parent).size();

        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());

        long child = childOf(conversation);
        List<JsonNode> added =
                audits(parent).subList(parentAudits, audits(parent).size());
        assertThat(added).hasSize(1);
        JsonNode parentAudit = added.get(0);
        JsonNode event = sideConversationEvents(parentAudit).get(0);
        assertThat(sideConversationEvents(parentAudit)).hasSize(1);
        assertThat(event.get("action").asString()).isEqualTo("created");
        assertThat(event.get("side_conversation_id").asString())
                .isEqualTo(conversation.get("id").asString());
        String correlation = parentAudit.get("correlation_id").asString();
        assertThat(event.get("correlation_id").asString()).isEqualTo(correlation);

        List<JsonNode> childAudits = audits(child);
        assertThat(childAudits).hasSize(1);
        JsonNode creation = childAudits.get(0);
        assertThat(creation.get("correlation_id").asString())
                .as("the child's creation audit")
                .isEqualTo(correlation);
        assertThat(creation.get("author_id").asLong()).isEqualTo(team.agent().id());
        assertThat(creation.at("/via/channel").asString()).isEqualTo("side_conversation");
        assertThat(creation.get("events"))
                .anySatisfy(e -> assertThat(e.get("type").asString()).isEqualTo("Comment"));
    }

    @Test
    void externalIdsReservedForChildTicketsAreRefusedOnEveryOtherTicket_R5() {
        Team team = team(true);
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        long child = childOf(conversation);
        String link = ticket(child).get("external_id").asString();
        long other = parentTicket();
        String forged = "zen:side_conversation:" + java.util.UUID.randomUUID() + ":ticket:" + parent;
        long tickets = written(parent).allTickets();

        for (String externalId : List.of(link, forged)) {
            assertInvalid(
                    admin().post(
                                    "/api/v2/tickets",
                                    Map.of(
                                            "ticket",
                                            Map.of("comment", Map.of("body", "x"), "external_id", externalId))),
                    "external_id");
            assertInvalid(
                    admin().put("/api/v2/tickets/" + other, Map.of("ticket", Map.of("external_id", externalId))),
                    "external_id");
        }
        assertInvalid(
                admin().put("/api/v2/tickets/" + child, Map.of("ticket", Map.of("external_id", forged))),
                "external_id");

        assertThat(written(parent).allTickets()).isEqualTo(tickets);
        assertThat(ticket(other).get("external_id").isNull()).isTrue();
        assertThat(ticket(child).get("external_id").asString()).isEqualTo(link);
        assertThat(ticket(child).at("/child_of/linked").asBoolean()).isTrue();
    }

    // ---- R6 copy fields -----------------------------------------------------------------------------------

    @Test
    void copyFieldsCopyTagsFollowersTheFormWithItsValuesAndTheRequester_R6() {
        Team team = team(true);
        Form form = form();
        TestUser requester = endUser();
        TestUser follower = agent();
        long parent = parentTicket(Map.of(
                "requester_id",
                requester.id(),
                "tags",
                List.of("vip", "billing"),
                "follower_ids",
                List.of(follower.id()),
                "ticket_form_id",
                form.id(),
                "custom_fields",
                List.of(Map.of("id", form.field(), "value", "order 1234"))));

        JsonNode conversation = started(
                        as(team.agent()),
                        parent,
                        with(
                                message("Copied", "with everything", toGroup(team.group())),
                                "copy_fields",
                                List.of("tags", "followers", "ticket_form", "requester")))
                .get("side_conversation");

        JsonNode child = ticket(childOf(conversation));
        assertThat(strings(child.get("tags"))).containsExactly("billing", "vip");
        assertThat(longs(child.get("follower_ids"))).containsExactly(follower.id());
        assertThat(child.get("ticket_form_id").asLong()).isEqualTo(form.id());
        assertThat(valueOf(child, form.field())).isEqualTo("order 1234");
        assertThat(child.get("requester_id").asLong()).isEqualTo(requester.id());
        assertThat(child.get("submitter_id").asLong())
                .as("the creator still submits")
                .isEqualTo(team.agent().id());
        assertThat(comments(childOf(conversation)).get(0).get("author_id").asLong())
                .isEqualTo(team.agent().id());
    }

    @Test
    void withoutCopyFieldsNothingIsCopied_R6() {
        Team team = team(true);
        Form form = form();
        TestUser follower = agent();
        long parent = parentTicket(Map.of(
                "tags",
                List.of("vip"),
                "follower_ids",
                List.of(follower.id()),
                "ticket_form_id",
                form.id(),
                "custom_fields",
                List.of(Map.of("id", form.field(), "value", "x"))));

        JsonNode child = ticket(childOf(startedToGroup(as(team.agent()), parent, team.group())));

        assertThat(child.get("tags")).isEmpty();
        assertThat(child.get("follower_ids")).isEmpty();
        assertThat(child.get("ticket_form_id").isNull()
                        || child.get("ticket_form_id").asLong() != form.id())
                .isTrue();
        assertThat(valueOf(child, form.field())).isNull();
        assertThat(child.get("requester_id").asLong()).isEqualTo(team.agent().id());
    }

    @Test
    void fieldsAnAdminCopiesByDefaultAreAlwaysCopied_R6() {
        Team team = team(true);
        TestUser requester = endUser();
        TestUser follower = agent();
        Form form = form();
        long parent = parentTicket(Map.of(
                "requester_id",
                requester.id(),
                "tags",
                List.of("vip"),
                "follower_ids",
                List.of(follower.id()),
                "ticket_form_id",
                form.id()));
        sideConversationSettings(Map.of("child_ticket_default_copy_fields", List.of("tags", "requester")));

        JsonNode child = ticket(childOf(started(
                        as(team.agent()),
                        parent,
                        with(
                                message("Defaults", "and followers", toGroup(team.group())),
                                "copy_fields",
                                List.of("followers")))
                .get("side_conversation")));

        assertThat(strings(child.get("tags"))).containsExactly("vip");
        assertThat(child.get("requester_id").asLong()).isEqualTo(requester.id());
        assertThat(longs(child.get("follower_ids"))).containsExactly(follower.id());
        assertThat(child.get("ticket_form_id").asLong())
                .as("the form was not asked for")
                .isNotEqualTo(form.id());

        JsonNode withoutAsking = ticket(childOf(startedToGroup(as(team.agent()), parent, team.group())));
        assertThat(strings(withoutAsking.get("tags"))).containsExactly("vip");
        assertThat(withoutAsking.get("requester_id").asLong()).isEqualTo(requester.id());
        assertThat(withoutAsking.get("follower_ids")).isEmpty();
    }

    @Test
    void unknownCopyFieldsAreRefusedAndNothingIsWritten_R6() {
        Team team = team(true);
        long parent = parentTicket();
        Written before = written(parent);

        assertInvalid(
                start(
                        as(team.agent()),
                        parent,
                        with(
                                message("Copy", "unknown field", toGroup(team.group())),
                                "copy_fields",
                                List.of("tags", "subject"))),
                "copy_fields");

        assertNothingWritten(before, parent);
    }

    @Test
    void fieldsAreCopiedOnceAndLaterParentChangesNeverReachTheChild_R6() {
        Team team = team(true);
        Form form = form();
        TestUser follower = agent();
        long parent = parentTicket(Map.of(
                "tags",
                List.of("first"),
                "follower_ids",
                List.of(follower.id()),
                "ticket_form_id",
                form.id(),
                "custom_fields",
                List.of(Map.of("id", form.field(), "value", "before"))));
        long child = childOf(started(
                        as(team.agent()),
                        parent,
                        with(
                                message("Once", "copy now", toGroup(team.group())),
                                "copy_fields",
                                List.of("tags", "followers", "ticket_form", "requester")))
                .get("side_conversation"));
        JsonNode childBefore = ticket(child);

        updated(
                admin(),
                parent,
                Map.of(
                        "tags",
                        List.of("second"),
                        "follower_ids",
                        List.of(agent().id()),
                        "custom_fields",
                        List.of(Map.of("id", form.field(), "value", "after")),
                        "requester_id",
                        endUser().id(),
                        "priority",
                        "urgent",
                        "comment",
                        Map.of("body", "parent moves on")));

        assertThat(ticket(child)).isEqualTo(childBefore);
        assertThat(strings(ticket(child).get("tags"))).containsExactly("first");
        assertThat(valueOf(ticket(child), form.field())).isEqualTo("before");
    }

    // ---- R10 live status, child/parent navigation ---------------------------------------------------------

    @Test
    void theSideConversationShowsTheChildsStatusAndAssigneeLive_R10() {
        Team team = team(true);
        Team other = team(true);
        long parent = parentTicket();
        JsonNode conversation = startedToGroup(as(team.agent()), parent, team.group());
        String id = conversation.get("id").asString();
        long child = childOf(conversation);
        assertThat(conversation.at("/child_ticket/status").asString()).isEqualTo("new");

        updated(as(team.agent()), child, Map.of("assignee_id", team.agent().id(), "status", "pending"));

        JsonNode shown = show(parent, id).get("child_ticket");
        assertThat(shown.get("status").asString()).isEqualTo("pending");
        assertThat(shown.get("assignee_id").asLong()).isEqualTo(team.agent().id());
        assertThat(shown.get("group_id").asLong()).isEqualTo(team.group());
        assertThat(shown.get("linked").asBoolean()).isTrue();
        JsonNode listed = admin().get(sideConversations(parent)).json().at("/side_conversations/0/child_ticket");
        assertThat(listed).isEqualTo(shown);

        updated(
                admin(),
                child,
                Map.of("group_id", other.group(), "assignee_id", other.agent().id(), "status", "solved"));

        JsonNode moved = show(parent, id).get("child_ticket");
        assertThat(moved.get("status").asString()).isEqualTo("solved");
        assertThat(moved.get("assignee_id").asLong()).isEqualTo(other.agent().id());
        assertThat(moved.get("group_id").asLong()).isEqualTo(other.group());
    }

    @Test
    void aChildInAPrivateGroupIsVisibleOnlyToItsMembersAndAdmins_R17() {
        Team privateTeam = team(false);
        long parent = parentTicket();
        JsonNode conversation = started(
                        as(privateTeam.agent()),
                        parent,
                        message(
                                "Private",
                                "for my group only",
                                toAgent(privateTeam.group(), privateTeam.agent().id())))
                .get("side_conversation");
        String id = conversation.get("id").asString();
        long child = childOf(conversation);
        TestUser outsider = agent();
        TestUser publicGroupsOnly =
                user("agent", customRole(Map.of("ticket_access", "within-groups-and-public-groups")));

        for (TestUser caller : List.of(outsider, publicGroupsOnly)) {
            Api api = as(caller);
            assertNotFound(api.get("/api/v2/tickets/" + child));
            assertNotFound(api.get("/api/v2/tickets/" + child + "/comments"));
            assertThat(ids(api.get("/api/v2/tickets/show_many?ids=" + child)
                            .json()
                            .get("tickets")))
                    .isEmpty();
            assertThat(api.get("/api/v2/tickets/" + parent + "/child_tickets")
                            .json()
                            .get("tickets"))
                    .isEmpty();
            JsonNode seen = api.get(sideConversation(parent, id)).json().at("/side_conversation/child_ticket");
            assertThat(seen.propertyNames())
                    .as("only id and linked: %s", seen)
                    .containsExactlyInAnyOrder("id", "linked");
            assertThat(seen.get("id").asLong()).isEqualTo(child);
            assertThat(seen.get("linked").asBoolean()).isTrue();
            JsonNode listed = api.get(sideConversations(parent)).json().at("/side_conversations/0/child_ticket");
            assertThat(listed).isEqualTo(seen);
        }

        for (Api api : List.of(as(privateTeam.agent()), admin())) {
            assertThat(api.get("/api/v2/tickets/" + child).status()).isEqualTo(200);
            assertThat(ids(api.get("/api/v2/tickets/" + parent + "/child_tickets")
                            .json()
                            .get("tickets")))
                    .containsExactly(child);
            JsonNode seen = api.get(sideConversation(parent, id)).json().at("/side_conversation/child_ticket");
            assertThat(seen.get("status").asString()).isEqualTo("open");
            assertThat(seen.get("assignee_id").asLong())
                    .isEqualTo(privateTeam.agent().id());
            assertThat(seen.get("group_id").asLong()).isEqualTo(privateTeam.group());
        }
    }

    @Test
    void childTicketsListsTheChildrenTheCallerMaySeeOnEveryPage() {
        Team team = team(true);
        Team privateTeam = team(false);
        long parent = parentTicket();
        long unrelated = childOf(startedToGroup(admin(), parentTicket(), team.group()));
        List<Long> visible = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            visible.add(childOf(startedToGroup(as(team.agent()), parent, team.group())));
        }
        long hidden = childOf(startedToGroup(admin(), parent, privateTeam.group()));
        String path = "/api/v2/tickets/" + parent + "/child_tickets";

        List<JsonNode> offset = allOffsetPages(admin(), path, "tickets", 2);
        List<JsonNode> cursor = allCursorPages(admin(), path, "tickets", 2);
        List<JsonNode> outsider = allOffsetPages(as(agent()), path, "tickets", 2);

        List<Long> everyChild = new java.util.ArrayList<>(visible);
        everyChild.add(hidden);
        assertThat(offset).extracting(t -> t.get("id").asLong()).containsExactlyElementsOf(everyChild);
        assertThat(cursor).extracting(t -> t.get("id").asLong()).containsExactlyElementsOf(everyChild);
        assertThat(outsider)
                .extracting(t -> t.get("id").asLong())
                .containsExactlyElementsOf(visible)
                .doesNotContain(unrelated);
        assertThat(offset).allSatisfy(t -> {
            assertThat(t).as("a full ticket").isEqualTo(ticket(t.get("id").asLong()));
            assertThat(t.at("/child_of/ticket_id").asLong()).isEqualTo(parent);
        });
        assertThat(admin().get("/api/v2/tickets/" + unrelated + "/child_tickets")
                        .json()
                        .get("tickets"))
                .isEmpty();
    }

    @Test
    void childTicketsOfAParentTheCallerCannotSeeIs404() {
        Team privateTeam = team(false);
        long parent = parentTicket(Map.of("group_id", privateTeam.group()));
        startedToGroup(as(privateTeam.agent()), parent, privateTeam.group());

        assertNotFound(as(agent()).get("/api/v2/tickets/" + parent + "/child_tickets"));
        assertNotFound(admin().get("/api/v2/tickets/987654321/child_tickets"));
        assertThat(all(as(privateTeam.agent()), "/api/v2/tickets/" + parent + "/child_tickets", "tickets"))
                .hasSize(1);
    }

    // ---- R22: internal text never reaches an end-user ------------------------------------------------------

    /**
     * R22: a message without a subject whose child gets an internal first comment (comment type internal, or
     * match_ticket_privacy before any public comment) gives the child the parent's subject, never a line of the body;
     * the copied requester, an end-user, finds the body's text in no member of any read.
     */
    @Test
    void anEndUserNeverReadsInternalSideConversationText_R22() {
        for (String commentType : List.of("internal", "match_ticket_privacy")) {
            sideConversationSettings(Map.of("child_ticket_comment_type", commentType));
            Team team = team(true);
            TestUser requester = endUser();
            long parent = parentTicket(Map.of("requester_id", requester.id(), "subject", "Where is my parcel?"));
            String secret = unique("internal-only");

            JsonNode conversation = started(
                            as(team.agent()),
                            parent,
                            with(
                                    message(
                                            null,
                                            secret + " is the courier's fraud note\nsecond line " + secret,
                                            toGroup(team.group())),
                                    "copy_fields",
                                    List.of("requester")))
                    .get("side_conversation");

            long child = childOf(conversation);
            assertThat(conversation.get("subject").asString()).as(commentType).isEqualTo("Where is my parcel?");
            JsonNode asAdmin = ticket(child);
            assertThat(asAdmin.get("subject").asString()).as(commentType).isEqualTo("Where is my parcel?");
            assertThat(asAdmin.get("requester_id").asLong()).isEqualTo(requester.id());
            assertThat(asAdmin.get("description").asString())
                    .as("agents read the note")
                    .contains(secret);
            Api endUser = as(requester);
            for (String read : List.of(
                    "/api/v2/tickets/" + child,
                    "/api/v2/tickets",
                    "/api/v2/tickets?page[size]=100",
                    "/api/v2/tickets/show_many?ids=" + child + "," + parent,
                    "/api/v2/tickets/" + child + "/comments",
                    "/api/v2/tickets/" + parent + "/child_tickets",
                    "/api/v2/tickets/" + parent,
                    "/api/v2/tickets?external_id=" + asAdmin.get("external_id").asString())) {
                Api.Response response = endUser.get(read);
                assertThat(response.status())
                        .as(commentType + " " + read + ": " + response)
                        .isEqualTo(200);
                assertThat(response.body()).as(commentType + " " + read).doesNotContain(secret);
            }
            assertThat(all(endUser, "/api/v2/tickets/" + parent + "/child_tickets", "tickets"))
                    .as("the child is the requester's to read")
                    .hasSize(1);
        }
    }

    /** The same for a ticket an agent opens with an internal note and no subject: the subject stays empty. */
    @Test
    void aTicketOpenedWithAnInternalNoteTakesNoSubjectFromIt_R22() {
        TestUser requester = endUser();
        String secret = unique("internal-only");
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "requester_id",
                                        requester.id(),
                                        "comment",
                                        Map.of("body", secret + " do not tell the customer", "public", false))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();

        assertThat(ticket(id).get("subject").asString()).isEmpty();
        for (String read : List.of(
                "/api/v2/tickets/" + id,
                "/api/v2/tickets",
                "/api/v2/tickets/show_many?ids=" + id,
                "/api/v2/tickets/" + id + "/comments")) {
            Api.Response response = as(requester).get(read);
            assertThat(response.status()).as(read + ": " + response).isEqualTo(200);
            assertThat(response.body()).as(read).doesNotContain(secret);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A ticket form with one text field. */
    record Form(long id, long field) {}

    private Form form() {
        Api.Response field = admin().post(
                        "/api/v2/ticket_fields",
                        Map.of("ticket_field", Map.of("type", "text", "title", unique("Order"))));
        assertThat(field.status()).as(field.toString()).isEqualTo(201);
        long fieldId = field.json().at("/ticket_field/id").asLong();
        Api.Response form = admin().post(
                        "/api/v2/ticket_forms",
                        Map.of("ticket_form", Map.of("name", unique("Form"), "ticket_field_ids", List.of(fieldId))));
        assertThat(form.status()).as(form.toString()).isEqualTo(201);
        return new Form(form.json().at("/ticket_form/id").asLong(), fieldId);
    }

    /** The text value of a custom field on the ticket, or null when it has none. */
    private static String valueOf(JsonNode ticket, long fieldId) {
        for (JsonNode entry : ticket.get("custom_fields")) {
            if (entry.get("id").asLong() == fieldId) {
                return entry.get("value").isNull() ? null : entry.get("value").asString();
            }
        }
        return null;
    }
}
