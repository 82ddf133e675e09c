package io.sidedesk.notification;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;

import io.sidedesk.notification.NotificationOutbox.Attempt;
import io.sidedesk.notification.NotificationOutbox.Claimed;
import io.sidedesk.web.Rounds;

/**
 * Sends the outbox's due emails over SMTP, on a thread of its own: woken after each commit that queued emails on this
 * instance, and every {@code poll-interval} for retries and for emails that an instance queued and could not send
 * before it stopped. Claims are exclusive across instances ({@link NotificationOutbox}), so an email is sent once,
 * unless a sender dies between sending it and recording that (then it is sent again after the lease: at least once).
 * Exists only where a mail server is configured ({@link MailConfiguration}).
 */
class NotificationSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final NotificationOutbox outbox;
    private final JavaMailSender mail;
    private final NotificationProperties properties;
    private final Clock clock;
    private final String password;
    private final Rounds rounds = new Rounds("notification-sender", this::sendDue);

    NotificationSender(
            NotificationOutbox outbox,
            JavaMailSender mail,
            NotificationProperties properties,
            Clock clock,
            String password) {
        this.outbox = outbox;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.password = password;
    }

    /** A round of sending soon, on the sender's thread; wakes while one round waits to start make no other. */
    void wake() {
        rounds.wake();
    }

    /** The periodic look for due emails: retries, and emails that an instance queued and did not send. */
    @Scheduled(
            fixedDelayString = "${sidedesk.mail.poll-interval:15s}",
            initialDelayString = "${sidedesk.mail.poll-interval:15s}")
    void poll() {
        wake();
    }

    /** Sends every email due now, a batch at a time: how many were attempted. */
    int sendDue() {
        int attempted = 0;
        List<Claimed> batch;
        do {
            batch = outbox.claim();
            if (!batch.isEmpty()) {
                List<Attempt> attempts = send(batch);
                for (Attempt failed : outbox.record(attempts)) {
                    log.warn(
                            "Gave up on notification {} about ticket {} after {} attempts: {}",
                            failed.email().id(),
                            failed.email().ticketId(),
                            failed.email().attempts(),
                            failed.error());
                }
                attempted += batch.size();
            }
        } while (batch.size() == properties.batchSize());
        return attempted;
    }

    /** One attempt at each email of the batch, over one connection. */
    private List<Attempt> send(List<Claimed> batch) {
        List<Attempt> attempts = new ArrayList<>();
        Map<MimeMessage, Claimed> messages = new IdentityHashMap<>();
        List<MimeMessage> order = new ArrayList<>();
        InternetAddress from = properties.sender();
        Instant now = clock.instant();
        for (Claimed email : batch) {
            try {
                MimeMessage message = NotificationMail.write(mail.createMimeMessage(), email, from, now);
                messages.put(message, email);
                order.add(message);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                attempts.add(new Attempt(email, describe(e), true)); // a bad address: no retry mends it
            }
        }
        if (order.isEmpty()) {
            return attempts;
        }
        Map<Object, Exception> failed = Map.of();
        String allFailed = null;
        try {
            mail.send(order.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Keyed by message; none when only closing the connection failed, after every message went.
            failed = e.getFailedMessages();
        } catch (MailException e) {
            allFailed = describe(e);
        }
        int failures = 0;
        String first = allFailed;
        for (MimeMessage message : order) {
            Exception error = failed.get(message);
            String reason = error != null ? describe(error) : allFailed;
            if (reason == null) {
                attempts.add(Attempt.sent(messages.get(message)));
            } else {
                attempts.add(new Attempt(messages.get(message), reason, false));
                failures++;
                first = first == null ? reason : first;
            }
        }
        if (failures > 0) {
            log.warn(
                    "Could not send {} of {} notifications (each is tried again after its wait, up to max-attempts): {}",
                    failures,
                    order.size(),
                    first);
        }
        return attempts;
    }

    /** The innermost cause, short and without the SMTP password. */
    private String describe(Exception e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return password == null || password.isEmpty() ? text : text.replace(password, "[password]");
    }

    @Override
    public void destroy() {
        rounds.close();
    }
}
