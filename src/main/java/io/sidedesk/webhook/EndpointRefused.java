package io.sidedesk.webhook;

import java.net.UnknownHostException;

/**
 * A request refused by the SSRF rule ({@link EndpointGuard}). An UnknownHostException, so that an HTTP client asking
 * the guard for addresses stops as it would for a host without any; its message says why, naming no credentials.
 */
final class EndpointRefused extends UnknownHostException {

    EndpointRefused(String message) {
        super(message);
    }
}
