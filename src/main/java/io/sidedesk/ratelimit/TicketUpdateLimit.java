package io.sidedesk.ratelimit;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import io.sidedesk.access.Actor;
import io.sidedesk.web.DecimalIds;

/**
 * Zendesk's limit on updates of one ticket by one user (30 in 10 minutes by default). It counts the ticket the
 * update is routed to, read from the matched route as the handler reads it (decoded, then parsed by
 * {@link DecimalIds}), so every spelling of the path that reaches a ticket ({@code %31%32}, {@code 012},
 * {@code 12.json}) spends the same bucket, and a spelling that reaches none spends nothing.
 */
class TicketUpdateLimit implements HandlerInterceptor {

    static final String ROUTE = "/api/v2/tickets/{id}";

    private final RateLimits limits;
    private final TooManyRequests problems;

    TicketUpdateLimit(RateLimits limits, TooManyRequests problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Long ticketId = "PUT".equals(request.getMethod()) ? routedTicket(request) : null;
        Actor actor = Actor.current().orElse(null);
        if (ticketId == null || actor == null) {
            return true;
        }
        ConsumptionProbe update = limits.ticketUpdate(actor.userId(), ticketId);
        if (update.isConsumed()) {
            return true;
        }
        problems.write(request, response, update.getNanosToWaitForRefill(),
                "You have updated this ticket too often; wait before updating it again");
        return false;
    }

    /** The ticket id of a request routed to the ticket update, or null (another route, or no id at all). */
    private static Long routedTicket(HttpServletRequest request) {
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (route == null || !ROUTE.equals(route.toString())
                || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                || !(variables.get("id") instanceof String id)) {
            return null;
        }
        try {
            return DecimalIds.parse(id);
        } catch (IllegalArgumentException notAnId) {
            return null; // the handler answers 404: nothing was updated
        }
    }
}
