package io.sidedesk.web;

import org.apache.catalina.util.NetMaskSet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks {@code sidedesk.trusted-proxies} at start-up: CIDR ranges, comma-separated ({@code 10.0.0.0/8,
 * 192.0.2.7/32}), or nothing. Tomcat would read a value without a {@code /} as a regular expression, in which a
 * dot matches any character: a typo there would trust addresses nobody meant to, so it is refused instead.
 */
@Component
class TrustedProxies {

    TrustedProxies(@Value("${sidedesk.trusted-proxies:}") String ranges) {
        if (ranges.isBlank()) {
            return;
        }
        for (String range : ranges.split(",")) {
            if (!range.strip().contains("/")) {
                throw new IllegalStateException(
                        "sidedesk.trusted-proxies (SIDEDESK_TRUSTED_PROXIES) takes CIDR ranges, comma-separated; '"
                                + range.strip() + "' is not one (a single address is written 192.0.2.7/32)");
            }
        }
        try {
            NetMaskSet.parse(ranges);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "sidedesk.trusted-proxies (SIDEDESK_TRUSTED_PROXIES) is not a list of CIDR ranges: "
                            + e.getMessage(),
                    e);
        }
    }
}
