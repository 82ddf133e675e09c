package io.sidedesk.ratelimit;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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
 * None of it exists when {@code sidedesk.rate-limits.enabled} is false: no limits, no headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnBooleanProperty(name = "sidedesk.rate-limits.enabled", matchIfMissing = true)
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
    LoginFailures loginFailures(RateLimits limits) {
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
    FilterRegistrationBean<RateLimitHeadersFilter> rateLimitHeadersFilter(RateLimits limits) {
        return registered(new RateLimitHeadersFilter(limits), FilterOrder.RATE_LIMIT_HEADERS);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits, ProblemWriter problems) {
        return registered(new RateLimitFilter(limits, new TooManyRequests(problems)), FilterOrder.RATE_LIMIT);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registered(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }

    /** Buckets that have refilled to full are forgotten (a full bucket is what a new one is). */
    @Bean
    ExpiredBuckets expiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        return new ExpiredBuckets(buckets);
    }

    static class ExpiredBuckets {

        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        ExpiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
            this.buckets = buckets;
        }

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
        void remove() {
            while (buckets.removeExpired(1000) == 1000) {
                // another batch
            }
        }
    }
}
