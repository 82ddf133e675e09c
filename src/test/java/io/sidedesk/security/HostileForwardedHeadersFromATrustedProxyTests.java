package io.sidedesk.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.sidedesk.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input and trusted proxies (docs/RULES.md): hostile forwarded headers from a trusted proxy (loopback is
 * configured as one). The service follows what its proxy vouches for, but a value no proxy would send never fails it,
 * and every link it builds from one is still a well-formed absolute URL (or the request is refused as a problem).
 */
@TestPropertySource(
        properties = {"sidedesk.trusted-proxies=127.0.0.1/32,::1/128", "spring.datasource.hikari.maximum-pool-size=3"})
class HostileForwardedHeadersFromATrustedProxyTests extends ForwardedHeadersSupport {

    @Test
    void hostileForwardedHeadersFromATrustedProxyNeverFailTheServiceNorBreakALink() {
        sendHostileForwardedHeaders("forwarded headers from a trusted proxy", seed() * 10_000);
    }

    /** The premise: in this context, what loopback forwards is followed (so the property above is not vacuous). */
    @Test
    void theTrustedProxysForwardedHostAndProtoReachTheLinks() {
        Api.Response me = admin().withHeader("X-Forwarded-Host", "proxied.example")
                .withHeader("X-Forwarded-Proto", "https")
                .get("/api/v2/users/me");

        assertThat(me.json().at("/user/url").asString())
                .as(me.toString())
                .startsWith("https://proxied.example/api/v2/users/");
    }

    @Override
    List<String> violations(String marker, Map<String, String> forwarded, RawResponse response) {
        return List.of();
    }
}
