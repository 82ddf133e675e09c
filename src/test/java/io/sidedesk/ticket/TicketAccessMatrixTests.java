package io.sidedesk.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static io.sidedesk.ApiAssertions.all;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Who may do what with a ticket (SPEC §1, R17): every caller against a ticket in a public group and a
 * ticket in a private group, for every operation. A ticket the caller cannot see is 404 on every path,
 * absent from lists (count included) and from show_many. A refused write writes nothing.
 */
class TicketAccessMatrixTests extends ApiTestSupport {

    /*
     * Callers. "member" belongs to both groups, "outside" to neither. Custom roles by ticket_access: all,
     * within-groups, public-groups (within-groups-and-public-groups), assigned-only. Light agent roles keep the
     * ticket access they show (R3): "light-within" has within-groups, "light-assigned-only" assigned-only (a
     * member of both groups), and "demoted-assigned-only" held an assigned-only agent role (a member of both
     * groups) that was then changed to a light agent role. Both tickets are assigned to assigned-only-assignee,
     * requested by requester, with ccd-end-user in email_cc_ids.
     *
     * Outcomes: an HTTP status; for list (GET /tickets?external_id=) and many (show_many) "listed" or
     * "absent". End-users never read audits: 403 for any ticket id, so it reveals nothing.
     */
    private static final String MATRIX = """
            caller                  ticket   show  list    many    comments  update  comment  audits
            admin                   public   200   listed  listed  200       200     200      200
            admin                   private  200   listed  listed  200       200     200      200
            agent-member            public   200   listed  listed  200       200     200      200
            agent-member            private  200   listed  listed  200       200     200      200
            agent-outside           public   200   listed  listed  200       200     200      200
            agent-outside           private  404   absent  absent  404       404     404      404
            all-member              public   200   listed  listed  200       200     200      200
            all-member              private  200   listed  listed  200       200     200      200
            all-outside             public   200   listed  listed  200       200     200      200
            all-outside             private  404   absent  absent  404       404     404      404
            within-groups-member    public   200   listed  listed  200       200     200      200
            within-groups-member    private  200   listed  listed  200       200     200      200
            within-groups-outside   public   404   absent  absent  404       404     404      404
            within-groups-outside   private  404   absent  absent  404       404     404      404
            public-groups-member    public   200   listed  listed  200       200     200      200
            public-groups-member    private  200   listed  listed  200       200     200      200
            public-groups-outside   public   200   listed  listed  200       200     200      200
            public-groups-outside   private  404   absent  absent  404       404     404      404
            assigned-only-member    public   404   absent  absent  404       404     404      404
            assigned-only-member    private  404   absent  absent  404       404     404      404
            assigned-only-assignee  public   200   listed  listed  200       200     200      200
            assigned-only-assignee  private  200   listed  listed  200       200     200      200
            light-agent-member      public   200   listed  listed  200       403     200      200
            light-agent-member      private  200   listed  listed  200       403     200      200
            light-agent-outside     public   200   listed  listed  200       403     200      200
            light-agent-outside     private  404   absent  absent  404       404     404      404
            light-within-member     public   200   listed  listed  200       403     200      200
            light-within-member     private  200   listed  listed  200       403     200      200
            light-within-outside    public   404   absent  absent  404       404     404      404
            light-within-outside    private  404   absent  absent  404       404     404      404
            light-assigned-only     public   404   absent  absent  404       404     404      404
            light-assigned-only     private  404   absent  absent  404       404     404      404
            demoted-assigned-only   public   404   absent  absent  404       404     404      404
            demoted-assigned-only   private  404   absent  absent  404       404     404      404
            requester               public   200   listed  listed  200       403     200      403
            requester               private  200   listed  listed  200       403     200      403
            ccd-end-user            public   200   listed  listed  200       403     200      403
            ccd-end-user            private  200   listed  listed  200       403     200      403
            other-end-user          public   404   absent  absent  404       404     404      403
            other-end-user          private  404   absent  absent  404       404     404      403
            anonymous               public   401   401     401     401       401     401      401
            anonymous               private  401   401     401     401       401     401      401
            """;

    @TestFactory
    Stream<DynamicTest> everyCallerAgainstATicketInAPublicAndInAPrivateGroup_R17() {
        World world = world();
        List<String> header = columns(MATRIX.lines().findFirst().orElseThrow());
        List<String> operations = header.subList(2, header.size());
        List<List<String>> rows =
                MATRIX.lines().skip(1).map(TicketAccessMatrixTests::columns).toList();

        Set<String> covered = new LinkedHashSet<>();
        rows.forEach(row -> covered.add(row.get(0) + " " + row.get(1)));
        Set<String> expected = new LinkedHashSet<>();
        world.callers()
                .keySet()
                .forEach(caller -> world.tickets().keySet().forEach(t -> expected.add(caller + " " + t)));
        assertThat(covered).as("the matrix has one row per caller and ticket").isEqualTo(expected);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(header.size()));

        return rows.stream()
                .map(row -> dynamicTest(row.get(0) + " on the " + row.get(1) + " ticket", () -> {
                    Api caller = world.callers().get(row.get(0));
                    Target ticket = world.tickets().get(row.get(1));
                    SoftAssertions cells = new SoftAssertions();
                    for (int i = 0; i < operations.size(); i++) {
                        String operation = operations.get(i);
                        Outcome outcome = perform(operation, caller, ticket);
                        cells.assertThat(outcome.token())
                                .as("%s · %s ticket · %s (%s)", row.get(0), row.get(1), operation, outcome.response())
                                .isEqualTo(row.get(i + 2));
                    }
                    cells.assertAll();
                }));
    }

    // ---- operations ---------------------------------------------------------------------------------------

    private record Target(long id, String externalId) {}

    /** What happened: the token the matrix uses, and the response to show when it is not the expected one. */
    private record Outcome(String token, String response) {}

    private Outcome perform(String operation, Api caller, Target ticket) {
        String path = "/api/v2/tickets/" + ticket.id();
        return switch (operation) {
            case "show" -> status(caller.get(path));
            case "list" -> listed(caller.get("/api/v2/tickets?external_id=" + ticket.externalId()), ticket, true);
            case "many" -> listed(caller.get("/api/v2/tickets/show_many?ids=" + ticket.id()), ticket, false);
            case "comments" -> status(caller.get(path + "/comments"));
            case "audits" -> status(caller.get(path + "/audits"));
            case "update" -> write(caller, ticket, Map.of("tags", List.of(unique("tag"))));
            case "comment" -> write(caller, ticket, Map.of("comment", Map.of("body", unique("comment"))));
            default -> throw new IllegalArgumentException("No such operation in the matrix: " + operation);
        };
    }

    private static Outcome status(Api.Response response) {
        return new Outcome(String.valueOf(response.status()), response.toString());
    }

    /** "listed" or "absent" for a 200 whose count agrees with its items; anything else shows as such. */
    private static Outcome listed(Api.Response response, Target ticket, boolean counted) {
        if (response.status() != 200) {
            return status(response);
        }
        JsonNode tickets = response.json().get("tickets");
        boolean present = io.sidedesk.ApiAssertions.ids(tickets).contains(ticket.id());
        if (tickets.size() != (present ? 1 : 0)) {
            return new Outcome("unexpected items", response.toString());
        }
        if (counted && response.json().get("count").asInt() != tickets.size()) {
            return new Outcome("count disagrees with items", response.toString());
        }
        return new Outcome(present ? "listed" : "absent", response.toString());
    }

    /** The write's status; a success must add exactly one audit, a refusal none. */
    private Outcome write(Api caller, Target ticket, Map<String, Object> fields) {
        int before = audits(ticket);
        Api.Response response = caller.put("/api/v2/tickets/" + ticket.id(), Map.of("ticket", fields));
        int written = audits(ticket) - before;
        int expected = response.status() == 200 ? 1 : 0;
        String token = String.valueOf(response.status());
        return new Outcome(
                written == expected ? token : token + " but wrote " + written + " audits", response.toString());
    }

    private int audits(Target ticket) {
        return all(admin(), "/api/v2/tickets/" + ticket.id() + "/audits", "audits")
                .size();
    }

    // ---- the world ----------------------------------------------------------------------------------------

    private record World(Map<String, Api> callers, Map<String, Target> tickets) {}

    private World world() {
        long publicGroup = group(true);
        long privateGroup = group(false);
        Map<String, Api> callers = new LinkedHashMap<>();

        callers.put("admin", admin());
        callers.put("agent-member", track("agent-member", member(agent(), publicGroup, privateGroup)));
        callers.put("agent-outside", track("agent-outside", agent()));
        for (String access : List.of("all", "within-groups", "within-groups-and-public-groups", "assigned-only")) {
            long role = customRole(Map.of("ticket_access", access));
            String name = access.equals("within-groups-and-public-groups") ? "public-groups" : access;
            callers.put(
                    name + "-member", track(name + "-member", member(user("agent", role), publicGroup, privateGroup)));
            if (!access.equals("assigned-only")) {
                callers.put(name + "-outside", track(name + "-outside", user("agent", role)));
            }
        }
        TestUser assignee =
                member(user("agent", customRole(Map.of("ticket_access", "assigned-only"))), publicGroup, privateGroup);
        callers.put("assigned-only-assignee", track("assigned-only-assignee", assignee));
        callers.put("light-agent-member", track("light-agent-member", member(lightAgent(), publicGroup, privateGroup)));
        callers.put("light-agent-outside", track("light-agent-outside", lightAgent()));
        long lightWithin = lightAgentRole("within-groups");
        callers.put(
                "light-within-member",
                track("light-within-member", member(user("agent", lightWithin), publicGroup, privateGroup)));
        callers.put("light-within-outside", track("light-within-outside", user("agent", lightWithin)));
        callers.put(
                "light-assigned-only",
                track(
                        "light-assigned-only",
                        member(user("agent", lightAgentRole("assigned-only")), publicGroup, privateGroup)));
        long demoted = customRole(Map.of("ticket_access", "assigned-only"));
        callers.put(
                "demoted-assigned-only",
                track("demoted-assigned-only", member(user("agent", demoted), publicGroup, privateGroup)));
        Api.Response demotion =
                admin().put("/api/v2/custom_roles/" + demoted, Map.of("custom_role", Map.of("role_type", 1)));
        assertThat(demotion.status()).as(demotion.toString()).isEqualTo(200);
        TestUser requester = endUser();
        TestUser ccd = endUser();
        callers.put("requester", track("requester", requester));
        callers.put("ccd-end-user", track("ccd-end-user", ccd));
        callers.put("other-end-user", track("other-end-user", endUser()));
        callers.put("anonymous", api());

        Map<String, Target> tickets = new LinkedHashMap<>();
        tickets.put("public", ticket(publicGroup, assignee, requester, ccd));
        tickets.put("private", ticket(privateGroup, assignee, requester, ccd));
        return new World(callers, tickets);
    }

    /** The callers' user ids, by the matrix's names. */
    private final Map<String, Long> userIds = new LinkedHashMap<>();

    private Api track(String name, TestUser user) {
        userIds.put(name, user.id());
        return as(user);
    }

    private TestUser member(TestUser user, long... groups) {
        for (long group : groups) {
            membership(user, group);
        }
        return user;
    }

    private Target ticket(long group, TestUser assignee, TestUser requester, TestUser ccd) {
        String externalId = unique("matrix");
        Api.Response response = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "subject",
                                        "Matrix " + externalId,
                                        "comment",
                                        Map.of("body", "Who may see me?"),
                                        "group_id",
                                        group,
                                        "assignee_id",
                                        assignee.id(),
                                        "requester_id",
                                        requester.id(),
                                        "email_cc_ids",
                                        List.of(ccd.id()),
                                        "external_id",
                                        externalId)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().at("/ticket/group_id").asLong()).isEqualTo(group);
        return new Target(response.json().at("/ticket/id").asLong(), externalId);
    }

    private static List<String> columns(String line) {
        return new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
    }

    @Autowired
    private Tickets tickets;

    @Autowired
    private TransactionTemplate transactions;

    @PersistenceContext
    private EntityManager entityManager;

    /**
     * Whom a notification may reach ({@link Tickets#readersAmong}, R15, which reads the rule against a ticket in hand)
     * agrees with who may show the ticket (the rule as SQL), for every caller of the matrix and both tickets.
     */
    @Test
    void aNotificationReachesExactlyThoseWhoMayShowTheTicket_R17() {
        World world = world();
        List<String> disagreements = new java.util.ArrayList<>();
        userIds.forEach((name, userId) -> world.tickets().forEach((which, target) -> {
            boolean shows = world.callers()
                            .get(name)
                            .get("/api/v2/tickets/" + target.id())
                            .status()
                    == 200;
            boolean reached = Boolean.TRUE.equals(transactions.execute(
                    status -> tickets.readersAmong(entityManager.find(Ticket.class, target.id()), List.of(userId))
                            .containsKey(userId)));
            if (shows != reached) {
                disagreements.add(name + " · " + which + ": shows " + shows + ", notified " + reached);
            }
        }));
        assertThat(userIds).hasSizeGreaterThan(15);
        assertThat(disagreements).isEmpty();
    }
}
