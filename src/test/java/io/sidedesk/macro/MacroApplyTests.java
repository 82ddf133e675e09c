package io.sidedesk.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.assertForbidden;
import static io.sidedesk.ApiAssertions.assertInvalid;
import static io.sidedesk.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Macros applied (issue 21): each action through {@code PUT /tickets/{id}} with {@code macro_id} or
 * {@code macro_ids}, in one audit that names the macro; members sent in the request win over the macro's; values
 * that became invalid since the save are a 422 naming the action, and nothing is written; inactive and hidden
 * macros cannot be applied. And the previews ({@code GET .../apply}), which render placeholders for the ticket and
 * the caller and write nothing.
 */
class MacroApplyTests extends MacroTestSupport {

    private Team team;
    private TestUser agent;
    private TestUser requester;
    private long textField;
    private long secondField;
    private long form;

    @BeforeEach
    void people() {
        team = team(true);
        agent = named("agent", "Alex Agent", null);
        membership(agent, team.group());
        requester = named("end-user", "Rita Requester", null);
        textField = ticketField("text");
        secondField = ticketField("text");
        Api.Response response = admin().post(
                        "/api/v2/ticket_forms",
                        Map.of(
                                "ticket_form",
                                Map.of(
                                        "name",
                                        unique("Macro form"),
                                        "ticket_field_ids",
                                        List.of(textField, secondField))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        form = response.json().at("/ticket_form/id").asLong();
    }

    /** A ticket of Rita's in the team's group, unassigned, tagged {@code old}, on the form with the text field. */
    private long ticketOfRita() {
        return created(
                        admin(),
                        fields(
                                "subject",
                                "Broken printer " + tag,
                                "comment",
                                body("It is broken."),
                                "requester_id",
                                requester.id(),
                                "group_id",
                                team.group(),
                                "priority",
                                "normal",
                                "tags",
                                List.of("old"),
                                "ticket_form_id",
                                form))
                .get("id")
                .asLong();
    }

    // ---- each action ------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> eachActionIsAppliedInOneAuditThatNamesTheMacro() {
        long otherGroup = group(true);
        List<ActionCase> cases = new ArrayList<>();
        cases.add(new ActionCase(
                action("status", "pending"),
                t -> assertThat(t.get("status").asString()).isEqualTo("pending")));
        cases.add(new ActionCase(
                action("status", "hold"),
                t -> assertThat(t.get("status").asString()).isEqualTo("hold")));
        cases.add(new ActionCase(
                action("priority", "urgent"),
                t -> assertThat(t.get("priority").asString()).isEqualTo("urgent")));
        cases.add(new ActionCase(
                action("priority", ""),
                t -> assertThat(t.get("priority").isNull()).as(t.toString()).isTrue()));
        cases.add(new ActionCase(
                action("type", "task"),
                t -> assertThat(t.get("type").asString()).isEqualTo("task")));
        cases.add(new ActionCase(
                action("group_id", otherGroup),
                t -> assertThat(t.get("group_id").asLong()).isEqualTo(otherGroup)));
        cases.add(new ActionCase(
                action("assignee_id", "current_user"),
                t -> assertThat(t.get("assignee_id").asLong()).isEqualTo(agent.id())));
        cases.add(new ActionCase(action("assignee_id", team.agent().id()), t -> assertThat(
                        t.get("assignee_id").asLong())
                .isEqualTo(team.agent().id())));
        cases.add(new ActionCase(action("set_tags", "x y"), t -> assertThat(strings(t.get("tags")))
                .containsExactlyInAnyOrder("x", "y")));
        cases.add(new ActionCase(action("current_tags", "z w"), t -> assertThat(strings(t.get("tags")))
                .containsExactlyInAnyOrder("old", "z", "w")));
        cases.add(new ActionCase(action("remove_tags", "old nothere"), t -> assertThat(strings(t.get("tags")))
                .isEmpty()));
        cases.add(new ActionCase(
                action("subject", "Re: {{ticket.title}} for {{ticket.requester.first_name}}"),
                t -> assertThat(t.get("subject").asString()).isEqualTo("Re: Broken printer " + tag + " for Rita")));
        cases.add(new ActionCase(
                action("custom_fields_" + textField, "from the macro"),
                t -> assertThat(customFieldValue(t, textField).asString()).isEqualTo("from the macro")));

        return cases.stream()
                .map(c -> dynamicTest(
                        c.action().get("field") + " " + json(c.action().get("value")), () -> {
                            long ticket = ticketOfRita();
                            JsonNode macro = macro("actions", List.of(c.action()));
                            int audits = audits(ticket).size();

                            JsonNode answered =
                                    applied(as(agent), ticket, macro.get("id").asLong());

                            c.expected().accept(answered);
                            c.expected().accept(ticket(ticket));
                            assertMacroReferences(theOneNewAudit(ticket, audits), macro);
                        }));
    }

    @Test
    void aMacroCommentRendersItsPlaceholdersAndIsPublicUnlessSaid() {
        long ticket = ticketOfRita();
        JsonNode publicOne = macro(
                "actions",
                List.of(action(
                        "comment_value",
                        "Hello {{ticket.requester.first_name}}, {{current_user.name}} here about #{{ticket.id}}.")));
        JsonNode privateOne = macro(
                "actions",
                List.of(
                        action("comment_value", List.of("channel:all", "Note by {{current_user.first_name}}")),
                        action("comment_mode_is_public", "false")));
        JsonNode html =
                macro("actions", List.of(action("comment_value_html", "<p>Dear <b>{{ticket.requester.name}}</b></p>")));
        int comments = comments(ticket).size();

        applied(as(agent), ticket, publicOne.get("id").asLong());
        applied(as(agent), ticket, privateOne.get("id").asLong());
        applied(as(agent), ticket, html.get("id").asLong());

        List<JsonNode> added = after(comments(ticket), comments);
        assertThat(added).hasSize(3);
        assertThat(added.get(0).get("body").asString()).isEqualTo("Hello Rita, Alex Agent here about #" + ticket + ".");
        assertThat(added.get(0).get("public").asBoolean()).isTrue();
        assertThat(added.get(0).get("author_id").asLong()).isEqualTo(agent.id());
        assertThat(added.get(1).get("body").asString()).isEqualTo("Note by Alex");
        assertThat(added.get(1).get("public").asBoolean()).isFalse();
        assertThat(added.get(2).get("html_body").asString()).contains("<b>Rita Requester</b>");
        assertThat(added.get(2).get("body").asString())
                .contains("Rita Requester")
                .doesNotContain("<b>");
    }

    @Test
    void theAuditHoldsTheChangesTheCommentAndTheMacroReference() {
        long ticket = ticketOfRita();
        JsonNode macro = macro(
                "actions",
                List.of(
                        action("status", "pending"),
                        action("priority", "high"),
                        action("comment_value", "We are on it.")));
        int audits = audits(ticket).size();

        applied(as(agent), ticket, macro.get("id").asLong());

        JsonNode audit = theOneNewAudit(ticket, audits);
        assertThat(audit.get("author_id").asLong()).isEqualTo(agent.id());
        assertMacroReferences(audit, macro);
        assertThat(eventsOf(audit, "Change"))
                .extracting(e -> e.get("field_name").asString())
                .contains("status", "priority");
        assertThat(single(eventsOf(audit, "Comment")).get("body").asString()).isEqualTo("We are on it.");
    }

    @Test
    void macroIdsApplyEachMacroInOneAuditNamingEach() {
        long ticket = ticketOfRita();
        JsonNode first = macro("actions", List.of(action("priority", "high"), action("current_tags", "first")));
        JsonNode second = macro("actions", List.of(action("type", "task"), action("current_tags", "second")));
        int audits = audits(ticket).size();

        Api.Response response = applyAll(
                as(agent),
                ticket,
                List.of(first.get("id").asLong(), second.get("id").asLong()));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode after = ticket(ticket);
        assertThat(after.get("priority").asString()).isEqualTo("high");
        assertThat(after.get("type").asString()).isEqualTo("task");
        assertThat(strings(after.get("tags"))).contains("old", "first", "second");
        assertMacroReferences(theOneNewAudit(ticket, audits), first, second);
    }

    @Test
    void membersSentInTheRequestWinOverTheMacros() {
        long ticket = ticketOfRita();
        JsonNode macro = macro(
                "actions",
                List.of(
                        action("priority", "high"),
                        action("status", "pending"),
                        action("comment_value", "From the macro"),
                        action("custom_fields_" + textField, "macro value"),
                        action("custom_fields_" + secondField, "macro second")));
        int comments = comments(ticket).size();
        int audits = audits(ticket).size();

        JsonNode answered = applied(
                as(agent),
                ticket,
                macro.get("id").asLong(),
                "priority",
                "low",
                "comment",
                Map.of("body", "Mine instead", "public", false),
                "custom_fields",
                List.of(Map.of("id", textField, "value", "explicit value")));

        for (JsonNode t : List.of(answered, ticket(ticket))) {
            assertThat(t.get("priority").asString()).isEqualTo("low");
            assertThat(t.get("status").asString()).isEqualTo("pending");
            assertThat(customFieldValue(t, textField).asString()).isEqualTo("explicit value");
            assertThat(customFieldValue(t, secondField).asString()).isEqualTo("macro second");
        }
        JsonNode comment = single(after(comments(ticket), comments));
        assertThat(comment.get("body").asString()).isEqualTo("Mine instead");
        assertThat(comment.get("public").asBoolean()).isFalse();
        assertMacroReferences(theOneNewAudit(ticket, audits), macro);
    }

    @Test
    void aMacroThatChangesNothingWritesNothing() {
        long ticket = ticketOfRita();
        JsonNode macro = macro("actions", List.of(action("priority", "normal"), action("current_tags", "old")));
        State before = state(ticket);

        Api.Response response = apply(as(agent), ticket, macro.get("id").asLong());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertUnchanged(before, ticket);
    }

    // ---- refusals -----------------------------------------------------------------------------------------------

    @Test
    void anInactiveMacroIsA422AndAnUnknownOneA404AndNeitherWrites() {
        long ticket = ticketOfRita();
        long inactive = macro("active", false, "actions", List.of(action("priority", "urgent")))
                .get("id")
                .asLong();
        long active =
                macro("actions", List.of(action("type", "task"))).get("id").asLong();
        State before = state(ticket);

        assertInvalid(apply(as(agent), ticket, inactive), "macro_id");
        Api.Response several = applyAll(as(agent), ticket, List.of(active, inactive));
        assertThat(several.status()).as(several.toString()).isEqualTo(422);
        assertNotFound(apply(as(agent), ticket, MISSING));
        assertNotFound(applyAll(as(agent), ticket, List.of(active, MISSING)));

        assertUnchanged(before, ticket);
    }

    @Test
    void anInactiveMacroCannotBePreviewed() {
        long ticket = ticketOfRita();
        long inactive = macro("active", false, "actions", List.of(action("priority", "urgent")))
                .get("id")
                .asLong();
        State before = state(ticket);

        assertInvalid(preview(as(agent), inactive));
        assertInvalid(preview(as(agent), ticket, inactive));

        assertUnchanged(before, ticket);
    }

    /** Applying a macro needs what sending its members by hand needs: a light agent adds private notes only (R3). */
    @Test
    void aLightAgentMayApplyAPrivateNoteButNotAChangeOfPropertiesNorAPublicComment() {
        long ticket = ticketOfRita();
        TestUser light = lightAgent();
        membership(light, team.group());
        long setsStatus = macro("actions", List.of(action("status", "pending"), action("comment_value", "x")))
                .get("id")
                .asLong();
        long explicitlyPublic = macro(
                        "actions",
                        List.of(action("comment_value", "Public words"), action("comment_mode_is_public", "true")))
                .get("id")
                .asLong();
        long publicUnlessSaid = macro("actions", List.of(action("comment_value", "Default words")))
                .get("id")
                .asLong();
        long privateNote = macro(
                        "actions",
                        List.of(action("comment_value", "Private words"), action("comment_mode_is_public", false)))
                .get("id")
                .asLong();
        State before = state(ticket);

        assertForbidden(apply(as(light), ticket, setsStatus));
        assertForbidden(apply(as(light), ticket, explicitlyPublic));
        assertUnchanged(before, ticket);

        Api.Response byDefault = apply(as(light), ticket, publicUnlessSaid);
        assertThat(byDefault.status()).as(byDefault.toString()).isIn(200, 403);
        applied(as(light), ticket, privateNote);
        List<JsonNode> added = after(comments(ticket), before.comments());
        assertThat(added).as("never a public comment by a light agent").allSatisfy(comment -> assertThat(
                        comment.get("public").asBoolean())
                .isFalse());
        assertThat(last(added).get("body").asString()).isEqualTo("Private words");
    }

    @Test
    void aTicketTheAgentMayNotSeeIsA404() {
        TestUser confined = user("agent", customRole(Map.of("ticket_access", "within-groups")));
        long ticket = ticketOfRita();
        long macro = macroWith(action("priority", "urgent"));
        State before = state(ticket);

        assertNotFound(apply(as(confined), ticket, macro));
        assertNotFound(preview(as(confined), ticket, macro));

        assertUnchanged(before, ticket);
    }

    @Test
    void aGroupDeletedAfterTheSaveIsA422NamingTheActionAndNothingIsWritten() {
        long ticket = ticketOfRita();
        long doomed = group(true);
        long macro = macroWith(action("priority", "urgent"), action("group_id", doomed));
        deleteGroup(doomed);
        State before = state(ticket);

        assertInvalid(apply(as(agent), ticket, macro), "macro.actions[1]");

        assertUnchanged(before, ticket);
    }

    @Test
    void anAssigneeWhoLeftTheGroupIsA422NamingTheActionAndNothingIsWritten() {
        long ticket = ticketOfRita();
        TestUser leaver = agent();
        long membership = membership(leaver, team.group());
        long macro = macroWith(
                action("comment_value", "Handing over"),
                action("group_id", team.group()),
                action("assignee_id", leaver.id()));
        Api.Response left = admin().delete("/api/v2/group_memberships/" + membership);
        assertThat(left.status()).as(left.toString()).isEqualTo(204);
        State before = state(ticket);

        assertInvalid(apply(as(agent), ticket, macro), "macro.actions[2]");

        assertUnchanged(before, ticket);
    }

    @Test
    void aFieldDeactivatedAfterTheSaveIsA422NamingTheActionAndNothingIsWritten() {
        long ticket = ticketOfRita();
        long macro = macroWith(action("priority", "urgent"), action("custom_fields_" + textField, "value"));
        Api.Response retired =
                admin().put("/api/v2/ticket_fields/" + textField, Map.of("ticket_field", Map.of("active", false)));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
        State before = state(ticket);

        assertInvalid(apply(as(agent), ticket, macro), "macro.actions[1]");

        assertUnchanged(before, ticket);
    }

    @Test
    void withSeveralMacrosTheInvalidOneIsNamedAndNoneIsApplied() {
        long ticket = ticketOfRita();
        long doomed = group(true);
        long fine = macroWith(action("priority", "urgent"), action("comment_value", "Fine"));
        long broken = macroWith(action("type", "task"), action("group_id", doomed));
        deleteGroup(doomed);
        State before = state(ticket);

        assertInvalid(applyAll(as(agent), ticket, List.of(fine, broken)), "macros[1].actions[1]");

        assertUnchanged(before, ticket);
    }

    /**
     * An internal note never reaches the requester through a macro (R22): a public comment or a subject rendered from
     * {@code {{ticket.latest_comment}}} or {@code {{ticket.description}}} must not carry text that exists only in an
     * internal comment.
     */
    @Test
    void aMacrosPublicTextNeverCarriesAnInternalNoteToTheRequester_R22() {
        String secret = "SECRET-" + tag;
        long ticket = created(
                        admin(),
                        fields(
                                "subject",
                                "Quiet " + tag,
                                "comment",
                                Map.of("body", "First words " + secret + " (internal)", "public", false),
                                "requester_id",
                                requester.id(),
                                "group_id",
                                team.group()))
                .get("id")
                .asLong();
        commented(as(agent), ticket, "Another note " + secret, false);
        long macro = macroWith(
                action("comment_value", "Latest: {{ticket.latest_comment}} / first: {{ticket.description}}"),
                action("subject", "About {{ticket.latest_comment}}"));

        Api.Response response = apply(as(agent), ticket, macro);

        assertThat(response.status()).as(response.toString()).isIn(200, 422);
        Api.Response comments = as(requester).get("/api/v2/tickets/" + ticket + "/comments");
        assertThat(comments.status()).as(comments.toString()).isEqualTo(200);
        assertThat(comments.body()).as("the requester's comments").doesNotContain(secret);
        Api.Response shown = as(requester).get("/api/v2/tickets/" + ticket);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.body()).as("the requester's ticket").doesNotContain(secret);
    }

    /** A group the agent may not name by hand, a macro may not name for them (R2, R22): 422, nothing written. */
    @Test
    void aMacroNamingAPrivateGroupTheAgentIsNotInIsRefusedAsByHand_R22() {
        long ticket = ticketOfRita();
        Team hidden = team(false);
        long macro = macroWith(action("priority", "urgent"), action("group_id", hidden.group()));
        State before = state(ticket);

        Api.Response byHand = put(as(agent), ticket, fields("priority", "urgent", "group_id", hidden.group()));
        Api.Response byMacro = apply(as(agent), ticket, macro);

        assertInvalid(byHand, "group_id");
        assertInvalid(byMacro, "macro.actions[1]");
        assertUnchanged(before, ticket);
        assertThat(applied(as(hidden.agent()), ticket, macro).get("group_id").asLong())
                .isEqualTo(hidden.group());
    }

    /** A macro assigning an agent of another group does what the same assignment by hand does. */
    @Test
    void aMacroAssigningAnAgentOfAnotherGroupDoesWhatTheAssignmentByHandDoes() {
        long byHand = ticketOfRita();
        long byMacro = ticketOfRita();
        Team elsewhere = team(true);
        long macro = macroWith(action("assignee_id", elsewhere.agent().id()));

        Api.Response hand =
                put(as(agent), byHand, fields("assignee_id", elsewhere.agent().id()));
        Api.Response applied = apply(as(agent), byMacro, macro);

        assertThat(applied.status()).as(applied.toString()).isEqualTo(hand.status());
        JsonNode handTicket = ticket(byHand);
        JsonNode macroTicket = ticket(byMacro);
        for (String member : List.of("assignee_id", "group_id", "status")) {
            assertThat(macroTicket.get(member)).as(member).isEqualTo(handTicket.get(member));
        }
    }

    // ---- previews -----------------------------------------------------------------------------------------------

    @Test
    void aPreviewOnATicketRendersEveryPlaceholderForThatTicketAndCaller() {
        long ticket = ticketOfRita();
        Api.Response assigned =
                put(admin(), ticket, fields("assignee_id", team.agent().id()));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        String assigneeName = admin().get("/api/v2/users/" + team.agent().id())
                .json()
                .at("/user/name")
                .asString();
        String groupName = admin().get("/api/v2/groups/" + team.group())
                .json()
                .at("/group/name")
                .asString();
        String agentEmail = agent.email();
        String text = "#{{ticket.id}} {{ticket.title}} | {{ticket.requester.first_name}} | {{ticket.requester.name}} | "
                + "{{ticket.assignee.name}} | {{ticket.group.name}} | {{current_user.name}} | "
                + "{{current_user.first_name}} | {{current_user.email}}";
        long macro = macroWith(
                action("comment_value", text),
                action("subject", "Re: {{ticket.title}}"),
                action("set_tags", "new1 new2"),
                action("current_tags", "added"),
                action("remove_tags", "new2"),
                action("status", "pending"),
                action("assignee_id", "current_user"),
                action("custom_fields_" + textField, "for the printer"));
        State before = state(ticket);

        JsonNode result = previewed(as(agent), ticket, macro);

        JsonNode t = result.get("ticket");
        String expected = "#" + ticket + " Broken printer " + tag + " | Rita | Rita Requester | " + assigneeName + " | "
                + groupName + " | Alex Agent | Alex | " + agentEmail;
        assertThat(t.get("id").asLong()).isEqualTo(ticket);
        assertThat(t.at("/comment/body").asString()).isEqualTo(expected);
        assertThat(t.at("/comment/public").asBoolean()).isTrue();
        assertThat(t.at("/comment/scoped_body")).isEqualTo(json(List.of(List.of("channel:all", expected))));
        assertThat(t.at("/comment/html_body").asString()).contains("Rita Requester");
        assertThat(t.get("subject").asString()).isEqualTo("Re: Broken printer " + tag);
        assertThat(strings(t.get("tags"))).containsExactlyInAnyOrder("new1", "added");
        assertThat(t.get("status").asString()).isEqualTo("pending");
        assertThat(t.get("assignee_id").asLong()).isEqualTo(agent.id());
        assertThat(customFieldValue(t, textField).asString()).isEqualTo("for the printer");
        assertThat(t.has("priority")).as("only the members the macro sets").isFalse();
        assertUnchanged(before, ticket);
    }

    @Test
    void aPreviewWithoutATicketStartsFromNoTagsAndHasNoId() {
        long group = group(true);
        long macro = macroWith(
                action("current_tags", "a b"),
                action("remove_tags", "b"),
                action("priority", "high"),
                action("group_id", group),
                action("assignee_id", "current_user"),
                action("comment_value", "By {{current_user.name}}"),
                action("comment_mode_is_public", "false"));

        Api.Response response = preview(as(agent), macro);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode t = response.json().at("/result/ticket");
        assertThat(t.has("id")).isFalse();
        assertThat(strings(t.get("tags"))).containsExactly("a");
        assertThat(t.get("priority").asString()).isEqualTo("high");
        assertThat(t.get("group_id").asLong()).isEqualTo(group);
        assertThat(t.get("assignee_id").asLong()).isEqualTo(agent.id());
        assertThat(t.at("/comment/body").asString()).isEqualTo("By Alex Agent");
        assertThat(t.at("/comment/public").asBoolean()).isFalse();
    }

    @Test
    void previewsOfASideConversationMacroWriteNothing() {
        long ticket = ticketOfRita();
        long macro = macroWith(
                action("status", "pending"),
                action("comment_value", "Asked {{ticket.group.name}}"),
                sideConversationAction(
                        "Stock for #{{ticket.id}}",
                        "<p>Is it in stock, {{ticket.requester.first_name}}?</p>",
                        toAgentAddress(team.group(), team.agent().id())));
        State before = state(ticket);
        long tickets = ticketCount();
        List<Long> macrosBefore = allMacroIds();

        JsonNode onTicket = previewed(as(agent), ticket, macro);
        Api.Response bare = preview(as(agent), macro);

        assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
        JsonNode conversation = single(list(onTicket.get("side_conversations")));
        assertThat(conversation.get("subject").asString()).isEqualTo("Stock for #" + ticket);
        assertThat(conversation.get("body").asString()).contains("Is it in stock, Rita?");
        assertThat(conversation.at("/to/0/support_group_id").asLong()).isEqualTo(team.group());
        assertThat(conversation.at("/to/0/support_agent_id").asLong())
                .isEqualTo(team.agent().id());
        assertUnchanged(before, ticket);
        assertThat(ticketCount()).as("no child ticket").isEqualTo(tickets);
        assertThat(allMacroIds()).isEqualTo(macrosBefore);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record ActionCase(Map<String, Object> action, Consumer<JsonNode> expected) {}

    /** The audit names each macro, in order, once: an AgentMacroReference with its id and title. */
    private static void assertMacroReferences(JsonNode audit, JsonNode... macros) {
        List<JsonNode> references = eventsOf(audit, "AgentMacroReference");
        assertThat(references).as(audit.toString()).hasSize(macros.length);
        for (int i = 0; i < macros.length; i++) {
            assertThat(references.get(i).get("macro_id").asLong())
                    .isEqualTo(macros[i].get("id").asLong());
            assertThat(references.get(i).get("macro_title").asString())
                    .isEqualTo(macros[i].get("title").asString());
        }
    }

    private List<Long> allMacroIds() {
        return io.sidedesk.ApiAssertions.allIds(admin(), MACROS, "macros");
    }

    private static List<JsonNode> list(JsonNode array) {
        assertThat(array).as("an array").isNotNull();
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private long ticketField(String type) {
        Api.Response field = admin().post(
                        "/api/v2/ticket_fields",
                        Map.of("ticket_field", Map.of("type", type, "title", unique("Macro field " + type))));
        assertThat(field.status()).as(field.toString()).isEqualTo(201);
        return field.json().at("/ticket_field/id").asLong();
    }
}
