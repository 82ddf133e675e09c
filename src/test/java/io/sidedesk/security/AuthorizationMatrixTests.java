package io.sidedesk.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.access.Actor;
import io.sidedesk.access.ActorLookup;
import io.sidedesk.job.Jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Who may call which endpoint (SPEC §1, R2, R3, R17; "Access" in docs/RULES.md), as one table: every endpoint of the
 * API (checked against the OpenAPI description, so a new endpoint fails here until it has its rows) for eight callers,
 * against a resource in a public group and one in a private group. Each cell is a named test. A refused write must
 * write nothing; and no response, success or refusal, may carry a ticket, comment, side conversation, event, group or
 * user the caller may not see (OWASP API1, API3, API5): unique markers are planted in everything and looked for in
 * every body.
 *
 * <p>{@code TicketAccessMatrixTests} covers the ticket_access variants of custom roles and CC'd end-users on
 * the ticket endpoints; this matrix does not repeat those callers, it covers every endpoint for the base roles.
 *
 * <p>Assumptions, where the rules leave room (taken from the code and the existing tests):
 * <ul>
 * <li>The requester of a ticket in a private group sees it (as {@code TicketAccessMatrixTests} says): group
 * privacy restricts agents; end-users see exactly the tickets they requested or are CC'd on.</li>
 * <li>Admin-only writes (directory, settings, tokens, ticket delete) check the role before the record, so a
 * non-admin gets 403 whatever the id: that answer reveals nothing. End-users get 403 on every side
 * conversation path and on audits for the same reason.</li>
 * <li>A group named in a body (group_id, support_group_id) is not a path resource: a private group the caller
 * is not in is refused exactly as a group that does not exist, a 422 naming the field, for tickets and side
 * conversations alike (R22); checked separately below.</li>
 * <li>A light agent may not mark a side conversation done or rename it (PUT): 403, as for creating and sending
 * (R3, which forbids changing them too).</li>
 * <li>A side conversation's own messages are shown to whoever sees its parent, and a message sent to a group
 * becomes that group's child ticket: the sender chose to disclose it. Everything else of a ticket in a
 * private group (subject, comments, notes, its other side conversations) stays with members and admins,
 * also when it is the parent of a child others can see.</li>
 * <li>Routing (docs/routing-contract.md): light agents read the agent statuses ("light agents too") and the queues
 * (which "agents" read: a light agent is an agent), but no availability, no routing queue and no status of their
 * own (R3); the admin-only routing endpoints check the role before the record, as the other admin-only writes.
 * A queue shows an agent only the groups they may see (R17), so a queue of the private group is read by every agent,
 * without that group.</li>
 * <li>Webhooks (docs/webhooks-contract.md) are for admins only, and check the role before the record, as the other
 * admin-only endpoints. The matrix's webhook carries a bearer token that no caller may read, admins included:
 * credentials are written, never read (R22).</li>
 * <li>Job statuses (docs/rollup-contract.md §7) are for staff: the job's creator and admins see it, any other agent is
 * told it does not exist (404, and it is absent from their lists), end-users get 403 whatever the id. The matrix's job,
 * queued by "agent-in", is of a kind no instance runs, so it stays queued.</li>
 * <li>Roll-up (docs/rollup-contract.md): the child ticket summary and a bulk update of children are for staff who may
 * see the parent (a light agent too: the summary is a read, and the bulk update's refusals are per child), 404 for
 * the rest of the staff and 403 for end-users, requester or not, whatever the ticket.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixTests extends SecurityTestSupport {

    @Autowired
    private Jobs jobs;

    @Autowired
    private ActorLookup actors;

    @Autowired
    private TransactionTemplate transactions;

    private static final List<String> CALLERS = List.of(
            "anonymous",
            "requester",
            "other-end-user",
            "light-agent",
            "restricted-light",
            "agent-in",
            "agent-out",
            "private-member",
            "admin");

    /** Staff, who read the directory. */
    private static final Set<String> STAFF =
            Set.of("light-agent", "restricted-light", "agent-in", "agent-out", "private-member", "admin");

    /** Staff who see the tickets of the public group (the restricted light agent sees only its own: none). */
    private static final Set<String> TICKET_STAFF =
            Set.of("light-agent", "agent-in", "agent-out", "private-member", "admin");

    private static final Set<String> PRIVATE_GROUP = Set.of("private-member", "admin");

    /*
     * Callers: "requester" requested the public and the private ticket; "other-end-user" requested nothing;
     * "light-agent" and "agent-in" belong to the public group; "agent-out" to no group; "private-member" to the private
     * group only. None of them has a custom role except the light agents: "light-agent" has the built-in role (ticket
     * access all), "restricted-light" a light agent role with assigned-only access (R3: it keeps that access), and
     * belongs to the public group: it keeps that access, so it sees no ticket here, only the directory.
     *
     * Resources: "public" / "private" are the fixture in the public / private group (ticket, side conversation,
     * group, membership). "private-child" is a child ticket in the private group whose parent is the public
     * ticket (R17); "public-child" a child in the public group whose parent is the private ticket. "-": the
     * endpoint has no group-scoped resource.
     *
     * Outcomes: an HTTP status, or for a list whether it holds the resource ("listed", "absent").
     */
    private static final String MATRIX = """
            | operation                                                                 | resource      | anonymous | requester | other-end-user | light-agent | restricted-light | agent-in | agent-out | private-member | admin  |
            | GET /tickets by external_id                                               | public        | 401       | listed    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /tickets by external_id                                               | private       | 401       | listed    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /tickets by external_id                                               | private-child | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /tickets by external_id                                               | public-child  | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /tickets by group_id                                                  | public        | 401       | listed    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /tickets by group_id                                                  | private       | 401       | listed    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /users/{user_id}/tickets/requested of the requester                   | public        | 401       | listed    | 404            | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /users/{user_id}/tickets/requested of the requester                   | private       | 401       | listed    | 404            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /users/{user_id}/tickets/assigned of another user                     | -             | 401       | 404       | 404            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /users/{user_id}/tickets/ccd of another user                          | -             | 401       | 404       | 404            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /tickets/show_many                                                    | public        | 401       | listed    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /tickets/show_many                                                    | private       | 401       | listed    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /tickets/show_many                                                    | private-child | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /tickets/show_many                                                    | public-child  | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /tickets/{ticket_id}                                                  | public        | 401       | 200       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}                                                  | private       | 401       | 200       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}                                                  | private-child | 401       | 404       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}                                                  | public-child  | 401       | 404       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | POST /tickets in the group                                                | public        | 401       | 403       | 403            | 403         | 403              | 201      | 201       | 201            | 201    |
            | POST /tickets in the group                                                | private       | 401       | 403       | 403            | 403         | 403              | 422      | 422       | 201            | 201    |
            | PUT /tickets/{ticket_id} priority                                         | public        | 401       | 403       | 404            | 403         | 404              | 200      | 200       | 200            | 200    |
            | PUT /tickets/{ticket_id} priority                                         | private       | 401       | 403       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id} priority                                         | private-child | 401       | 404       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id} priority                                         | public-child  | 401       | 404       | 404            | 403         | 404              | 200      | 200       | 200            | 200    |
            | PUT /tickets/{ticket_id} comment                                          | public        | 401       | 200       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | PUT /tickets/{ticket_id} comment                                          | private       | 401       | 200       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id} comment                                          | private-child | 401       | 404       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id} comment                                          | public-child  | 401       | 404       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | DELETE /tickets/{ticket_id}                                               | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /tickets/{ticket_id}                                               | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /tickets/{ticket_id}/comments                                         | public        | 401       | 200       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/comments                                         | private       | 401       | 200       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/comments                                         | private-child | 401       | 404       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/comments                                         | public-child  | 401       | 404       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/audits                                           | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/audits                                           | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/audits                                           | private-child | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/audits                                           | public-child  | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/child_tickets                                    | public        | 401       | 200       | 404            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/child_tickets                                    | private       | 401       | 200       | 404            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/child_tickets of the parent lists the child      | private-child | 401       | absent    | 404            | absent      | 404              | absent   | absent    | listed         | listed |
            | GET /tickets/{ticket_id}/child_tickets of the parent lists the child      | public-child  | 401       | absent    | 404            | 404         | 404              | 404      | 404       | listed         | listed |
            | GET /tickets/{ticket_id}/child_ticket_summary                             | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/child_ticket_summary                             | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/child_ticket_summary                             | private-child | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/child_ticket_summary                             | public-child  | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | PUT /tickets/{ticket_id}/child_tickets                                    | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | PUT /tickets/{ticket_id}/child_tickets                                    | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id}/child_tickets                                    | private-child | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id}/child_tickets                                    | public-child  | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/side_conversations                               | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/side_conversations                               | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/side_conversations/{side_conversation_id}        | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/side_conversations/{side_conversation_id}        | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/side_conversations/{side_conversation_id}/events | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/side_conversations/{side_conversation_id}/events | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | POST /tickets/{ticket_id}/side_conversations to the public group          | public        | 401       | 403       | 403            | 403         | 404              | 201      | 201       | 201            | 201    |
            | POST /tickets/{ticket_id}/side_conversations to the public group          | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 201            | 201    |
            | POST /tickets/{ticket_id}/side_conversations to the private group         | public        | 401       | 403       | 403            | 403         | 404              | 422      | 422       | 201            | 201    |
            | POST /tickets/{ticket_id}/side_conversations to the private group         | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 201            | 201    |
            | POST /tickets/{ticket_id}/side_conversations/{side_conversation_id}/reply | public        | 401       | 403       | 403            | 403         | 404              | 200      | 200       | 200            | 200    |
            | POST /tickets/{ticket_id}/side_conversations/{side_conversation_id}/reply | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | PUT /tickets/{ticket_id}/side_conversations/{side_conversation_id}        | public        | 401       | 403       | 403            | 403         | 404              | 200      | 200       | 200            | 200    |
            | PUT /tickets/{ticket_id}/side_conversations/{side_conversation_id}        | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/side_conversations/events                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /users/me                                                             | -             | 401       | 200       | 200            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /users                                                                | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /users/search                                                         | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /users/{user_id} of another user                                      | -             | 401       | 404       | 404            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /users/{user_id} of oneself                                           | -             | 401       | 200       | 200            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /users                                                               | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /users/{user_id}                                                      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /users/{user_id}                                                   | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /users/{user_id}/group_memberships lists the membership               | public        | 401       | 403       | 403            | listed      | listed           | listed   | listed    | listed         | listed |
            | GET /users/{user_id}/group_memberships lists the membership               | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | POST /users/{user_id}/group_memberships                                   | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | POST /users/{user_id}/group_memberships                                   | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /users/{user_id}/group_memberships/{group_membership_id}/make_default | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /users/{user_id}/group_memberships/{group_membership_id}/make_default | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /users/{user_id}/group_memberships/{group_membership_id}           | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /users/{user_id}/group_memberships/{group_membership_id}           | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /groups lists the group                                               | public        | 401       | 403       | 403            | listed      | listed           | listed   | listed    | listed         | listed |
            | GET /groups lists the group                                               | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /groups/assignable lists the group                                    | public        | 401       | 403       | 403            | absent      | absent           | listed   | listed    | listed         | listed |
            | GET /groups/assignable lists the group                                    | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /groups/{group_id}                                                    | public        | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /groups/{group_id}                                                    | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /groups/{group_id}/memberships                                        | public        | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /groups/{group_id}/memberships                                        | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | POST /groups                                                              | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /groups/{group_id}                                                    | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /groups/{group_id}                                                    | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /groups/{group_id}                                                 | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /groups/{group_id}                                                 | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /group_memberships lists the membership                               | public        | 401       | 403       | 403            | listed      | listed           | listed   | listed    | listed         | listed |
            | GET /group_memberships lists the membership                               | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /group_memberships/{group_membership_id}                              | public        | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /group_memberships/{group_membership_id}                              | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | POST /group_memberships                                                   | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | POST /group_memberships                                                   | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | DELETE /group_memberships/{group_membership_id}                           | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /group_memberships/{group_membership_id}                           | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /custom_roles                                                         | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /custom_roles/{custom_role_id}                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /custom_roles                                                        | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /custom_roles/{custom_role_id}                                        | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /custom_roles/{custom_role_id}                                     | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /ticket_fields                                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /ticket_fields/{ticket_field_id}                                      | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /ticket_fields                                                       | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /ticket_fields/{ticket_field_id}                                      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /ticket_forms                                                         | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /ticket_forms/{ticket_form_id}                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /ticket_forms                                                        | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /ticket_forms/{ticket_form_id}                                        | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /api_tokens                                                           | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /api_tokens/{api_token_id}                                            | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | POST /api_tokens                                                          | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | DELETE /api_tokens/{api_token_id}                                         | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /account/settings                                                     | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | PUT /account/settings                                                     | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /account/settings routing                                             | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /notifications                                                        | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /triggers                                                             | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /triggers/active                                                      | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /triggers/search                                                      | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /triggers/definitions                                                 | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /triggers/{trigger_id}                                                | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /triggers/{trigger_id}/revisions                                      | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /triggers/{trigger_id}/revisions/{revision_id}                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /triggers                                                            | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /triggers/{trigger_id}                                                | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /triggers/{trigger_id}                                             | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | PUT /triggers/reorder                                                     | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /triggers/update_many                                                 | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /triggers/destroy_many                                             | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /macros lists the macro                                               | -             | 401       | 403       | 403            | listed      | listed           | listed   | listed    | listed         | listed |
            | GET /macros lists the macro                                               | public        | 401       | 403       | 403            | listed      | listed           | listed   | absent    | absent         | listed |
            | GET /macros lists the macro                                               | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /macros/active                                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /macros/search                                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /macros/actions                                                       | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /macros/categories                                                    | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /macros/{macro_id}                                                    | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /macros/{macro_id}                                                    | public        | 401       | 403       | 403            | 200         | 200              | 200      | 404       | 404            | 200    |
            | GET /macros/{macro_id}                                                    | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /macros/{macro_id}/apply                                              | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /macros/{macro_id}/apply                                              | public        | 401       | 403       | 403            | 200         | 200              | 200      | 404       | 404            | 200    |
            | GET /macros/{macro_id}/apply                                              | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/macros/{macro_id}/apply                          | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/macros/{macro_id}/apply                          | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | POST /macros                                                              | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | POST /macros personal                                                     | -             | 401       | 403       | 403            | 403         | 403              | 201      | 201       | 201            | 201    |
            | PUT /macros/{macro_id}                                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /macros/{macro_id}                                                    | public        | 401       | 403       | 403            | 403         | 403              | 403      | 404       | 404            | 200    |
            | PUT /macros/{macro_id}                                                    | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 403            | 200    |
            | DELETE /macros/{macro_id}                                                 | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /macros/{macro_id}                                                 | public        | 401       | 403       | 403            | 403         | 403              | 403      | 404       | 404            | 204    |
            | DELETE /macros/{macro_id}                                                 | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 403            | 204    |
            | PUT /macros/update_many                                                   | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /macros/destroy_many                                               | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /views lists the view                                                 | -             | 401       | 403       | 403            | listed      | listed           | listed   | listed    | listed         | listed |
            | GET /views lists the view                                                 | public        | 401       | 403       | 403            | listed      | listed           | listed   | absent    | absent         | listed |
            | GET /views lists the view                                                 | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /views/active                                                         | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/compact                                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/search                                                         | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/definitions                                                    | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/count_many                                                     | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/{view_id}                                                      | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/{view_id}                                                      | public        | 401       | 403       | 403            | 200         | 200              | 200      | 404       | 404            | 200    |
            | GET /views/{view_id}                                                      | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /views/{view_id}/tickets                                              | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/{view_id}/tickets                                              | public        | 401       | 403       | 403            | 200         | 200              | 200      | 404       | 404            | 200    |
            | GET /views/{view_id}/tickets                                              | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /views/{view_id}/tickets lists the ticket                             | public        | 401       | 403       | 403            | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /views/{view_id}/tickets lists the ticket                             | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /views/{view_id}/count                                                | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/{view_id}/count                                                | public        | 401       | 403       | 403            | 200         | 200              | 200      | 404       | 404            | 200    |
            | GET /views/{view_id}/count                                                | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /views/{view_id}/export                                               | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /views/{view_id}/export                                               | public        | 401       | 403       | 403            | 200         | 200              | 200      | 404       | 404            | 200    |
            | GET /views/{view_id}/export                                               | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | POST /views/preview                                                       | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /views/preview lists the ticket                                      | public        | 401       | 403       | 403            | listed      | absent           | listed   | listed    | listed         | listed |
            | POST /views/preview lists the ticket                                      | private       | 401       | 403       | 403            | absent      | absent           | absent   | absent    | listed         | listed |
            | POST /views/preview/count                                                 | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /views                                                               | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | POST /views personal                                                      | -             | 401       | 403       | 403            | 201         | 201              | 201      | 201       | 201            | 201    |
            | PUT /views/{view_id}                                                      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /views/{view_id}                                                      | public        | 401       | 403       | 403            | 403         | 403              | 403      | 404       | 404            | 200    |
            | PUT /views/{view_id}                                                      | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 403            | 200    |
            | DELETE /views/{view_id}                                                   | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /views/{view_id}                                                   | public        | 401       | 403       | 403            | 403         | 403              | 403      | 404       | 404            | 204    |
            | DELETE /views/{view_id}                                                   | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 403            | 204    |
            | PUT /views/update_many                                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /agent_availabilities/agent_statuses                                  | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /agent_availabilities/agent_statuses                                 | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /agent_availabilities/agent_statuses/{agent_status_id}                | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /agent_availabilities/agent_statuses/{agent_status_id} system         | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 403    |
            | DELETE /agent_availabilities/agent_statuses/{agent_status_id}             | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /agent_availabilities/agent_statuses/{agent_status_id} system      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 403    |
            | PUT /agent_availabilities/agent_statuses/agents/{agent_id}                | public        | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /agent_availabilities/agent_statuses/agents/{agent_id}                | private       | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /agent_availabilities/agent_statuses/agents/me                        | -             | 401       | 403       | 403            | 403         | 403              | 200      | 200       | 200            | 200    |
            | GET /agent_availabilities lists the agent                                 | public        | 401       | 403       | 403            | 403         | 403              | listed   | absent    | absent         | listed |
            | GET /agent_availabilities lists the agent                                 | private       | 401       | 403       | 403            | 403         | 403              | absent   | absent    | listed         | listed |
            | GET /agent_availabilities/{agent_id}                                      | public        | 401       | 403       | 403            | 403         | 403              | 200      | 404       | 404            | 200    |
            | GET /agent_availabilities/{agent_id}                                      | private       | 401       | 403       | 403            | 403         | 403              | 404      | 404       | 200            | 200    |
            | GET /capacity/rules                                                       | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /capacity/rules/{capacity_rule_id}                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | POST /capacity/rules                                                      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /capacity/rules/{capacity_rule_id}                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /capacity/rules/{capacity_rule_id}                                 | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /queues                                                               | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /queues/definitions                                                   | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /queues/{queue_id}                                                    | public        | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /queues/{queue_id}                                                    | private       | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /queues                                                              | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /queues/{queue_id}                                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /queues/{queue_id}                                                 | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | PATCH /queues/order                                                       | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /routing/queue                                                        | -             | 401       | 403       | 403            | 403         | 403              | 200      | 200       | 200            | 200    |
            | GET /business_hours/schedules                                             | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /business_hours/schedules/{schedule_id}                               | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /business_hours/schedules                                            | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /business_hours/schedules/{schedule_id}                               | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /business_hours/schedules/{schedule_id}/workweek                      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /business_hours/schedules/{schedule_id}                            | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /business_hours/schedules/{schedule_id}/holidays                      | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /business_hours/schedules/{schedule_id}/holidays/{holiday_id}         | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /business_hours/schedules/{schedule_id}/holidays                     | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /business_hours/schedules/{schedule_id}/holidays/{holiday_id}         | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /business_hours/schedules/{schedule_id}/holidays/{holiday_id}      | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /slas/policies                                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /slas/policies/definitions                                            | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /slas/policies/{sla_policy_id}                                        | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | POST /slas/policies                                                       | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | PUT /slas/policies/{sla_policy_id}                                        | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | DELETE /slas/policies/{sla_policy_id}                                     | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | PUT /slas/policies/reorder                                                | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /tickets/{ticket_id}/metrics                                          | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /tickets/{ticket_id}/metrics                                          | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/metrics                                          | private-child | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /tickets/{ticket_id}/metrics                                          | public-child  | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /ticket_metrics/{ticket_metric_id}                                    | public        | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /ticket_metrics/{ticket_metric_id}                                    | private       | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /ticket_metrics/{ticket_metric_id}                                    | private-child | 401       | 403       | 403            | 404         | 404              | 404      | 404       | 200            | 200    |
            | GET /ticket_metrics/{ticket_metric_id}                                    | public-child  | 401       | 403       | 403            | 200         | 404              | 200      | 200       | 200            | 200    |
            | GET /ticket_metrics                                                       | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /incremental/ticket_metric_events                                     | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /search by a word of the subject                                      | public        | 401       | listed    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search by a word of the subject                                      | private       | 401       | listed    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search by a word of the subject                                      | private-child | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search by a word of the subject                                      | public-child  | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search by a word of an internal note                                 | public        | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search by a word of an internal note                                 | private       | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search by a word of the note that opened a ticket                    | public        | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/count by a word of the subject                                | public        | 401       | listed    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/count by a word of the subject                                | private       | 401       | listed    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search/count by a word of the subject                                | private-child | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search/count by a word of the subject                                | public-child  | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/count by a word of an internal note                           | public        | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/count by a word of an internal note                           | private       | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search/count by a word of the note that opened a ticket              | public        | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/export by a word of the subject                               | public        | 401       | listed    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/export by a word of the subject                               | private       | 401       | listed    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search/export by a word of the subject                               | private-child | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search/export by a word of the subject                               | public-child  | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/export by a word of an internal note                          | public        | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search/export by a word of an internal note                          | private       | 401       | absent    | absent         | absent      | absent           | absent   | absent    | listed         | listed |
            | GET /search/export by a word of the note that opened a ticket             | public        | 401       | absent    | absent         | listed      | absent           | listed   | listed    | listed         | listed |
            | GET /search type:user                                                     | -             | 401       | 403       | 403            | 200         | 200              | 200      | 200       | 200            | 200    |
            | GET /webhooks                                                             | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | POST /webhooks                                                            | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | GET /webhooks/{webhook_id}                                                | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | PUT /webhooks/{webhook_id}                                                | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | PATCH /webhooks/{webhook_id}                                              | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | DELETE /webhooks/{webhook_id}                                             | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 204    |
            | GET /webhooks/{webhook_id}/signing_secret                                 | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | POST /webhooks/{webhook_id}/signing_secret                                | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 201    |
            | POST /webhooks/test                                                       | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /webhooks/{webhook_id}/invocations                                    | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /webhooks/{webhook_id}/invocations/{invocation_id}/attempts           | -             | 401       | 403       | 403            | 403         | 403              | 403      | 403       | 403            | 200    |
            | GET /job_statuses                                                         | -             | 401       | 403       | 403            | absent      | absent           | listed   | absent    | absent         | listed |
            | GET /job_statuses/show_many                                               | -             | 401       | 403       | 403            | absent      | absent           | listed   | absent    | absent         | listed |
            | GET /job_statuses/{job_status_id}                                         | -             | 401       | 403       | 403            | 404         | 404              | 200      | 404       | 404            | 200    |
            | GET /no_such_endpoint                                                     | -             | 401       | 404       | 404            | 404         | 404              | 404      | 404       | 404            | 404    |
            """;

    private static final String SCHEDULES = "/api/v2/business_hours/schedules";

    /** Rows whose endpoint is not in the OpenAPI description on purpose. */
    private static final Set<String> NOT_IN_THE_API = Set.of("GET /no_such_endpoint");

    private World world;

    @BeforeAll
    void buildTheWorld() {
        turnOnChildTickets();
        world = world();
    }

    @AfterAll
    void restoreTheSettings() {
        restoreDefaultSettings();
    }

    /** Every trigger the matrix made (those an admin created through it too), gone. */
    @AfterAll
    void deleteTheTriggers() {
        if (world == null) {
            return;
        }
        for (JsonNode trigger : ApiAssertions.all(admin(), "/api/v2/triggers", "triggers")) {
            if (trigger.get("title").asString().startsWith("Matrix trigger")) {
                world.triggers.add(trigger.get("id").asLong());
            }
        }
        for (long id : world.triggers) {
            assertThat(admin().delete("/api/v2/triggers/" + id).status()).isIn(204, 404);
        }
    }

    /** Every macro the matrix made (those a caller created through it too), gone. */
    @AfterAll
    void deleteTheMacros() {
        for (JsonNode macro : ApiAssertions.all(admin().withoutContract(), MACROS, "macros")) {
            if (macro.get("title").asString().startsWith("Matrix macro")) {
                assertThat(admin().withoutContract()
                                .delete(MACROS + "/" + macro.get("id").asLong())
                                .status())
                        .isIn(204, 404);
            }
        }
    }

    /** Every view the matrix made (those a caller created through it too), gone. */
    @AfterAll
    void deleteTheViews() {
        for (JsonNode view : ApiAssertions.all(admin().withoutContract(), VIEWS, "views")) {
            if (view.get("title").asString().startsWith("Matrix view")) {
                assertThat(admin().withoutContract()
                                .delete(VIEWS + "/" + view.get("id").asLong())
                                .status())
                        .isIn(204, 404);
            }
        }
    }

    /**
     * Every schedule the matrix made (those an admin created through it too), gone with their holidays: the oldest
     * schedule is the account's default, which no other test may find.
     */
    @AfterAll
    void deleteTheSchedules() {
        for (JsonNode schedule : ApiAssertions.all(admin(), SCHEDULES, "schedules")) {
            if (schedule.get("name").asString().startsWith("Matrix schedule")) {
                assertThat(admin().delete(SCHEDULES + "/" + schedule.get("id").asLong())
                                .status())
                        .isIn(204, 404);
            }
        }
    }

    /**
     * Every status, capacity rule and queue the matrix made (those an admin created through it too), gone, and the
     * routing settings at their defaults (routing off).
     */
    @AfterAll
    void deleteTheRoutingRecords() {
        for (JsonNode queue : ok(admin().get(QUEUES), 200).get("queues")) {
            if (queue.get("name").asString().startsWith("Matrix queue")) {
                assertThat(admin().delete(QUEUES + "/" + queue.get("id").asString())
                                .status())
                        .isIn(204, 404);
            }
        }
        for (JsonNode rule : ok(admin().get(RULES), 200).get("capacity_rules")) {
            if (rule.get("name").asString().startsWith("Matrix rule")) {
                assertThat(admin().delete(RULES + "/" + rule.get("id").asString())
                                .status())
                        .isIn(204, 404);
            }
        }
        for (JsonNode status : ok(admin().get(STATUSES), 200).get("custom")) {
            if (status.at("/attributes/name").asString().startsWith("Matrix status")) {
                assertThat(admin().delete(STATUSES + "/" + status.get("id").asLong())
                                .status())
                        .isIn(204, 404);
            }
        }
        ok(
                admin().put(
                                SETTINGS,
                                Map.of(
                                        "settings",
                                        Map.of(
                                                "routing",
                                                Map.of("enabled", false, "assignment_method", "spare_capacity")))),
                200);
    }

    /** Every webhook the matrix made (those an admin created through it too), gone with their invocations. */
    @AfterAll
    void deleteTheWebhooks() {
        for (JsonNode webhook : ApiAssertions.all(admin().withoutContract(), WEBHOOKS, "webhooks")) {
            if (webhook.get("name").asString().startsWith("Matrix webhook")) {
                assertThat(admin().withoutContract()
                                .delete(WEBHOOKS + "/" + webhook.get("id").asString())
                                .status())
                        .isIn(204, 404);
            }
        }
    }

    /** Every SLA policy the matrix made (those an admin created through it too), gone. */
    @AfterAll
    void deleteTheSlaPolicies() {
        if (world == null) {
            return;
        }
        for (JsonNode policy : ApiAssertions.all(admin(), SLA_POLICIES, "sla_policies")) {
            if (policy.get("title").asString().startsWith("Matrix SLA policy")) {
                assertThat(admin().delete(SLA_POLICIES + "/" + policy.get("id").asLong())
                                .status())
                        .isIn(204, 404);
            }
        }
    }

    // ---- the tests ----------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theMatrixHasRowsForEveryEndpointOfTheApiAndAnOperationForEveryRow() {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = ok(api().get("/v3/api-docs"), 200).get("paths");
        for (String path : paths.propertyNames()) {
            if (path.equals("/error")) {
                continue; // the servlet error page, not an API endpoint
            }
            for (String method : paths.get(path).propertyNames()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.replaceFirst("^/api/v2", ""));
                }
            }
        }
        Set<String> inTheMatrix = rows().stream().map(Row::endpoint).collect(Collectors.toCollection(TreeSet::new));
        inTheMatrix.removeAll(NOT_IN_THE_API);
        assertThat(inTheMatrix).as("endpoints in the matrix vs in /v3/api-docs").isEqualTo(documented);
        Set<String> operationsInRows =
                rows().stream().map(Row::operation).collect(Collectors.toCollection(TreeSet::new));
        assertThat(operationsInRows).isEqualTo(new TreeSet<>(operations().keySet()));
        assertThat(rows()).allSatisfy(row -> assertThat(row.outcomes()).hasSize(CALLERS.size()));
        assertThat(rows().stream()
                        .map(row -> row.operation() + " " + row.resource())
                        .distinct()
                        .count())
                .as("no row twice")
                .isEqualTo(rows().size());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> noResponseCarriesAnythingTheCallerMayNotSee_R17() {
        return CALLERS.stream()
                .filter(caller -> !caller.equals("anonymous"))
                .map(caller -> dynamicTest(
                        caller + " reads every list, record, history and export and finds nothing hidden",
                        () -> sweep(world.callers().get(caller))));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicContainer> everyEndpointForEveryCallerOnAPublicAndAPrivateGroupResource_R17() {
        Map<String, Operation> operations = operations();
        return rows().stream()
                .map(row -> dynamicContainer(
                        row.operation() + " · " + row.resource(),
                        CALLERS.stream().map(caller -> {
                            String expected = row.outcomes().get(CALLERS.indexOf(caller));
                            return dynamicTest(caller + " → " + expected, () -> {
                                Caller who = world.callers().get(caller);
                                Outcome outcome =
                                        operations.get(row.operation()).perform(who, row.resource());
                                assertThat(outcome.token())
                                        .as(
                                                "%s · %s · as %s: %s",
                                                row.operation(), row.resource(), caller, outcome.response())
                                        .isEqualTo(expected);
                                assertThat(leaks(who, outcome.body()))
                                        .as("%s · %s · as %s leaks", row.operation(), row.resource(), caller)
                                        .isEmpty();
                            });
                        })));
    }

    /**
     * A private group the caller is not in, named as a ticket's group or addressed by a side conversation, is
     * refused exactly as a group that does not exist: the answer must not tell a hidden private group from a
     * missing one (R22; OWASP API3).
     */
    @Test
    @Order(4)
    void aHiddenPrivateGroupIsRefusedExactlyLikeAMissingOne_R2_R22() {
        Api agent = world.callers().get("agent-in").api();
        long missing = 987_654_321L;
        SoftAssertions answers = new SoftAssertions();
        for (String path : List.of("POST /api/v2/tickets", "POST /api/v2/tickets/{ticket_id}/side_conversations")) {
            boolean ticket = path.equals("POST /api/v2/tickets");
            Api.Response hidden = ticket ? newTicket(agent, world.priv()) : startTo(agent, world.tPub(), world.priv());
            Api.Response absent = ticket ? newTicket(agent, missing) : startTo(agent, world.tPub(), missing);
            answers.assertThat(hidden.status())
                    .as("%s: hidden group %s, missing group %s", path, hidden, absent)
                    .isEqualTo(absent.status());
            answers.assertThat(hidden.status()).as("%s refuses the group", path).isEqualTo(422);
            for (String member : List.of("error", "detail", "details")) {
                answers.assertThat(hidden.json().get(member))
                        .as("%s %s: hidden group %s, missing group %s", path, member, hidden, absent)
                        .isEqualTo(absent.json().get(member));
            }
        }
        answers.assertAll();
    }

    // ---- the leak sweep -----------------------------------------------------------------------------------

    /** Everything the caller can read about the fixture, walked to the end; no body may carry a hidden marker. */
    private void sweep(Caller caller) {
        Api api = caller.api();
        World w = world;
        List<String> reads = new ArrayList<>();
        reads.add("/api/v2/users/me");
        reads.add("/api/v2/tickets/show_many?ids="
                + w.tickets().stream().map(String::valueOf).collect(Collectors.joining(",")));
        w.externalIds().values().forEach(external -> reads.add("/api/v2/tickets?external_id=" + encode(external)));
        for (long ticket : w.tickets()) {
            String path = "/api/v2/tickets/" + ticket;
            reads.addAll(List.of(
                    path,
                    path + "/comments",
                    path + "/audits",
                    path + "/child_tickets",
                    path + "/side_conversations",
                    path + "/side_conversations?include=events",
                    path + "/child_ticket_summary",
                    path + "?include=child_ticket_summary"));
        }
        for (Map.Entry<String, Long> conversation : w.sideConversations().entrySet()) {
            String path = "/api/v2/tickets/" + conversation.getValue() + "/side_conversations/" + conversation.getKey();
            reads.addAll(List.of(path, path + "?include=events", path + "/events"));
        }
        for (Caller user : w.callers().values()) {
            if (user.userId() != null) {
                reads.add("/api/v2/users/" + user.userId());
                reads.add("/api/v2/users/" + user.userId() + "/group_memberships");
            }
        }
        reads.add("/api/v2/users/" + w.bystander().id());
        reads.add("/api/v2/users/search?query=" + encode(w.bystander().email()));
        reads.add("/api/v2/users/search?query=" + encode(w.requester().email()));
        // search: each result is the ticket as GET /tickets/{id} shows it to the caller
        for (long group : List.of(w.pub(), w.priv())) {
            reads.add("/api/v2/search?query=" + encode("group_id:" + group));
            reads.add("/api/v2/search/export?page[size]=100&query=" + encode("group_id:" + group));
        }
        reads.add(
                "/api/v2/search?query=" + encode("requester_id:" + w.requester().id()));
        reads.add("/api/v2/search?query=" + encode("type:user " + w.bystander().email()));
        for (long group : List.of(w.pub(), w.priv())) {
            reads.add("/api/v2/groups/" + group);
            reads.add("/api/v2/groups/" + group + "/memberships");
        }
        reads.add("/api/v2/group_memberships/" + w.pubMembership());
        reads.add("/api/v2/group_memberships/" + w.privMembership());
        reads.add("/api/v2/macros/categories");
        reads.add("/api/v2/macros/search?query=Matrix");
        reads.add("/api/v2/macros/" + w.macro("private"));
        reads.add("/api/v2/macros/" + w.macro("private") + "/apply");
        reads.add("/api/v2/queues");
        reads.add("/api/v2/queues/" + w.queue("public"));
        reads.add("/api/v2/queues/" + w.queue("private"));
        reads.add("/api/v2/routing/queue");
        for (Caller user : w.callers().values()) {
            if (user.userId() != null) {
                reads.add("/api/v2/agent_availabilities/" + user.userId());
            }
        }
        reads.add("/api/v2/views/compact");
        reads.add("/api/v2/views/search?query=Matrix");
        reads.add("/api/v2/views/count_many?ids=" + w.view("-") + "," + w.view("public") + "," + w.view("private"));
        for (String view : List.of("-", "public", "private")) {
            reads.add("/api/v2/views/" + w.view(view));
            reads.add("/api/v2/views/" + w.view(view) + "/count");
        }

        List<String> found = new ArrayList<>();
        int responses = 0;
        for (String read : reads) {
            Api.Response response = api.get(read);
            responses++;
            leaks(caller, response.body())
                    .forEach(leak -> found.add("GET " + read + " (" + response.status() + ") carries " + leak));
            found.addAll(hiddenChildDetails(caller, read, response));
        }
        for (String list : List.of(
                "/api/v2/tickets",
                "/api/v2/groups",
                "/api/v2/groups/assignable",
                "/api/v2/group_memberships",
                "/api/v2/ticket_metrics",
                "/api/v2/macros",
                "/api/v2/macros/active",
                "/api/v2/views",
                "/api/v2/views/active",
                "/api/v2/views/" + w.view("-") + "/tickets",
                "/api/v2/views/" + w.view("-") + "/export",
                "/api/v2/views/" + w.view("private") + "/tickets",
                "/api/v2/agent_availabilities",
                "/api/v2/tickets/side_conversations/events?start_time=" + w.startTime())) {
            for (Api.Response page : pages(api, list)) {
                responses++;
                leaks(caller, page.body()).forEach(leak -> found.add("GET " + list + " (a page) carries " + leak));
            }
        }
        assertThat(found)
                .as("%s read %d responses; what it may not see showed up here", caller.name(), responses)
                .isEmpty();
    }

    /**
     * A side conversation whose child the caller may not see shows only the child's id and link (README,
     * "Sidedesk's additions"): never its status, assignee or group.
     */
    private List<String> hiddenChildDetails(Caller caller, String read, Api.Response response) {
        List<String> found = new ArrayList<>();
        if (response.status() != 200 || !read.contains("/side_conversations")) {
            return found;
        }
        List<JsonNode> conversations = new ArrayList<>();
        JsonNode json = response.json();
        if (json.has("side_conversation")) {
            conversations.add(json.get("side_conversation"));
        }
        if (json.has("side_conversations")) {
            json.get("side_conversations").forEach(conversations::add);
        }
        for (JsonNode conversation : conversations) {
            JsonNode child = conversation.get("child_ticket");
            if (child == null || child.isNull()) {
                continue;
            }
            Set<String> members = new TreeSet<>(child.propertyNames());
            boolean maySee = seersOfChild(child.get("id").asLong()).contains(caller.name());
            if (!maySee && !members.equals(Set.of("id", "linked"))) {
                found.add("GET " + read + " shows the hidden child " + child);
            }
            if (maySee && !members.contains("status")) {
                found.add("GET " + read + " hides a child the caller may see: " + child);
            }
        }
        return found;
    }

    /** Who may see a child ticket: members of the private group and admins, or all staff for the public group. */
    private Set<String> seersOfChild(long child) {
        return world.childSeers().computeIfAbsent(child, id -> {
            long group = ok(admin().get("/api/v2/tickets/" + id), 200)
                    .at("/ticket/group_id")
                    .asLong();
            return group == world.priv() ? PRIVATE_GROUP : TICKET_STAFF;
        });
    }

    /** The markers in this body that the caller may not see. */
    private List<String> leaks(Caller caller, String body) {
        List<String> found = new ArrayList<>();
        if (body == null) {
            return found;
        }
        for (Marker marker : world.markers()) {
            if (!marker.seenBy().contains(caller.name()) && body.contains(marker.value())) {
                found.add(marker.what() + " (" + marker.value() + ")");
            }
        }
        return found;
    }

    /** Every page of a list (cursor pages of 100; the export by its next_page), stopping at a refusal. */
    private static List<Api.Response> pages(Api api, String path) {
        boolean export = path.contains("/side_conversations/events");
        String next = export ? path : path + (path.contains("?") ? "&" : "?") + "page[size]=100";
        List<Api.Response> pages = new ArrayList<>();
        for (int i = 0; next != null && i < 500; i++) {
            Api.Response page = api.get(next);
            pages.add(page);
            if (page.status() != 200) {
                break;
            }
            JsonNode link = export ? page.json().path("next_page") : page.json().at("/links/next");
            next = link.isNull() || link.isMissingNode() ? null : link.asString();
        }
        return pages;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- the operations -----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Operation {
        Outcome perform(Caller caller, String resource);
    }

    /** What a cell did: the matrix token, what to show when it is not the expected one, and every body read. */
    private record Outcome(String token, String response, List<String> bodies) {

        String body() {
            return String.join("\n", bodies);
        }
    }

    private Map<String, Operation> operations() {
        Map<String, Operation> ops = new LinkedHashMap<>();

        // tickets
        ops.put(
                "GET /tickets by external_id",
                (c, r) -> listed(
                        c.api()
                                .get("/api/v2/tickets?external_id="
                                        + encode(world.externalIds().get(world.ticket(r)))),
                        "tickets",
                        world.ticket(r)));
        ops.put(
                "GET /tickets by group_id",
                (c, r) -> listedOnSomePage(
                        c.api(), "/api/v2/tickets?group_id=" + world.group(r), "tickets", world.ticket(r)));
        ops.put(
                "GET /users/{user_id}/tickets/requested of the requester",
                (c, r) -> listedOnSomePage(
                        c.api(),
                        "/api/v2/users/" + world.requester().id() + "/tickets/requested",
                        "tickets",
                        world.ticket(r)));
        ops.put(
                "GET /users/{user_id}/tickets/assigned of another user",
                (c, r) ->
                        status(c.api().get("/api/v2/users/" + world.bystander().id() + "/tickets/assigned")));
        ops.put(
                "GET /users/{user_id}/tickets/ccd of another user",
                (c, r) ->
                        status(c.api().get("/api/v2/users/" + world.bystander().id() + "/tickets/ccd")));
        ops.put(
                "GET /tickets/show_many",
                (c, r) -> listed(
                        c.api().get("/api/v2/tickets/show_many?ids=" + world.ticket(r)), "tickets", world.ticket(r)));
        ops.put("GET /tickets/{ticket_id}", (c, r) -> status(c.api().get("/api/v2/tickets/" + world.ticket(r))));
        ops.put(
                "POST /tickets in the group",
                (c, r) -> write(() -> count("/api/v2/tickets"), () -> newTicket(c.api(), world.group(r))));
        ops.put(
                "PUT /tickets/{ticket_id} priority",
                (c, r) -> write(() -> count(auditsPath(world.ticket(r))), () -> c.api()
                        .put(
                                "/api/v2/tickets/" + world.ticket(r),
                                Map.of("ticket", Map.of("priority", world.nextPriority())))));
        ops.put(
                "PUT /tickets/{ticket_id} comment",
                (c, r) -> write(() -> count(auditsPath(world.ticket(r))), () -> c.api()
                        .put(
                                "/api/v2/tickets/" + world.ticket(r),
                                Map.of("ticket", Map.of("comment", Map.of("body", unique("matrix comment")))))));
        ops.put("DELETE /tickets/{ticket_id}", (c, r) -> {
            long fresh = ticket(Map.of(
                    "group_id",
                    world.group(r),
                    "requester_id",
                    world.requester().id()));
            String path = "/api/v2/tickets/" + fresh;
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "GET /tickets/{ticket_id}/comments",
                (c, r) -> status(c.api().get("/api/v2/tickets/" + world.ticket(r) + "/comments")));
        ops.put("GET /tickets/{ticket_id}/audits", (c, r) -> status(c.api().get(auditsPath(world.ticket(r)))));
        ops.put(
                "GET /tickets/{ticket_id}/child_tickets",
                (c, r) -> status(c.api().get("/api/v2/tickets/" + world.ticket(r) + "/child_tickets")));
        ops.put(
                "GET /tickets/{ticket_id}/child_tickets of the parent lists the child",
                (c, r) -> listed(
                        c.api().get("/api/v2/tickets/" + world.parent(r) + "/child_tickets"),
                        "tickets",
                        world.ticket(r)));
        // roll-up (docs/rollup-contract.md): the summary, and a bulk update of children whose one id is the ticket
        // itself (never its own child), so that a queued job writes nothing, anywhere
        ops.put(
                "GET /tickets/{ticket_id}/child_ticket_summary",
                (c, r) -> status(c.api().get("/api/v2/tickets/" + world.ticket(r) + "/child_ticket_summary")));
        ops.put(
                "PUT /tickets/{ticket_id}/child_tickets",
                (c, r) -> write(() -> jobIds(), () -> c.api()
                        .put(
                                "/api/v2/tickets/" + world.ticket(r) + "/child_tickets",
                                Map.of(
                                        "ticket",
                                        Map.of("priority", world.nextPriority()),
                                        "ids",
                                        List.of(world.ticket(r))))));

        // side conversations
        ops.put(
                "GET /tickets/{ticket_id}/side_conversations",
                (c, r) -> status(c.api().get("/api/v2/tickets/" + world.ticket(r) + "/side_conversations")));
        ops.put(
                "GET /tickets/{ticket_id}/side_conversations/{side_conversation_id}",
                (c, r) -> status(c.api().get(world.sideConversation(r))));
        ops.put(
                "GET /tickets/{ticket_id}/side_conversations/{side_conversation_id}/events",
                (c, r) -> status(c.api().get(world.sideConversation(r) + "/events")));
        ops.put(
                "POST /tickets/{ticket_id}/side_conversations to the public group",
                (c, r) -> write(
                        () -> sideConversationsAndTickets(world.ticket(r)),
                        () -> startTo(c.api(), world.ticket(r), world.pub())));
        ops.put(
                "POST /tickets/{ticket_id}/side_conversations to the private group",
                (c, r) -> write(
                        () -> sideConversationsAndTickets(world.ticket(r)),
                        () -> startTo(c.api(), world.ticket(r), world.priv())));
        ops.put(
                "POST /tickets/{ticket_id}/side_conversations/{side_conversation_id}/reply",
                (c, r) -> write(() -> count(world.scratchSideConversation(r) + "/events"), () -> c.api()
                        .post(
                                world.scratchSideConversation(r) + "/reply",
                                Map.of(
                                        "message",
                                        Map.of(
                                                "body",
                                                unique("matrix reply"),
                                                "to",
                                                List.of(Map.of("support_group_id", world.pub())))))));
        ops.put(
                "PUT /tickets/{ticket_id}/side_conversations/{side_conversation_id}",
                (c, r) -> write(
                        () -> admin().get(world.scratchSideConversation(r)).body(), () -> c.api()
                                .put(
                                        world.scratchSideConversation(r),
                                        Map.of("side_conversation", Map.of("subject", unique("matrix subject"))))));
        ops.put(
                "GET /tickets/side_conversations/events",
                (c, r) -> status(
                        c.api().get("/api/v2/tickets/side_conversations/events?start_time=" + world.startTime())));

        // users
        ops.put("GET /users/me", (c, r) -> status(c.api().get("/api/v2/users/me")));
        ops.put("GET /users", (c, r) -> status(c.api().get("/api/v2/users?per_page=5")));
        ops.put(
                "GET /users/search",
                (c, r) -> status(c.api()
                        .get("/api/v2/users/search?query="
                                + encode(world.bystander().email()))));
        ops.put(
                "GET /users/{user_id} of another user",
                (c, r) ->
                        status(c.api().get("/api/v2/users/" + world.bystander().id())));
        ops.put(
                "GET /users/{user_id} of oneself",
                (c, r) -> status(c.api().get("/api/v2/users/" + (c.userId() != null ? c.userId() : world.adminId()))));
        ops.put(
                "POST /users",
                (c, r) -> write(() -> count("/api/v2/users"), () -> c.api()
                        .post(
                                "/api/v2/users",
                                Map.of(
                                        "user",
                                        Map.of(
                                                "name",
                                                "Matrix user",
                                                "email",
                                                unique("matrix") + "@example.com",
                                                "role",
                                                "end-user")))));
        ops.put(
                "PUT /users/{user_id}",
                (c, r) -> write(
                        () -> admin().get("/api/v2/users/" + world.scratchUser().id())
                                .body(),
                        () -> c.api()
                                .put(
                                        "/api/v2/users/" + world.scratchUser().id(),
                                        Map.of("user", Map.of("name", unique("Renamed"))))));
        ops.put("DELETE /users/{user_id}", (c, r) -> {
            TestUser fresh = endUser();
            String path = "/api/v2/users/" + fresh.id();
            return deleteFresh(
                    c, path, () -> ok(admin().get(path), 200).at("/user/active").asBoolean());
        });
        ops.put(
                "GET /users/{user_id}/group_memberships lists the membership",
                (c, r) -> listed(
                        c.api().get("/api/v2/users/" + world.member(r).id() + "/group_memberships"),
                        "group_memberships",
                        world.membership(r)));
        ops.put("POST /users/{user_id}/group_memberships", (c, r) -> {
            TestUser fresh = agent();
            return write(() -> count("/api/v2/groups/" + world.group(r) + "/memberships"), () -> c.api()
                    .post(
                            "/api/v2/users/" + fresh.id() + "/group_memberships",
                            Map.of("group_membership", Map.of("group_id", world.group(r)))));
        });
        ops.put("PUT /users/{user_id}/group_memberships/{group_membership_id}/make_default", (c, r) -> {
            String memberships = "/api/v2/users/" + world.member(r).id() + "/group_memberships";
            return write(() -> admin().get(memberships).body(), () -> c.api()
                    .put(memberships + "/" + world.membership(r) + "/make_default", null));
        });
        ops.put("DELETE /users/{user_id}/group_memberships/{group_membership_id}", (c, r) -> {
            TestUser fresh = agent();
            long membership = membership(fresh, world.group(r));
            return deleteFresh(
                    c,
                    "/api/v2/users/" + fresh.id() + "/group_memberships/" + membership,
                    () -> admin().get("/api/v2/group_memberships/" + membership).status() == 200);
        });

        // groups and memberships
        ops.put(
                "GET /groups lists the group",
                (c, r) -> listedOnSomePage(c.api(), "/api/v2/groups", "groups", world.group(r)));
        ops.put(
                "GET /groups/assignable lists the group",
                (c, r) -> listedOnSomePage(c.api(), "/api/v2/groups/assignable", "groups", world.group(r)));
        ops.put("GET /groups/{group_id}", (c, r) -> status(c.api().get("/api/v2/groups/" + world.group(r))));
        ops.put(
                "GET /groups/{group_id}/memberships",
                (c, r) -> status(c.api().get("/api/v2/groups/" + world.group(r) + "/memberships")));
        ops.put(
                "POST /groups",
                (c, r) -> write(() -> count("/api/v2/groups"), () -> c.api()
                        .post("/api/v2/groups", Map.of("group", Map.of("name", unique("matrix group"))))));
        ops.put(
                "PUT /groups/{group_id}",
                (c, r) -> write(
                        () -> admin().get("/api/v2/groups/" + world.scratchGroup(r))
                                .body(),
                        () -> c.api()
                                .put(
                                        "/api/v2/groups/" + world.scratchGroup(r),
                                        Map.of("group", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /groups/{group_id}", (c, r) -> {
            String path = "/api/v2/groups/" + group(r.equals("public"));
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "GET /group_memberships lists the membership",
                (c, r) -> listedOnSomePage(
                        c.api(), "/api/v2/group_memberships", "group_memberships", world.membership(r)));
        ops.put(
                "GET /group_memberships/{group_membership_id}",
                (c, r) -> status(c.api().get("/api/v2/group_memberships/" + world.membership(r))));
        ops.put("POST /group_memberships", (c, r) -> {
            TestUser fresh = agent();
            return write(() -> count("/api/v2/groups/" + world.group(r) + "/memberships"), () -> c.api()
                    .post(
                            "/api/v2/group_memberships",
                            Map.of("group_membership", Map.of("user_id", fresh.id(), "group_id", world.group(r)))));
        });
        ops.put("DELETE /group_memberships/{group_membership_id}", (c, r) -> {
            long membership = membership(agent(), world.group(r));
            String path = "/api/v2/group_memberships/" + membership;
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });

        // custom roles, fields and forms, tokens, settings
        ops.put("GET /custom_roles", (c, r) -> status(c.api().get("/api/v2/custom_roles?per_page=5")));
        ops.put(
                "GET /custom_roles/{custom_role_id}",
                (c, r) -> status(c.api().get("/api/v2/custom_roles/" + world.role())));
        ops.put(
                "POST /custom_roles",
                (c, r) -> write(() -> count("/api/v2/custom_roles"), () -> c.api()
                        .post("/api/v2/custom_roles", Map.of("custom_role", Map.of("name", unique("matrix role"))))));
        ops.put(
                "PUT /custom_roles/{custom_role_id}",
                (c, r) -> write(
                        () -> admin().get("/api/v2/custom_roles/" + world.role())
                                .body(),
                        () -> c.api()
                                .put(
                                        "/api/v2/custom_roles/" + world.role(),
                                        Map.of("custom_role", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /custom_roles/{custom_role_id}", (c, r) -> {
            String path = "/api/v2/custom_roles/" + customRole(Map.of("ticket_access", "all"));
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put("GET /ticket_fields", (c, r) -> status(c.api().get("/api/v2/ticket_fields?per_page=5")));
        ops.put(
                "GET /ticket_fields/{ticket_field_id}",
                (c, r) -> status(c.api().get("/api/v2/ticket_fields/" + world.field())));
        ops.put(
                "POST /ticket_fields",
                (c, r) -> write(() -> count("/api/v2/ticket_fields"), () -> c.api()
                        .post(
                                "/api/v2/ticket_fields",
                                Map.of("ticket_field", Map.of("type", "text", "title", unique("matrix field"))))));
        ops.put(
                "PUT /ticket_fields/{ticket_field_id}",
                (c, r) -> write(
                        () -> admin().get("/api/v2/ticket_fields/" + world.field())
                                .body(),
                        () -> c.api()
                                .put(
                                        "/api/v2/ticket_fields/" + world.field(),
                                        Map.of("ticket_field", Map.of("description", unique("matrix"))))));
        ops.put("GET /ticket_forms", (c, r) -> status(c.api().get("/api/v2/ticket_forms?per_page=5")));
        ops.put(
                "GET /ticket_forms/{ticket_form_id}",
                (c, r) -> status(c.api().get("/api/v2/ticket_forms/" + world.form())));
        ops.put(
                "POST /ticket_forms",
                (c, r) -> write(() -> count("/api/v2/ticket_forms"), () -> c.api()
                        .post("/api/v2/ticket_forms", Map.of("ticket_form", Map.of("name", unique("matrix form"))))));
        ops.put(
                "PUT /ticket_forms/{ticket_form_id}",
                (c, r) -> write(
                        () -> admin().get("/api/v2/ticket_forms/" + world.form())
                                .body(),
                        () -> c.api()
                                .put(
                                        "/api/v2/ticket_forms/" + world.form(),
                                        Map.of("ticket_form", Map.of("name", unique("matrix form"))))));
        ops.put("GET /api_tokens", (c, r) -> status(c.api().get("/api/v2/api_tokens?per_page=5")));
        ops.put("GET /api_tokens/{api_token_id}", (c, r) -> status(c.api().get("/api/v2/api_tokens/" + world.token())));
        ops.put(
                "POST /api_tokens",
                (c, r) -> write(() -> count("/api/v2/api_tokens"), () -> c.api()
                        .post("/api/v2/api_tokens", Map.of("api_token", Map.of("description", "matrix")))));
        ops.put("DELETE /api_tokens/{api_token_id}", (c, r) -> {
            long token = ok(
                            admin().post("/api/v2/api_tokens", Map.of("api_token", Map.of("description", "matrix"))),
                            201)
                    .at("/api_token/id")
                    .asLong();
            String path = "/api/v2/api_tokens/" + token;
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put("GET /account/settings", (c, r) -> status(c.api().get(SETTINGS)));
        ops.put(
                "PUT /account/settings",
                (c, r) -> write(() -> admin().get(SETTINGS).body(), () -> c.api()
                        .put(
                                SETTINGS,
                                Map.of("settings", Map.of("side_conversations", Map.of("tickets_channel", true))))));
        ops.put("GET /notifications", (c, r) -> status(c.api().get("/api/v2/notifications?per_page=5")));

        // triggers: every one the matrix makes is inactive, names only its own tag, and is deleted after the class
        String trigger = "/api/v2/triggers/" + world.trigger();
        ops.put("GET /triggers", (c, r) -> status(c.api().get("/api/v2/triggers?per_page=5")));
        ops.put("GET /triggers/active", (c, r) -> status(c.api().get("/api/v2/triggers/active?per_page=5")));
        ops.put(
                "GET /triggers/search",
                (c, r) -> status(c.api().get("/api/v2/triggers/search?query=" + world.triggerTag())));
        ops.put("GET /triggers/definitions", (c, r) -> status(c.api().get("/api/v2/triggers/definitions")));
        ops.put("GET /triggers/{trigger_id}", (c, r) -> status(c.api().get(trigger)));
        ops.put("GET /triggers/{trigger_id}/revisions", (c, r) -> status(c.api().get(trigger + "/revisions")));
        ops.put(
                "GET /triggers/{trigger_id}/revisions/{revision_id}",
                (c, r) -> status(c.api().get(trigger + "/revisions/" + world.triggerRevision())));
        ops.put(
                "POST /triggers",
                (c, r) -> write(() -> count("/api/v2/triggers"), () -> c.api()
                        .post("/api/v2/triggers", Map.of("trigger", triggerFields()))));
        ops.put(
                "PUT /triggers/{trigger_id}",
                (c, r) -> write(() -> admin().get(trigger).body(), () -> c.api()
                        .put(trigger, Map.of("trigger", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /triggers/{trigger_id}", (c, r) -> {
            String path = "/api/v2/triggers/" + newTrigger();
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "PUT /triggers/reorder",
                (c, r) -> write(() -> admin().get("/api/v2/triggers").body(), () -> c.api()
                        .put("/api/v2/triggers/reorder", Map.of("trigger_ids", List.of(world.trigger())))));
        ops.put(
                "PUT /triggers/update_many",
                (c, r) -> write(() -> admin().get(trigger).body(), () -> c.api()
                        .put(
                                "/api/v2/triggers/update_many",
                                Map.of(
                                        "triggers",
                                        List.of(Map.of("id", world.trigger(), "category_id", unique("matrix")))))));
        ops.put("DELETE /triggers/destroy_many", (c, r) -> {
            long fresh = newTrigger();
            return deleteFresh(
                    c,
                    "/api/v2/triggers/destroy_many?ids=" + fresh,
                    () -> admin().get("/api/v2/triggers/" + fresh).status() == 200);
        });
        // macros: "-" is a macro for everyone, "public" / "private" one restricted to that group; every macro the
        // matrix makes is titled "Matrix macro" and deleted after the class
        ops.put("GET /macros lists the macro", (c, r) -> listedOnSomePage(c.api(), MACROS, "macros", world.macro(r)));
        ops.put("GET /macros/active", (c, r) -> status(c.api().get(MACROS + "/active?per_page=5")));
        ops.put("GET /macros/search", (c, r) -> status(c.api().get(MACROS + "/search?query=Matrix")));
        ops.put("GET /macros/actions", (c, r) -> status(c.api().get(MACROS + "/actions")));
        ops.put("GET /macros/categories", (c, r) -> status(c.api().get(MACROS + "/categories")));
        ops.put("GET /macros/{macro_id}", (c, r) -> status(c.api().get(MACROS + "/" + world.macro(r))));
        ops.put(
                "GET /macros/{macro_id}/apply",
                (c, r) -> status(c.api().get(MACROS + "/" + world.macro(r) + "/apply")));
        ops.put(
                "GET /tickets/{ticket_id}/macros/{macro_id}/apply",
                (c, r) -> status(
                        c.api().get("/api/v2/tickets/" + world.ticket(r) + "/macros/" + world.macro("-") + "/apply")));
        ops.put(
                "POST /macros",
                (c, r) -> write(() -> count(MACROS), () -> c.api().post(MACROS, Map.of("macro", macroFields(null)))));
        ops.put(
                "POST /macros personal",
                (c, r) -> write(() -> count(MACROS), () -> c.api()
                        .post(
                                MACROS,
                                Map.of(
                                        "macro",
                                        macroFields(Map.of(
                                                "type",
                                                "User",
                                                "id",
                                                c.userId() == null ? world.adminId() : c.userId()))))));
        ops.put(
                "PUT /macros/{macro_id}",
                (c, r) -> write(() -> admin().get(MACROS + "/" + world.macro(r)).body(), () -> c.api()
                        .put(MACROS + "/" + world.macro(r), Map.of("macro", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /macros/{macro_id}", (c, r) -> {
            String path = MACROS + "/" + newMacro(world.macroRestriction(r));
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "PUT /macros/update_many",
                (c, r) -> write(() -> admin().get(MACROS + "/" + world.macro(r)).body(), () -> c.api()
                        .put(
                                MACROS + "/update_many",
                                Map.of("macros", List.of(Map.of("id", world.macro(r), "active", true))))));
        ops.put("DELETE /macros/destroy_many", (c, r) -> {
            long fresh = newMacro(null);
            return deleteFresh(
                    c,
                    MACROS + "/destroy_many?ids=" + fresh,
                    () -> admin().get(MACROS + "/" + fresh).status() == 200);
        });
        // views: "-" is a view for everyone, "public" / "private" one restricted to that group; each lists the world's
        // tickets of both groups, so what it shows is the caller's to see (the leak check reads every body); every view
        // the matrix makes is titled "Matrix view" and deleted after the class. "lists the ticket": the everyone's view
        // (or a preview of its conditions) lists the public or private ticket.
        ops.put("GET /views lists the view", (c, r) -> listedOnSomePage(c.api(), VIEWS, "views", world.view(r)));
        ops.put("GET /views/active", (c, r) -> status(c.api().get(VIEWS + "/active?per_page=5")));
        ops.put("GET /views/compact", (c, r) -> status(c.api().get(VIEWS + "/compact")));
        ops.put("GET /views/search", (c, r) -> status(c.api().get(VIEWS + "/search?query=Matrix")));
        ops.put("GET /views/definitions", (c, r) -> status(c.api().get(VIEWS + "/definitions")));
        ops.put(
                "GET /views/count_many",
                (c, r) -> status(c.api()
                        .get(VIEWS + "/count_many?ids=" + world.view("-") + "," + world.view("public") + ","
                                + world.view("private"))));
        ops.put("GET /views/{view_id}", (c, r) -> status(c.api().get(VIEWS + "/" + world.view(r))));
        ops.put(
                "GET /views/{view_id}/tickets",
                (c, r) -> status(c.api().get(VIEWS + "/" + world.view(r) + "/tickets")));
        ops.put(
                "GET /views/{view_id}/tickets lists the ticket",
                (c, r) -> listedOnSomePage(
                        c.api(), VIEWS + "/" + world.view("-") + "/tickets", "tickets", world.ticket(r)));
        ops.put("GET /views/{view_id}/count", (c, r) -> status(c.api().get(VIEWS + "/" + world.view(r) + "/count")));
        ops.put("GET /views/{view_id}/export", (c, r) -> status(c.api().get(VIEWS + "/" + world.view(r) + "/export")));
        ops.put(
                "POST /views/preview",
                (c, r) -> write(() -> count(VIEWS), () -> c.api()
                        .post(VIEWS + "/preview", Map.of("view", requesterConditions()))));
        ops.put("POST /views/preview lists the ticket", (c, r) -> {
            Api.Response response =
                    c.api().post(VIEWS + "/preview?per_page=100", Map.of("view", requesterConditions()));
            if (response.status() != 200) {
                return status(response);
            }
            boolean present = response.json()
                    .get("rows")
                    .valueStream()
                    .anyMatch(row -> row.at("/ticket/id").asLong() == world.ticket(r));
            return new Outcome(present ? "listed" : "absent", response.toString(), List.of(response.body()));
        });
        ops.put(
                "POST /views/preview/count",
                (c, r) -> write(() -> count(VIEWS), () -> c.api()
                        .post(VIEWS + "/preview/count", Map.of("view", requesterConditions()))));
        ops.put(
                "POST /views",
                (c, r) -> write(() -> count(VIEWS), () -> c.api().post(VIEWS, Map.of("view", viewFields(null)))));
        ops.put(
                "POST /views personal",
                (c, r) -> write(() -> count(VIEWS), () -> c.api()
                        .post(
                                VIEWS,
                                Map.of(
                                        "view",
                                        personalViewFields(c.userId() == null ? world.adminId() : c.userId())))));
        ops.put(
                "PUT /views/{view_id}",
                (c, r) -> write(() -> admin().get(VIEWS + "/" + world.view(r)).body(), () -> c.api()
                        .put(VIEWS + "/" + world.view(r), Map.of("view", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /views/{view_id}", (c, r) -> {
            String path = VIEWS + "/" + newView(world.viewRestriction(r));
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "PUT /views/update_many",
                (c, r) -> write(() -> admin().get(VIEWS + "/" + world.view(r)).body(), () -> c.api()
                        .put(
                                VIEWS + "/update_many",
                                Map.of("views", List.of(Map.of("id", world.view(r), "active", true))))));
        // business hours: every schedule the matrix makes (an admin's through it too) is deleted after the class
        String schedule = SCHEDULES + "/" + world.schedule;
        String holiday = schedule + "/holidays/" + world.holiday;
        ops.put("GET /business_hours/schedules", (c, r) -> status(c.api().get(SCHEDULES + "?per_page=5")));
        ops.put(
                "GET /business_hours/schedules/{schedule_id}",
                (c, r) -> status(c.api().get(schedule)));
        ops.put(
                "POST /business_hours/schedules",
                (c, r) -> write(
                        () -> count(SCHEDULES), () -> c.api().post(SCHEDULES, Map.of("schedule", scheduleFields()))));
        ops.put(
                "PUT /business_hours/schedules/{schedule_id}",
                (c, r) -> write(() -> admin().get(schedule).body(), () -> c.api()
                        .put(schedule, Map.of("schedule", Map.of("name", unique("Matrix schedule"))))));
        ops.put(
                "PUT /business_hours/schedules/{schedule_id}/workweek",
                (c, r) -> write(() -> admin().get(schedule).body(), () -> c.api()
                        .put(
                                schedule + "/workweek",
                                Map.of(
                                        "workweek",
                                        Map.of("intervals", List.of(Map.of("start_time", 1980, "end_time", 2460)))))));
        ops.put("DELETE /business_hours/schedules/{schedule_id}", (c, r) -> {
            String path = SCHEDULES + "/" + newSchedule();
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "GET /business_hours/schedules/{schedule_id}/holidays",
                (c, r) -> status(c.api().get(schedule + "/holidays")));
        ops.put(
                "GET /business_hours/schedules/{schedule_id}/holidays/{holiday_id}",
                (c, r) -> status(c.api().get(holiday)));
        ops.put(
                "POST /business_hours/schedules/{schedule_id}/holidays",
                (c, r) -> write(() -> count(schedule + "/holidays"), () -> c.api()
                        .post(schedule + "/holidays", Map.of("holiday", holidayFields()))));
        ops.put(
                "PUT /business_hours/schedules/{schedule_id}/holidays/{holiday_id}",
                (c, r) -> write(() -> admin().get(holiday).body(), () -> c.api()
                        .put(holiday, Map.of("holiday", Map.of("name", unique("Matrix holiday"))))));
        ops.put("DELETE /business_hours/schedules/{schedule_id}/holidays/{holiday_id}", (c, r) -> {
            String path = schedule + "/holidays/" + newHoliday();
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        // SLA policies: every one the matrix makes names only its own tag, and is deleted after the class
        String policy = SLA_POLICIES + "/" + world.slaPolicy;
        ops.put("GET /slas/policies", (c, r) -> status(c.api().get(SLA_POLICIES + "?per_page=5")));
        ops.put("GET /slas/policies/definitions", (c, r) -> status(c.api().get(SLA_POLICIES + "/definitions")));
        ops.put("GET /slas/policies/{sla_policy_id}", (c, r) -> status(c.api().get(policy)));
        ops.put(
                "POST /slas/policies",
                (c, r) -> write(() -> count(SLA_POLICIES), () -> c.api()
                        .post(SLA_POLICIES, Map.of("sla_policy", slaPolicyFields()))));
        ops.put(
                "PUT /slas/policies/{sla_policy_id}",
                (c, r) -> write(() -> admin().get(policy).body(), () -> c.api()
                        .put(policy, Map.of("sla_policy", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /slas/policies/{sla_policy_id}", (c, r) -> {
            String path = SLA_POLICIES + "/" + newSlaPolicy();
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "PUT /slas/policies/reorder",
                (c, r) -> write(() -> admin().get(SLA_POLICIES).body(), () -> c.api()
                        .put(SLA_POLICIES + "/reorder", Map.of("sla_policy_ids", List.of(world.slaPolicy)))));
        // ticket metrics: as a ticket's audits (staff, of the tickets they see); the export is for admins
        ops.put(
                "GET /tickets/{ticket_id}/metrics",
                (c, r) -> status(c.api().get("/api/v2/tickets/" + world.ticket(r) + "/metrics")));
        ops.put(
                "GET /ticket_metrics/{ticket_metric_id}",
                (c, r) -> status(c.api().get("/api/v2/ticket_metrics/" + world.ticket(r))));
        ops.put("GET /ticket_metrics", (c, r) -> status(c.api().get("/api/v2/ticket_metrics?per_page=5")));
        ops.put(
                "GET /incremental/ticket_metric_events",
                (c, r) -> status(
                        c.api().get("/api/v2/incremental/ticket_metric_events?start_time=" + world.startTime())));
        // search: a word of a world ticket's subject or of an internal note (each a unique marker), found, counted and
        // exported only by those who may see the ticket and, for a note, read it (R22); users only by staff
        for (String endpoint : List.of("/search", "/search/count", "/search/export")) {
            ops.put(
                    "GET " + endpoint + " by a word of the subject",
                    (c, r) -> searched(c.api(), endpoint, subjectOf(world.ticket(r)), world.ticket(r)));
            ops.put(
                    "GET " + endpoint + " by a word of an internal note",
                    (c, r) -> searched(c.api(), endpoint, markerOf(r + " ticket internal note"), world.ticket(r)));
            ops.put(
                    "GET " + endpoint + " by a word of the note that opened a ticket",
                    (c, r) -> searched(
                            c.api(), endpoint, markerOf("internal note that opened a ticket"), world.tFirstNote));
        }
        ops.put(
                "GET /search type:user",
                (c, r) -> status(c.api()
                        .get("/api/v2/search?query="
                                + encode("type:user " + world.bystander().email()))));
        // routing (docs/routing-contract.md): routing stays off, so nothing is routed; every status, capacity rule and
        // queue the matrix makes is named "Matrix ..." and deleted after the class. An agent's status: "public" is the
        // public group's agent, "private" the private group's member; a queue's resource is its primary group.
        ops.put(
                "PUT /account/settings routing",
                (c, r) -> write(() -> admin().get(SETTINGS).body(), () -> c.api()
                        .put(
                                SETTINGS,
                                Map.of("settings", Map.of("routing", Map.of("assignment_method", "spare_capacity"))))));
        ops.put(
                "GET /agent_availabilities/agent_statuses",
                (c, r) -> status(c.api().get(STATUSES)));
        ops.put(
                "POST /agent_availabilities/agent_statuses",
                (c, r) -> write(() -> admin().get(STATUSES).body(), () -> c.api()
                        .post(STATUSES, Map.of("agent_status", statusFields()))));
        ops.put(
                "PUT /agent_availabilities/agent_statuses/{agent_status_id}",
                (c, r) -> write(() -> admin().get(STATUSES).body(), () -> c.api()
                        .put(
                                STATUSES + "/" + world.status,
                                Map.of("agent_status", Map.of("description", unique("matrix"))))));
        ops.put(
                "PUT /agent_availabilities/agent_statuses/{agent_status_id} system",
                (c, r) -> write(() -> admin().get(STATUSES).body(), () -> c.api()
                        .put(STATUSES + "/3", Map.of("agent_status", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /agent_availabilities/agent_statuses/{agent_status_id}", (c, r) -> {
            long fresh = newStatus();
            return deleteFresh(
                    c, STATUSES + "/" + fresh, () -> statusIds("custom").contains(fresh));
        });
        ops.put(
                "DELETE /agent_availabilities/agent_statuses/{agent_status_id} system",
                (c, r) -> deleteFresh(
                        c, STATUSES + "/4", () -> statusIds("default").contains(4L)));
        ops.put(
                "PUT /agent_availabilities/agent_statuses/agents/{agent_id}",
                (c, r) -> write(
                        () -> admin().get(AVAILABILITIES + "/" + world.member(r).id())
                                .body(),
                        () -> c.api()
                                .put(STATUSES + "/agents/" + world.member(r).id(), Map.of("id", 4))));
        ops.put(
                "PUT /agent_availabilities/agent_statuses/agents/me",
                (c, r) -> write(
                        () -> c.userId() == null
                                ? ""
                                : admin().get(AVAILABILITIES + "/" + c.userId()).body(),
                        () -> c.api().put(STATUSES + "/agents/me", Map.of("id", 2))));
        ops.put("GET /agent_availabilities lists the agent", (c, r) -> {
            long agent = world.member(r).id();
            Api.Response response = c.api().get(AVAILABILITIES + "?filter[agent_id]=" + agent);
            if (response.status() != 200) {
                return status(response);
            }
            boolean present = response.json()
                    .get("data")
                    .valueStream()
                    .anyMatch(a -> a.at("/attributes/agent_id").asLong() == agent);
            return new Outcome(present ? "listed" : "absent", response.toString(), List.of(response.body()));
        });
        ops.put(
                "GET /agent_availabilities/{agent_id}",
                (c, r) -> status(
                        c.api().get(AVAILABILITIES + "/" + world.member(r).id())));
        String rule = RULES + "/" + world.rule;
        ops.put("GET /capacity/rules", (c, r) -> status(c.api().get(RULES)));
        ops.put(
                "GET /capacity/rules/{capacity_rule_id}",
                (c, r) -> status(c.api().get(rule)));
        ops.put(
                "POST /capacity/rules",
                (c, r) -> write(() -> admin().get(RULES).body(), () -> c.api()
                        .post(RULES, Map.of("capacity_rule", ruleFields()))));
        ops.put(
                "PUT /capacity/rules/{capacity_rule_id}",
                (c, r) -> write(() -> admin().get(rule).body(), () -> c.api()
                        .put(rule, Map.of("capacity_rule", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /capacity/rules/{capacity_rule_id}", (c, r) -> {
            String path = RULES + "/" + newRule();
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put("GET /queues", (c, r) -> status(c.api().get(QUEUES)));
        ops.put("GET /queues/definitions", (c, r) -> status(c.api().get(QUEUES + "/definitions")));
        ops.put("GET /queues/{queue_id}", (c, r) -> status(c.api().get(QUEUES + "/" + world.queue(r))));
        ops.put(
                "POST /queues",
                (c, r) -> write(() -> admin().get(QUEUES).body(), () -> c.api()
                        .post(QUEUES, Map.of("queue", queueFields("public")))));
        ops.put(
                "PUT /queues/{queue_id}",
                (c, r) -> write(
                        () -> admin().get(QUEUES + "/" + world.queue("public")).body(), () -> c.api()
                                .put(
                                        QUEUES + "/" + world.queue("public"),
                                        Map.of("queue", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /queues/{queue_id}", (c, r) -> {
            String path = QUEUES + "/" + newQueue("public");
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "PATCH /queues/order",
                (c, r) -> write(() -> admin().get(QUEUES).body(), () -> c.api()
                        .send("PATCH", QUEUES + "/order", Map.of("queue_ids", queueIdsInOrder()))));
        ops.put("GET /routing/queue", (c, r) -> status(c.api().get(ROUTING_QUEUE)));
        // webhooks: every one the matrix makes is named "Matrix webhook", calls a path of the service's own that
        // refuses it at once, and is deleted after the class; only the world's is active
        String webhook = WEBHOOKS + "/" + world.webhook;
        ops.put("GET /webhooks", (c, r) -> status(c.api().get(WEBHOOKS)));
        ops.put(
                "POST /webhooks",
                (c, r) -> write(() -> admin().get(WEBHOOKS).body(), () -> c.api()
                        .post(WEBHOOKS, Map.of("webhook", webhookFields(false)))));
        ops.put("GET /webhooks/{webhook_id}", (c, r) -> status(c.api().get(webhook)));
        ops.put(
                "PUT /webhooks/{webhook_id}",
                (c, r) -> write(() -> admin().get(webhook).body(), () -> c.api()
                        .put(webhook, Map.of("webhook", webhookFields(true)))));
        ops.put(
                "PATCH /webhooks/{webhook_id}",
                (c, r) -> write(() -> admin().get(webhook).body(), () -> c.api()
                        .send("PATCH", webhook, Map.of("webhook", Map.of("description", unique("matrix"))))));
        ops.put("DELETE /webhooks/{webhook_id}", (c, r) -> {
            String path = WEBHOOKS + "/" + newWebhook(false);
            return deleteFresh(c, path, () -> admin().get(path).status() == 200);
        });
        ops.put(
                "GET /webhooks/{webhook_id}/signing_secret",
                (c, r) -> status(c.api().get(webhook + "/signing_secret")));
        ops.put(
                "POST /webhooks/{webhook_id}/signing_secret",
                (c, r) -> write(() -> admin().get(webhook + "/signing_secret").body(), () -> c.api()
                        .post(webhook + "/signing_secret", null)));
        ops.put(
                "POST /webhooks/test",
                (c, r) -> write(() -> admin().get(WEBHOOKS).body(), () -> c.api()
                        .post(WEBHOOKS + "/test", Map.of("webhook", Map.of("endpoint", webhookSink())))));
        ops.put(
                "GET /webhooks/{webhook_id}/invocations",
                (c, r) -> status(c.api().get(webhook + "/invocations")));
        ops.put(
                "GET /webhooks/{webhook_id}/invocations/{invocation_id}/attempts",
                (c, r) -> status(c.api().get(webhook + "/invocations/" + world.invocation + "/attempts")));
        // job statuses: the matrix's job, queued by agent-in
        String jobStatus = JOB_STATUSES + "/" + world.jobStatus;
        ops.put(
                "GET /job_statuses",
                (c, r) -> listedOnSomePage(c.api(), JOB_STATUSES, "job_statuses", world.jobStatus));
        ops.put(
                "GET /job_statuses/show_many",
                (c, r) -> listed(
                        c.api().get(JOB_STATUSES + "/show_many?ids=" + world.jobStatus),
                        "job_statuses",
                        world.jobStatus));
        ops.put("GET /job_statuses/{job_status_id}", (c, r) -> status(c.api().get(jobStatus)));
        ops.put("GET /no_such_endpoint", (c, r) -> status(c.api().get("/api/v2/no_such_endpoint")));
        return ops;
    }

    private static String auditsPath(long ticket) {
        return "/api/v2/tickets/" + ticket + "/audits";
    }

    /**
     * "listed" when a search (every page), its count (1) or its export (every page) finds the ticket by the text,
     * "absent" when it finds nothing; the status otherwise. The text is a marker only that ticket holds.
     */
    private static Outcome searched(Api api, String endpoint, String text, long ticket) {
        String base = "/api/v2" + endpoint + "?query=" + encode(text)
                + (endpoint.endsWith("export") ? "&page[size]=100" : "");
        Api.Response first = api.get(base);
        if (first.status() != 200) {
            return status(first);
        }
        if (endpoint.endsWith("count")) {
            long count = first.json().get("count").asLong();
            String token = count == 1 ? "listed" : count == 0 ? "absent" : "counted " + count;
            return new Outcome(token, first.toString(), List.of(first.body()));
        }
        List<Api.Response> pages = new ArrayList<>(List.of(first));
        for (Api.Response page = first; pages.size() < 50; ) {
            JsonNode next = endpoint.endsWith("export")
                    ? page.json().at("/links/next")
                    : page.json().get("next_page");
            if (next == null || next.isNull() || next.isMissingNode()) {
                break;
            }
            page = api.get(next.asString());
            if (page.status() != 200) {
                return status(page);
            }
            pages.add(page);
        }
        List<Long> found = new ArrayList<>();
        pages.forEach(page -> found.addAll(ids(page.json().get("results"))));
        String token = found.equals(List.of(ticket)) ? "listed" : found.isEmpty() ? "absent" : "found " + found;
        return new Outcome(
                token,
                pages.size() + " pages of " + base + ": " + first,
                pages.stream().map(Api.Response::body).toList());
    }

    /** The subject of a world ticket, as the admin reads it. */
    private String subjectOf(long ticket) {
        return ok(admin().get("/api/v2/tickets/" + ticket), 200)
                .at("/ticket/subject")
                .asString();
    }

    /** The value of the marker planted as {@code what}. */
    private String markerOf(String what) {
        return world.markers().stream()
                .filter(marker -> marker.what().equals(what))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no marker " + what))
                .value();
    }

    private String sideConversationsAndTickets(long parent) {
        return count("/api/v2/tickets/" + parent + "/side_conversations") + " side conversations, "
                + count("/api/v2/tickets") + " tickets";
    }

    private static Api.Response newTicket(Api caller, long group) {
        return caller.post(
                "/api/v2/tickets",
                Map.of(
                        "ticket",
                        Map.of(
                                "subject",
                                unique("Matrix ticket"),
                                "comment",
                                Map.of("body", "Opened by the matrix"),
                                "group_id",
                                group)));
    }

    private static Api.Response startTo(Api caller, long parent, long group) {
        return caller.post(
                "/api/v2/tickets/" + parent + "/side_conversations",
                Map.of(
                        "message",
                        Map.of(
                                "subject",
                                unique("Matrix side conversation"),
                                "body",
                                "Sent by the matrix",
                                "to",
                                List.of(Map.of("support_group_id", group)))));
    }

    private static Outcome status(Api.Response response) {
        return new Outcome(String.valueOf(response.status()), response.toString(), List.of(response.body()));
    }

    /** "listed" or "absent" for a 200 list, by whether it holds the id; the status otherwise. */
    private static Outcome listed(Api.Response response, String key, long id) {
        if (response.status() != 200) {
            return status(response);
        }
        boolean present = ids(response.json().get(key)).contains(id);
        return new Outcome(present ? "listed" : "absent", response.toString(), List.of(response.body()));
    }

    /** The same for a list of items with text ids (ULIDs). */
    private static Outcome listed(Api.Response response, String key, String id) {
        if (response.status() != 200) {
            return status(response);
        }
        boolean present = textIds(response.json().get(key)).contains(id);
        return new Outcome(present ? "listed" : "absent", response.toString(), List.of(response.body()));
    }

    /** The same over every page of the list. */
    private static Outcome listedOnSomePage(Api api, String path, String key, String id) {
        List<Api.Response> pages = pages(api, path);
        if (pages.get(0).status() != 200) {
            return status(pages.get(0));
        }
        boolean present =
                pages.stream().anyMatch(page -> textIds(page.json().get(key)).contains(id));
        return new Outcome(
                present ? "listed" : "absent",
                pages.size() + " pages of " + path,
                pages.stream().map(Api.Response::body).toList());
    }

    private static List<String> textIds(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    /** The same over every page of the list. */
    private static Outcome listedOnSomePage(Api api, String path, String key, long id) {
        List<Api.Response> pages = pages(api, path);
        if (pages.get(0).status() != 200) {
            return status(pages.get(0));
        }
        boolean present =
                pages.stream().anyMatch(page -> ids(page.json().get(key)).contains(id));
        return new Outcome(
                present ? "listed" : "absent",
                pages.size() + " pages of " + path,
                pages.stream().map(Api.Response::body).toList());
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** The write's status; a refused write must leave its witness as it was. */
    private static Outcome write(Supplier<Object> witness, Supplier<Api.Response> action) {
        Object before = witness.get();
        Api.Response response = action.get();
        Outcome outcome = status(response);
        if (response.status() >= 300 && !Objects.equals(before, witness.get())) {
            return new Outcome(outcome.token() + " but it wrote", outcome.response(), outcome.bodies());
        }
        return outcome;
    }

    /** Deletes a resource made for this cell; a refused delete must leave it in place. */
    private static Outcome deleteFresh(Caller caller, String path, Supplier<Boolean> stillThere) {
        Api.Response response = caller.api().delete(path);
        Outcome outcome = status(response);
        if (response.status() >= 300 && !stillThere.get()) {
            return new Outcome(outcome.token() + " but it deleted", outcome.response(), outcome.bodies());
        }
        return outcome;
    }

    // ---- the table ----------------------------------------------------------------------------------------

    private record Row(String operation, String resource, List<String> outcomes) {

        /** "METHOD /path", as the OpenAPI description names the endpoint. */
        String endpoint() {
            String[] words = operation.split(" ");
            return words[0] + " " + words[1];
        }
    }

    private static List<Row> rows() {
        return MATRIX.lines()
                .skip(1)
                .map(line -> {
                    List<String> cells = Arrays.stream(line.strip().split("\\|"))
                            .map(String::strip)
                            .filter(cell -> !cell.isEmpty())
                            .toList();
                    return new Row(cells.get(0), cells.get(1), cells.subList(2, cells.size()));
                })
                .toList();
    }

    // ---- the world ----------------------------------------------------------------------------------------

    private record Caller(String name, Api api, Long userId) {}

    /** A string planted in one thing, and the callers who may see that thing. */
    private record Marker(String value, String what, Set<String> seenBy) {}

    /** Everything the matrix and the sweep read and write, made once through the API. */
    private final class World {

        final Map<String, Caller> callers = new LinkedHashMap<>();
        final List<Marker> markers = new ArrayList<>();
        final Map<Long, String> externalIds = new LinkedHashMap<>();
        final Map<String, Long> sideConversations = new LinkedHashMap<>();
        final Map<Long, Set<String>> childSeers = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> priorities = List.of("low", "normal", "high", "urgent");
        long startTime;
        long adminId;
        long pub;
        long priv;
        long scratchPub;
        long scratchPriv;
        TestUser requester;
        TestUser bystander;
        TestUser scratchUser;
        TestUser agentIn;
        TestUser privMember;
        long pubMembership;
        long privMembership;
        long tPub;
        long tPriv;
        long tFirstNote;
        long cPriv;
        long cPriv2;
        long cPub;
        String scPub;
        String scPriv;
        String scratchScPub;
        String scratchScPriv;
        long role;
        long field;
        long form;
        long token;
        long trigger;
        long triggerRevision;
        long schedule;
        long holiday;
        long slaPolicy;
        long macro;
        long pubMacro;
        long privMacro;
        long view;
        long pubView;
        long privView;
        long status;
        String rule;
        String pubQueue;
        String privQueue;
        /** The matrix's webhook, an invocation of it, and its bearer token (a marker nobody may read). */
        String webhook;

        String invocation;
        String webhookToken;
        /** The matrix's job status, queued by agent-in. */
        String jobStatus;

        final String triggerTag = unique("matrix").replace("-", "");
        /** Every trigger the matrix made, deleted after it. */
        final List<Long> triggers = new ArrayList<>();

        int writes;

        Map<String, Caller> callers() {
            return callers;
        }

        List<Marker> markers() {
            return markers;
        }

        Map<Long, String> externalIds() {
            return externalIds;
        }

        /** Side conversation id → its parent ticket. */
        Map<String, Long> sideConversations() {
            return sideConversations;
        }

        Map<Long, Set<String>> childSeers() {
            return childSeers;
        }

        List<Long> tickets() {
            return List.of(tPub, tPriv, tFirstNote, cPriv, cPriv2, cPub);
        }

        long startTime() {
            return startTime;
        }

        long adminId() {
            return adminId;
        }

        long pub() {
            return pub;
        }

        long priv() {
            return priv;
        }

        long tPub() {
            return tPub;
        }

        TestUser requester() {
            return requester;
        }

        TestUser bystander() {
            return bystander;
        }

        TestUser scratchUser() {
            return scratchUser;
        }

        long pubMembership() {
            return pubMembership;
        }

        long privMembership() {
            return privMembership;
        }

        long role() {
            return role;
        }

        long field() {
            return field;
        }

        long form() {
            return form;
        }

        long token() {
            return token;
        }

        long trigger() {
            return trigger;
        }

        long triggerRevision() {
            return triggerRevision;
        }

        String triggerTag() {
            return triggerTag;
        }

        /** The macro for everyone ("-"), or the one restricted to the public or private group. */
        long macro(String resource) {
            return switch (resource) {
                case "-" -> macro;
                case "public" -> pubMacro;
                case "private" -> privMacro;
                default -> throw new IllegalArgumentException(resource);
            };
        }

        /** The queue whose primary group is the public or the private one. */
        String queue(String resource) {
            return resource.equals("public") ? pubQueue : privQueue;
        }

        /** The view for everyone ("-"), or the one restricted to the public or private group. */
        long view(String resource) {
            return switch (resource) {
                case "-" -> view;
                case "public" -> pubView;
                case "private" -> privView;
                default -> throw new IllegalArgumentException(resource);
            };
        }

        /** The restriction of a view for this resource: none, or the public or private group. */
        Map<String, Object> viewRestriction(String resource) {
            return macroRestriction(resource);
        }

        /** The restriction of a macro for this resource: none, or the public or private group. */
        Map<String, Object> macroRestriction(String resource) {
            return resource.equals("-") ? null : Map.of("type", "Group", "ids", List.of(group(resource)));
        }

        String nextPriority() {
            return priorities.get(writes++ % priorities.size());
        }

        long ticket(String resource) {
            return switch (resource) {
                case "public" -> tPub;
                case "private" -> tPriv;
                case "private-child" -> cPriv;
                case "public-child" -> cPub;
                default -> throw new IllegalArgumentException(resource);
            };
        }

        long parent(String resource) {
            return switch (resource) {
                case "private-child" -> tPub;
                case "public-child" -> tPriv;
                default -> throw new IllegalArgumentException(resource);
            };
        }

        long group(String resource) {
            return resource.equals("public") ? pub : priv;
        }

        long scratchGroup(String resource) {
            return resource.equals("public") ? scratchPub : scratchPriv;
        }

        TestUser member(String resource) {
            return resource.equals("public") ? agentIn : privMember;
        }

        long membership(String resource) {
            return resource.equals("public") ? pubMembership : privMembership;
        }

        /** The side conversation with planted markers (read only). */
        String sideConversation(String resource) {
            return path(resource.equals("public") ? scPub : scPriv);
        }

        /** A side conversation the matrix may write to. */
        String scratchSideConversation(String resource) {
            return path(resource.equals("public") ? scratchScPub : scratchScPriv);
        }

        private String path(String sideConversation) {
            return "/api/v2/tickets/" + sideConversations.get(sideConversation) + "/side_conversations/"
                    + sideConversation;
        }

        void plant(String value, String what, Set<String> seenBy) {
            markers.add(new Marker(value, what, seenBy));
        }

        String plant(String what, Set<String> seenBy) {
            String value = marker(what.replaceAll("[^a-z0-9]+", "-"));
            plant(value, what, seenBy);
            return value;
        }
    }

    private World world() {
        World w = new World();
        w.startTime = Instant.now().getEpochSecond() - 1;
        w.pub = group(true);
        w.priv = group(false);
        w.scratchPub = group(true);
        w.scratchPriv = group(false);
        w.requester = endUser();
        TestUser other = endUser();
        w.bystander = endUser();
        w.scratchUser = endUser();
        TestUser light = lightAgent();
        TestUser restricted = user("agent", lightAgentRole("assigned-only"));
        w.agentIn = agent();
        TestUser agentOut = agent();
        w.privMember = agent();
        membership(light, w.pub);
        membership(restricted, w.pub);
        w.pubMembership = membership(w.agentIn, w.pub);
        w.privMembership = membership(w.privMember, w.priv);
        JsonNode me = ok(admin().get("/api/v2/users/me"), 200).get("user");
        w.adminId = me.get("id").asLong();

        w.callers.put("anonymous", new Caller("anonymous", api(), null));
        w.callers.put("requester", new Caller("requester", as(w.requester), w.requester.id()));
        w.callers.put("other-end-user", new Caller("other-end-user", as(other), other.id()));
        w.callers.put("light-agent", new Caller("light-agent", as(light), light.id()));
        w.callers.put("restricted-light", new Caller("restricted-light", as(restricted), restricted.id()));
        w.callers.put("agent-in", new Caller("agent-in", as(w.agentIn), w.agentIn.id()));
        w.callers.put("agent-out", new Caller("agent-out", as(agentOut), agentOut.id()));
        w.callers.put("private-member", new Caller("private-member", as(w.privMember), w.privMember.id()));
        w.callers.put("admin", new Caller("admin", admin(), w.adminId));

        // People: staff read the directory; an end-user sees only themselves.
        Map<String, String> emails = new LinkedHashMap<>();
        emails.put("requester", w.requester.email());
        emails.put("other-end-user", other.email());
        emails.put("light-agent", light.email());
        emails.put("restricted-light", restricted.email());
        emails.put("agent-in", w.agentIn.email());
        emails.put("agent-out", agentOut.email());
        emails.put("private-member", w.privMember.email());
        emails.put("admin", me.get("email").asString());
        emails.put("bystander", w.bystander.email());
        emails.forEach((who, email) -> w.plant(email, "the email of " + who, union(STAFF, Set.of(who))));
        w.plant(
                ok(admin().get("/api/v2/groups/" + w.pub), 200)
                        .at("/group/name")
                        .asString(),
                "the public group's name",
                STAFF);
        w.plant(
                ok(admin().get("/api/v2/groups/" + w.priv), 200)
                        .at("/group/name")
                        .asString(),
                "the private group's name",
                PRIVATE_GROUP);
        w.plant(
                ok(admin().get("/api/v2/groups/" + w.scratchPriv), 200)
                        .at("/group/name")
                        .asString(),
                "a private group nobody here belongs to",
                Set.of("admin"));

        Set<String> staffAndRequester = union(TICKET_STAFF, Set.of("requester"));
        Set<String> privateAndRequester = union(PRIVATE_GROUP, Set.of("requester"));

        // The public ticket: its internal note is for staff only.
        String external = unique("matrix-public");
        w.tPub = ticket(Map.of(
                "subject",
                w.plant("public ticket subject", staffAndRequester),
                "comment",
                Map.of("body", w.plant("public ticket first comment", staffAndRequester), "public", true),
                "group_id",
                w.pub,
                "requester_id",
                w.requester.id(),
                "external_id",
                external));
        w.externalIds.put(w.tPub, external);
        updated(as(w.agentIn), w.tPub, comment(w.plant("public ticket internal note", TICKET_STAFF), false));
        // Its custom fields: end-users read only those visible in the portal, and no tags (portal fields).
        long agentsOnly = ok(
                        admin().post(
                                        "/api/v2/ticket_fields",
                                        Map.of("ticket_field", Map.of("type", "text", "title", unique("Fraud score")))),
                        201)
                .at("/ticket_field/id")
                .asLong();
        long inThePortal = ok(
                        admin().post(
                                        "/api/v2/ticket_fields",
                                        Map.of(
                                                "ticket_field",
                                                Map.of(
                                                        "type",
                                                        "text",
                                                        "title",
                                                        unique("Order number"),
                                                        "visible_in_portal",
                                                        true))),
                        201)
                .at("/ticket_field/id")
                .asLong();
        long fieldsForm = ok(
                        admin().post(
                                        "/api/v2/ticket_forms",
                                        Map.of(
                                                "ticket_form",
                                                Map.of(
                                                        "name",
                                                        unique("Matrix fields"),
                                                        "ticket_field_ids",
                                                        List.of(agentsOnly, inThePortal)))),
                        201)
                .at("/ticket_form/id")
                .asLong();
        updated(
                admin(),
                w.tPub,
                Map.of(
                        "ticket_form_id",
                        fieldsForm,
                        "tags",
                        List.of(w.plant("public ticket tag", TICKET_STAFF)),
                        "custom_fields",
                        List.of(
                                Map.of("id", agentsOnly, "value", w.plant("agents-only field value", TICKET_STAFF)),
                                Map.of("id", inThePortal, "value", w.plant("portal field value", staffAndRequester)))));

        // The private ticket: members of its group, admins and its requester (public comments only).
        external = unique("matrix-private");
        w.tPriv = ticket(Map.of(
                "subject",
                w.plant("private ticket subject", privateAndRequester),
                "comment",
                Map.of("body", w.plant("private ticket first comment", privateAndRequester), "public", true),
                "group_id",
                w.priv,
                "requester_id",
                w.requester.id(),
                "external_id",
                external));
        w.externalIds.put(w.tPriv, external);
        updated(as(w.privMember), w.tPriv, comment(w.plant("private ticket internal note", PRIVATE_GROUP), false));

        // A ticket opened with an internal note: its requester sees the ticket, never the note.
        w.tFirstNote = ticket(Map.of(
                "subject",
                unique("Opened with a note"),
                "comment",
                Map.of("body", w.plant("internal note that opened a ticket", TICKET_STAFF), "public", false),
                "group_id",
                w.pub,
                "requester_id",
                w.requester.id()));

        // The public ticket asks the private group: the child is for that group's members (R17).
        JsonNode conversation = startedToGroup(
                admin(),
                w.tPub,
                w.priv,
                w.plant("side conversation subject on the public ticket", TICKET_STAFF),
                w.plant("side conversation message on the public ticket", TICKET_STAFF));
        w.scPub = conversation.get("id").asString();
        w.sideConversations.put(w.scPub, w.tPub);
        w.cPriv = childOf(conversation);
        Api member = as(w.privMember);
        updated(member, w.cPriv, comment(w.plant("private child internal note", PRIVATE_GROUP), false));
        updated(member, w.cPriv, Map.of("subject", w.plant("private child subject", PRIVATE_GROUP)));
        updated(member, w.cPriv, Map.of("tags", List.of(w.plant("private child tag", PRIVATE_GROUP))));
        // Public comments on the child come back to the parent's side conversation (R8), for all who see the parent.
        updated(member, w.cPriv, comment(w.plant("private child public comment", TICKET_STAFF), true));

        // The private ticket asks its own group, and the public group.
        conversation = startedToGroup(
                member,
                w.tPriv,
                w.priv,
                w.plant("side conversation subject on the private ticket", PRIVATE_GROUP),
                w.plant("side conversation message on the private ticket", PRIVATE_GROUP));
        w.scPriv = conversation.get("id").asString();
        w.sideConversations.put(w.scPriv, w.tPriv);
        w.cPriv2 = childOf(conversation);
        // What the member sends to the public group becomes that group's child ticket: disclosed by the sender.
        conversation = startedToGroup(
                member,
                w.tPriv,
                w.pub,
                w.plant("side conversation subject sent to the public group", TICKET_STAFF),
                w.plant("side conversation message sent to the public group", TICKET_STAFF));
        w.sideConversations.put(conversation.get("id").asString(), w.tPriv);
        w.cPub = childOf(conversation);
        for (long child : List.of(w.cPriv, w.cPub)) {
            w.externalIds.put(
                    child,
                    ok(admin().get("/api/v2/tickets/" + child), 200)
                            .at("/ticket/external_id")
                            .asString());
        }

        // Side conversations the matrix writes to, so the planted ones stay as they are.
        w.scratchScPub = startedToGroup(admin(), w.tPub, w.pub, unique("Scratch"), "Scratch")
                .get("id")
                .asString();
        w.sideConversations.put(w.scratchScPub, w.tPub);
        w.scratchScPriv = startedToGroup(admin(), w.tPriv, w.pub, unique("Scratch"), "Scratch")
                .get("id")
                .asString();
        w.sideConversations.put(w.scratchScPriv, w.tPriv);

        w.role = customRole(Map.of("ticket_access", "all"));
        w.field = ok(
                        admin().post(
                                        "/api/v2/ticket_fields",
                                        Map.of(
                                                "ticket_field",
                                                Map.of("type", "text", "title", unique("Matrix field")))),
                        201)
                .at("/ticket_field/id")
                .asLong();
        w.form = ok(
                        admin().post(
                                        "/api/v2/ticket_forms",
                                        Map.of("ticket_form", Map.of("name", unique("Matrix form")))),
                        201)
                .at("/ticket_form/id")
                .asLong();
        w.token = ok(
                        admin().post(
                                        "/api/v2/api_tokens",
                                        Map.of("api_token", Map.of("description", "matrix fixture"))),
                        201)
                .at("/api_token/id")
                .asLong();
        world = w;
        w.trigger = newTrigger();
        w.triggerRevision = ok(admin().get("/api/v2/triggers/" + w.trigger + "/revisions"), 200)
                .at("/trigger_revisions/0/id")
                .asLong();
        w.schedule = newSchedule();
        w.holiday = newHoliday();
        w.slaPolicy = newSlaPolicy();
        w.macro = newMacro(null);
        w.pubMacro = newMacro(w.macroRestriction("public"));
        // The private group's macro is titled with a marker: its title and category are for members and admins.
        w.privMacro = ok(
                        admin().withoutContract()
                                .post(
                                        MACROS,
                                        Map.of(
                                                "macro",
                                                macroFields(
                                                        w.macroRestriction("private"),
                                                        "Matrix macro " + w.plant("private macro title", PRIVATE_GROUP)
                                                                + "::Private"))),
                        201)
                .at("/macro/id")
                .asLong();
        w.view = newView(null);
        w.pubView = newView(w.viewRestriction("public"));
        // The private group's view is titled with a marker: its title is for members and admins.
        w.privView = ok(
                        admin().withoutContract()
                                .post(
                                        VIEWS,
                                        Map.of(
                                                "view",
                                                viewFields(
                                                        w.viewRestriction("private"),
                                                        "Matrix view "
                                                                + w.plant("private view title", PRIVATE_GROUP)))),
                        201)
                .at("/view/id")
                .asLong();
        w.status = newStatus();
        w.rule = newRule();
        w.pubQueue = newQueue("public");
        w.privQueue = newQueue("private");
        w.webhookToken = w.plant("webhook bearer token", Set.of());
        w.webhook = newWebhook(true);
        // One invocation of it: the only external id change the matrix makes, on a ticket of its own.
        long hooked = ticket(Map.of("subject", unique("Matrix webhook ticket")));
        ok(
                admin().put(
                                "/api/v2/tickets/" + hooked,
                                Map.of("ticket", Map.of("external_id", unique("matrix-hooked")))),
                200);
        w.invocation = ok(admin().get(WEBHOOKS + "/" + w.webhook + "/invocations"), 200)
                .at("/invocations/0/id")
                .asString();
        long agentIn = w.callers().get("agent-in").userId();
        Actor creator = actors.activeByIds(List.of(agentIn)).get(agentIn);
        w.jobStatus = transactions
                .execute(status -> jobs.enqueue(creator, "matrix_probe", "{}", List.of(w.tPub())))
                .id();
        return w;
    }

    /** A schedule named as the matrix's, deleted after the class: its id. */
    private long newSchedule() {
        return ok(admin().post(SCHEDULES, Map.of("schedule", scheduleFields())), 201)
                .at("/schedule/id")
                .asLong();
    }

    private Map<String, Object> scheduleFields() {
        return Map.of("name", unique("Matrix schedule"), "time_zone", "Europe/Paris");
    }

    /** A holiday of the matrix's schedule: its id. */
    private long newHoliday() {
        return ok(admin().post(SCHEDULES + "/" + world.schedule + "/holidays", Map.of("holiday", holidayFields())), 201)
                .at("/holiday/id")
                .asLong();
    }

    private Map<String, Object> holidayFields() {
        return Map.of("name", unique("Matrix holiday"), "start_date", "2026-12-25", "end_date", "2026-12-25");
    }

    /**
     * A trigger that cannot touch any ticket of the JVM's (inactive, and naming only the matrix's own tag), deleted
     * after the class: its id.
     */
    private long newTrigger() {
        long id = ok(admin().post("/api/v2/triggers", Map.of("trigger", triggerFields())), 201)
                .at("/trigger/id")
                .asLong();
        world.triggers.add(id);
        return id;
    }

    private static final String SLA_POLICIES = "/api/v2/slas/policies";

    /** An SLA policy that applies to no ticket of the JVM's (its filter names only the matrix's own tag): its id. */
    private long newSlaPolicy() {
        return ok(admin().post(SLA_POLICIES, Map.of("sla_policy", slaPolicyFields())), 201)
                .at("/sla_policy/id")
                .asLong();
    }

    private Map<String, Object> slaPolicyFields() {
        return Map.of(
                "title",
                unique("Matrix SLA policy"),
                "filter",
                Map.of(
                        "all",
                        List.of(Map.of("field", "current_tags", "operator", "includes", "value", world.triggerTag())),
                        "any",
                        List.of()),
                "policy_metrics",
                List.of(Map.of("priority", "urgent", "metric", "first_reply_time", "target", 30)));
    }

    private Map<String, Object> triggerFields() {
        return Map.of(
                "title",
                unique("Matrix trigger"),
                "active",
                false,
                "conditions",
                Map.of(
                        "all",
                        List.of(Map.of("field", "current_tags", "operator", "includes", "value", world.triggerTag())),
                        "any",
                        List.of()),
                "actions",
                List.of(Map.of("field", "current_tags", "value", world.triggerTag() + "seen")));
    }

    private static final String MACROS = "/api/v2/macros";

    /** A macro of the matrix's (deleted after the class) with this restriction (null: everyone's): its id. */
    private long newMacro(Map<String, Object> restriction) {
        return ok(admin().withoutContract().post(MACROS, Map.of("macro", macroFields(restriction))), 201)
                .at("/macro/id")
                .asLong();
    }

    private Map<String, Object> macroFields(Map<String, Object> restriction) {
        return macroFields(restriction, unique("Matrix macro"));
    }

    /** A macro that changes only the matrix's own tag. */
    private Map<String, Object> macroFields(Map<String, Object> restriction, String title) {
        Map<String, Object> macro = new LinkedHashMap<>();
        macro.put("title", title);
        macro.put("restriction", restriction);
        macro.put("actions", List.of(Map.of("field", "current_tags", "value", world.triggerTag() + "macro")));
        return macro;
    }

    private static final String VIEWS = "/api/v2/views";

    /** A view of the matrix's (deleted after the class) with this restriction (null: everyone's): its id. */
    private long newView(Map<String, Object> restriction) {
        return ok(admin().withoutContract().post(VIEWS, Map.of("view", viewFields(restriction))), 201)
                .at("/view/id")
                .asLong();
    }

    private Map<String, Object> viewFields(Map<String, Object> restriction) {
        return viewFields(restriction, unique("Matrix view"));
    }

    /** A view of the world's tickets: those of the public and the private group. */
    private Map<String, Object> viewFields(Map<String, Object> restriction, String title) {
        Map<String, Object> view = new LinkedHashMap<>(viewConditions());
        view.put("title", title);
        view.put("restriction", restriction);
        return view;
    }

    /**
     * A personal view of the matrix's: the requester's tickets (a private group named in conditions is, to those
     * outside it, a group that does not exist: R22).
     */
    private Map<String, Object> personalViewFields(long owner) {
        Map<String, Object> view = new LinkedHashMap<>(requesterConditions());
        view.put("title", unique("Matrix view"));
        view.put("restriction", Map.of("type", "User", "id", owner));
        return view;
    }

    /** Conditions anyone may send: the unclosed tickets of the fixture's requester (the public and private ones). */
    private Map<String, Object> requesterConditions() {
        return Map.of(
                "all",
                List.of(
                        Map.of("field", "status", "operator", "less_than", "value", "closed"),
                        Map.of(
                                "field",
                                "requester_id",
                                "operator",
                                "is",
                                "value",
                                world.requester().id())),
                "any",
                List.of());
    }

    /** The conditions of the matrix's views: the unclosed tickets of the public and the private group. */
    private Map<String, Object> viewConditions() {
        return Map.of(
                "all",
                List.of(Map.of("field", "status", "operator", "less_than", "value", "closed")),
                "any",
                List.of(
                        Map.of("field", "group_id", "operator", "is", "value", world.pub()),
                        Map.of("field", "group_id", "operator", "is", "value", world.priv())));
    }

    private static final String STATUSES = "/api/v2/agent_availabilities/agent_statuses";
    private static final String AVAILABILITIES = "/api/v2/agent_availabilities";
    private static final String RULES = "/api/v2/capacity/rules";
    private static final String QUEUES = "/api/v2/queues";
    private static final String ROUTING_QUEUE = "/api/v2/routing/queue";

    /** A custom status of the matrix's (deleted after the class): its id. */
    private long newStatus() {
        return ok(admin().post(STATUSES, Map.of("agent_status", statusFields())), 201)
                .at("/agent_status/id")
                .asLong();
    }

    private static Map<String, Object> statusFields() {
        return Map.of(
                "name",
                unique("Matrix status"),
                "description",
                "matrix",
                "channels",
                Map.of("email", "away", "messaging", "offline", "voice", "offline"));
    }

    /** The ids of the default or custom statuses, as the admin lists them. */
    private List<Long> statusIds(String which) {
        return ids(ok(admin().get(STATUSES), 200).get(which));
    }

    /** A capacity rule of the matrix's, naming nobody (deleted after the class): its id. */
    private String newRule() {
        return ok(admin().post(RULES, Map.of("capacity_rule", ruleFields())), 201)
                .at("/capacity_rule/id")
                .asString();
    }

    private static Map<String, Object> ruleFields() {
        return Map.of("name", unique("Matrix rule"), "capacities", Map.of("email", 1));
    }

    /** A queue of the matrix's whose primary group is the public or private one (deleted after the class): its id. */
    private String newQueue(String resource) {
        return ok(admin().post(QUEUES, Map.of("queue", queueFields(resource))), 201)
                .at("/queue/id")
                .asString();
    }

    /** A queue of the group's that no ticket of the JVM's meets (its definition names only the matrix's own tag). */
    private Map<String, Object> queueFields(String resource) {
        return Map.of(
                "name",
                unique("Matrix queue"),
                "definition",
                Map.of(
                        "all",
                        List.of(Map.of("field", "current_tags", "operator", "includes", "value", world.triggerTag())),
                        "any",
                        List.of()),
                "primary_groups",
                List.of(world.group(resource)));
    }

    /** Every queue's id, in order. */
    private List<String> queueIdsInOrder() {
        List<String> ids = new ArrayList<>();
        ok(admin().get(QUEUES), 200)
                .get("queues")
                .forEach(queue -> ids.add(queue.get("id").asString()));
        return ids;
    }

    /** The ids of the newest jobs, as the admin (who sees every job) lists them: a refused bulk update adds none. */
    private List<String> jobIds() {
        List<String> ids = new ArrayList<>();
        ok(admin().get(JOB_STATUSES), 200)
                .get("job_statuses")
                .forEach(job -> ids.add(job.get("id").asString()));
        return ids;
    }

    private static final String WEBHOOKS = "/api/v2/webhooks";

    private static final String JOB_STATUSES = "/api/v2/job_statuses";

    /** A webhook of the matrix's (deleted after the class), active or not: its id. */
    private String newWebhook(boolean active) {
        return ok(admin().post(WEBHOOKS, Map.of("webhook", webhookFields(active))), 201)
                .at("/webhook/id")
                .asString();
    }

    /**
     * A webhook of the matrix's, with the bearer token nobody may read. Active, it takes only external id changes,
     * which the matrix makes once, on a ticket of its own; whatever it is sent goes to {@link #webhookSink}.
     */
    private Map<String, Object> webhookFields(boolean active) {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("name", unique("Matrix webhook"));
        webhook.put("status", active ? "active" : "inactive");
        webhook.put("endpoint", webhookSink());
        webhook.put("subscriptions", List.of("zen:event-type:ticket.external_id_changed"));
        webhook.put("authentication", Map.of("type", "bearer_token", "data", Map.of("token", world.webhookToken)));
        return webhook;
    }

    /**
     * A path of the service's own on 127.0.0.1 (the host the test profile allows): without credentials it answers
     * 401 at once, so a delivery there fails at once, without a retry, and a test request answers quickly.
     */
    private String webhookSink() {
        return "http://127.0.0.1:" + port() + "/matrix-webhook-sink";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
