package io.sidedesk.search;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search never finds, counts or exports a ticket the caller may not see, and never matches words the caller may
 * not read (docs/search-contract.md): R22 (nothing of an internal comment reaches an end-user, not even as the fact
 * that a word matched), R17 (private groups), R3 (light agents keep the access their role shows), end-users with
 * their own and CC'd tickets only, hidden parents, deleted tickets.
 */
class SearchVisibilityTests extends SearchTestSupport {

    // ---- R22: internal notes ------------------------------------------------------------------------------------

    @Test
    void anEndUsersSearchNeverMatchesAnInternalNotesWordsEvenOnTheirOwnTicket_R22() {
        Team team = team(true);
        TestUser requester = endUser();
        String inSubject = word();
        String inPublic = word();
        String secret = word();
        String secretToo = word();
        long ticket = newTicket(
                fields("subject", "Order " + inSubject, "requester_id", requester.id(), "group_id", team.group()));
        commented(as(team.agent()), ticket, "Customer says " + inPublic, true);
        commented(as(team.agent()), ticket, "Between us: " + secret + " " + secretToo + " " + inPublic, false);
        Api customer = as(requester);

        assertThat(finds(customer, inSubject)).containsExactly(ticket);
        assertThat(finds(customer, inPublic)).containsExactly(ticket);
        assertThat(finds(customer, inSubject + " " + inPublic)).containsExactly(ticket);
        for (String query : List.of(
                secret,
                secret.toUpperCase(),
                inSubject + " " + secret,
                "\"" + secret + " " + secretToo + "\"",
                "\"" + secretToo + " " + inPublic + "\"",
                secret.substring(0, 10) + "*",
                secret + " type:ticket",
                "requester:me " + secret,
                secret + " order_by:created sort:asc")) {
            assertThat(finds(customer, query))
                    .as("the end-user searching %s", query)
                    .isEmpty();
        }
        // Negated, the note's word is no more there for them than any word they never saw.
        assertThat(finds(customer, inSubject + " -" + secret)).containsExactly(ticket);
        assertThat(finds(customer, inSubject + " -\"" + secret + " " + secretToo + "\""))
                .containsExactly(ticket);

        // Staff who see the ticket read its notes, and find it by them.
        for (Api staff : List.of(admin(), as(team.agent()), as(lightAgent()))) {
            assertThat(finds(staff, secret)).containsExactly(ticket);
            assertThat(finds(staff, "\"" + secret + " " + secretToo + "\"")).containsExactly(ticket);
            assertThat(finds(staff, inSubject + " -" + secret)).isEmpty();
        }
    }

    @Test
    void aTicketOpenedWithAnInternalNoteIsNeverFoundByItsWordsByTheRequester_R22() {
        TestUser requester = endUser();
        String secret = word();
        String subject = word();
        // No subject: a subject is never taken from an internal comment (R22).
        long noSubject = newTicket(fields(
                "subject",
                null,
                "comment",
                Map.of("body", "Fraud check " + secret, "public", false),
                "requester_id",
                requester.id()));
        long withSubject = newTicket(fields(
                "subject", "Order " + subject,
                "comment", Map.of("body", "Fraud check " + secret, "public", false),
                "requester_id", requester.id()));

        assertThat(finds(as(requester), secret)).isEmpty();
        assertThat(finds(as(requester), "Fraud " + secret)).isEmpty();
        assertThat(finds(as(requester), "requester:me")).containsExactly(noSubject, withSubject);
        assertThat(finds(as(requester), subject)).containsExactly(withSubject);
        assertThat(finds(admin(), secret)).containsExactly(noSubject, withSubject);
    }

    @Test
    void anEndUserFindsTheirOwnPublicCommentsAndTheirCcdTicketsButNeverAnotherRequesters() {
        TestUser requester = endUser();
        TestUser cc = endUser();
        TestUser stranger = endUser();
        String subject = word();
        String theirWords = word();
        long ticket =
                newTicket(fields("subject", subject, "requester_id", requester.id(), "email_cc_ids", List.of(cc.id())));
        long strangers = newTicket(fields("subject", subject, "requester_id", stranger.id()));
        commented(as(requester), ticket, "I wrote " + theirWords, null);

        assertThat(finds(as(requester), subject)).containsExactly(ticket);
        assertThat(finds(as(requester), theirWords)).containsExactly(ticket);
        assertThat(finds(as(cc), subject)).as("a CC'd end-user").containsExactly(ticket);
        assertThat(finds(as(cc), theirWords)).containsExactly(ticket);
        assertThat(finds(as(stranger), subject)).containsExactly(strangers);
        assertThat(finds(as(stranger), theirWords)).isEmpty();
        assertThat(finds(as(stranger), subject + " requester:" + requester.email()))
                .isEmpty();
        assertThat(finds(as(stranger), subject + " requester_id:" + requester.id()))
                .isEmpty();
        assertThat(finds(as(endUser()), subject)).isEmpty();
        assertThat(finds(admin(), subject)).containsExactly(ticket, strangers);
    }

    /**
     * An end-user never reads a ticket's tags (their copy of the ticket has none), so a search by tag must not tell
     * them which tags their own ticket carries: a tag it has answers as a tag no ticket has. The contract names no
     * key for staff only; this holds it to R22's rule that nothing hidden reaches an end-user sideways.
     */
    @Test
    void anEndUserCannotLearnTheHiddenTagsOfTheirOwnTicketBySearching_R22() {
        TestUser requester = endUser();
        String tag = tag();
        String subject = word();
        long ticket = newTicket(fields("subject", subject, "requester_id", requester.id(), "tags", List.of(tag)));
        Api customer = as(requester);
        assertThat(customer.get("/api/v2/tickets/" + ticket)
                        .json()
                        .get("ticket")
                        .has("tags"))
                .as("the end-user's copy of the ticket has no tags")
                .isFalse();
        assertThat(finds(admin(), "tags:" + tag)).containsExactly(ticket);

        String unknown = tag();
        assertThat(finds(customer, "tags:" + tag)).isEqualTo(finds(customer, "tags:" + unknown));
        assertThat(finds(customer, subject + " tags:" + tag)).isEqualTo(finds(customer, subject + " tags:" + unknown));
        assertThat(finds(customer, subject + " -tags:" + tag))
                .isEqualTo(finds(customer, subject + " -tags:" + unknown));
    }

    // ---- R17: private groups ----------------------------------------------------------------------------------

    @Test
    void anAgentOutsideAPrivateGroupNeverFindsCountsOrExportsItsTickets_R17() {
        Team privateTeam = team(false);
        Team publicTeam = team(true);
        String name = groupName(privateTeam.group());
        String subject = word();
        String note = word();
        long secret = newTicket(fields("subject", subject, "group_id", privateTeam.group()));
        commented(as(privateTeam.agent()), secret, "Note " + note, false);
        long open = newTicket(fields("subject", subject, "group_id", publicTeam.group()));
        Api outsider = as(publicTeam.agent());

        assertThat(finds(outsider, subject)).containsExactly(open);
        assertThat(counted(outsider, subject)).isEqualTo(1);
        assertThat(finds(outsider, note)).isEmpty();
        assertThat(finds(outsider, subject + " group_id:" + privateTeam.group()))
                .isEmpty();
        assertThat(finds(outsider, "group_id:" + privateTeam.group())).isEmpty();
        assertThat(counted(outsider, "group_id:" + privateTeam.group())).isZero();
        assertThat(exported(outsider, "group_id:" + privateTeam.group(), 100)).isEmpty();
        assertThat(finds(as(agent()), subject)).as("an agent in no group").containsExactly(open);

        for (Api member : List.of(as(privateTeam.agent()), admin())) {
            assertThat(finds(member, subject)).containsExactly(secret, open);
            assertThat(finds(member, note)).containsExactly(secret);
            assertThat(finds(member, "group_id:" + privateTeam.group())).containsExactly(secret);
            assertThat(finds(member, "group:\"" + name + "\"")).containsExactly(secret);
        }
    }

    /**
     * A private group named by a non-member answers exactly as a group that does not exist: nothing, 200 (R22: hidden
     * private groups answer exactly like missing ones).
     */
    @Test
    void aPrivateGroupsNameFromANonMemberFindsNothingExactlyLikeAnUnknownName_R17_R22() {
        Team privateTeam = team(false);
        String name = groupName(privateTeam.group());
        String subject = word();
        newTicket(fields("subject", subject, "group_id", privateTeam.group()));
        Api outsider = as(agent());

        String unknown = "Group " + word();
        long missingId = 987_654_321L;
        List<List<String>> hiddenAndMissing = List.of(
                List.of("group:\"" + name + "\"", "group:\"" + unknown + "\""),
                List.of("group:" + name, "group:" + unknown.replace(" ", "-")),
                List.of("group:\"" + name.toUpperCase() + "\"", "group:\"" + unknown.toUpperCase() + "\""),
                List.of(subject + " group:\"" + name + "\"", subject + " group:\"" + unknown + "\""),
                List.of("group:" + privateTeam.group(), "group:" + missingId),
                List.of("group_id:" + privateTeam.group(), "group_id:" + missingId));
        for (List<String> pair : hiddenAndMissing) {
            Api.Response hidden = search(outsider, pair.get(0));
            Api.Response missing = search(outsider, pair.get(1));
            assertThat(hidden.status()).as("%s: %s", pair.get(0), hidden).isEqualTo(200);
            assertThat(missing.status()).as("%s: %s", pair.get(1), missing).isEqualTo(200);
            assertThat(hidden.json().get("results")).as(pair.get(0)).isEmpty();
            assertThat(hidden.json().get("count").asLong()).isZero();
            assertThat(hidden.body())
                    .as("answered exactly as a group that does not exist")
                    .isEqualTo(missing.body().replace(encode(pair.get(1)), encode(pair.get(0))));
            assertThat(counted(outsider, pair.get(0))).isZero();
        }
        assertThat(finds(as(privateTeam.agent()), "group:\"" + name + "\"")).hasSize(1);
    }

    @Test
    void anEndUserRequesterFindsTheirTicketInAPrivateGroup_R17() {
        TestUser requester = endUser();
        String subject = word();
        long ticket = newTicket(fields("subject", subject, "requester_id", requester.id(), "group_id", group(false)));

        assertThat(finds(as(requester), subject)).containsExactly(ticket);
        assertThat(finds(as(agent()), subject)).isEmpty();
    }

    // ---- R3: light agents -------------------------------------------------------------------------------------

    @Test
    void aLightAgentFindsPerTheAccessTheirRoleShows_R3() {
        Team publicTeam = team(true);
        Team otherTeam = team(true);
        long privateGroup = group(false);
        String subject = word();
        String note = word();
        long inTheirGroup = newTicket(fields("subject", subject, "group_id", publicTeam.group()));
        long inAnotherGroup = newTicket(fields("subject", subject, "group_id", otherTeam.group()));
        long inPrivate = newTicket(fields("subject", subject, "group_id", privateGroup));
        commented(as(publicTeam.agent()), inTheirGroup, "Internal " + note, false);

        TestUser light = lightAgent();
        membership(light, publicTeam.group());
        assertThat(finds(as(light), subject))
                .as("built-in light agent: all")
                .containsExactly(inTheirGroup, inAnotherGroup);
        assertThat(finds(as(light), note)).as("staff read internal notes").containsExactly(inTheirGroup);

        TestUser withinGroups = user("agent", lightAgentRole("within-groups"));
        membership(withinGroups, publicTeam.group());
        assertThat(finds(as(withinGroups), subject)).containsExactly(inTheirGroup);
        assertThat(finds(as(withinGroups), "group_id:" + otherTeam.group())).isEmpty();

        TestUser assignedOnly = user("agent", lightAgentRole("assigned-only"));
        membership(assignedOnly, publicTeam.group());
        assertThat(finds(as(assignedOnly), subject))
                .as("a light agent is assigned nothing")
                .isEmpty();
        assertThat(counted(as(assignedOnly), subject)).isZero();

        TestUser privateLight = lightAgent();
        membership(privateLight, privateGroup);
        assertThat(finds(as(privateLight), subject)).containsExactly(inTheirGroup, inAnotherGroup, inPrivate);
    }

    @Test
    void anAgentWithAssignedOnlyAccessFindsOnlyTheTicketsAssignedToThem() {
        long group = group(true);
        TestUser assignedOnly = user("agent", customRole(Map.of("ticket_access", "assigned-only")));
        membership(assignedOnly, group);
        String subject = word();
        long theirs = newTicket(fields("subject", subject, "group_id", group, "assignee_id", assignedOnly.id()));
        newTicket(fields("subject", subject, "group_id", group));

        assertThat(finds(as(assignedOnly), subject)).containsExactly(theirs);
        assertThat(finds(as(assignedOnly), "assignee:me " + subject)).containsExactly(theirs);
    }

    // ---- children of hidden parents ------------------------------------------------------------------------

    /**
     * A child the caller may see, of a parent they may not: {@code child_of} the parent finds nothing, as for a
     * ticket that does not exist, although the child itself is theirs to find.
     */
    @Test
    void childOfAParentTheCallerCannotSeeFindsNothing_R17() {
        Team privateTeam = team(false);
        Team publicTeam = team(true);
        long parent = newTicket(fields("subject", "Parent " + word(), "group_id", privateTeam.group()));
        String childSubject = word();
        JsonNode conversation = startedToGroup(
                as(privateTeam.agent()), parent, publicTeam.group(), "Child " + childSubject, "Please look");
        long child = childOf(conversation);
        Api outsider = as(publicTeam.agent());

        assertThat(finds(outsider, childSubject))
                .as("the child is in the public group")
                .containsExactly(child);
        assertThat(finds(outsider, "child_of:" + parent)).isEmpty();
        assertThat(counted(outsider, "child_of:" + parent)).isZero();
        assertThat(finds(outsider, "child_of:" + 987_654_321L)).isEmpty();
        assertThat(finds(as(privateTeam.agent()), "child_of:" + parent)).containsExactly(child);
        assertThat(finds(admin(), "child_of:" + parent)).containsExactly(child);
        assertThat(finds(outsider, "-child_of:" + parent + " " + childSubject))
                .as("a hidden parent's children are told apart from no other ticket")
                .containsExactly(child);
    }

    /**
     * A linked child in a private group the caller is not in tells them nothing of its parent, which they see:
     * neither that it has a child nor the child's status; the parent answers as one without children (R17, R22).
     */
    @Test
    void aChildInAPrivateGroupTellsAnOutsiderNothingOfItsParent_R17() {
        Team privateTeam = team(false);
        Team publicTeam = team(true);
        TestUser requester = endUser();
        long parent = newTicket(
                fields("subject", "Parent " + word(), "group_id", publicTeam.group(), "requester_id", requester.id()));
        long child = childOf(startedToGroup(as(privateTeam.agent()), parent, privateTeam.group()));
        String of = "requester_id:" + requester.id();
        Api outsider = as(publicTeam.agent());

        assertThat(finds(outsider, of)).containsExactly(parent);
        assertThat(finds(outsider, of + " has_children:true")).isEmpty();
        assertThat(finds(outsider, of + " has_children:false")).containsExactly(parent);
        assertThat(finds(outsider, of + " child_status>=new")).isEmpty();
        assertThat(finds(outsider, of + " -child_status>=new")).containsExactly(parent);
        assertThat(finds(outsider, "child_of:" + parent)).isEmpty();
        for (Api member : List.of(as(privateTeam.agent()), admin())) {
            assertThat(finds(member, of + " has_children:true")).containsExactly(parent);
            assertThat(finds(member, of + " child_status>=new")).containsExactly(parent);
            assertThat(finds(member, "child_of:" + parent)).containsExactly(child);
        }
    }

    // ---- deleted tickets -------------------------------------------------------------------------------------

    @Test
    void aDeletedTicketIsNeverFoundCountedOrExported() {
        TestUser requester = endUser();
        String subject = word();
        String tag = tag();
        long kept = newTicket(fields("subject", subject, "requester_id", requester.id(), "tags", List.of(tag)));
        long deleted = newTicket(fields("subject", subject, "requester_id", requester.id(), "tags", List.of(tag)));
        assertThat(finds(admin(), subject)).containsExactly(kept, deleted);

        Api.Response delete = admin().delete("/api/v2/tickets/" + deleted);
        assertThat(delete.status()).as(delete.toString()).isEqualTo(204);

        for (Api caller : List.of(admin(), as(requester))) {
            assertThat(finds(caller, subject)).containsExactly(kept);
            assertThat(finds(caller, "requester_id:" + requester.id())).containsExactly(kept);
        }
        assertThat(finds(admin(), "tags:" + tag)).containsExactly(kept);
        assertThat(finds(admin(), "tags:" + tag + " status<=closed")).containsExactly(kept);
        assertThat(ids(export(admin(), "tags:" + tag, "page[size]=10").json().get("results")))
                .containsExactly(kept);
    }
}
