package io.sidedesk.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A response that carries a secret (an API token's value), which is shown once and never kept. A controller
 * marks its response with what a repeat of the request should be told instead; whatever stores responses for
 * replay (idempotency keys) stores that in place of the response.
 */
public final class SecretResponse {

    private static final String ATTRIBUTE = SecretResponse.class.getName();

    private SecretResponse() {}

    /** Marks the current request's response as secret; {@code onRepeat} is the detail a repeat is answered with. */
    public static void mark(String onRepeat) {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        request.setAttribute(ATTRIBUTE, onRepeat, RequestAttributes.SCOPE_REQUEST);
    }

    /** What a repeat of this request is told instead of its secret response, or null when it is not secret. */
    public static String onRepeat(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String detail ? detail : null;
    }
}
