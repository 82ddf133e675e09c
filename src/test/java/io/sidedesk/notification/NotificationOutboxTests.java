package io.sidedesk.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.ApiAssertions;
import io.sidedesk.ApiTestSupport;
import io.sidedesk.StatementCounter;

import static io.sidedesk.notification.NotificationTesting.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox as every instance without a mail server has it (the shared test context has none): emails are queued in
 * the caller's transaction, in one statement whatever their number, once per recipient and action (R15), and kept as
 * {@code not_sent}; no sender exists, so nothing is ever sent. And the admins' list: newest first, filtered by ticket
 * and state, paged like every list, for admins only.
 */
class NotificationOutboxTests extends ApiTestSupport {

    private static final String LIST = "/api/v2/notifications";

    @Autowired
    private Notifications notifications;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private StatementCounter statements;

    @Autowired
    private ApplicationContext context;

    private NotificationTesting outbox;

    private long ticket;

    private TestUser recipient;

    @BeforeEach
    void aTicketAndARecipient() {
        outbox = new NotificationTesting(notifications, transactions, jdbc);
        ticket = newTicket();
        recipient = agent();
    }

    @Test
    void withoutAMailServerEmailsAreKeptAsNotSentAndNoSenderExists() {
        UUID correlation = UUID.randomUUID();

        assertThat(outbox.queue(List.of(email(correlation, ticket, recipient, "Nobody sends this"))))
                .containsExactly(recipient.id());

        assertThat(context.getBeanProvider(NotificationSender.class).getIfAvailable())
                .isNull();
        assertThat(context.getBeanProvider(NotificationOutbox.class).getIfAvailable())
                .isNull();
        NotificationTesting.Row row = outbox.row(correlation);
        assertThat(row.state()).isEqualTo("not_sent");
        assertThat(row.attempts()).isZero();
        assertThat(row.sentAt()).isNull();
        assertThat(row.messageId()).isEqualTo("<notification-" + row.id() + ".ticket-" + ticket + "@localhost>");
        JsonNode listed = single(list("?ticket_id=" + ticket));
        assertThat(listed.get("state").asString()).isEqualTo("not_sent");
        assertThat(listed.get("attempts").asInt()).isZero();
        assertThat(listed.get("next_attempt_at").isNull()).isTrue();
        assertThat(listed.get("trigger").isNull()).isTrue();
    }

    @Test
    void aRecipientIsQueuedOncePerActionWithinOneCallAndAcrossCalls_R15() {
        UUID correlation = UUID.randomUUID();
        TestUser other = endUser();

        assertThat(outbox.queue(List.of(
                        email(correlation, ticket, recipient, "One"),
                        email(correlation, ticket, recipient, "One again"),
                        email(correlation, ticket, other, "One"))))
                .containsExactlyInAnyOrder(recipient.id(), other.id());
        assertThat(outbox.queue(List.of(email(correlation, ticket, other, "Two"))))
                .isEmpty();

        assertThat(outbox.rows(correlation))
                .extracting(NotificationTesting.Row::recipientId)
                .containsExactlyInAnyOrder(recipient.id(), other.id());
        assertThat(outbox.rows(correlation))
                .extracting(NotificationTesting.Row::subject)
                .containsOnly("One");
    }

    @Test
    void queuingIsOneStatementWhateverTheNumberOfEmailsAndNoneForNoEmail() {
        long nothing = statementsOf(List.of());
        long none = statementsOf(null);
        List<Notifications.Email> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(email(UUID.randomUUID(), ticket, recipient, "Many " + i));
        }

        assertThat(nothing).as("an empty list").isEqualTo(none);
        assertThat(statementsOf(List.of(email(UUID.randomUUID(), ticket, recipient, "One"))))
                .isEqualTo(none + 1);
        assertThat(statementsOf(many)).isEqualTo(none + 1);
        assertThat(count(LIST + "?ticket_id=" + ticket)).isEqualTo(61);
    }

    @Test
    void queuingNeedsTheCallersTransaction() {
        assertThatThrownBy(() ->
                        notifications.enqueue(List.of(email(UUID.randomUUID(), ticket, recipient, "No transaction"))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void textIsStoredAsGivenWhateverItHolds() {
        UUID correlation = UUID.randomUUID();
        String awkward = "NULL, \"quoted\", {braces}, back\\slash, 'single', tab\tand\nline, émoji 📨, <b>&amp;</b>";
        outbox.queue(List.of(new Notifications.Email(
                correlation, ticket, recipient.id(), recipient.email(), "NULL", awkward, awkward, null, 7L, "NULL")));

        NotificationTesting.Row row = outbox.row(correlation);
        assertThat(row.subject()).isEqualTo(awkward);
        assertThat(row.textBody()).isEqualTo(awkward);
        assertThat(row.htmlBody()).isNull();
        assertThat(jdbc.queryForObject(
                        "select recipient_name || '/' || trigger_id || '/' || trigger_title from notifications "
                                + "where correlation_id = ?",
                        String.class,
                        correlation))
                .isEqualTo("NULL/7/NULL");
    }

    @Test
    void theListIsNewestFirstAndFilteredByTicketAndState() {
        long otherTicket = newTicket();
        List<UUID> actions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID action = UUID.randomUUID();
            actions.add(action);
            outbox.queue(List.of(email(action, i < 3 ? ticket : otherTicket, recipient, "Action " + i)));
        }
        List<Long> ids = actions.stream().map(action -> outbox.row(action).id()).toList();

        assertThat(list("?ticket_id=" + ticket).stream()
                        .map(item -> item.get("id").asLong())
                        .toList())
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(list("?ticket_id=" + otherTicket + "&state=not_sent")).hasSize(2);
        assertThat(list("?ticket_id=" + otherTicket + "&state=sent")).isEmpty();
        assertThat(list("?ticket_id=987654321987"))
                .as("a ticket that does not exist")
                .isEmpty();
        assertThat(list("").get(0).get("id").asLong()).as("newest first").isGreaterThanOrEqualTo(ids.get(4));

        String ofTicket = LIST + "?ticket_id=" + ticket;
        List<Long> newestFirst = List.of(ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(ApiAssertions.allCursorPages(admin(), ofTicket, "notifications", 2)))
                .containsExactlyElementsOf(newestFirst);
        assertThat(ids(ApiAssertions.allOffsetPages(admin(), ofTicket, "notifications", 2)))
                .containsExactlyElementsOf(newestFirst);
        Api.Response first = admin().get(ofTicket + "&page[size]=2");
        Api.Response older = admin().get(first.json().at("/links/next").asString());
        Api.Response back = admin().get(older.json().at("/links/prev").asString());
        assertThat(ApiAssertions.ids(older.json().get("notifications"))).containsExactly(ids.get(0));
        assertThat(ApiAssertions.ids(back.json().get("notifications"))).containsExactly(ids.get(2), ids.get(1));
        assertThat(back.json().at("/links/prev").isNull())
                .as("back at the newest")
                .isTrue();
    }

    @Test
    void theDescriptionNamesTheStatesAndTheFilters() {
        JsonNode docs = admin().get("/v3/api-docs").json();
        JsonNode list = docs.at("/paths/~1api~1v2~1notifications/get");
        assertThat(list.get("operationId").asString()).isEqualTo("listNotifications");
        assertThat(list.get("parameters").findValuesAsString("name"))
                .contains("ticket_id", "state", "page", "per_page", "page[size]");
        assertThat(docs.at("/components/schemas/Notification/properties/state/enum")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("pending", "sent", "failed", "not_sent");
    }

    @Test
    void anUnusableFilterIsA400NamingIt() {
        for (String query : List.of("?ticket_id=abc", "?ticket_id=0x10", "?state=delivered")) {
            Api.Response response = admin().get(LIST + query);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
            assertThat(response.json().get("details").propertyNames())
                    .as(query)
                    .containsExactly(query.substring(1, query.indexOf('=')));
        }
    }

    @Test
    void onlyAdminsListNotifications() {
        outbox.queue(List.of(email(UUID.randomUUID(), ticket, recipient, "For admins' eyes")));

        assertThat(as(recipient).get(LIST).status()).isEqualTo(403);
        assertThat(as(recipient).get(LIST + "?ticket_id=" + ticket).status()).isEqualTo(403);
        assertThat(as(endUser()).get(LIST).status()).isEqualTo(403);
        assertThat(as(lightAgent()).get(LIST).status()).isEqualTo(403);
        assertThat(api().get(LIST).status()).isEqualTo(401);
        assertThat(admin().get(LIST).status()).isEqualTo(200);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private long newTicket() {
        return created(admin(), fields("subject", unique("Outbox"), "comment", body("Anyone there?")))
                .get("id")
                .asLong();
    }

    /**
     * The statements a committed transaction prepares while queuing these emails (null: queuing nothing at all); the
     * fewest of three tries, so that a scheduled task's statement that happens to run meanwhile is not counted.
     */
    private long statementsOf(List<Notifications.Email> emails) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = statements.prepared();
            transactions.executeWithoutResult(status -> {
                if (emails != null) {
                    notifications.enqueue(emails);
                }
            });
            fewest = Math.min(fewest, statements.prepared() - before);
        }
        return fewest;
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asLong()).toList();
    }

    private List<JsonNode> list(String query) {
        Api.Response response = admin().get(LIST + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("notifications").forEach(items::add);
        return items;
    }
}
