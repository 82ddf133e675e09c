package io.sidedesk.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;

/**
 * The token buckets behind the limits, kept in PostgreSQL by Bucket4j so that they hold across
 * instances. Each instance serves a bucket from a local copy (its proxy, kept while in use) and
 * reconciles it at least every {@code syncInterval} or after a tenth of its capacity, so a request costs
 * no database round trip in steady state. Failed-login buckets reconcile after every failure (they are
 * rare, and must add up across instances). Time is the service's clock, the proxy manager's too, so that the
 * local copies and PostgreSQL refill alike.
 */
class RateLimits {

    private static final long MAX_PROXIES = 100_000;

    private final ProxyManager<String> buckets;
    private final RateLimitProperties properties;
    private final TimeMeter time;
    private final BucketProxy account;
    private final Cache<String, BucketProxy> ticketUpdates;
    private final Cache<String, BucketProxy> logins;

    RateLimits(ProxyManager<String> buckets, RateLimitProperties properties, TimeMeter time) {
        this.buckets = buckets;
        this.properties = properties;
        this.time = time;
        // With the limits off nothing is limited: no bucket is made and no value is read (none was checked).
        boolean on = properties.enabled();
        this.account = on
                ? bucket(
                        "account",
                        properties.accountPerMinute(),
                        Duration.ofMinutes(1),
                        Math.max(1, properties.accountPerMinute() / 10))
                : null;
        this.ticketUpdates = Caffeine.newBuilder()
                .maximumSize(MAX_PROXIES)
                .expireAfterAccess(on ? properties.ticketUpdatesPeriod() : Duration.ofMinutes(1))
                .build();
        this.logins = Caffeine.newBuilder()
                .maximumSize(MAX_PROXIES)
                .expireAfterAccess(Duration.ofMinutes(1))
                .build();
    }

    int accountLimit() {
        return properties.accountPerMinute();
    }

    /** One API request of the account. */
    ConsumptionProbe account() {
        return creatingIfMissing(() -> accountBucket().tryConsumeAndReturnRemaining(1));
    }

    /** What is left of the account's budget, without spending any. */
    long accountRemaining() {
        return creatingIfMissing(() -> accountBucket().getAvailableTokens());
    }

    private BucketProxy accountBucket() {
        if (account == null) {
            throw new IllegalStateException("The rate limits are off: nothing may ask for the account's budget");
        }
        return account;
    }

    /** One update of a ticket by a user. */
    ConsumptionProbe ticketUpdate(long userId, long ticketId) {
        String key = "ticket-update:" + userId + ":" + ticketId;
        int limit = properties.ticketUpdates();
        BucketProxy bucket = ticketUpdates.get(
                key, k -> bucket(k, limit, properties.ticketUpdatesPeriod(), Math.max(1, limit / 10)));
        return creatingIfMissing(() -> bucket.tryConsumeAndReturnRemaining(1));
    }

    /** Seconds until this email may try again from this address; 0 when it may try now. */
    long loginBlockedForSeconds(String email, String address) {
        BucketProxy bucket = pairBucket(email, address);
        return seconds(
                creatingIfMissing(() -> bucket.estimateAbilityToConsume(1)).getNanosToWaitForRefill());
    }

    /**
     * Counts a failed login against its email from its address, and against its address: 0 while both have
     * budget left, else the seconds until the emptier one refills.
     */
    long loginFailed(String email, String address) {
        List<BucketProxy> buckets = new ArrayList<>();
        buckets.add(loginBucket("login-address:" + address));
        if (email != null) {
            buckets.add(pairBucket(email, address));
        }
        long nanos = 0;
        for (BucketProxy bucket : buckets) {
            ConsumptionProbe probe = creatingIfMissing(() -> bucket.tryConsumeAndReturnRemaining(1));
            if (!probe.isConsumed()) {
                nanos = Math.max(nanos, Math.max(1, probe.getNanosToWaitForRefill()));
            }
        }
        return seconds(nanos);
    }

    /**
     * A command on a bucket, asked again once if Bucket4j reports the bucket missing: the first commands on a new
     * bucket, arriving together, are batched, and a batch may fail them all for the bucket that only the first of them
     * creates (seen with two instances' first logins at once). Once created, the bucket is there to ask again.
     */
    static <T> T creatingIfMissing(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof io.github.bucket4j.distributed.proxy.BucketNotFoundException) {
                    return command.get();
                }
            }
            throw e;
        }
    }

    /** Whole seconds to wait, rounded up: {@code Retry-After}. */
    static long seconds(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private BucketProxy pairBucket(String email, String address) {
        return loginBucket("login-email-address:" + email + " " + address);
    }

    private BucketProxy loginBucket(String key) {
        return logins.get(key, k -> bucket(k, properties.failedLoginsPerMinute(), Duration.ofMinutes(1), 1));
    }

    private BucketProxy bucket(String key, int capacity, Duration period, long unsynchronizedTokens) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
        return buckets.builder()
                // Optimizations.delaying(...) with the service's clock instead of the system's.
                .withOptimization(new DelayOptimization(
                        new DelayParameters(unsynchronizedTokens, properties.syncInterval()),
                        NopeOptimizationListener.INSTANCE,
                        time))
                .build(key, () -> configuration);
    }
}
