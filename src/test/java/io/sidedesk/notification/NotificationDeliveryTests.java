package io.sidedesk.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.sidedesk.Api;
import io.sidedesk.MailTestSupport;
import io.sidedesk.MutableClock;

import static io.sidedesk.notification.NotificationTesting.email;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email notifications over real SMTP (GreenMail): sent once after the write commits, with the headers that thread them
 * per ticket; at most one per recipient and action (R15); never for a write that rolls back; retried with backoff
 * while the mail server is down and given up on after the last attempt; all delivered, once each, when it is back;
 * and never twice by two senders at once. The sender is driven by commits and by the tests ({@code sendDue}); the
 * clock moves only when a test moves it, so a retry is due exactly when the test says.
 */
class NotificationDeliveryTests extends MailTestSupport {

    private static final String CORRELATION = NotificationMail.CORRELATION_HEADER;

    @Autowired
    private Notifications notifications;

    @Autowired
    private NotificationSender sender;

    @Autowired
    private NotificationOutbox claims;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MutableClock clock;

    private NotificationTesting outbox;

    private long ticket;

    private TestUser recipient;

    @BeforeEach
    void aTicketAndARecipient() {
        outbox = new NotificationTesting(notifications, transactions, jdbc);
        ticket = created(admin(), fields("subject", unique("Mail"), "comment", body("Please write back")))
                .get("id")
                .asLong();
        recipient = agent();
    }

    @Test
    void anEmailIsSentOnceAfterTheWriteCommitsWithBothPartsAndItsThreadingHeaders() throws Exception {
        UUID correlation = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Notifications.Email email = new Notifications.Email(
                correlation,
                ticket,
                recipient.id(),
                recipient.email(),
                "Ann Agent",
                "The printer is on fire",
                "Smoke on floor 2.",
                "<p>Smoke on <b>floor 2</b>.</p>",
                42L,
                "Notify the assignee");

        assertThat(outbox.queue(List.of(email))).containsExactly(recipient.id());

        awaitSent("the email, after commit", correlation, 1);
        MimeMessage message = only(receivedWith(CORRELATION, correlation.toString()));
        NotificationTesting.Row row = outbox.row(correlation);
        String domain = "sidedesk.test";
        assertThat(message.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress(recipient.email(), "Ann Agent"));
        assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Ann Agent");
        assertThat(message.getSubject()).isEqualTo("The printer is on fire");
        assertThat(message.getMessageID())
                .isEqualTo("<notification-" + row.id() + ".ticket-" + ticket + "@" + domain + ">")
                .isEqualTo(row.messageId());
        assertThat(header(message, "In-Reply-To")).isEqualTo("<ticket-" + ticket + "@" + domain + ">");
        assertThat(header(message, "References")).isEqualTo("<ticket-" + ticket + "@" + domain + ">");
        assertThat(header(message, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(message.getSentDate()).isEqualTo(java.util.Date.from(now.truncatedTo(ChronoUnit.SECONDS)));
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Smoke on floor 2.");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Smoke on <b>floor 2</b>.</p>");

        assertThat(row.state()).isEqualTo("sent");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.sentAt()).isEqualTo(now);
        assertThat(row.lastError()).isNull();

        // Sent is sent: nothing is due, however often the sender looks or however late.
        sender.sendDue();
        clock.advance(Duration.ofDays(1));
        sender.sendDue();
        assertThat(receivedWith(CORRELATION, correlation.toString())).hasSize(1);

        JsonNode listed = only(list("?ticket_id=" + ticket));
        assertThat(listed.get("id").asLong()).isEqualTo(row.id());
        assertThat(listed.get("state").asString()).isEqualTo("sent");
        assertThat(listed.get("attempts").asInt()).isEqualTo(1);
        assertThat(listed.get("recipient_id").asLong()).isEqualTo(recipient.id());
        assertThat(listed.get("recipient_email").asString()).isEqualTo(recipient.email());
        assertThat(listed.get("subject").asString()).isEqualTo("The printer is on fire");
        assertThat(listed.get("correlation_id").asString()).isEqualTo(correlation.toString());
        assertThat(listed.get("message_id").asString()).isEqualTo(row.messageId());
        assertThat(listed.get("trigger").get("id").asLong()).isEqualTo(42);
        assertThat(listed.get("trigger").get("title").asString()).isEqualTo("Notify the assignee");
        assertThat(listed.get("next_attempt_at").isNull()).isTrue();
        assertThat(Instant.parse(listed.get("sent_at").asString())).isEqualTo(now);
        assertThat(listed.has("text_body")).as("bodies are not listed").isFalse();
    }

    @Test
    void aPlainTextEmailIsSentAsTextAlone() throws Exception {
        UUID correlation = UUID.randomUUID();
        outbox.queue(List.of(new Notifications.Email(
                correlation, ticket, recipient.id(), recipient.email(), null, "Plain", "Only text", null, null, null)));

        awaitSent("the email", correlation, 1);
        MimeMessage message = only(receivedWith(CORRELATION, correlation.toString()));
        assertThat(message.getContentType()).startsWith("text/plain");
        assertThat(message.getContent()).isEqualTo("Only text");
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress(recipient.email()));
    }

    @Test
    void eachRecipientGetsOneEmailPerActionHoweverOftenItIsQueued_R15() {
        UUID correlation = UUID.randomUUID();
        TestUser second = endUser();
        TestUser third = agent();

        assertThat(outbox.queue(List.of(
                        email(correlation, ticket, recipient, "First"),
                        email(correlation, ticket, second, "First"),
                        email(correlation, ticket, recipient, "First, again in the same statement"))))
                .containsExactlyInAnyOrder(recipient.id(), second.id());
        assertThat(outbox.queue(List.of(
                        email(correlation, ticket, recipient, "The same action, queued again"),
                        email(correlation, ticket, third, "The same action, to someone new"))))
                .containsExactly(third.id());
        assertThat(outbox.queue(List.of(email(correlation, ticket, second, "Again"))))
                .isEmpty();
        UUID next = UUID.randomUUID();
        assertThat(outbox.queue(List.of(email(next, ticket, recipient, "The next action"))))
                .containsExactly(recipient.id());

        awaitSent("three emails of the action", correlation, 3);
        awaitSent("the next action's", next, 1);
        List<MimeMessage> action = receivedWith(CORRELATION, correlation.toString());
        assertThat(action.stream().map(NotificationDeliveryTests::to).toList())
                .containsExactlyInAnyOrder(recipient.email(), second.email(), third.email());
        assertThat(action.stream().map(NotificationDeliveryTests::subject).toList())
                .containsExactlyInAnyOrder("First", "First", "The same action, to someone new");
        assertThat(outbox.rows(correlation)).hasSize(3).allSatisfy(row -> assertThat(row.state())
                .isEqualTo("sent"));
    }

    @Test
    void anEmailQueuedByAWriteThatRollsBackIsNeverSent() {
        UUID correlation = UUID.randomUUID();

        Set<Long> queued = transactions.execute(status -> {
            Set<Long> inTheWrite = notifications.enqueue(List.of(email(correlation, ticket, recipient, "Rolled back")));
            status.setRollbackOnly();
            return inTheWrite;
        });

        assertThat(queued).as("queued in the write's transaction").containsExactly(recipient.id());
        assertThat(outbox.rows(correlation)).isEmpty();
        sender.sendDue();
        clock.advance(Duration.ofHours(1));
        sender.sendDue();
        assertThat(receivedWith(CORRELATION, correlation.toString())).isEmpty();
    }

    @Test
    void whileTheMailServerIsDownAttemptsBackOffAndTheLastFailedOneGivesUp() {
        smtpDown();
        UUID correlation = UUID.randomUUID();
        Instant queuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        outbox.queue(List.of(email(correlation, ticket, recipient, "Down")));

        await("the first attempt, after commit", () -> outbox.row(correlation).lastError() != null);
        NotificationTesting.Row first = outbox.row(correlation);
        assertThat(first.state()).isEqualTo("pending");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(queuedAt.plusSeconds(30));
        assertThat(first.lastError())
                .hasSizeLessThanOrEqualTo(500)
                .doesNotContain("\n")
                .doesNotContain(SMTP_PASSWORD)
                .containsIgnoringCase("connect");

        clock.advance(Duration.ofSeconds(29));
        sender.sendDue();
        assertThat(outbox.row(correlation).attempts()).as("not due yet").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        sender.sendDue();
        NotificationTesting.Row second = outbox.row(correlation);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.state()).isEqualTo("pending");
        assertThat(second.nextAttemptAt()).isEqualTo(queuedAt.plusSeconds(30 + 60));

        clock.advance(Duration.ofSeconds(60));
        sender.sendDue();
        NotificationTesting.Row last = outbox.row(correlation);
        assertThat(last.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(last.state()).isEqualTo("failed");
        assertThat(last.lastError()).isNotBlank().doesNotContain(SMTP_PASSWORD);

        smtpUp();
        clock.advance(Duration.ofDays(1));
        sender.sendDue();
        assertThat(outbox.row(correlation).state()).isEqualTo("failed");
        assertThat(receivedWith(CORRELATION, correlation.toString())).isEmpty();

        JsonNode listed = only(list("?ticket_id=" + ticket + "&state=failed"));
        assertThat(listed.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(listed.get("last_error").asString()).isEqualTo(last.lastError());
        assertThat(listed.get("next_attempt_at").isNull()).isTrue();
        assertThat(listed.get("sent_at").isNull()).isTrue();
        assertThat(list("?ticket_id=" + ticket + "&state=pending")).isEmpty();
    }

    @Test
    void emailsQueuedWhileTheMailServerIsDownAreEachDeliveredOnceWhenItIsBack() {
        smtpDown();
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<TestUser> people = List.of(recipient, endUser(), agent());
        outbox.queue(people.stream()
                .map(person -> email(one, ticket, person, "While down"))
                .toList());
        outbox.queue(List.of(email(other, ticket, recipient, "While down, another action")));
        await("a failed attempt at each", () -> failedOnce(one) && failedOnce(other));
        assertThat(list("?ticket_id=" + ticket + "&state=pending")).hasSize(4).allSatisfy(listed -> {
            assertThat(listed.get("attempts").asInt()).isEqualTo(1);
            assertThat(listed.get("last_error").asString()).isNotBlank();
            assertThat(listed.get("next_attempt_at").isNull()).isFalse();
        });

        smtpUp();
        clock.advance(Duration.ofSeconds(30));
        sender.sendDue();

        assertThat(receivedWith(CORRELATION, one.toString()).stream()
                        .map(NotificationDeliveryTests::to)
                        .toList())
                .containsExactlyInAnyOrderElementsOf(
                        people.stream().map(TestUser::email).toList());
        assertThat(receivedWith(CORRELATION, other.toString())).hasSize(1);
        assertThat(outbox.rows(one)).allSatisfy(row -> {
            assertThat(row.state()).isEqualTo("sent");
            assertThat(row.attempts()).isEqualTo(2);
        });
        clock.advance(Duration.ofHours(2));
        sender.sendDue();
        assertThat(receivedWith(CORRELATION, one.toString())).hasSize(3);
        assertThat(receivedWith(CORRELATION, other.toString())).hasSize(1);
    }

    @Test
    void anEmailClaimedByASenderThatDiedIsSentByTheNextLookAfterTheLease() {
        smtpDown();
        UUID correlation = UUID.randomUUID();
        outbox.queue(List.of(email(correlation, ticket, recipient, "Orphaned")));
        await("the first attempt", () -> failedOnce(correlation));
        smtpUp();
        clock.advance(Duration.ofSeconds(30));

        // A sender claims it, then dies before sending: nobody records the attempt.
        assertThat(claims.claim())
                .extracting(NotificationOutbox.Claimed::correlationId)
                .contains(correlation);
        sender.sendDue();
        assertThat(outbox.row(correlation).state())
                .as("leased to the dead sender")
                .isEqualTo("pending");
        assertThat(receivedWith(CORRELATION, correlation.toString())).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        sender.poll();
        awaitSent("the email, by the periodic look", correlation, 1);
        assertThat(outbox.row(correlation).attempts()).isEqualTo(3);
        assertThat(receivedWith(CORRELATION, correlation.toString())).hasSize(1);
    }

    @Test
    void twoSendersAtOnceNeverSendOneEmailTwice() throws Exception {
        smtpDown();
        List<UUID> actions = new ArrayList<>();
        List<Notifications.Email> emails = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            UUID action = UUID.randomUUID();
            actions.add(action);
            emails.add(email(action, ticket, recipient, "Race " + i));
        }
        outbox.queue(emails);
        await("a failed attempt at each", () -> actions.stream().allMatch(this::failedOnce));
        smtpUp();
        clock.advance(Duration.ofSeconds(30));

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> senders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            senders.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return sender.sendDue();
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> each : senders) {
            each.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        List<String> delivered = new ArrayList<>();
        for (UUID action : actions) {
            List<MimeMessage> messages = receivedWith(CORRELATION, action.toString());
            assertThat(messages).as("emails of %s", action).hasSize(1);
            delivered.add(messages.get(0).getMessageID());
            assertThat(outbox.row(action).state()).isEqualTo("sent");
            assertThat(outbox.row(action).attempts()).isEqualTo(2);
        }
        assertThat(delivered).doesNotHaveDuplicates();
        assertThat(Collections.frequency(delivered, null)).isZero();
    }

    @Test
    void aLineBreakInTheSubjectOrTheNameNeverMakesAHeader() throws Exception {
        UUID correlation = UUID.randomUUID();
        outbox.queue(List.of(new Notifications.Email(
                correlation,
                ticket,
                recipient.id(),
                recipient.email(),
                "Eve\r\nBcc: intruder@evil.test",
                "Hello\r\nBcc: intruder@evil.test\r\nX-Injected: yes",
                "Text",
                "<p>HTML</p>",
                null,
                null)));

        awaitSent("the email", correlation, 1);
        MimeMessage message = only(receivedWith(CORRELATION, correlation.toString()));
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Injected")).isNull();
        assertThat(message.getSubject()).isEqualTo("Hello  Bcc: intruder@evil.test  X-Injected: yes");
        Address[] to = message.getAllRecipients();
        assertThat(to).hasSize(1);
        assertThat(((InternetAddress) to[0]).getAddress()).isEqualTo(recipient.email());
        assertThat(((InternetAddress) to[0]).getPersonal()).isEqualTo("Eve  Bcc: intruder@evil.test");
        assertThat(received(each -> recipients(each).contains("intruder@evil.test")))
                .isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Waits until the action's emails are recorded as sent, and the mail server has them. */
    private void awaitSent(String what, UUID correlation, int count) {
        await(
                what,
                () -> outbox.rows(correlation).size() == count
                        && outbox.rows(correlation).stream()
                                .allMatch(row -> row.state().equals("sent"))
                        && receivedWith(CORRELATION, correlation.toString()).size() >= count);
    }

    private boolean failedOnce(UUID correlation) {
        return outbox.rows(correlation).stream().allMatch(row -> row.attempts() == 1 && row.lastError() != null);
    }

    /** Every page of the admin's list, newest first. */
    private List<JsonNode> list(String query) {
        Api.Response response = admin().get("/api/v2/notifications" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("notifications").forEach(items::add);
        return items;
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String to(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null
                    ? List.of()
                    : java.util.Arrays.stream(all)
                            .map(address -> ((InternetAddress) address).getAddress())
                            .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
