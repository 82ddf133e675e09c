package io.sidedesk.webhook;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF guard (the allow-list read at start-up: a bad entry stops it) and the HTTP transport it guards. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    EndpointGuard endpointGuard(WebhookProperties properties) {
        return new EndpointGuard(properties.allowedHosts());
    }

    @Bean
    WebhookTransport webhookTransport(EndpointGuard guard, WebhookProperties properties, Clock clock) {
        // Retry-After dates are read on the service's clock, as every due time is.
        return new WebhookTransport(guard, properties.timeout(), properties.senders() * 2 + 4, clock);
    }
}
