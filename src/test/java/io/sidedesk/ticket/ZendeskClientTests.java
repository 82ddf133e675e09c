package io.sidedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zendesk.client.v2.Zendesk;
import org.zendesk.client.v2.ZendeskResponseException;
import org.zendesk.client.v2.model.Audit;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.Group;
import org.zendesk.client.v2.model.GroupMembership;
import org.zendesk.client.v2.model.Priority;
import org.zendesk.client.v2.model.Status;
import org.zendesk.client.v2.model.Ticket;
import org.zendesk.client.v2.model.Type;
import org.zendesk.client.v2.model.events.ChangeEvent;
import org.zendesk.client.v2.model.events.CommentEvent;
import org.zendesk.client.v2.model.events.CreateEvent;
import org.zendesk.client.v2.model.events.Event;
import tools.jackson.databind.JsonNode;

import io.sidedesk.Api;
import io.sidedesk.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-source Zendesk Java client (com.cloudbees.thirdparty:zendesk-java-client) against the running
 * service, unchanged: it must create, read, update and comment tickets and list groups and memberships.
 * Where it and the service disagree, the test fails rather than work around it.
 */
class ZendeskClientTests extends ApiTestSupport {

    private final List<Zendesk> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(Zendesk::close);
    }

    @Test
    void createsATicketAndReadsItBack() {
        String email = unique("client-requester") + "@example.com";
        String externalId = unique("client");
        Ticket ticket = new Ticket(
                new Ticket.Requester("Client Requester", email),
                "From the Java client",
                new Comment("Created through org.zendesk.client.v2"));
        ticket.setPriority(Priority.HIGH);
        ticket.setType(Type.TASK);
        ticket.setTags(List.of("Java Client", "zendesk"));
        ticket.setExternalId(externalId);

        Ticket created = client().createTicket(ticket);

        assertThat(created.getId()).isPositive();
        assertThat(created.getSubject()).isEqualTo("From the Java client");
        assertThat(created.getDescription()).isEqualTo("Created through org.zendesk.client.v2");
        assertThat(created.getStatus()).isEqualTo(Status.NEW);
        assertThat(created.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(created.getType()).isEqualTo(Type.TASK);
        assertThat(created.getTags()).containsExactly("client", "java", "zendesk");
        assertThat(created.getExternalId()).isEqualTo(externalId);
        assertThat(created.getRequesterId()).isPositive();
        assertThat(created.getUrl()).endsWith("/api/v2/tickets/" + created.getId() + ".json");
        assertThat(created.getVia().getChannel()).isEqualTo("api");
        assertThat(created.getIsPublic()).isTrue();

        JsonNode raw = show(created.getId());
        assertThat(created.getCreatedAt()).as("created_at parsed by the client").isNotNull();
        assertThat(created.getCreatedAt().toInstant())
                .isEqualTo(Instant.parse(raw.get("created_at").asString()));
        assertThat(created.getUpdatedAt().toInstant())
                .isEqualTo(Instant.parse(raw.get("updated_at").asString()));
        assertThat(admin().get("/api/v2/users/" + created.getRequesterId())
                        .json()
                        .at("/user/email")
                        .asString())
                .isEqualToIgnoringCase(email);

        Ticket read = client().getTicket(created.getId());
        assertThat(read.getId()).isEqualTo(created.getId());
        assertThat(read.getSubject()).isEqualTo(created.getSubject());
        assertThat(read.getRequesterId()).isEqualTo(created.getRequesterId());
        assertThat(read.getSubmitterId()).isEqualTo(raw.get("submitter_id").asLong());
        assertThat(read.getTags()).isEqualTo(created.getTags());
        assertThat(read.getCreatedAt()).isEqualTo(created.getCreatedAt());
    }

    @Test
    void createsATicketInAGroupWithAnAssignee() {
        long group = group(true);
        TestUser agent = agent();
        membership(agent, group);
        Ticket ticket = new Ticket(endUser().id(), "Assigned by the client", new Comment("please look"));
        ticket.setGroupId(group);
        ticket.setAssigneeId(agent.id());

        Ticket created = client().createTicket(ticket);

        assertThat(created.getGroupId()).isEqualTo(group);
        assertThat(created.getAssigneeId()).isEqualTo(agent.id());
        assertThat(created.getStatus()).isEqualTo(Status.OPEN);
        assertThat(show(created.getId()).get("assignee_id").asLong()).isEqualTo(agent.id());
    }

    @Test
    void updatesATicket() {
        Ticket created = client().createTicket(new Ticket(endUser().id(), "To update", new Comment("first")));
        created.setPriority(Priority.LOW);
        created.setStatus(Status.PENDING);
        created.setTags(List.of("updated", "by-client"));
        created.setSubject("Updated by the client");

        Ticket updated = client().updateTicket(created);

        assertThat(updated.getStatus()).isEqualTo(Status.PENDING);
        assertThat(updated.getPriority()).isEqualTo(Priority.LOW);
        assertThat(updated.getTags()).containsExactly("by-client", "updated");
        assertThat(updated.getSubject()).isEqualTo("Updated by the client");
        JsonNode raw = show(created.getId());
        assertThat(raw.get("status").asString()).isEqualTo("pending");
        assertThat(raw.get("priority").asString()).isEqualTo("low");
        assertThat(raw.get("subject").asString()).isEqualTo("Updated by the client");
        assertThat(raw.get("description").asString()).isEqualTo("first");
    }

    @Test
    void readModifyWriteThroughTheClientKeepsFollowersAndCcsApart() {
        TestUser follower = agent();
        TestUser cc = endUser();
        Api.Response created = admin().post(
                        "/api/v2/tickets",
                        Map.of(
                                "ticket",
                                Map.of(
                                        "comment",
                                        Map.of("body", "followed"),
                                        "requester_id",
                                        endUser().id(),
                                        "follower_ids",
                                        List.of(follower.id()),
                                        "email_cc_ids",
                                        List.of(cc.id()))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/ticket/id").asLong();

        // The client knows collaborator_ids (followers and CCs together) and sends them back on every update.
        Ticket ticket = client().getTicket(id);
        assertThat(ticket.getCollaboratorIds()).containsExactlyInAnyOrder(follower.id(), cc.id());
        ticket.setPriority(Priority.NORMAL);
        client().updateTicket(ticket);

        JsonNode after = show(id);
        assertThat(after.get("priority").asString()).isEqualTo("normal");
        assertThat(after.get("follower_ids"))
                .as("follower_ids after a client update: %s", after)
                .extracting(JsonNode::asLong)
                .containsExactly(follower.id());
        assertThat(after.get("email_cc_ids"))
                .as("email_cc_ids after a client update: %s", after)
                .extracting(JsonNode::asLong)
                .containsExactly(cc.id());
    }

    @Test
    void commentsATicketAndListsItsComments() {
        Ticket created = client().createTicket(new Ticket(endUser().id(), "To comment", new Comment("first")));
        Comment note = new Comment("an internal note");
        note.setPublic(false);

        Ticket afterReply = client().createComment(created.getId(), new Comment("a public reply"));
        client().createComment(created.getId(), note);

        assertThat(afterReply.getId()).isEqualTo(created.getId());
        List<Comment> comments = list(client().getTicketComments(created.getId()));
        assertThat(comments)
                .extracting(Comment::getBody)
                .containsExactly("first", "a public reply", "an internal note");
        assertThat(comments).extracting(Comment::isPublic).containsExactly(true, true, false);
        assertThat(comments).allSatisfy(comment -> {
            assertThat(comment.getId()).isPositive();
            assertThat(comment.getAuthorId()).isPositive();
            assertThat(comment.getCreatedAt()).isNotNull();
            assertThat(comment.getHtmlBody()).isNotBlank();
        });
        assertThat(admin().get("/api/v2/tickets/" + created.getId() + "/comments")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void readsTheAuditTrail() {
        Ticket created = client().createTicket(new Ticket(endUser().id(), "Audited", new Comment("first")));
        created.setPriority(Priority.URGENT);
        client().updateTicket(created);

        List<Audit> audits = list(client().getTicketAudits(created.getId()));

        assertThat(audits).hasSize(2);
        assertThat(audits.get(0).getCreatedAt()).isNotNull();
        assertThat(audits.get(0).getVia().getChannel()).isEqualTo("api");
        List<Event> creation = audits.get(0).getEvents();
        assertThat(creation)
                .filteredOn(CommentEvent.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((CommentEvent) e).getBody()).isEqualTo("first"));
        assertThat(creation)
                .filteredOn(e -> e.getClass() == CreateEvent.class)
                .extracting(e -> ((CreateEvent) e).getFieldName())
                .contains("subject", "status", "requester_id");
        assertThat(audits.get(1).getEvents())
                .filteredOn(ChangeEvent.class::isInstance)
                .singleElement()
                .satisfies(e -> {
                    ChangeEvent change = (ChangeEvent) e;
                    assertThat(change.getFieldName()).isEqualTo("priority");
                    assertThat(change.getValue()).isEqualTo("urgent");
                });
    }

    @Test
    void findsTicketsByIdsAndByExternalId() {
        String externalId = unique("client-ext");
        Ticket first = new Ticket(endUser().id(), "One", new Comment("1"));
        first.setExternalId(externalId);
        long one = client().createTicket(first).getId();
        long two = client().createTicket(new Ticket(endUser().id(), "Two", new Comment("2")))
                .getId();

        assertThat(client().getTickets(one, two)).extracting(Ticket::getId).containsExactlyInAnyOrder(one, two);
        assertThat(list(client().getTicketsByExternalId(externalId)))
                .extracting(Ticket::getId)
                .containsExactly(one);
    }

    @Test
    void deletesATicket() {
        long id = client().createTicket(new Ticket(endUser().id(), "Doomed", new Comment("bye")))
                .getId();

        client().deleteTicket(id);

        assertThat(admin().get("/api/v2/tickets/" + id).status()).isEqualTo(404);
    }

    @Test
    void agentClientCannotReadATicketOutsideItsPrivateGroups_R17() {
        long hidden = group(false);
        TestUser member = agent();
        membership(member, hidden);
        TestUser outsider = agent();
        Ticket ticket = new Ticket(endUser().id(), "Private", new Comment("members only"));
        ticket.setGroupId(hidden);
        long id = client().createTicket(ticket).getId();

        assertThat(client(member.email()).getTicket(id).getId()).isEqualTo(id);
        // The client turns a 404 into null (or, on some paths, an exception); either way the outsider gets nothing.
        assertThat(orNullOn404(() -> client(outsider.email()).getTicket(id)))
                .as("show as an outsider")
                .isNull();
        assertThat(orNullOn404(() -> client(outsider.email()).createComment(id, new Comment("let me in"))))
                .as("comment as an outsider")
                .isNull();
        assertThat(client(outsider.email()).getTickets(id))
                .as("show_many as an outsider")
                .isEmpty();
        assertThat(admin().get("/api/v2/tickets/" + id + "/comments")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void listsGroups() {
        long open = group(true);
        long hidden = group(false);
        String openName =
                admin().get("/api/v2/groups/" + open).json().at("/group/name").asString();

        List<Group> groups = list(client().getGroups());

        assertThat(groups).extracting(Group::getId).contains(open, hidden).doesNotHaveDuplicates();
        Group group = client().getGroup(open);
        assertThat(group.getName()).isEqualTo(openName);
        assertThat(group.getCreatedAt()).isNotNull();
        assertThat(group.getDeleted()).isFalse();
        assertThat(list(client().getAssignableGroups()))
                .extracting(Group::getId)
                .contains(open, hidden);
    }

    @Test
    void listsGroupMemberships() {
        long group = group(true);
        long other = group(true);
        TestUser agent = agent();
        long first = membership(agent, group);
        long second = membership(agent, other);

        List<GroupMembership> all = list(client().getGroupMemberships());
        List<GroupMembership> ofGroup = list(client().getGroupMemberships(group));
        List<GroupMembership> ofUser = list(client().getGroupMembershipByUser(agent.id()));

        assertThat(all)
                .extracting(GroupMembership::getId)
                .contains(first, second)
                .doesNotHaveDuplicates();
        assertThat(ofGroup).extracting(GroupMembership::getId).containsExactly(first);
        assertThat(ofUser).extracting(GroupMembership::getId).containsExactly(first, second);
        GroupMembership membership = client().getGroupMembership(first);
        assertThat(membership.getUserId()).isEqualTo(agent.id());
        assertThat(membership.getGroupId()).isEqualTo(group);
        assertThat(membership.get_default()).isTrue();
        assertThat(membership.getCreatedAt()).isNotNull();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Zendesk client() {
        return client(ADMIN_EMAIL);
    }

    /** A client acting as the user with this email, through the account-wide bootstrap token. */
    private Zendesk client(String email) {
        Zendesk zendesk = new Zendesk.Builder("http://localhost:" + port())
                .setUsername(email)
                .setToken(ADMIN_TOKEN)
                .build();
        clients.add(zendesk);
        return zendesk;
    }

    private JsonNode show(long id) {
        Api.Response response = admin().get("/api/v2/tickets/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("ticket");
    }

    private static <T> T orNullOn404(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ZendeskResponseException e) {
            assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(404);
            return null;
        }
    }

    private static <T> List<T> list(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
