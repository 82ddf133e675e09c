package io.sidedesk.ratelimit;

import java.util.Map;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sidedesk.rate-limits.*} as a start binds them: checked while the limits are on, left alone while they are
 * off (a deployment that turns them off may leave {@code SIDEDESK_RATE_LIMIT_PER_MINUTE=0} behind).
 */
class RateLimitPropertiesTests {

    private static RateLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("sidedesk.rate-limits", RateLimitProperties.class);
    }

    @Test
    void offNoValueIsCheckedAndNoBucketIsMade() {
        RateLimitProperties off = bind(Map.of(
                "sidedesk.rate-limits.enabled", "false",
                "sidedesk.rate-limits.account-per-minute", "0",
                "sidedesk.rate-limits.ticket-updates", "-1",
                "sidedesk.rate-limits.ticket-updates-period", "-1s",
                "sidedesk.rate-limits.failed-logins-per-minute", "0",
                "sidedesk.rate-limits.sync-interval", "0s"));

        assertThat(off.accountPerMinute()).isZero();
        // No proxy manager: with the limits off, nothing is asked of it.
        assertThat(new RateLimits(null, off, TimeMeter.SYSTEM_MILLISECONDS).accountLimit())
                .isZero();
    }

    @Test
    void onEveryLimitMustLetSomethingThroughAndTheErrorNamesIt() {
        Map<String, String> cases = Map.of(
                "account-per-minute", "0",
                "ticket-updates", "-3",
                "failed-logins-per-minute", "0",
                "ticket-updates-period", "0s",
                "sync-interval", "-1s");
        cases.forEach((name, value) -> assertThatThrownBy(() ->
                        bind(Map.of("sidedesk.rate-limits.enabled", "true", "sidedesk.rate-limits." + name, value)))
                .as(name)
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageStartingWith("sidedesk.rate-limits." + name)
                .hasMessageContaining(" must be positive while the limits are on, not "));
    }

    @Test
    void theAccountsLimitNamesTheSettingOperatorsSet() {
        assertThatThrownBy(() -> bind(Map.of("sidedesk.rate-limits.account-per-minute", "0")))
                .rootCause()
                .hasMessage("sidedesk.rate-limits.account-per-minute (SIDEDESK_RATE_LIMIT_PER_MINUTE) must be positive"
                        + " while the limits are on, not 0");
    }

    @Test
    void offNobodyMayAskForTheAccountsBudget() {
        RateLimits off = new RateLimits(
                null, bind(Map.of("sidedesk.rate-limits.enabled", "false")), TimeMeter.SYSTEM_MILLISECONDS);

        assertThatThrownBy(off::account)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rate limits are off");
    }

    @Test
    void theDefaultsAreZendesksAndOn() {
        RateLimitProperties defaults = bind(Map.of());

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.accountPerMinute()).isEqualTo(700);
        assertThat(defaults.ticketUpdates()).isEqualTo(30);
        assertThat(defaults.failedLoginsPerMinute()).isEqualTo(20);
    }
}
