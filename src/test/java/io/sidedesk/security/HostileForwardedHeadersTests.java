package io.sidedesk.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Hostile input and trusted proxies (docs/RULES.md): hostile forwarded headers from a client that is no trusted proxy
 * (none is, by default) never fail the service and reach no answer: no link, {@code url}, {@code Location} or OpenAPI
 * server names their host, and nothing else of them is echoed.
 */
class HostileForwardedHeadersTests extends ForwardedHeadersSupport {

    @Test
    void hostileForwardedHeadersFromAnUntrustedClientNeverFailTheServiceAndReachNoAnswer() {
        sendHostileForwardedHeaders("forwarded headers from an untrusted client", seed() * 9_000);
    }

    @Override
    List<String> violations(String marker, Map<String, String> forwarded, RawResponse response) {
        List<String> violations = new ArrayList<>();
        if (response.body().contains(marker) || response.headers().toString().contains(marker)) {
            violations.add("a forwarded value reached the answer");
        }
        return violations;
    }
}
