package io.sidedesk.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;

import static io.sidedesk.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every term of the search contract (docs/search-contract.md, issue 22), each proven with tickets of the test's own:
 * what matches is found and a near miss is not. Queries are narrowed by a word or tag no other ticket holds, so every
 * assertion is exact although other classes write tickets in the same database. {@link #finds} checks on every query
 * that the search, its count and its export agree.
 */
class SearchTests extends SearchTestSupport {

    // ---- free text ------------------------------------------------------------------------------------------

    @Test
    void everyWordMustAppearInTheSubjectOrAComment_anyCase_notNecessarilyTogether() {
        String printer = word();
        String jammed = word();
        String other = word();
        long both = newTicket(fields("subject", "The " + printer + " again", "comment", body("It is " + jammed + ".")));
        long subjectOnly = newTicket(fields("subject", printer + " question", "comment", body("About " + other)));
        long commentOnly = newTicket(fields("subject", "Nothing", "comment", body("Paper " + jammed + " twice")));
        // The second word in a later comment of its own.
        commented(admin(), commentOnly, "And the " + printer + " is old", true);

        assertThat(finds(admin(), printer)).containsExactly(both, subjectOnly, commentOnly);
        assertThat(finds(admin(), printer + " " + jammed)).containsExactly(both, commentOnly);
        assertThat(finds(
                        admin(),
                        printer.toUpperCase() + " " + jammed.substring(0, 1).toUpperCase() + jammed.substring(1)))
                .containsExactly(both, commentOnly);
        assertThat(finds(admin(), printer + " " + other)).containsExactly(subjectOnly);
        assertThat(finds(admin(), jammed + " " + other)).isEmpty();
        assertThat(finds(admin(), printer + " " + word()))
                .as("a word no ticket holds")
                .isEmpty();
    }

    @Test
    void aQuotedPhraseMatchesItsWordsInThatOrderOnly() {
        String red = word();
        String green = word();
        String blue = word();
        long inOrder = newTicket(fields("comment", body("It was " + red + " " + green + " " + blue + " today")));
        long reversed = newTicket(fields("comment", body(green + " " + red + ", then " + blue)));
        long apart = newTicket(fields("subject", red + " and then " + green, "comment", body("Nothing")));
        long inTheSubject = newTicket(fields("subject", "Re: " + red + " " + green));

        assertThat(finds(admin(), "\"" + red + " " + green + "\"")).containsExactly(inOrder, inTheSubject);
        assertThat(finds(admin(), "\"" + green + " " + red + "\"")).containsExactly(reversed);
        assertThat(finds(admin(), "\"" + red + " " + green + " " + blue + "\"")).containsExactly(inOrder);
        assertThat(finds(admin(), "\"" + red + " " + blue + "\""))
                .as("not next to each other")
                .isEmpty();
        assertThat(finds(admin(), red + " " + green)).containsExactly(inOrder, reversed, apart, inTheSubject);
    }

    @Test
    void aWordEndingInAStarMatchesEveryWordStartingSo() {
        String stem = letters("sp", 12);
        long refunded = newTicket(fields("comment", body("We " + stem + "ed it")));
        long refunding = newTicket(fields("subject", stem + "ing soon"));
        long exact = newTicket(fields("comment", body("Just " + stem)));
        // A near miss: the stem but its last letter (a letter other than the stem's own, which is random).
        String other = stem.toLowerCase().endsWith("q") ? "x" : "q";
        long nearMiss = newTicket(fields("comment", body(stem.substring(0, stem.length() - 1) + other + "ed")));

        assertThat(finds(admin(), stem + "*")).containsExactly(refunded, refunding, exact);
        assertThat(finds(admin(), stem.toUpperCase() + "*")).containsExactly(refunded, refunding, exact);
        assertThat(finds(admin(), stem + "ed*")).containsExactly(refunded);
        assertThat(finds(admin(), stem + "edx*")).isEmpty();
        assertThat(finds(admin(), stem.substring(0, stem.length() - 1) + other + "*"))
                .containsExactly(nearMiss);
    }

    @Test
    void aMinusNegatesAWordAPhraseAndATerm() {
        String tag = tag();
        String alpha = word();
        String beta = word();
        long withAlpha = tagged(tag, "comment", body("Say " + alpha + " " + beta));
        long withBeta = tagged(tag, "comment", body("Say " + beta));
        long pending = tagged(tag, "status", "pending");

        assertThat(finds(admin(), "tags:" + tag + " -" + alpha)).containsExactly(withBeta, pending);
        assertThat(finds(admin(), "tags:" + tag + " -" + beta)).containsExactly(pending);
        assertThat(finds(admin(), "tags:" + tag + " -\"" + alpha + " " + beta + "\""))
                .containsExactly(withBeta, pending);
        assertThat(finds(admin(), "tags:" + tag + " -\"" + beta + " " + alpha + "\""))
                .containsExactly(withAlpha, withBeta, pending);
        assertThat(finds(admin(), "tags:" + tag + " -status:pending")).containsExactly(withAlpha, withBeta);
        assertThat(finds(admin(), beta + " -tags:" + tag)).isEmpty();
        assertThat(finds(admin(), "tags:" + tag + " -tags:" + tag)).isEmpty();
    }

    // ---- ticket fields --------------------------------------------------------------------------------------

    @Test
    void statusTermsFollowTheOrderNewOpenPendingHoldSolvedClosed() {
        Team team = team(true);
        String tag = tag();
        long fresh = tagged(tag, "status", "new");
        long open = tagged(tag, "status", "open");
        long pending = tagged(tag, "status", "pending");
        long hold = tagged(tag, "status", "hold");
        long solved = tagged(
                tag,
                "status",
                "solved",
                "group_id",
                team.group(),
                "assignee_id",
                team.agent().id());
        long closed = tagged(
                tag,
                "status",
                "solved",
                "group_id",
                team.group(),
                "assignee_id",
                team.agent().id());
        updated(admin(), closed, Map.of("status", "closed"));
        String of = "tags:" + tag + " ";

        assertThat(finds(admin(), of + "status:new")).containsExactly(fresh);
        assertThat(finds(admin(), of + "status:open")).containsExactly(open);
        assertThat(finds(admin(), of + "status:closed")).containsExactly(closed);
        assertThat(finds(admin(), of + "status<solved")).containsExactly(fresh, open, pending, hold);
        assertThat(finds(admin(), of + "status>new")).containsExactly(open, pending, hold, solved, closed);
        assertThat(finds(admin(), of + "status<=pending")).containsExactly(fresh, open, pending);
        assertThat(finds(admin(), of + "status>=hold")).containsExactly(hold, solved, closed);
        assertThat(finds(admin(), of + "status>closed")).isEmpty();
    }

    @Test
    void priorityTermsFollowTheOrderNoneLowNormalHighUrgent() {
        String tag = tag();
        long none = tagged(tag);
        long low = tagged(tag, "priority", "low");
        long normal = tagged(tag, "priority", "normal");
        long high = tagged(tag, "priority", "high");
        long urgent = tagged(tag, "priority", "urgent");
        String of = "tags:" + tag + " ";

        assertThat(finds(admin(), of + "priority:high")).containsExactly(high);
        assertThat(finds(admin(), of + "priority:none")).containsExactly(none);
        assertThat(finds(admin(), of + "priority>normal")).containsExactly(high, urgent);
        assertThat(finds(admin(), of + "priority>=normal")).containsExactly(normal, high, urgent);
        assertThat(finds(admin(), of + "priority<normal"))
                .as("none comes first")
                .containsExactly(none, low);
        assertThat(finds(admin(), of + "priority<=low")).containsExactly(none, low);
        assertThat(finds(admin(), of + "-priority:none")).containsExactly(low, normal, high, urgent);
    }

    @Test
    void ticketTypeTermsNameOneTypeOrNone() {
        String tag = tag();
        long question = tagged(tag, "type", "question");
        long incident = tagged(tag, "type", "incident");
        long problem = tagged(tag, "type", "problem");
        long task = tagged(tag, "type", "task");
        long none = tagged(tag);
        String of = "tags:" + tag + " ";

        assertThat(finds(admin(), of + "ticket_type:question")).containsExactly(question);
        assertThat(finds(admin(), of + "ticket_type:incident")).containsExactly(incident);
        assertThat(finds(admin(), of + "ticket_type:problem")).containsExactly(problem);
        assertThat(finds(admin(), of + "ticket_type:task")).containsExactly(task);
        assertThat(finds(admin(), of + "ticket_type:none")).containsExactly(none);
        assertThat(finds(admin(), of + "-ticket_type:none")).containsExactly(question, incident, problem, task);
    }

    @Test
    void groupTermsByNameInAnyCaseByIdAndNone() {
        Team team = team(true);
        String name = groupName(team.group());
        String tag = tag();
        long inGroup = tagged(tag, "group_id", team.group());
        long noGroup = tagged(tag);
        long elsewhere = tagged(tag, "group_id", group(true));
        String of = "tags:" + tag + " ";

        assertThat(finds(admin(), of + "group:\"" + name + "\"")).containsExactly(inGroup);
        assertThat(finds(admin(), of + "group:\"" + name.toUpperCase() + "\"")).containsExactly(inGroup);
        assertThat(finds(admin(), of + "group:" + name)).containsExactly(inGroup);
        assertThat(finds(admin(), of + "group_id:" + team.group())).containsExactly(inGroup);
        assertThat(finds(admin(), of + "group:none")).containsExactly(noGroup);
        assertThat(finds(admin(), of + "-group:none")).containsExactly(inGroup, elsewhere);
        assertThat(finds(admin(), of + "group:\"No such group " + word() + "\""))
                .as("an unknown group finds nothing; no error")
                .isEmpty();
    }

    @Test
    void assigneeTermsByMeNoneIdEmailAndName() {
        long group = group(true);
        String name = "Assignee " + word();
        TestUser assignee = namedAgent(name);
        membership(assignee, group);
        TestUser other = agent();
        membership(other, group);
        String tag = tag();
        long assigned = tagged(tag, "group_id", group, "assignee_id", assignee.id());
        long toOther = tagged(tag, "group_id", group, "assignee_id", other.id());
        long unassigned = tagged(tag, "group_id", group);
        String of = "tags:" + tag + " ";

        assertThat(finds(assignee, of + "assignee:me")).containsExactly(assigned);
        assertThat(finds(other, of + "assignee:me")).containsExactly(toOther);
        assertThat(finds(admin(), of + "assignee:me")).isEmpty();
        assertThat(finds(admin(), of + "assignee:none")).containsExactly(unassigned);
        assertThat(finds(admin(), of + "assignee:" + assignee.id())).containsExactly(assigned);
        assertThat(finds(admin(), of + "assignee_id:" + assignee.id())).containsExactly(assigned);
        assertThat(finds(admin(), of + "assignee:" + assignee.email())).containsExactly(assigned);
        assertThat(finds(admin(), of + "assignee:\"" + name + "\"")).containsExactly(assigned);
        assertThat(finds(admin(), of + "-assignee:none")).containsExactly(assigned, toOther);
        assertThat(finds(admin(), of + "assignee:nobody-" + word() + "@example.com"))
                .as("nobody of that email: nothing, no error")
                .isEmpty();
    }

    @Test
    void requesterTermsByMeIdEmailAndName() {
        String name = "Requester " + word();
        String email = unique("requester") + "@example.com";
        Api.Response made =
                admin().post("/api/v2/users", Map.of("user", Map.of("name", name, "email", email, "role", "end-user")));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        TestUser requester = new TestUser(made.json().at("/user/id").asLong(), email);
        TestUser other = endUser();
        String subject = word();
        long theirs = newTicket(fields("subject", subject, "requester_id", requester.id()));
        long others = newTicket(fields("subject", subject, "requester_id", other.id()));

        assertThat(finds(admin(), subject)).containsExactly(theirs, others);
        assertThat(finds(requester, subject + " requester:me")).containsExactly(theirs);
        assertThat(finds(admin(), subject + " requester:me")).isEmpty();
        assertThat(finds(admin(), subject + " requester:" + requester.id())).containsExactly(theirs);
        assertThat(finds(admin(), subject + " requester_id:" + requester.id())).containsExactly(theirs);
        assertThat(finds(admin(), subject + " requester:" + email)).containsExactly(theirs);
        assertThat(finds(admin(), subject + " requester:\"" + name + "\"")).containsExactly(theirs);
        assertThat(finds(admin(), subject + " -requester:" + email)).containsExactly(others);
    }

    @Test
    void tagTermsHasTheTagOrNot() {
        String tag = tag();
        String extra = tag();
        long both = newTicket(fields("tags", List.of(tag, extra)));
        long one = newTicket(fields("tags", List.of(tag)));

        assertThat(finds(admin(), "tags:" + tag)).containsExactly(both, one);
        assertThat(finds(admin(), "tag:" + tag)).containsExactly(both, one);
        assertThat(finds(admin(), "tags:" + tag + " tags:" + extra)).containsExactly(both);
        assertThat(finds(admin(), "tags:" + tag + " tag:" + extra)).containsExactly(both);
        assertThat(finds(admin(), "tags:" + tag + " -tags:" + extra)).containsExactly(one);
        assertThat(finds(admin(), "tags:" + tag + "x"))
                .as("a tag that starts so is another tag")
                .isEmpty();
    }

    @Test
    void createdAndUpdatedTermsByDayMomentAndTimeAgo() {
        String tag = tag();
        long ticket = tagged(tag);
        Instant created = Instant.parse(ticket(ticket).get("created_at").asString());
        LocalDate day = created.atOffset(ZoneOffset.UTC).toLocalDate();
        String of = "tags:" + tag + " ";

        assertThat(finds(admin(), of + "created:" + day)).containsExactly(ticket);
        assertThat(finds(admin(), of + "created:" + day.minusDays(1))).isEmpty();
        assertThat(finds(admin(), of + "created>" + day.minusDays(1))).containsExactly(ticket);
        assertThat(finds(admin(), of + "created>" + day)).as("after that day").isEmpty();
        assertThat(finds(admin(), of + "created<" + day)).as("before that day").isEmpty();
        assertThat(finds(admin(), of + "created<" + day.plusDays(1))).containsExactly(ticket);
        assertThat(finds(admin(), of + "created>=" + day)).containsExactly(ticket);
        assertThat(finds(admin(), of + "created<=" + day)).containsExactly(ticket);
        assertThat(finds(admin(), of + "created>=" + day.plusDays(1))).isEmpty();
        assertThat(finds(admin(), of + "created<=" + day.minusDays(1))).isEmpty();

        Instant before = created.minus(Duration.ofMinutes(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant after = created.plus(Duration.ofMinutes(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(finds(admin(), of + "created>" + before)).containsExactly(ticket);
        assertThat(finds(admin(), of + "created<" + before)).isEmpty();
        assertThat(finds(admin(), of + "created<" + after)).containsExactly(ticket);
        assertThat(finds(admin(), of + "created>" + after)).isEmpty();

        for (String ago : List.of(
                "10minutes",
                "1minute",
                "1hour",
                "2hours",
                "1day",
                "3days",
                "1week",
                "2weeks",
                "1month",
                "2months",
                "1year",
                "2years")) {
            if (!ago.equals("1minute")) {
                assertThat(finds(admin(), of + "created>" + ago))
                        .as("created>" + ago)
                        .containsExactly(ticket);
                assertThat(finds(admin(), of + "updated>" + ago))
                        .as("updated>" + ago)
                        .containsExactly(ticket);
            }
            assertThat(finds(admin(), of + "created<" + ago))
                    .as("created<" + ago)
                    .isEmpty();
            assertThat(finds(admin(), of + "updated<" + ago))
                    .as("updated<" + ago)
                    .isEmpty();
        }
    }

    @Test
    void viaTermsTellChildTicketsFromTicketsMadeThroughTheApi() {
        Link link = link();
        long parentOnly = link.parent();
        String byRequester = "requester_id:" + link.requester().id();

        assertThat(finds(admin(), byRequester + " via:api")).containsExactly(parentOnly);
        assertThat(finds(admin(), byRequester + " via:side_conversation")).isEmpty();
        assertThat(finds(admin(), "child_of:" + link.parent() + " via:side_conversation"))
                .containsExactly(link.child());
        assertThat(finds(admin(), "child_of:" + link.parent() + " via:api")).isEmpty();
        assertThat(finds(admin(), "child_of:" + link.parent() + " -via:api")).containsExactly(link.child());
    }

    @Test
    void hasChildrenChildOfAndChildStatusFollowTheLinkWhileItHolds_R13() {
        Link link = link();
        Link other = link();
        String byRequester = "requester_id:" + link.requester().id();
        String childStatus = ticket(link.child()).get("status").asString();

        assertThat(finds(admin(), byRequester + " has_children:true")).containsExactly(link.parent());
        assertThat(finds(admin(), byRequester + " has_children:false")).isEmpty();
        assertThat(finds(admin(), "child_of:" + link.parent())).containsExactly(link.child());
        assertThat(finds(admin(), "child_of:" + link.child()))
                .as("a child has no children")
                .isEmpty();
        assertThat(finds(admin(), "child_of:" + other.parent())).containsExactly(other.child());
        assertThat(finds(admin(), byRequester + " child_status:" + childStatus)).containsExactly(link.parent());
        assertThat(finds(admin(), byRequester + " child_status<solved")).containsExactly(link.parent());
        assertThat(finds(admin(), byRequester + " child_status>=solved")).isEmpty();

        updated(as(link.childAgent()), link.child(), Map.of("status", "solved"));
        assertThat(finds(admin(), byRequester + " child_status:solved")).containsExactly(link.parent());
        assertThat(finds(admin(), byRequester + " child_status<solved")).isEmpty();
        assertThat(finds(admin(), byRequester + " child_status>=solved")).containsExactly(link.parent());

        // R13: a new external id breaks the link: no linked child any more, but still the child its parent made.
        updated(admin(), link.child(), Map.of("external_id", unique("broken")));
        assertThat(finds(admin(), byRequester + " has_children:true")).isEmpty();
        assertThat(finds(admin(), byRequester + " has_children:false")).containsExactly(link.parent());
        assertThat(finds(admin(), byRequester + " child_status:solved")).isEmpty();
        assertThat(finds(admin(), byRequester + " child_status>=new")).isEmpty();
        assertThat(finds(admin(), "child_of:" + link.parent())).containsExactly(link.child());
        assertThat(finds(admin(), "requester_id:" + other.requester().id() + " has_children:true"))
                .containsExactly(other.parent());
    }

    @Test
    void childOfATicketThatDoesNotExistFindsNothing() {
        for (String query : List.of("child_of:987654321", "child_of:987654321 status<closed")) {
            Api.Response response = search(admin(), query);
            assertThat(response.status()).as("%s: %s", query, response).isEqualTo(200);
            assertThat(response.json().get("results")).isEmpty();
            assertThat(counted(admin(), query)).isZero();
        }
    }

    /** A name finds every user of that name, however many share it (here 51 agents). */
    @Test
    void assigneeByNameFindsTheTicketsOfEveryUserOfThatName() {
        long group = group(true);
        String name = "Namesake " + word();
        String tag = tag();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            TestUser namesake = namedAgent(name);
            if (i == 0 || i == 50) {
                membership(namesake, group);
                tickets.add(tagged(tag, "group_id", group, "assignee_id", namesake.id()));
            }
        }

        assertThat(finds(admin(), "tags:" + tag + " assignee:\"" + name + "\"")).isEqualTo(tickets);
    }

    // ---- order --------------------------------------------------------------------------------------------

    @Test
    void orderByAndSortInTheQueryOrSortByAndSortOrderAsParameters_tiesByIdInTheSameDirection() {
        String tag = tag();
        long low = tagged(tag, "priority", "low", "status", "open");
        long urgentNew = tagged(tag, "priority", "urgent", "status", "new");
        long normal = tagged(tag, "priority", "normal", "status", "pending");
        long urgentHold = tagged(tag, "priority", "urgent", "status", "hold");
        // The second ticket is the last updated.
        commented(admin(), urgentNew, "Updated last", false);
        String of = "tags:" + tag;

        assertThat(found(admin(), of))
                .as("updated_at, newest first")
                .containsExactly(urgentNew, urgentHold, normal, low);
        assertThat(found(admin(), of + " order_by:updated sort:asc"))
                .containsExactly(low, normal, urgentHold, urgentNew);
        assertThat(found(admin(), of, "sort_by=updated_at", "sort_order=asc"))
                .containsExactly(low, normal, urgentHold, urgentNew);
        assertThat(found(admin(), of + " order_by:created")).containsExactly(urgentHold, normal, urgentNew, low);
        assertThat(found(admin(), of + " order_by:created sort:asc"))
                .containsExactly(low, urgentNew, normal, urgentHold);
        assertThat(found(admin(), of, "sort_by=created_at", "sort_order=asc"))
                .containsExactly(low, urgentNew, normal, urgentHold);
        assertThat(found(admin(), of, "sort_by=created_at")).containsExactly(urgentHold, normal, urgentNew, low);
        assertThat(found(admin(), of + " order_by:priority sort:asc"))
                .containsExactly(low, normal, urgentNew, urgentHold);
        assertThat(found(admin(), of + " order_by:priority")).containsExactly(urgentHold, urgentNew, normal, low);
        assertThat(found(admin(), of, "sort_by=priority")).containsExactly(urgentHold, urgentNew, normal, low);
        assertThat(found(admin(), of, "sort_by=priority", "sort_order=asc"))
                .containsExactly(low, normal, urgentNew, urgentHold);
        assertThat(found(admin(), of + " order_by:status sort:asc"))
                .containsExactly(urgentNew, low, normal, urgentHold);
        assertThat(found(admin(), of, "sort_by=status", "sort_order=desc"))
                .containsExactly(urgentHold, normal, low, urgentNew);
        // The query wins over the parameters.
        assertThat(found(admin(), of + " order_by:created sort:asc", "sort_by=priority", "sort_order=desc"))
                .containsExactly(low, urgentNew, normal, urgentHold);
        assertThat(found(admin(), of + " sort:asc", "sort_by=created_at", "sort_order=desc"))
                .containsExactly(low, urgentNew, normal, urgentHold);
        assertThat(found(admin(), of + " order_by:priority", "sort_by=created_at", "sort_order=asc"))
                .containsExactly(low, normal, urgentNew, urgentHold);
    }

    @Test
    void priorityOrderPutsTicketsWithoutPriorityFirstWhenAscending() {
        String tag = tag();
        long high = tagged(tag, "priority", "high");
        long none = tagged(tag);
        long low = tagged(tag, "priority", "low");

        assertThat(found(admin(), "tags:" + tag + " order_by:priority sort:asc"))
                .containsExactly(none, low, high);
        assertThat(found(admin(), "tags:" + tag + " order_by:priority sort:desc"))
                .containsExactly(high, low, none);
    }

    // ---- paging -------------------------------------------------------------------------------------------

    @Test
    void offsetPagesFollowNextPageAndPreviousPageWithTheCountOnEach() {
        String tag = tag();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(tagged(tag));
        }
        String query = "tags:" + tag + " order_by:created sort:asc";

        Api.Response first = search(admin(), query, "per_page=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(ids(first.json().get("results"))).containsExactlyElementsOf(tickets.subList(0, 2));
        assertThat(first.json().get("count").asLong()).isEqualTo(5);
        assertThat(first.json().get("previous_page").isNull()).isTrue();
        Api.Response second = admin().get(first.json().get("next_page").asString());
        assertThat(ids(second.json().get("results"))).containsExactlyElementsOf(tickets.subList(2, 4));
        assertThat(second.json().get("count").asLong()).isEqualTo(5);
        Api.Response third = admin().get(second.json().get("next_page").asString());
        assertThat(ids(third.json().get("results"))).containsExactlyElementsOf(tickets.subList(4, 5));
        assertThat(third.json().get("next_page").isNull()).isTrue();
        Api.Response back = admin().get(third.json().get("previous_page").asString());
        assertThat(ids(back.json().get("results"))).containsExactlyElementsOf(tickets.subList(2, 4));

        Api.Response direct = search(admin(), query, "per_page=2", "page=3");
        assertThat(ids(direct.json().get("results"))).containsExactlyElementsOf(tickets.subList(4, 5));
        Api.Response beyond = search(admin(), query, "per_page=2", "page=4");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().get("results")).isEmpty();
        assertThat(beyond.json().get("next_page").isNull()).isTrue();
        assertThat(beyond.json().get("count").asLong()).isEqualTo(5);
        assertThat(results(admin(), query, 2)).hasSize(5);
    }

    @Test
    void offsetPagingServesTheFirstThousandResultsAndAPageBeyondIsA400NamingPage() {
        String query = "tags:" + tag();
        for (String within : List.of(
                "per_page=100&page=10",
                "per_page=1&page=1000",
                "per_page=7&page=142",
                "per_page=3&page=333",
                "page=10")) {
            Api.Response response = admin().get(SEARCH + "?query=" + encode(query) + "&" + within);
            assertThat(response.status()).as(within + ": " + response).isEqualTo(200);
        }
        for (String beyond : List.of(
                "per_page=100&page=11",
                "per_page=1&page=1001",
                "per_page=7&page=143",
                "per_page=3&page=334",
                "page=11",
                "per_page=50&page=21")) {
            Api.Response response = admin().get(SEARCH + "?query=" + encode(query) + "&" + beyond);
            refusal(response, "page");
        }
        refusal(search(admin(), query, "per_page=101"), "per_page");
        refusal(search(admin(), query, "page[size]=10"), "page[size]");
        refusal(search(admin(), query, "page[size]=10", "page[after]=MTA"), "page[size]");
    }

    /**
     * More than a thousand tickets: the search counts them all but lists only the first thousand; the count agrees;
     * the export reaches every one, by id.
     */
    @Test
    void moreThanAThousandResults_theSearchListsAThousand_theExportReachesEveryOne() throws Exception {
        String tag = tag();
        int total = 1_004;
        List<Long> made = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                writes.add(pool.submit(() -> {
                    JsonNode ticket =
                            created(admin(), fields("subject", "Bulk", "comment", body("Bulk"), "tags", List.of(tag)));
                    made.add(ticket.get("id").asLong());
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        String query = "tags:" + tag;

        assertThat(counted(admin(), query)).isEqualTo(total);
        List<Long> listed = new ArrayList<>();
        for (int number = 1; number <= 10; number++) {
            Api.Response page =
                    search(admin(), query, "per_page=100", "page=" + number, "sort_by=created_at", "sort_order=asc");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("count").asLong()).isEqualTo(total);
            assertThat(page.json().get("results")).hasSize(100);
            listed.addAll(ids(page.json().get("results")));
        }
        List<Long> byId = new ArrayList<>(made);
        Collections.sort(byId);
        assertThat(listed).as("the first thousand, oldest first").isEqualTo(byId.subList(0, 1_000));
        refusal(search(admin(), query, "per_page=100", "page=11"), "page");

        assertThat(exported(admin(), query, 100)).isEqualTo(byId);
        assertThat(exported(admin(), query, 77)).isEqualTo(byId);
    }

    // ---- count and export -----------------------------------------------------------------------------------

    @Test
    void theCountIsTheNumberOfResultsTheSearchListsForTheSameCaller() {
        Team team = team(true);
        TestUser requester = endUser();
        String subject = word();
        long pub = newTicket(fields("subject", subject, "requester_id", requester.id(), "group_id", team.group()));
        long priv = newTicket(fields("subject", subject, "group_id", group(false)));
        long other = newTicket(fields("subject", subject));

        Api.Response response = count(admin(), subject);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().size()).as("count is all it holds").isEqualTo(1);
        assertThat(counted(admin(), subject)).isEqualTo(3);
        assertThat(finds(admin(), subject)).containsExactly(pub, priv, other);
        assertThat(counted(team.agent(), subject)).isEqualTo(2);
        assertThat(finds(team.agent(), subject)).containsExactly(pub, other);
        assertThat(counted(requester, subject)).isEqualTo(1);
        assertThat(finds(requester, subject)).containsExactly(pub);
        assertThat(counted(endUser(), subject)).isZero();
    }

    private long counted(TestUser caller, String query) {
        return counted(as(caller), query);
    }

    @Test
    void theExportPagesByIdAscendingByCursorAndTakesTicketsAddedWhileItIsRead() {
        String tag = tag();
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(tagged(tag));
        }
        // The last made is the last updated: an export is by id whatever the order a search would take.
        commented(admin(), tickets.get(0), "Updated last", true);
        String query = "tags:" + tag;

        Api.Response first = export(admin(), query, "page[size]=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(ids(first.json().get("results"))).containsExactlyElementsOf(tickets.subList(0, 2));
        assertThat(first.json().at("/meta/has_more").asBoolean()).isTrue();
        assertThat(first.json().at("/meta/after_cursor").asString()).isNotBlank();
        assertThat(first.json().at("/links/next").asString()).contains("/api/v2/search/export");
        assertThat(first.json().has("count")).isFalse();
        assertThat(first.json().has("next_page")).isFalse();

        // Tickets added while the export is read come on a later page.
        tickets.add(tagged(tag));
        tickets.add(tagged(tag));
        List<Long> seen = new ArrayList<>(ids(first.json().get("results")));
        Api.Response page = admin().get(first.json().at("/links/next").asString());
        while (true) {
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            seen.addAll(ids(page.json().get("results")));
            JsonNode next = page.json().at("/links/next");
            assertThat(page.json().at("/meta/has_more").asBoolean()).isEqualTo(!next.isNull());
            if (next.isNull()) {
                break;
            }
            page = admin().get(next.asString());
        }
        assertThat(seen).isEqualTo(tickets);

        assertThat(exported(admin(), query, 3)).isEqualTo(tickets);
        Api.Response typed = export(admin(), query, "page[size]=100", "filter[type]=ticket");
        assertThat(typed.status()).as(typed.toString()).isEqualTo(200);
        assertThat(ids(typed.json().get("results"))).isEqualTo(tickets);
        Api.Response sorted = export(admin(), query + " order_by:priority sort:desc", "page[size]=100");
        assertThat(sorted.status()).as(sorted.toString()).isEqualTo(200);
        assertThat(ids(sorted.json().get("results")))
                .as("the export is by id, whatever the query orders by")
                .isEqualTo(tickets);
    }

    // ---- what a result is ------------------------------------------------------------------------------------

    @Test
    void eachResultIsTheTicketAsShownByIdWithItsResultType() {
        Team team = team(true);
        TestUser requester = endUser();
        String subject = word();
        long ticket = newTicket(fields(
                "subject", subject, "requester_id", requester.id(), "group_id", team.group(), "tags", List.of(tag())));
        commented(as(team.agent()), ticket, "A note " + word(), false);

        for (Api caller : List.of(admin(), as(team.agent()), as(requester))) {
            Api.Response response = search(caller, subject + " type:ticket");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().get("results")).hasSize(1);
            JsonNode result = response.json().at("/results/0").deepCopy();
            assertThat(result.get("result_type").asString()).isEqualTo("ticket");
            ((tools.jackson.databind.node.ObjectNode) result).remove("result_type");
            JsonNode shown = caller.get("/api/v2/tickets/" + ticket).json().get("ticket");
            assertThat(result).isEqualTo(shown);
        }
    }

    @Test
    void typeUserFindsUsersByTheStartOfTheirNameOrEmailForStaff() {
        String first = word();
        String local = word();
        Api.Response made = admin().post(
                        "/api/v2/users",
                        Map.of(
                                "user",
                                Map.of(
                                        "name",
                                        first + " Searched",
                                        "email",
                                        local + "@example.com",
                                        "role",
                                        "end-user")));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        long user = made.json().at("/user/id").asLong();
        TestUser light = lightAgent();

        for (Api caller : List.of(admin(), as(agent()), as(light))) {
            for (String query : List.of(
                    "type:user " + first,
                    "type:user " + first.substring(0, 12),
                    "type:user " + local,
                    "type:user " + local + "@example.com")) {
                List<JsonNode> results = results(caller, query, 100);
                assertThat(results).as(query).hasSize(1);
                assertThat(results.get(0).get("id").asLong()).isEqualTo(user);
                assertThat(results.get(0).get("result_type").asString()).isEqualTo("user");
            }
            assertThat(results(caller, "type:user " + word(), 100)).isEmpty();
            assertThat(results(caller, "type:user Searched" + first, 100)).isEmpty();
        }
        Api.Response endUser = search(as(endUser()), "type:user " + first);
        assertThat(endUser.status()).as(endUser.toString()).isEqualTo(403);
    }
}
