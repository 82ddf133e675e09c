package io.sidedesk.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trusted proxies (docs/RULES.md): {@code SIDEDESK_TRUSTED_PROXIES} takes CIDR ranges or nothing; anything else
 * stops the start.
 */
class TrustedProxiesTests {

    @Test
    void cidrRangesOrNothingAreAccepted() {
        for (String ranges : new String[] {"", " ", "10.0.0.0/8", "10.0.0.0/8, 192.0.2.7/32", "::1/128,127.0.0.1/32"}) {
            assertThatCode(() -> new TrustedProxies(ranges)).as(ranges).doesNotThrowAnyException();
        }
    }

    @Test
    void anythingElseStopsTheStartNamingTheSetting() {
        for (String ranges :
                new String[] {"10.0.0.5", "10\\.0\\.0\\.\\d+", "10.0.0.0/8, proxy.local", "10.0.0.0/40", "any/8"}) {
            assertThatThrownBy(() -> new TrustedProxies(ranges))
                    .as(ranges)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SIDEDESK_TRUSTED_PROXIES");
        }
    }
}
