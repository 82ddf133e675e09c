package io.sidedesk.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code sidedesk.rate-limits.*}), Zendesk's by default. All of them, and their headers, are
 * off with {@code SIDEDESK_RATE_LIMITS_ENABLED=false}.
 *
 * @param enabled              whether any limit applies
 * @param accountPerMinute     API requests per minute for the account (Zendesk Enterprise: 700)
 * @param ticketUpdates        {@code PUT /api/v2/tickets/{id}} per user and ticket in {@code ticketUpdatesPeriod}
 * @param ticketUpdatesPeriod  the window of {@code ticketUpdates} (Zendesk: 30 per 10 minutes)
 * @param failedLoginsPerMinute failed authentications per minute of one email from one client address, and
 *                             of one address, answered 401; beyond, 429 until the window refills (at most a
 *                             minute), that email from that address before its credentials are checked
 * @param syncInterval         how long an instance may serve a limit from its local copy before it
 *                             reconciles with PostgreSQL (the other instances' share)
 */
@ConfigurationProperties("sidedesk.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("700") int accountPerMinute,
        @DefaultValue("30") int ticketUpdates,
        @DefaultValue("10m") Duration ticketUpdatesPeriod,
        @DefaultValue("20") int failedLoginsPerMinute,
        @DefaultValue("1s") Duration syncInterval) {

    /**
     * The limits must each let something through, checked only while they apply: with them off the values are never
     * read, so a start does not fail on them.
     */
    RateLimitProperties {
        if (enabled) {
            requirePositive(
                    "account-per-minute (SIDEDESK_RATE_LIMIT_PER_MINUTE)", accountPerMinute > 0, accountPerMinute);
            requirePositive("ticket-updates", ticketUpdates > 0, ticketUpdates);
            requirePositive("failed-logins-per-minute", failedLoginsPerMinute > 0, failedLoginsPerMinute);
            requirePositive("ticket-updates-period", positive(ticketUpdatesPeriod), ticketUpdatesPeriod);
            requirePositive("sync-interval", positive(syncInterval), syncInterval);
        }
    }

    private static boolean positive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }

    private static void requirePositive(String name, boolean positive, Object value) {
        if (!positive) {
            throw new IllegalArgumentException(
                    "sidedesk.rate-limits." + name + " must be positive while the limits are on, not " + value);
        }
    }
}
