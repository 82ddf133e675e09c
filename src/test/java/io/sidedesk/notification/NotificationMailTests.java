package io.sidedesk.notification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The email as written and the sender's settings, without Spring or a mail server: the backoff between attempts, the
 * sender address checked at start-up, and headers that no line break in a subject or name can add to.
 */
class NotificationMailTests {

    private static NotificationProperties properties(String from, int maxAttempts) {
        return new NotificationProperties(
                from,
                maxAttempts,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofSeconds(15),
                20,
                Duration.ofMinutes(10));
    }

    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToTheLongest() {
        NotificationProperties properties = properties("sidedesk@localhost", 8);

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 30, Integer.MAX_VALUE).stream()
                        .map(properties::retryAfter)
                        .toList())
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(4),
                        Duration.ofMinutes(8),
                        Duration.ofMinutes(16),
                        Duration.ofMinutes(32),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofHours(1));
    }

    @Test
    void theSenderMustBeAnAddressAndNamesTheDomainOfTheMessages() {
        assertThat(properties("sidedesk@localhost", 8).domain()).isEqualTo("localhost");
        assertThat(properties("Support Team <support@example.com>", 8).domain()).isEqualTo("example.com");
        for (String bad : Arrays.asList("", "not an address", "support@", "a@b@c", "x\r\nBcc: y@z.test", null)) {
            assertThatThrownBy(() -> properties(bad, 8))
                    .as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SIDEDESK_MAIL_FROM");
        }
        assertThatThrownBy(() -> properties("sidedesk@localhost", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lineBreaksInTheSubjectAndTheNameNeverStartAHeader() throws Exception {
        NotificationOutbox.Claimed email = new NotificationOutbox.Claimed(
                7,
                UUID.randomUUID(),
                12,
                "ann@example.com",
                "Ann\r\nBcc: intruder@evil.test",
                "Hi\nX-Injected: yes\u2028Cc: intruder@evil.test",
                "Text",
                "<p>HTML</p>",
                "<notification-7.ticket-12@example.com>",
                1);
        MimeMessage message = NotificationMail.write(
                new MimeMessage(Session.getInstance(new Properties())),
                email,
                properties("support@example.com", 8).sender(),
                Instant.parse("2026-01-02T03:04:05Z"));
        message.saveChanges();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        message.writeTo(written);
        String head = written.toString(StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];

        assertThat(head.lines().map(line -> line.split(":", 2)[0]))
                .as(head)
                .noneMatch(name -> name.equalsIgnoreCase("Bcc")
                        || name.equalsIgnoreCase("Cc")
                        || name.equalsIgnoreCase("X-Injected"));
        assertThat(message.getSubject()).isEqualTo("Hi X-Injected: yes Cc: intruder@evil.test");
        assertThat(message.getAllRecipients()).hasSize(1);
        assertThat(message.getHeader("In-Reply-To", null)).isEqualTo("<ticket-12@example.com>");
        assertThat(message.getHeader("References", null)).isEqualTo("<ticket-12@example.com>");
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(message.getHeader(NotificationMail.CORRELATION_HEADER, null))
                .isEqualTo(email.correlationId().toString());
    }

    @Test
    void anAddressThatIsNoAddressIsRefusedBeforeAnythingIsSent() {
        NotificationOutbox.Claimed email = new NotificationOutbox.Claimed(
                8, UUID.randomUUID(), 12, "not an address", null, "S", "T", null, "<notification-8.ticket-12@x>", 1);

        assertThatThrownBy(() -> NotificationMail.write(
                        new MimeMessage(Session.getInstance(new Properties())),
                        email,
                        properties("support@example.com", 8).sender(),
                        Instant.now()))
                .isInstanceOf(jakarta.mail.internet.AddressException.class);
    }
}
