package io.sidedesk.notification;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * A notification as an email: {@code multipart/alternative} (text, then HTML; text alone when it has no HTML) from
 * the configured sender to the recipient, threaded per ticket ({@code In-Reply-To} and {@code References} name the
 * ticket's thread, {@code <ticket-{id}@{domain}>}), marked {@code Auto-Submitted: auto-generated} so that
 * auto-responders stay quiet, and carrying its correlation id. Subject and names are put on one line first: a CR or
 * LF in them never starts a header of its own.
 */
final class NotificationMail {

    static final String CORRELATION_HEADER = "X-Sidedesk-Correlation-Id";

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private NotificationMail() {}

    /** Writes the claimed email into {@code message} (a new one of the mail sender's session), sent at {@code now}. */
    static MimeMessage write(MimeMessage message, NotificationOutbox.Claimed email, InternetAddress from, Instant now)
            throws MessagingException, UnsupportedEncodingException {
        message.setFrom(from);
        InternetAddress to = new InternetAddress(email.recipientEmail().strip(), true);
        if (email.recipientName() != null && !email.recipientName().isBlank()) {
            to.setPersonal(oneLine(email.recipientName()).strip(), UTF_8);
        }
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(oneLine(email.subject()), UTF_8);
        message.setSentDate(Date.from(now));
        if (email.htmlBody() == null) {
            message.setText(email.textBody(), UTF_8);
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.textBody(), UTF_8);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.htmlBody(), UTF_8, "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        }
        String thread = "<ticket-" + email.ticketId() + "@" + domain(email.messageId()) + ">";
        // Spring's sender keeps a Message-ID set here instead of making its own.
        message.setHeader("Message-ID", email.messageId());
        message.setHeader("In-Reply-To", thread);
        message.setHeader("References", thread);
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader(CORRELATION_HEADER, email.correlationId().toString());
        return message;
    }

    /** The text with control characters (CR and LF among them) and line separators as spaces. */
    static String oneLine(String text) {
        return CONTROL.matcher(text).replaceAll(" ");
    }

    /** The domain the Message-ID was made with ({@code <notification-1.ticket-2@example.com>}). */
    private static String domain(String messageId) {
        return messageId.substring(messageId.lastIndexOf('@') + 1, messageId.length() - 1);
    }
}
