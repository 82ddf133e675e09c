package io.sidedesk.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.web.filter.OncePerRequestFilter;

import io.sidedesk.access.Actor;

/**
 * Zendesk's account rate limit on the API, after authentication and before the request is read: each
 * authenticated request spends one of the account's budget per minute ({@code X-Rate-Limit-Remaining}
 * shows what is left); past it the answer is 429 with {@code Retry-After} in seconds. The limit on updates
 * of one ticket is {@link TicketUpdateLimit}, which needs the route.
 */
class RateLimitFilter extends OncePerRequestFilter {

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
            problems.write(request, response, account.getNanosToWaitForRefill(),
                    "The account's API rate limit of " + limits.accountLimit() + " requests per minute is spent");
            return;
        }
        chain.doFilter(request, response);
    }
}
