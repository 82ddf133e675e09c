package io.sidedesk.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered ({@code sidedesk.webhooks.*}). Checked at start-up.
 *
 * @param allowedHosts    {@code SIDEDESK_WEBHOOKS_ALLOWED_HOSTS}: host names, addresses and CIDR ranges an endpoint
 *                        may reach although they are private (internal receivers); empty by default
 * @param timeout         how long one request may take (connecting, then waiting for the answer)
 * @param maxAttempts     attempts at one invocation before it is {@code failed}
 * @param initialBackoff  the wait after the first failed attempt, doubled after each further one
 * @param maxBackoff      the longest wait between two attempts (a {@code Retry-After} may ask for longer, up to 6 h)
 * @param breakerThreshold failed attempts in a row after which a webhook's circuit opens
 * @param breakerCooldown how long it stays open the first time (doubled each time it opens again, at most 1 h)
 * @param senders         threads sending on each instance (each sends one webhook's batch at a time)
 * @param perWebhookBatch invocations of one webhook claimed at once, sent one after another
 * @param lease           how long claimed invocations are left to their sender before another may try them
 * @param pollInterval    how often each instance looks for due invocations besides being woken by commits
 */
@ConfigurationProperties("sidedesk.webhooks")
record WebhookProperties(
        @DefaultValue("") List<String> allowedHosts,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("20") int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("2h") Duration maxBackoff,
        @DefaultValue("10") int breakerThreshold,
        @DefaultValue("1m") Duration breakerCooldown,
        @DefaultValue("4") int senders,
        @DefaultValue("10") int perWebhookBatch,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("5s") Duration pollInterval) {

    /** The longest a {@code Retry-After} may hold an invocation back. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(6);

    /** The longest a circuit stays open before its probe. */
    static final Duration LONGEST_COOLDOWN = Duration.ofHours(1);

    WebhookProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        if (maxAttempts < 1 || breakerThreshold < 1 || senders < 1 || perWebhookBatch < 1) {
            throw new IllegalArgumentException("sidedesk.webhooks.max-attempts, breaker-threshold, senders and "
                    + "per-webhook-batch must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero() || lease.compareTo(timeout.multipliedBy(perWebhookBatch)) <= 0) {
            throw new IllegalArgumentException("sidedesk.webhooks.timeout (" + timeout + ") must be positive, and "
                    + "sidedesk.webhooks.lease (" + lease + ") longer than per-webhook-batch requests take at most");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || breakerCooldown.isNegative()) {
            throw new IllegalArgumentException("sidedesk.webhooks.initial-backoff (" + initialBackoff + ") must be at "
                    + "most sidedesk.webhooks.max-backoff (" + maxBackoff + "), and breaker-cooldown not negative");
        }
    }

    /**
     * The wait after the {@code attempts}-th failed attempt: {@code initialBackoff} doubled, at most {@code
     * maxBackoff}, times {@code jitter} (0.8 to 1.2); at least {@code retryAfter} when the endpoint asked for it.
     */
    Duration backoff(int attempts, double jitter, Duration retryAfter) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        wait = wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        wait = Duration.ofMillis(Math.round(wait.toMillis() * jitter));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        return wait;
    }

    /** How long a circuit stays open the {@code opens}-th time in a row. */
    Duration cooldown(int opens) {
        Duration wait = breakerCooldown;
        for (int i = 1; i < opens && wait.compareTo(LONGEST_COOLDOWN) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_COOLDOWN) > 0 ? LONGEST_COOLDOWN : wait;
    }
}
