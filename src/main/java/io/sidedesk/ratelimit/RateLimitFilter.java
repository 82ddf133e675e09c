package io.sidedesk.ratelimit;

import java.io.IOException;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.sidedesk.access.Actor;
import io.sidedesk.web.DecimalIds;

/**
 * Zendesk's rate limits on the API, after authentication and before the request is read or any transaction
 * begins (a bucket's reconciliation takes a connection of its own): each authenticated request spends one of
 * the account's budget per minute ({@code X-Rate-Limit-Remaining} shows what is left); past it, or past 30
 * updates of one ticket by one user in 10 minutes, the answer is 429 with {@code Retry-After} in seconds.
 *
 * <p>The update limit counts the ticket the update route reaches: the path is matched as Spring MVC matches
 * it (segments decoded) and the id read by the one rule handlers use ({@link DecimalIds}), so every spelling
 * that reaches a ticket ({@code %31%32}, {@code 012}, {@code 12.json}) spends the same bucket, and one that
 * reaches none spends nothing.
 */
class RateLimitFilter extends OncePerRequestFilter {

    // The .json suffix is already gone (JsonSuffixFilter runs first).
    private static final PathPattern TICKET = PathPatternParser.defaultInstance.parse("/api/v2/tickets/{id}");

    private final RateLimits limits;
    private final TooManyRequests problems;

    RateLimitFilter(RateLimits limits, TooManyRequests problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor actor = Actor.current().orElse(null);
        if (actor == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe account = limits.account();
        response.setHeader("X-Rate-Limit-Remaining", String.valueOf(account.getRemainingTokens()));
        if (!account.isConsumed()) {
            problems.write(
                    request,
                    response,
                    account.getNanosToWaitForRefill(),
                    "The account's API rate limit of " + limits.accountLimit() + " requests per minute is spent");
            return;
        }
        Long ticketId = "PUT".equals(request.getMethod()) ? updatedTicket(request) : null;
        if (ticketId != null) {
            ConsumptionProbe update = limits.ticketUpdate(actor.userId(), ticketId);
            if (!update.isConsumed()) {
                problems.write(
                        request,
                        response,
                        update.getNanosToWaitForRefill(),
                        "You have updated this ticket too often; wait before updating it again");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The id of the ticket a {@code PUT /api/v2/tickets/{id}} reaches, or null (another path, or no id at all). */
    private static Long updatedTicket(HttpServletRequest request) {
        PathPattern.PathMatchInfo match = TICKET.matchAndExtract(PathContainer.parsePath(request.getRequestURI()));
        if (match == null) {
            return null;
        }
        try {
            return DecimalIds.parse(match.getUriVariables().get("id"));
        } catch (IllegalArgumentException notAnId) {
            return null; // the handler answers 404: nothing is updated
        }
    }
}
