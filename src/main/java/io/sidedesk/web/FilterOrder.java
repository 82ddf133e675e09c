package io.sidedesk.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;

/**
 * The service's servlet filters, in the order a request meets them, and why each stands where it does. Security
 * depends on this order: nothing reads a body before the caller is authenticated, and nothing spends a budget for
 * a caller who is not.
 */
public final class FilterOrder {

    /**
     * {@code RequestIdFilter}: first, so that every answer (any later refusal included) and every log line carry
     * {@code X-Request-Id}.
     */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

    /**
     * {@code DatabaseUnavailableFilter}: around every filter that reaches the database, so that an outage is a 503
     * with {@code Retry-After} there too.
     */
    public static final int DATABASE_UNAVAILABLE = Ordered.HIGHEST_PRECEDENCE + 1;

    /**
     * {@code JsonSuffixFilter}: before security and routing see the path, so that both read {@code /tickets/1.json} as
     * {@code /tickets/1}.
     */
    public static final int JSON_SUFFIX = Ordered.HIGHEST_PRECEDENCE + 10;

    /**
     * {@code RateLimitHeadersFilter}: around authentication, so that its refusals carry the rate headers too.
     */
    public static final int RATE_LIMIT_HEADERS = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;

    /**
     * Spring Security's chain (authentication, CORS, security headers), at Spring Boot's default order.
     */
    public static final int SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

    /**
     * {@code RateLimitFilter}: after authentication, which names whose budget a request spends, and before the body is
     * read or a transaction begins.
     */
    public static final int RATE_LIMIT = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 50;

    /**
     * {@code RequestContentFilter}: after authentication, so that anonymous callers never make the service read a
     * body; before anything else reads it.
     */
    public static final int REQUEST_CONTENT = 0;

    /**
     * {@code IdempotencyFilter}: last, on a request already authenticated, limited and checked: keys are per user, and
     * a refused request stores nothing.
     */
    public static final int IDEMPOTENCY = 10;

    private FilterOrder() {}
}
