package io.sidedesk.ratelimit;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import io.sidedesk.access.LoginFailures;
import io.sidedesk.web.FilterOrder;
import io.sidedesk.web.ProblemWriter;

/**
 * Rate limits and the count of failed logins, in PostgreSQL through Bucket4j ({@code rate_limit_buckets}).
 * None of it acts when {@code sidedesk.rate-limits.enabled} is false: no filter is registered (no limits, no headers),
 * failed logins are not counted, and no bucket is ever read. That is read at every start, not by a condition on
 * these beans, which Spring AOT would decide once, at build time ({@code jvm.options}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** Buckets refill on the service's clock (a test sets it), read to the millisecond as Bucket4j's default does. */
    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource, Clock clock) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .clientClock(new ClockTimeMeter(clock))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    RateLimits rateLimits(
            PostgreSQLSelectForUpdateBasedProxyManager<String> buckets, RateLimitProperties properties, Clock clock) {
        return new RateLimits(buckets, properties, new ClockTimeMeter(clock));
    }

    /** Failed authentications per email and client address, and per client address (Spring Security asks). */
    @Bean
    LoginFailures loginFailures(RateLimits limits, RateLimitProperties properties) {
        if (!properties.enabled()) {
            return LoginFailures.NONE;
        }
        return new LoginFailures() {

            @Override
            public long blockedFor(String email, String address) {
                return limits.loginBlockedForSeconds(email, address);
            }

            @Override
            public long failed(String email, String address) {
                return limits.loginFailed(email, address);
            }
        };
    }

    @Bean
    FilterRegistrationBean<RateLimitHeadersFilter> rateLimitHeadersFilter(
            RateLimits limits, RateLimitProperties properties) {
        return registered(new RateLimitHeadersFilter(limits), FilterOrder.RATE_LIMIT_HEADERS, properties);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
            RateLimits limits, ProblemWriter problems, RateLimitProperties properties) {
        return registered(
                new RateLimitFilter(limits, new TooManyRequests(problems)), FilterOrder.RATE_LIMIT, properties);
    }

    /** The filter in the servlet container's chain only while the limits are on. */
    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registered(
            F filter, int order, RateLimitProperties properties) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.setEnabled(properties.enabled());
        return registration;
    }

    /** Buckets that have refilled to full are forgotten (a full bucket is what a new one is). */
    @Bean
    ExpiredBuckets expiredBuckets(
            PostgreSQLSelectForUpdateBasedProxyManager<String> buckets, RateLimitProperties properties) {
        return new ExpiredBuckets(buckets, properties.enabled());
    }

    static class ExpiredBuckets {

        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
        private final boolean enabled;

        ExpiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets, boolean enabled) {
            this.buckets = buckets;
            this.enabled = enabled;
        }

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
        void remove() {
            while (enabled && buckets.removeExpired(1000) == 1000) {
                // another batch
            }
        }
    }
}
