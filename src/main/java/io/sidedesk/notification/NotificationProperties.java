package io.sidedesk.notification;

import java.time.Duration;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are sent ({@code sidedesk.mail.*}); the SMTP server itself is Spring's {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, ...). Checked at start-up: a sender address that is not one stops the start.
 *
 * @param from         the sender, {@code SIDEDESK_MAIL_FROM}: an address, or {@code Name <address>}; its domain
 *                     names the messages ({@code Message-ID}, the ticket's thread)
 * @param maxAttempts  attempts at one email before it is {@code failed}
 * @param firstRetry   the wait after the first failed attempt, doubled after each further one
 * @param longestRetry the longest wait between two attempts
 * @param pollInterval how often each sender looks for due emails besides being woken after each commit (retries,
 *                     and emails another instance queued and could not send)
 * @param batchSize    emails claimed at once (sent over one SMTP connection)
 * @param lease        how long a claimed email is left to its sender before another may try it (a sender that died)
 */
@ConfigurationProperties("sidedesk.mail")
record NotificationProperties(
        @DefaultValue("sidedesk@localhost") String from,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("15s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("10m") Duration lease) {

    NotificationProperties {
        sender(from);
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("sidedesk.mail.max-attempts and sidedesk.mail.batch-size must be at "
                    + "least 1 (" + maxAttempts + ", " + batchSize + ")");
        }
        if (firstRetry.isNegative() || longestRetry.compareTo(firstRetry) < 0 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("sidedesk.mail.first-retry (" + firstRetry + ") must be at most "
                    + "sidedesk.mail.longest-retry (" + longestRetry + "), and sidedesk.mail.lease (" + lease
                    + ") positive");
        }
    }

    /** The sender's address. */
    InternetAddress sender() {
        return sender(from);
    }

    /** The part after the {@code @} of the sender's address. */
    String domain() {
        String address = sender().getAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** The wait after the {@code attempts}-th failed attempt: {@code firstRetry} doubled, at most {@code longestRetry}. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(longestRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestRetry) > 0 ? longestRetry : wait;
    }

    private static InternetAddress sender(String from) {
        try {
            InternetAddress address = new InternetAddress(from == null ? "" : from.strip(), true);
            if (address.getAddress() == null || !address.getAddress().contains("@")) {
                throw new AddressException("no domain", from);
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "sidedesk.mail.from (SIDEDESK_MAIL_FROM) must be an email address, as sidedesk@example.com or "
                            + "\"Support <support@example.com>\"; '" + from + "' is not one (" + e.getMessage() + ")",
                    e);
        }
    }
}
